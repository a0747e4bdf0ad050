"""Scripted agents: what an emulated agent answers, step by step."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Callable, Optional, Union

from sketricgen_models import HitlDecision

from .._streaming.sse import SSEDecoder
from ._gate import Gate
from ._records import StoredUpload

__all__ = ["AgentScript", "ScriptStep", "Turn"]


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
