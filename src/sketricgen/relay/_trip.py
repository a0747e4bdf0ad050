"""One turn's trip through the relay: SketricGen's stream in, AG-UI events out."""

from __future__ import annotations

import asyncio
import json
import logging
from typing import TYPE_CHECKING, Any, Optional

from ag_ui.core import BaseEvent
from sketricgen_models import HitlDecision, HitlResume

from .._exceptions import (
    SketricGenAPIError,
    SketricGenError,
    SketricGenEventDecodeError,
    SketricGenIncompleteStreamError,
    SketricGenNetworkError,
    SketricGenValidationError,
)
from ..verify import AgUiOrderError, EventOrderVerifier
from ._encode import OutEvent, encode_event, fast_delta, raw_delta
from ._input import RelayTurn
from ._outbox import Outbox
from ._store import ThreadRecord
from ._translate import RunTranslator

if TYPE_CHECKING:
    from ._app import AgUiRelay

__all__ = ["Trip"]

logger = logging.getLogger("sketricgen.relay")


class Trip:
    """One turn's trip: SketricGen's stream in, AG-UI events into the outbox.

    Content deltas take a short cut (no model, the same bytes) when the
    message or tool call they continue was opened, and checked, by this run:
    the order verifier would pass them without changing its state.
    """

    def __init__(
        self,
        relay: AgUiRelay,
        turn: RelayTurn,
        record: Optional[ThreadRecord],
        contact_id: Optional[str],
        agent_id: str,
        asset_ids: list[str],
        outbox: Outbox,
    ) -> None:
        self.relay = relay
        self.turn = turn
        self.record = record
        self.contact_id = contact_id
        self.agent_id = agent_id
        self.asset_ids = asset_ids
        self.outbox = outbox
        self.translator = RunTranslator(turn.thread_id, turn.run_id)
        self.verifier = EventOrderVerifier() if relay.verify_output else None
        self.saved_conversation: Optional[str] = None
        self.open: set[tuple[str, str]] = set()  # (family, id) opened by the parent agent
        self.chunked = False  # a *_CHUNK event came: every event goes through the verifier

    async def produce(self) -> None:
        try:
            await self._relay()
        except asyncio.CancelledError:
            raise
        except SketricGenIncompleteStreamError:
            await self._fail("The agent's stream ended before the run did.", "incomplete_stream")
        except SketricGenEventDecodeError:
            await self._fail("The agent sent an event that could not be read.", "bad_event")
        except SketricGenAPIError as error:
            await self._fail(_api_message(error), "upstream_error")
        except SketricGenNetworkError as error:
            await self._fail(f"SketricGen could not be reached: {error}", "upstream_unreachable")
        except SketricGenValidationError as error:
            await self._fail(str(error), "invalid_request")
        except SketricGenError as error:
            await self._fail(str(error), "upstream_error")
        except Exception:
            logger.exception("relay: the run failed")
            await self._fail("The relay failed.", "relay_error")
        self.outbox.close()

    async def _relay(self) -> None:
        turn, relay = self.turn, self.relay
        resume = None
        if turn.answers and self.record is not None and self.record.pending_hitl is not None:
            resume = _hitl_resume(turn, self.record.pending_hitl.interrupt_ids,
                                  self.record.pending_hitl.request_id)  # fmt: skip
        stream = await relay.client.run_workflow(
            self.agent_id,
            turn.user_input,
            conversation_id=None if self.record is None else self.record.conversation_id,
            contact_id=self.contact_id,
            stream=True,
            assets=self.asset_ids or None,
            enable_hitl=True if resume is not None else relay.enable_hitl,
            hitl_resume=resume,
        )
        translator, opened = self.translator, self.open
        offer, put = self.outbox.offer, self.outbox.put
        async with stream:
            async for event in stream:
                data = event.data
                if translator.started:  # the short cut for the usual deltas
                    hit = raw_delta(data)
                    if hit is not None and (
                        self.verifier is None or (not self.chunked and hit[:2] in opened)
                    ):
                        if not offer(hit[2]):
                            await put(hit[2])
                        continue
                try:
                    payload = json.loads(data)
                except ValueError:
                    payload = event.json()  # raises the SDK's own decode error
                if type(payload) is not dict:
                    continue
                delta = fast_delta(payload) if translator.started else None
                if delta is not None and self._opened(delta):
                    await put(encode_event(delta))
                    continue
                await self._emit(translator.translate(payload))
                if translator.done:
                    break
        if not translator.done:
            await self._fail("The agent's stream ended before the run did.", "incomplete_stream")
        else:
            await self._remember()

    def _opened(self, delta: dict[str, Any]) -> bool:
        if self.verifier is None:
            return True
        family = _FAMILIES[delta["type"]]
        return not self.chunked and (family, delta[_ID_KEYS[family]]) in self.open

    async def _emit(self, events: list[OutEvent]) -> None:
        if self.saved_conversation is None and self.translator.conversation_id is not None:
            await self._remember()
        for event in events:
            if self.verifier is not None:
                try:
                    self.verifier.check(event)
                except AgUiOrderError as broken:
                    logger.warning("relay: SketricGen's stream broke AG-UI's order: %s", broken)
                    self.verifier = None
                    await self._fail(
                        "The agent's events broke AG-UI's order rules.", "invalid_event_order"
                    )
                    return
                self._track(event)
            await self.outbox.put(encode_event(event))

    def _track(self, event: OutEvent) -> None:
        """Note what a checked event opened or closed, for the deltas' short cut."""
        if not isinstance(event, BaseEvent):
            return
        kind = str(getattr(event.type, "value", event.type))
        if kind.endswith("_CHUNK"):
            self.chunked = True
        family = _OPENERS.get(kind)
        if family is not None:
            if getattr(event, "subagent_run_id", None) is None:
                self.open.add((family, getattr(event, _ATTRIBUTES[family])))
            return
        family = _CLOSERS.get(kind)
        if family is not None:
            self.open.discard((family, getattr(event, _ATTRIBUTES[family])))

    async def _fail(self, message: str, code: str) -> None:
        for event in self.translator.failure(message, code):
            await self.outbox.put(encode_event(event))

    async def _remember(self) -> None:
        conversation = self.translator.conversation_id
        if conversation is None:
            return
        self.saved_conversation = conversation
        record = ThreadRecord(
            conversation_id=conversation,
            agent_id=self.agent_id,
            contact_id=self.contact_id,
            pending_hitl=self.translator.pending_hitl,
        )
        await self.relay.store.save(self.turn.thread_id, record)


_FAMILIES = {
    "TEXT_MESSAGE_CONTENT": "text",
    "TOOL_CALL_ARGS": "tool",
    "REASONING_MESSAGE_CONTENT": "reasoning",
}
_OPENERS = {
    "TEXT_MESSAGE_START": "text",
    "TOOL_CALL_START": "tool",
    "REASONING_MESSAGE_START": "reasoning",
}
_CLOSERS = {
    "TEXT_MESSAGE_END": "text",
    "TOOL_CALL_END": "tool",
    "REASONING_MESSAGE_END": "reasoning",
}
_ID_KEYS = {"text": "messageId", "tool": "toolCallId", "reasoning": "messageId"}
_ATTRIBUTES = {"text": "message_id", "tool": "tool_call_id", "reasoning": "message_id"}


def _hitl_resume(turn: RelayTurn, order: tuple[str, ...], request_id: str) -> HitlResume:
    by_id = {answer.interrupt_id: answer for answer in turn.answers}
    decisions = [
        HitlDecision(type=by_id[i].decision, message=by_id[i].message)  # type: ignore[arg-type]
        for i in order
    ]
    return HitlResume(request_id=request_id, decisions=decisions)


def _api_message(error: SketricGenAPIError) -> str:
    return f"SketricGen answered {error.status_code}: the run could not start."
