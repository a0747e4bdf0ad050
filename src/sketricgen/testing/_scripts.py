"""Scripted agents: what an emulated agent answers, step by step, and the built-in agents.

A test writes an `AgentScript` (chained steps); a script callable receives
the `Turn` being answered; a `Gate` holds a run until the test opens it.
Nothing here needs the server's dependencies.
"""

from __future__ import annotations

import asyncio
import json
import threading
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Callable, Optional, Union

from sketricgen_models import HitlDecision

from .._streaming.sse import SSEDecoder
from ._records import StoredUpload

__all__ = [
    "DEMO_AGENT_ID", "ECHO_AGENT_ID", "ERROR_AGENT_ID", "HITL_AGENT_ID",
    "OUT_OF_CREDITS_AGENT_ID", "AgentScript", "Gate", "ScriptStep", "Turn", "builtin_agents",
]  # fmt: skip


# -- gates: opened by a test's thread, waited on in the server's loop ------


class Gate:
    """A one-way latch that holds a run until a test calls `open()`.

    Use it in a script (`AgentScript().wait(gate)`) or through
    `Emulator.gate_before(event_type)`. `waiting` counts the runs blocked on it.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._open = False
        self._waiters: list[tuple[asyncio.AbstractEventLoop, asyncio.Event]] = []

    @property
    def is_open(self) -> bool:
        """Whether `open()` was called."""
        return self._open

    @property
    def waiting(self) -> int:
        """How many runs are blocked on the gate right now."""
        with self._lock:
            return len(self._waiters)

    def open(self) -> None:
        """Let every waiting run, and every later one, through."""
        with self._lock:
            self._open = True
            waiters, self._waiters = self._waiters, []
        for loop, event in waiters:
            if not loop.is_closed():
                loop.call_soon_threadsafe(event.set)

    async def wait(self, on_change: Optional[Callable[[], None]] = None) -> None:
        """Return once the gate is open; `on_change` is called when `waiting` changes."""
        event = asyncio.Event()
        entry = (asyncio.get_running_loop(), event)
        with self._lock:
            if self._open:
                return
            self._waiters.append(entry)
        if on_change is not None:
            on_change()
        try:
            await event.wait()
        finally:
            with self._lock:
                if entry in self._waiters:
                    self._waiters.remove(entry)
            if on_change is not None:
                on_change()


# -- scripts ---------------------------------------------------------------


@dataclass(frozen=True)
class Turn:
    """What an agent sees of one user turn; script callables receive it.

    `index` is 0 for a conversation's first turn; `history` holds the
    (user_input, response) pairs of the earlier turns; `decisions` are the
    HITL decisions of a resumed run.
    """

    agent_id: str
    conversation_id: str
    user_input: str
    index: int = 0
    contact_id: Optional[str] = None
    history: tuple[tuple[str, str], ...] = ()
    assets: tuple[StoredUpload, ...] = ()
    hitl_enabled: bool = False
    decisions: tuple[HitlDecision, ...] = ()


TextSource = Union[str, Callable[[Turn], str]]
ArgsSource = Union[Mapping[str, Any], Callable[[Turn], Mapping[str, Any]]]


def resolve_text(source: TextSource, turn: Turn) -> str:
    """The text a step says for this turn."""
    return source if isinstance(source, str) else source(turn)


def resolve_args(source: ArgsSource, turn: Turn) -> dict[str, Any]:
    """The tool arguments a step uses for this turn."""
    return dict(source if isinstance(source, Mapping) else source(turn))


@dataclass(frozen=True)
class TextStep:
    """An assistant message streamed in deltas (words, or `chunk_size` characters)."""

    content: TextSource
    chunk_size: Optional[int] = None


@dataclass(frozen=True)
class ToolCallStep:
    """A tool call: start, arguments, end, and its result when one is given."""

    name: str
    args: ArgsSource
    result: Optional[TextSource] = None


@dataclass(frozen=True)
class StepBoundary:
    """STEP_STARTED (or STEP_FINISHED when `finished`)."""

    name: str
    finished: bool = False


@dataclass(frozen=True)
class ReasoningStep:
    """A reasoning message."""

    content: TextSource


@dataclass(frozen=True)
class EventStep:
    """Any AG-UI event payload, of a known type or not, sent as given."""

    payload: Mapping[str, Any]


@dataclass(frozen=True)
class FrameStep:
    """One event's Server-Sent Events text, sent verbatim; `payload` is its data, parsed."""

    text: str
    payload: Mapping[str, Any]


@dataclass(frozen=True)
class AssetStep:
    """A file the agent produces: stored, listed in the answer's `assets`."""

    file_name: str
    content: bytes
    content_type: str


@dataclass(frozen=True)
class ErrorStep:
    """RUN_ERROR: the run ends failed."""

    message: str
    code: Optional[str] = None


@dataclass(frozen=True)
class OutOfCreditsStep:
    """RUN_HALTED_OUT_OF_CREDITS: the run stops here, for lack of credits."""

    message: Optional[str] = None


@dataclass(frozen=True)
class HitlStep:
    """A tool call that waits for a human decision when the turn enables HITL."""

    tool: str
    args: ArgsSource
    allowed_decisions: tuple[str, ...]


@dataclass(frozen=True)
class WaitStep:
    """Hold the run until a test opens `gate`."""

    gate: Gate


ScriptStep = Union[
    TextStep, ToolCallStep, StepBoundary, ReasoningStep, EventStep, FrameStep, AssetStep,
    ErrorStep, OutOfCreditsStep, HitlStep, WaitStep,
]  # fmt: skip


class AgentScript:
    """What an emulated agent does on each turn, as a sequence of steps.

    Build it by chaining; each method returns a new script::

        AgentScript().text("Let me check.").tool_call("search", {"q": "x"}, result="3 hits")
            .text(lambda turn: f"You asked: {turn.user_input}")

    A run emits RUN_STARTED, the steps' events, then RUN_FINISHED (or
    RUN_ERROR at an `error` step, RUN_HALTED_OUT_OF_CREDITS at an
    `out_of_credits` step, or RUN_PAUSED_HITL at a `hitl` step when the turn
    enables HITL; the resumed run goes on after that step). Text and
    arguments may be callables of the `Turn`.
    """

    def __init__(self, steps: Iterable[ScriptStep] = ()) -> None:
        self._steps = tuple(steps)

    @property
    def steps(self) -> tuple[ScriptStep, ...]:
        """The steps, nested `step` blocks flattened."""
        return self._steps

    def __add__(self, other: AgentScript) -> AgentScript:
        return AgentScript(self._steps + other._steps)

    def __repr__(self) -> str:
        return f"AgentScript({list(self._steps)!r})"

    def _then(self, *steps: ScriptStep) -> AgentScript:
        return AgentScript(self._steps + steps)

    def text(self, content: TextSource, *, chunk_size: Optional[int] = None) -> AgentScript:
        """An assistant message, streamed word by word (or `chunk_size` characters)."""
        return self._then(TextStep(content, chunk_size))

    def tool_call(
        self,
        name: str,
        args: Optional[ArgsSource] = None,
        *,
        result: Optional[TextSource] = None,
    ) -> AgentScript:
        """TOOL_CALL_START/ARGS/END, then TOOL_CALL_RESULT when `result` is given."""
        return self._then(ToolCallStep(name, {} if args is None else args, result))

    def step(self, name: str, inner: AgentScript) -> AgentScript:
        """`inner`'s steps between STEP_STARTED and STEP_FINISHED."""
        return self._then(StepBoundary(name), *inner.steps, StepBoundary(name, finished=True))

    def reasoning(self, content: TextSource) -> AgentScript:
        """A reasoning message (REASONING_START ... REASONING_END)."""
        return self._then(ReasoningStep(content))

    def custom(self, name: str, value: Any = None) -> AgentScript:
        """A CUSTOM event."""
        return self._then(EventStep({"type": "CUSTOM", "name": name, "value": value}))

    def event(self, payload: Mapping[str, Any]) -> AgentScript:
        """Any event payload (snake_case keys), including types AG-UI does not name."""
        return self._then(EventStep(dict(payload)))

    def frame(self, text: str) -> AgentScript:
        """One event as ready-made SSE text, e.g. AG-UI's `EventEncoder().encode(event)`.

        A streamed answer sends `text` byte for byte (no fault reshapes it,
        and the key case is the text's own); everything else reads its data
        as the event. It must hold exactly one event whose data is a JSON
        object with a `type`.
        """
        events = SSEDecoder().feed(text.encode("utf-8"))
        try:
            payload = json.loads(events[0].data) if len(events) == 1 else None
        except ValueError:
            payload = None
        if not isinstance(payload, dict) or not isinstance(payload.get("type"), str):
            raise ValueError("a frame must hold one event whose data is a JSON object with a type")
        return self._then(FrameStep(text, payload))

    def asset(
        self, file_name: str, content: bytes = b"", *, content_type: str = "text/plain"
    ) -> AgentScript:
        """A generated file, stored by the emulator and listed in the answer's `assets`."""
        return self._then(AssetStep(file_name, content, content_type))

    def error(self, message: str, *, code: Optional[str] = None) -> AgentScript:
        """RUN_ERROR: the run ends here, failed."""
        return self._then(ErrorStep(message, code))

    def out_of_credits(self, message: Optional[str] = None) -> AgentScript:
        """RUN_HALTED_OUT_OF_CREDITS: the run stops here because the account ran out of credits.

        The non-streamed answer then has `run_halted_out_of_credits: true`,
        and `response` holds what was said before.
        """
        return self._then(OutOfCreditsStep(message))

    def hitl(
        self,
        tool: str,
        args: Optional[ArgsSource] = None,
        *,
        allowed_decisions: Iterable[str] = ("approve", "reject", "respond"),
    ) -> AgentScript:
        """A tool call that pauses the run for a human decision when the turn enables HITL.

        Without `enable_hitl` the tool runs unreviewed and the run goes on.
        """
        return self._then(HitlStep(tool, {} if args is None else args, tuple(allowed_decisions)))

    def wait(self, gate: Gate) -> AgentScript:
        """Hold the run here until the test opens `gate`."""
        return self._then(WaitStep(gate))


# -- the agents every emulator knows before a test adds its own ------------

DEMO_AGENT_ID = "demo-agent"
ECHO_AGENT_ID = "agent-123"
HITL_AGENT_ID = "hitl-agent"
ERROR_AGENT_ID = "error-agent"
OUT_OF_CREDITS_AGENT_ID = "out-of-credits-agent"


def _echo(turn: Turn) -> str:
    said = f"Hello! You said: {turn.user_input}" if turn.user_input else "Hello!"
    if turn.assets:
        names = ", ".join(f"{a.file_name} ({a.content_type}, {a.size} bytes)" for a in turn.assets)
        said += f" I received {len(turn.assets)} file(s): {names}."
    if turn.index:
        said += f" This is message {turn.index + 1} of our conversation."
    return said


def _findings(turn: Turn) -> str:
    found = (
        f'Here is what I found about "{turn.user_input}": three sources agree, and the '
        "details are in the search results above."
    )
    if turn.assets:
        names = ", ".join(f"{a.file_name} ({a.size} bytes)" for a in turn.assets)
        found += f" I also read the file(s) you attached: {names}."
    return found


def _outcome(turn: Turn) -> str:
    if not turn.decisions:
        return "The email was sent."
    decision = turn.decisions[0]
    if decision.type == "approve":
        return "Approved: the email was sent."
    if decision.type == "reject":
        return "Rejected: the email was not sent."
    return f"Noted your answer: {decision.message or ''}".rstrip()


def builtin_agents() -> dict[str, AgentScript]:
    """`demo-agent` (a step with a tool call, then streamed text), `agent-123` (a friendly
    echo, as in the SDK docs' examples), `hitl-agent` (asks approval before sending an
    email when the turn enables HITL), `error-agent` (fails with RUN_ERROR) and
    `out-of-credits-agent` (says a few words, then halts with RUN_HALTED_OUT_OF_CREDITS).
    """
    research = AgentScript().tool_call(
        "web_search", lambda t: {"query": t.user_input}, result="3 results found"
    )
    return {
        DEMO_AGENT_ID: AgentScript()
        .text("Let me look that up.")
        .step("research", research)
        .text(_findings),
        ECHO_AGENT_ID: AgentScript().text(_echo),
        HITL_AGENT_ID: AgentScript()
        .text("I will send that email for you.")
        .hitl("send_email", lambda t: {"to": "user@example.com", "body": t.user_input})
        .text(_outcome),
        ERROR_AGENT_ID: AgentScript()
        .text("Working on it.")
        .error("The agent failed to complete the run.", code="AGENT_ERROR"),
        OUT_OF_CREDITS_AGENT_ID: AgentScript()
        .text("Let me think about that.")
        .out_of_credits("The account has run out of credits."),
    }
