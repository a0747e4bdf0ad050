"""SketricGen's events as AG-UI protocol events, one run at a time (no I/O)."""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache
from typing import Any, Optional

import pydantic
from ag_ui.core import (
    BaseEvent,
    CustomEvent,
    Interrupt,
    RawEvent,
    RunErrorEvent,
    RunFinishedEvent,
    RunFinishedInterruptOutcome,
    RunStartedEvent,
)
from pydantic.alias_generators import to_camel

from ._encode import EVENT_MODELS, OutEvent, fast_delta
from ._store import PendingHitl

__all__ = ["OUT_OF_CREDITS", "RunTranslator"]

OUT_OF_CREDITS = "out_of_credits"
RAW_SOURCE = "sketricgen"
_MAX_SAFE = 2**53 - 1
_RUN_EVENTS = frozenset({"RUN_STARTED", "RUN_FINISHED", "RUN_ERROR"})


@lru_cache(maxsize=512)
def _camel(key: str) -> str:
    return to_camel(key) if "_" in key else key


def _get(data: Mapping[str, Any], snake: str) -> Any:
    """A field read in either spelling: SketricGen writes snake_case, AG-UI camelCase."""
    value = data.get(snake)
    return data.get(_camel(snake)) if value is None else value


class RunTranslator:
    """Turns one SketricGen run's event payloads into the frontend's AG-UI events.

    The frontend's `thread_id`/`run_id` replace SketricGen's in the run's own
    events. After `done`, the run is over and nothing more is translated.
    `conversation_id` is SketricGen's, from its RUN_STARTED; `pending_hitl`
    is set when the run paused for a human decision.
    """

    def __init__(self, thread_id: str, run_id: str) -> None:
        self.thread_id = thread_id
        self.run_id = run_id
        self.conversation_id: Optional[str] = None
        self.pending_hitl: Optional[PendingHitl] = None
        self.started = False
        self.done = False
        self._tool_calls: dict[str, str] = {}

    def translate(self, payload: Mapping[str, Any]) -> list[OutEvent]:
        """The AG-UI events for one SketricGen event payload (a parsed JSON object)."""
        if self.done:
            return []
        kind = payload.get("type")
        if kind == "RUN_STARTED":
            conversation = _get(payload, "thread_id")
            if isinstance(conversation, str) and conversation:
                self.conversation_id = conversation
            return [] if self.started else [self._run_started(payload.get("timestamp"))]
        out: list[OutEvent] = [] if self.started else [self._run_started(None)]
        if kind == "RUN_FINISHED":
            out.append(self._finished(payload))
        elif kind == "RUN_ERROR":
            message = payload.get("message")
            code = payload.get("code")
            out.append(
                self._error(
                    message if isinstance(message, str) else "The run failed.",
                    code if isinstance(code, str) else None,
                    payload.get("timestamp"),
                )
            )
        elif kind == "RUN_PAUSED_HITL":
            out.append(self._paused(payload))
        elif kind == "RUN_HALTED_OUT_OF_CREDITS":
            message = payload.get("message")
            out.append(
                self._error(
                    message
                    if isinstance(message, str) and message
                    else "The agent's workspace is out of credits.",
                    OUT_OF_CREDITS,
                    payload.get("timestamp"),
                )
            )
        elif kind == "CUSTOM_EVENT":
            out.append(self._custom(payload))
        else:
            out.append(self._passed_on(payload))
        return out

    def failure(self, message: str, code: str) -> list[OutEvent]:
        """RUN_ERROR for a run that could not go on (the relay's own failure, not the agent's)."""
        if self.done:
            return []
        return [self._error(message, code, None)]

    # -- the run's own events -------------------------------------------------

    def _run_started(self, timestamp: Any) -> BaseEvent:
        self.started = True
        return RunStartedEvent(
            thread_id=self.thread_id, run_id=self.run_id, timestamp=_stamp(timestamp)
        )

    def _finished(self, payload: Mapping[str, Any]) -> BaseEvent:
        self.done = True
        return RunFinishedEvent(
            thread_id=self.thread_id,
            run_id=self.run_id,
            result=payload.get("result"),
            timestamp=_stamp(payload.get("timestamp")),
        )

    def _error(self, message: str, code: Optional[str], timestamp: Any) -> BaseEvent:
        self.done = True
        return RunErrorEvent(message=message, code=code, timestamp=_stamp(timestamp))

    def _paused(self, payload: Mapping[str, Any]) -> BaseEvent:
        request = _get(payload, "hitl_request")
        request = request if isinstance(request, Mapping) else {}
        request_id = _get(payload, "request_id") or _get(request, "request_id")
        if not isinstance(request_id, str) or not request_id:
            return self._error("The run paused without a HITL request id.", "invalid_hitl", None)
        ids = _list(_get(payload, "interrupt_ids") or _get(request, "interrupt_ids"))
        actions = _list(_get(request, "action_requests"))
        configs = _list(_get(request, "review_configs"))
        count = max(len(ids), len(actions), 1)
        interrupt_ids = tuple(
            str(ids[i]) if i < len(ids) else f"{request_id}-{i}" for i in range(count)
        )
        interrupts = [
            self._interrupt(
                request_id,
                interrupt_ids[i],
                actions[i] if i < len(actions) else None,
                configs[i] if i < len(configs) else None,
            )
            for i in range(count)
        ]
        self.pending_hitl = PendingHitl(request_id, interrupt_ids)
        self.done = True
        return RunFinishedEvent(
            thread_id=self.thread_id,
            run_id=self.run_id,
            outcome=RunFinishedInterruptOutcome(interrupts=interrupts),
            timestamp=_stamp(payload.get("timestamp")),
        )

    def _interrupt(self, request_id: str, interrupt_id: str, action: Any, config: Any) -> Interrupt:
        action = action if isinstance(action, Mapping) else {}
        config = config if isinstance(config, Mapping) else {}
        name = action.get("name")
        allowed = [str(d) for d in _list(_get(config, "allowed_decisions"))] or [
            "approve",
            "reject",
            "respond",
        ]
        details: dict[str, Any] = {"requestId": request_id, "allowedDecisions": allowed}
        if isinstance(name, str):
            details["action"] = {"name": name, "args": action.get("args", {})}
        return Interrupt(
            id=interrupt_id,
            reason="tool_approval" if isinstance(name, str) else "human_review",
            message=f"The agent asks to run {name}." if isinstance(name, str) else None,
            tool_call_id=self._tool_calls.get(name) if isinstance(name, str) else None,
            response_schema={
                "type": "object",
                "properties": {
                    "type": {"enum": allowed},
                    "message": {"type": "string"},
                },
                "required": ["type"],
            },
            metadata={"sketricgen": details},
        )

    # -- everything else --------------------------------------------------------

    def _custom(self, payload: Mapping[str, Any]) -> BaseEvent:
        name = payload.get("name")
        return CustomEvent(
            name=name if isinstance(name, str) else "CUSTOM_EVENT",
            value=payload.get("value"),
            timestamp=_stamp(payload.get("timestamp")),
        )

    def _passed_on(self, payload: Mapping[str, Any]) -> OutEvent:
        delta = fast_delta(payload)
        if delta is not None:
            return delta
        kind = payload.get("type")
        model = EVENT_MODELS.get(kind) if isinstance(kind, str) else None
        if model is not None and kind not in _RUN_EVENTS:
            try:
                event = model.model_validate({_camel(k): v for k, v in payload.items()})
            except pydantic.ValidationError:
                pass
            else:
                if kind == "TOOL_CALL_START":
                    name = _get(payload, "tool_call_name")
                    call = _get(payload, "tool_call_id")
                    if isinstance(name, str) and isinstance(call, str):
                        self._tool_calls[name] = call
                return event
        # A type AG-UI does not name, or a payload its model refuses: passed on untouched.
        return RawEvent(event=dict(payload), source=RAW_SOURCE)


def _stamp(value: Any) -> Optional[int]:
    ok = isinstance(value, int) and not isinstance(value, bool) and abs(value) <= _MAX_SAFE
    return value if ok else None


def _list(value: Any) -> list[Any]:
    return list(value) if isinstance(value, (list, tuple)) else []
