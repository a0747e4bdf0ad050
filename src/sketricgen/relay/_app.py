"""`AgUiRelay`: the ASGI app between a browser's AG-UI client and SketricGen."""

from __future__ import annotations

import asyncio
import contextlib
import inspect
import json
import logging
from collections.abc import Awaitable, Iterable, Mapping
from typing import TYPE_CHECKING, Any, Callable, Optional, Union

from ag_ui.core import BaseEvent
from sketricgen_models import HitlDecision, HitlResume
from starlette.requests import ClientDisconnect, Request
from starlette.types import Receive, Scope, Send

from .._exceptions import (
    SketricGenAPIError,
    SketricGenError,
    SketricGenEventDecodeError,
    SketricGenFileError,
    SketricGenIncompleteStreamError,
    SketricGenNetworkError,
    SketricGenValidationError,
)
from .._files import inspect_file
from ..verify import AgUiOrderError, EventOrderVerifier
from ._encode import OutEvent, encode_event, fast_delta, raw_delta
from ._errors import RelayRequestError
from ._input import RelayTurn, parse_run_input
from ._outbox import Outbox
from ._store import InMemoryThreadStore, ThreadRecord, ThreadStore
from ._translate import RunTranslator

if TYPE_CHECKING:
    from ag_ui.core import RunAgentInput

    from .._client import SketricGenClient

__all__ = ["AgUiRelay"]

logger = logging.getLogger("sketricgen.relay")

ContactResolver = Callable[[Request], Union[Optional[str], Awaitable[Optional[str]]]]
Authorizer = Callable[[Request, "RunAgentInput"], Union[bool, Awaitable[bool]]]

HEARTBEAT = b": ping\n\n"
_SSE_HEADERS = [
    (b"content-type", b"text/event-stream; charset=utf-8"),
    (b"cache-control", b"no-cache, no-transform"),
    (b"x-accel-buffering", b"no"),
]


class AgUiRelay:
    """An ASGI app serving one SketricGen client as a standard AG-UI endpoint.

    `POST` a `RunAgentInput` (JSON) to the mount root; the answer streams the
    run's AG-UI events (`text/event-stream`). The wire contract is in
    `sketricgen.relay`'s docstring. Options:

    - `agent_id`: the agent to run; `allowed_agents`: agents the frontend may
      pick with `forwardedProps.agentId` (anything else is refused, `403`).
    - `store`: maps the frontend's `threadId` to SketricGen's conversation
      (`InMemoryThreadStore()` by default).
    - `resolve_contact_id(request)`: your application's user for this request,
      sent as `contact_id` (a thread stays with the user who started it).
    - `authorize(request, run_input)`: return False to refuse (`403`).
    - `enable_hitl`: send runs with human-in-the-loop tools (pauses become
      AG-UI interrupts).
    - `heartbeat_interval`: seconds of silence before a `: ping` comment.
    - `buffer_events`, `buffer_bytes`: how many events, and bytes, may wait
      between SketricGen and a slow browser; beyond either, reading from
      SketricGen pauses (one event always fits).
    - `max_request_bytes`: the largest body accepted (inline files included).
    - `verify_output`: check every event sent against AG-UI's order rules; a
      stream from SketricGen that would break them ends in `RUN_ERROR`.

    Hooks may be plain functions or coroutines, and may raise
    `RelayRequestError` to refuse with their own status.
    """

    def __init__(
        self,
        client: SketricGenClient,
        agent_id: Optional[str] = None,
        *,
        allowed_agents: Optional[Iterable[str]] = None,
        store: Optional[ThreadStore] = None,
        resolve_contact_id: Optional[ContactResolver] = None,
        authorize: Optional[Authorizer] = None,
        enable_hitl: bool = True,
        heartbeat_interval: float = 15.0,
        buffer_events: int = 64,
        buffer_bytes: int = 1024 * 1024,
        max_request_bytes: int = 32 * 1024 * 1024,
        verify_output: bool = True,
    ) -> None:
        if heartbeat_interval <= 0:
            raise SketricGenValidationError(
                "heartbeat_interval must be a number of seconds above 0",
                field="heartbeat_interval",
            )
        if buffer_events < 1:
            raise SketricGenValidationError(
                "buffer_events must be 1 or more", field="buffer_events"
            )
        if buffer_bytes < 1:
            raise SketricGenValidationError("buffer_bytes must be 1 or more", field="buffer_bytes")
        if max_request_bytes < 1:
            raise SketricGenValidationError(
                "max_request_bytes must be 1 or more", field="max_request_bytes"
            )
        if isinstance(allowed_agents, str):
            raise SketricGenValidationError(
                "allowed_agents is a list of agent ids, not one string", field="allowed_agents"
            )
        allowed = frozenset(allowed_agents or ())
        if not all(isinstance(agent, str) and agent for agent in allowed):
            raise SketricGenValidationError(
                "allowed_agents holds agent ids (non-empty strings)", field="allowed_agents"
            )
        if agent_id is None and not allowed:
            raise SketricGenValidationError(
                "give agent_id, or allowed_agents the frontend may choose from",
                field="agent_id",
            )
        self.client = client
        self.agent_id = agent_id
        self.allowed_agents = allowed
        self.store: ThreadStore = InMemoryThreadStore() if store is None else store
        self.resolve_contact_id = resolve_contact_id
        self.authorize = authorize
        self.enable_hitl = enable_hitl
        self.heartbeat_interval = heartbeat_interval
        self.buffer_events = buffer_events
        self.buffer_bytes = buffer_bytes
        self.max_request_bytes = max_request_bytes
        self.verify_output = verify_output

    def __repr__(self) -> str:
        return (
            f"AgUiRelay(agent_id={self.agent_id!r}, allowed_agents={sorted(self.allowed_agents)!r})"
        )

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "lifespan":
            await _lifespan(receive, send)
            return
        if scope["type"] != "http":
            return
        if scope["method"] != "POST":
            await _json(
                send, 405, "method_not_allowed", "POST a RunAgentInput", [(b"allow", b"POST")]
            )
            return
        request = Request(scope, receive)
        try:
            turn, record, contact_id, agent_id = await self._prepare(request)
            asset_ids = await self._upload(turn, agent_id)
        except RelayRequestError as refused:
            await _json(send, refused.status_code, refused.code, str(refused))
            return
        except ClientDisconnect:  # gone before its request was read: nothing was sent
            return
        await self._stream(receive, send, turn, record, contact_id, agent_id, asset_ids)

    # -- before anything is sent to SketricGen ---------------------------------

    async def _prepare(
        self, request: Request
    ) -> tuple[RelayTurn, Optional[ThreadRecord], Optional[str], str]:
        media_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
        if media_type != "application/json":
            # Also what keeps a cross-site form from posting here without a CORS preflight.
            raise RelayRequestError(
                "send the RunAgentInput as application/json",
                status_code=415,
                code="unsupported_media_type",
            )
        turn = parse_run_input(await self._body(request))
        if self.authorize is not None and not await _call(self.authorize, request, turn.run_input):
            raise RelayRequestError(
                "this request is not allowed", status_code=403, code="forbidden"
            )
        contact_id = None
        if self.resolve_contact_id is not None:
            contact_id = await _call(self.resolve_contact_id, request)
        agent_id = self._agent_for(turn)
        record = await self.store.load(turn.thread_id)
        if record is not None and record.contact_id != contact_id:
            raise RelayRequestError(
                "this thread belongs to another user", status_code=403, code="forbidden_thread"
            )
        if record is not None and record.agent_id != agent_id:
            record = None  # another agent: a new conversation on this thread
        if turn.answers:
            self._check_answers(turn, record)
        return turn, record, contact_id, agent_id

    async def _body(self, request: Request) -> bytes:
        declared = request.headers.get("content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.max_request_bytes:
            raise _too_large(self.max_request_bytes)
        body = bytearray()
        async for chunk in request.stream():
            body += chunk
            if len(body) > self.max_request_bytes:
                raise _too_large(self.max_request_bytes)
        return bytes(body)

    def _agent_for(self, turn: RelayTurn) -> str:
        props = turn.forwarded_props
        wanted = None
        if isinstance(props, Mapping):
            wanted = props.get("agentId", props.get("agent_id"))
        if wanted is None:
            if self.agent_id is None:
                raise RelayRequestError(
                    "choose an agent: forwardedProps.agentId", code="agent_required"
                )
            return self.agent_id
        if not isinstance(wanted, str) or wanted not in self.allowed_agents | {self.agent_id}:
            raise RelayRequestError(
                "this agent is not offered here", status_code=403, code="agent_not_allowed"
            )
        return wanted

    @staticmethod
    def _check_answers(turn: RelayTurn, record: Optional[ThreadRecord]) -> None:
        pending = None if record is None else record.pending_hitl
        if pending is None:
            raise RelayRequestError(
                "nothing to resume: this thread has no pending interrupt",
                status_code=409,
                code="no_pending_interrupt",
            )
        answered = [answer.interrupt_id for answer in turn.answers]
        if sorted(answered) != sorted(pending.interrupt_ids):
            raise RelayRequestError(
                "resume must answer each pending interrupt once: "
                + ", ".join(pending.interrupt_ids),
                code="invalid_resume",
            )

    async def _upload(self, turn: RelayTurn, agent_id: str) -> list[str]:
        """Upload the message's files, every one checked before the first is sent."""
        files: list[tuple[bytes, str, Optional[str]]] = []
        for attachment in turn.attachments:
            named_type = "." in attachment.file_name.strip(".")
            content_type = None if named_type else attachment.content_type
            try:
                inspect_file(attachment.data, file_name=attachment.file_name,
                             content_type=content_type)  # fmt: skip
            except SketricGenFileError as refused:
                raise RelayRequestError(str(refused), code="invalid_attachment") from None
            files.append((attachment.data, attachment.file_name, content_type))
        ids = list(turn.asset_ids)
        for data, file_name, content_type in files:
            try:
                uploaded = await self.client.upload_file(
                    agent_id, data, file_name=file_name, content_type=content_type
                )
            except SketricGenFileError as refused:
                raise RelayRequestError(str(refused), code="invalid_attachment") from None
            except SketricGenError as failed:
                logger.warning("relay: upload of an attachment failed: %s", failed)
                raise RelayRequestError(
                    f"the attachment could not be uploaded: {failed}",
                    status_code=502,
                    code="upload_failed",
                ) from None
            ids.append(uploaded.file_id)
        return ids

    # -- the stream ------------------------------------------------------------

    async def _stream(
        self,
        receive: Receive,
        send: Send,
        turn: RelayTurn,
        record: Optional[ThreadRecord],
        contact_id: Optional[str],
        agent_id: str,
        asset_ids: list[str],
    ) -> None:
        await send({"type": "http.response.start", "status": 200, "headers": _SSE_HEADERS})
        outbox = Outbox(self.buffer_events, self.buffer_bytes)
        run = _Run(self, turn, record, contact_id, agent_id, asset_ids, outbox)
        producer = asyncio.ensure_future(run.produce())
        watcher = asyncio.ensure_future(_disconnected(receive))
        writer = asyncio.ensure_future(self._write(outbox, send))
        try:
            await asyncio.wait({writer, watcher}, return_when=asyncio.FIRST_COMPLETED)
        finally:
            for task in (producer, watcher, writer):
                task.cancel()
            # The producer's cancellation closes the stream from SketricGen.
            await asyncio.gather(producer, watcher, writer, return_exceptions=True)
        with contextlib.suppress(Exception):  # the browser may be gone already
            await send({"type": "http.response.body", "body": b"", "more_body": False})

    async def _write(self, outbox: Outbox, send: Send) -> None:
        while not outbox.drained:
            items = await outbox.take(self.heartbeat_interval)
            if items is None:
                await send({"type": "http.response.body", "body": HEARTBEAT, "more_body": True})
            elif items:  # everything that is ready goes out in one write
                await send(
                    {"type": "http.response.body", "body": b"".join(items), "more_body": True}
                )


class _Run:
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


def _too_large(limit: int) -> RelayRequestError:
    return RelayRequestError(
        f"the request is larger than {limit:,} bytes", status_code=413, code="too_large"
    )


async def _call(hook: Callable[..., Any], *args: Any) -> Any:
    result = hook(*args)
    return await result if inspect.isawaitable(result) else result


async def _disconnected(receive: Receive) -> None:
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            return


async def _json(
    send: Send,
    status: int,
    code: str,
    message: str,
    extra: Optional[list[tuple[bytes, bytes]]] = None,
) -> None:
    body = json.dumps({"error": code, "message": message}).encode("utf-8")
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
    await send(
        {"type": "http.response.start", "status": status, "headers": headers + (extra or [])}
    )
    await send({"type": "http.response.body", "body": body})


async def _lifespan(receive: Receive, send: Send) -> None:
    while True:
        message = await receive()
        if message["type"] == "lifespan.startup":
            await send({"type": "lifespan.startup.complete"})
        elif message["type"] == "lifespan.shutdown":
            await send({"type": "lifespan.shutdown.complete"})
            return
