"""A streamed run summed up: `StreamResult`, and the builder that reads events into it (no I/O).

The result is the SDK's own shape (it exists on no wire); every AG-UI payload
in it is a generated model.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal, Optional

from .._exceptions import (
    SketricGenEventDecodeError,
    SketricGenOutOfCreditsError,
    SketricGenRunError,
)

if TYPE_CHECKING:
    from sketricgen_models import (
        RunErrorEvent,
        RunFinishedEvent,
        RunHaltedOutOfCreditsEvent,
        RunPausedHitlEvent,
    )

    from .event import StreamEvent

__all__ = ["Outcome", "ResultBuilder", "StreamResult", "ToolCall"]

Outcome = Literal["finished", "error", "paused", "out_of_credits", "ended_without_terminal_event"]
"""How a stream ended: its terminal event's kind, or a clean end that had none."""

_OUT_OF_CREDITS_MESSAGE = "the run stopped because the account ran out of credits"


@dataclass
class ToolCall:
    """One tool call of the run, assembled from its TOOL_CALL_* events.

    `arguments` is the JSON text the agent streamed (TOOL_CALL_ARGS deltas
    joined); `args` parses it. `result` is TOOL_CALL_RESULT's content, None
    until one arrives (a paused HITL tool call has none).
    """

    id: str
    name: str
    arguments: str = ""
    result: Any = None
    parent_message_id: Optional[str] = None

    @property
    def args(self) -> Any:
        """`arguments` parsed: {} when none were streamed, None when they are not JSON."""
        if not self.arguments.strip():
            return {}
        try:
            return json.loads(self.arguments)
        except ValueError:
            return None


@dataclass
class StreamResult:
    """A streamed run, consumed to its end (`until_done()`).

    - `outcome`: how the run ended: "finished" (RUN_FINISHED), "paused"
      (RUN_PAUSED_HITL: resume it with `hitl_resume=`), "error" (RUN_ERROR) or
      "out_of_credits" (RUN_HALTED_OUT_OF_CREDITS), those two seen on the
      result a `SketricGenRunError` carries; "ended_without_terminal_event" on
      the result a `SketricGenIncompleteStreamError` carries, when the body
      ended cleanly with no terminal event.
    - `text`: the assistant's messages, joined by blank lines; `messages`
      holds each one.
    - `conversation_id` (the AG-UI thread id: pass it to continue) and `run_id`.
    - `tool_calls`: in the order they started.
    - `finished` / `error` / `paused` / `out_of_credits`: the terminal event, as
      its generated model.
    - `event_count`: events read; `malformed_events`: events whose data was not
      a JSON object, skipped (left out of everything above).
    """

    outcome: Outcome
    text: str = ""
    messages: list[str] = field(default_factory=list)
    conversation_id: Optional[str] = None
    run_id: Optional[str] = None
    tool_calls: list[ToolCall] = field(default_factory=list)
    finished: Optional[RunFinishedEvent] = None
    error: Optional[RunErrorEvent] = None
    paused: Optional[RunPausedHitlEvent] = None
    out_of_credits: Optional[RunHaltedOutOfCreditsEvent] = None
    event_count: int = 0
    malformed_events: list[StreamEvent] = field(default_factory=list)


class ResultBuilder:
    """Reads events, one at a time, into a `StreamResult`; shared by both stream shells."""

    def __init__(self) -> None:
        self._messages: dict[str, list[str]] = {}  # message id → deltas, in start order
        self._tools: dict[str, ToolCall] = {}
        self._count = 0
        self._malformed: list[StreamEvent] = []
        self._thread_id: Optional[str] = None
        self._run_id: Optional[str] = None
        self._finished: Optional[RunFinishedEvent] = None
        self._error: Optional[RunErrorEvent] = None
        self._paused: Optional[RunPausedHitlEvent] = None
        self._halted: Optional[RunHaltedOutOfCreditsEvent] = None

    def add(self, event: StreamEvent) -> Optional[str]:
        """Take one event into account; return its assistant text delta, if it carries one."""
        from sketricgen_models import (  # noqa: PLC0415 - loaded with the first event
            RunErrorEvent,
            RunFinishedEvent,
            RunHaltedOutOfCreditsEvent,
            RunPausedHitlEvent,
            RunStartedEvent,
            TextMessageChunkEvent,
            TextMessageContentEvent,
            TextMessageStartEvent,
            ToolCallArgsEvent,
            ToolCallChunkEvent,
            ToolCallResultEvent,
            ToolCallStartEvent,
        )

        self._count += 1
        try:
            payload = event.json()
        except SketricGenEventDecodeError:
            payload = None
        if not isinstance(payload, dict):
            self._malformed.append(event)
            return None
        view = event.ag_ui
        if isinstance(view, TextMessageContentEvent):
            self._text(view.message_id).append(view.delta)
            return view.delta
        if isinstance(view, TextMessageChunkEvent):
            if view.delta:
                self._text(view.message_id or "").append(view.delta)
            return view.delta or None
        if isinstance(view, TextMessageStartEvent):
            self._text(view.message_id)
        elif isinstance(view, ToolCallStartEvent):
            self._tools[view.tool_call_id] = ToolCall(
                view.tool_call_id, view.tool_call_name, parent_message_id=view.parent_message_id
            )
        elif isinstance(view, ToolCallArgsEvent):
            self._tool(view.tool_call_id).arguments += view.delta
        elif isinstance(view, ToolCallChunkEvent):
            call = self._tool(view.tool_call_id or "", view.tool_call_name)
            call.arguments += view.delta or ""
        elif isinstance(view, ToolCallResultEvent):
            self._tool(view.tool_call_id).result = view.content
        elif isinstance(view, RunStartedEvent):
            self._ids(view.thread_id, view.run_id)
        elif isinstance(view, RunFinishedEvent):
            self._ids(view.thread_id, view.run_id)
            self._finished = view
        elif isinstance(view, RunErrorEvent):
            self._error = view
        elif isinstance(view, RunPausedHitlEvent):
            self._ids(view.thread_id, view.run_id)
            self._paused = view
        elif isinstance(view, RunHaltedOutOfCreditsEvent):
            self._ids(view.thread_id, view.run_id)
            self._halted = view
        return None

    def _text(self, message_id: str) -> list[str]:
        return self._messages.setdefault(message_id, [])

    def _tool(self, tool_call_id: str, name: Optional[str] = None) -> ToolCall:
        call = self._tools.get(tool_call_id)
        if call is None:  # arguments or a result without a start: keep them anyway
            call = self._tools[tool_call_id] = ToolCall(tool_call_id, name or "")
        elif name and not call.name:
            call.name = name
        return call

    def _ids(self, thread_id: Optional[str], run_id: Optional[str]) -> None:
        self._thread_id = self._thread_id or thread_id
        self._run_id = self._run_id or run_id

    @property
    def outcome(self) -> Optional[Outcome]:
        """How the run ended, None while no terminal event was read."""
        if self._error is not None:
            return "error"
        if self._halted is not None:
            return "out_of_credits"
        if self._paused is not None:
            return "paused"
        if self._finished is not None:
            return "finished"
        return None

    def result(self, ended: Optional[Outcome] = None) -> StreamResult:
        """The result (a fresh object each call), once a terminal event was read.

        `ended` is the outcome to report when none was read (a clean end).
        """
        outcome = self.outcome or ended
        if outcome is None:
            raise RuntimeError("the run has not ended yet")
        messages = ["".join(parts) for parts in self._messages.values()]
        return StreamResult(
            outcome=outcome,
            text="\n\n".join(m for m in messages if m),
            messages=messages,
            conversation_id=self._thread_id,
            run_id=self._run_id,
            tool_calls=list(self._tools.values()),
            finished=self._finished,
            error=self._error,
            paused=self._paused,
            out_of_credits=self._halted,
            event_count=self._count,
            malformed_events=list(self._malformed),
        )

    def run_error(self) -> Optional[SketricGenRunError]:
        """The error to raise when the run failed, else None.

        `SketricGenRunError` for RUN_ERROR, `SketricGenOutOfCreditsError` for
        RUN_HALTED_OUT_OF_CREDITS.
        """
        error = self._error
        if error is not None:
            return SketricGenRunError(error.message, code=error.code, result=self.result())
        halted = self._halted
        if halted is not None:
            return SketricGenOutOfCreditsError(
                halted.message or _OUT_OF_CREDITS_MESSAGE, code=halted.code, result=self.result()
            )
        return None
