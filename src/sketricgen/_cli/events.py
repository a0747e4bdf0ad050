"""How `sketricgen run` shows a streamed run: the reply as it arrives, the rest as notes."""

from __future__ import annotations

import contextlib
import json
from dataclasses import dataclass, field
from typing import Any, Optional

from sketricgen_models import (
    RunErrorEvent,
    RunHaltedOutOfCreditsEvent,
    RunPausedHitlEvent,
    RunStartedEvent,
    StepStartedEvent,
    TextMessageContentEvent,
    TextMessageEndEvent,
    ToolCallArgsEvent,
    ToolCallChunkEvent,
    ToolCallEndEvent,
    ToolCallResultEvent,
    ToolCallStartEvent,
)
from sketricgen_models._base import WireModel

from .._exceptions import SketricGenEventDecodeError
from .._streaming.event import StreamEvent
from .output import EXIT_ERROR, EXIT_OK, Console

__all__ = ["OUT_OF_CREDITS", "EventPrinter"]

OUT_OF_CREDITS = (
    "the run halted: the account is out of credits ({}); add credits, then send it again"
)

# Bounds whatever a server sends: arguments kept per tool call, calls open at once.
_MAX_ARGUMENTS = 64 * 1024
_MAX_OPEN_CALLS = 64
_SHOWN_ARGUMENTS = 200


@dataclass
class _ToolCall:
    name: str
    parts: list[str] = field(default_factory=list)
    size: int = 0
    cut: bool = False  # arguments past _MAX_ARGUMENTS were dropped

    def add(self, delta: str) -> None:
        room = _MAX_ARGUMENTS - self.size
        if len(delta) > room:
            delta, self.cut = delta[: max(room, 0)], True
        self.parts.append(delta)
        self.size += len(delta)

    def shown(self) -> str:
        """`[tool] name {"arg": ...}`, the arguments on one short line."""
        text = "".join(self.parts).strip()
        if not text:
            return f"[tool] {self.name}"
        if not self.cut:
            with contextlib.suppress(ValueError):  # not JSON: shown as it came
                text = json.dumps(json.loads(text), ensure_ascii=False)
        return f"[tool] {self.name} {_short(' '.join(text.split()), _SHOWN_ARGUMENTS)}"


class EventPrinter:
    """Shows a run's events on a `Console`; with `as_json`, each event as one JSON line."""

    def __init__(self, console: Console, *, as_json: bool) -> None:
        self._console = console
        self._as_json = as_json
        self._error: Optional[str] = None
        self._calls: dict[str, _ToolCall] = {}  # started, arguments not complete yet
        self._chunked: dict[str, _ToolCall] = {}  # TOOL_CALL_CHUNK calls: shown when they stop

    def show(self, event: StreamEvent) -> None:
        """Print one event and remember how the run goes."""
        view = event.ag_ui
        if self._as_json:
            try:
                payload = event.json()
            except SketricGenEventDecodeError:
                payload = {"type": None, "data": event.data}
            self._console.line(json.dumps(payload, ensure_ascii=False, separators=(",", ":")))
        if isinstance(view, RunStartedEvent):
            self._console.conversation_id = view.thread_id
        elif isinstance(view, RunErrorEvent):
            self._error = view.message
        elif isinstance(view, RunHaltedOutOfCreditsEvent):
            self._error = out_of_credits(view.message)
        if not self._as_json:
            self._render(view)

    def _render(self, view: WireModel) -> None:
        console = self._console
        if not isinstance(view, ToolCallChunkEvent):
            self._end_chunked()
        if isinstance(view, TextMessageContentEvent):
            console.text(view.delta)
        elif isinstance(view, TextMessageEndEvent):
            console.end_text()
        elif isinstance(view, ToolCallStartEvent):
            self._open(self._calls, view.tool_call_id, view.tool_call_name)
        elif isinstance(view, ToolCallArgsEvent):
            call = self._calls.get(view.tool_call_id)
            if call is not None:
                call.add(view.delta)
        elif isinstance(view, ToolCallEndEvent):
            ended = self._calls.pop(view.tool_call_id, None)
            if ended is not None:
                console.note(ended.shown())
        elif isinstance(view, ToolCallChunkEvent):
            self._chunk(view)
        elif isinstance(view, ToolCallResultEvent):
            console.note(f"[tool result] {_short(view.content)}")
        elif isinstance(view, StepStartedEvent):
            console.note(f"[step] {view.step_name}")
        elif isinstance(view, RunPausedHitlEvent):
            console.note("[paused] the run waits for a human decision (hitl_resume)")

    def _open(self, calls: dict[str, _ToolCall], call_id: str, name: str) -> _ToolCall:
        if len(calls) >= _MAX_OPEN_CALLS:
            del calls[next(iter(calls))]  # a call that never ended: forget the oldest
        call = calls[call_id] = _ToolCall(name)
        return call

    def _chunk(self, view: ToolCallChunkEvent) -> None:
        call_id = view.tool_call_id or ""
        call = self._chunked.get(call_id)
        if call is None:
            call = self._open(self._chunked, call_id, view.tool_call_name or "?")
        call.add(view.delta or "")

    def _end_chunked(self) -> None:
        """A TOOL_CALL_CHUNK run ends at the first other event: show its calls."""
        if self._chunked:
            calls, self._chunked = self._chunked, {}
            for call in calls.values():
                self._console.note(call.shown())

    def finish(self) -> int:
        """Say how the run ended; the exit code.

        RUN_ERROR and RUN_HALTED_OUT_OF_CREDITS exit 1. A stream that ended
        cleanly without a terminal event exits 0: the SDK's warning about it
        is the note (see `run.show_sdk_warnings`).
        """
        console = self._console
        if not self._as_json:
            self._end_chunked()
        console.end_text()
        if console.conversation_id:
            console.note(f"conversation_id: {console.conversation_id}")
        if self._error is not None:
            console.error(self._error)
            return EXIT_ERROR
        return EXIT_OK


def out_of_credits(message: Optional[str]) -> str:
    """The line for a run halted by RUN_HALTED_OUT_OF_CREDITS (`message`: the service's)."""
    said = f" ({message.rstrip('.')})" if message else ""
    return f"the run halted: the account is out of credits{said}; add credits, then run it again"


def _short(value: Any, limit: int = 80) -> str:
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, default=str)
    return text if len(text) <= limit else text[: limit - 1] + "…"
