"""The run engine: a script and a turn in, AG-UI events (generated models) out."""

from __future__ import annotations

import json
import re
from collections.abc import AsyncGenerator, AsyncIterator
from dataclasses import dataclass
from typing import Any, Optional, Protocol

from sketricgen_models import (
    CustomEvent,
    GeneratedAsset,
    HitlActionRequest,
    HitlDecision,
    HitlRequest,
    HitlReviewConfig,
    ReasoningEndEvent,
    ReasoningMessageContentEvent,
    ReasoningMessageEndEvent,
    ReasoningMessageStartEvent,
    ReasoningStartEvent,
    RunErrorEvent,
    RunFinishedEvent,
    RunHaltedOutOfCreditsEvent,
    RunPausedHitlEvent,
    RunStartedEvent,
    StepFinishedEvent,
    StepStartedEvent,
    TextMessageContentEvent,
    TextMessageEndEvent,
    TextMessageStartEvent,
    ToolCallArgsEvent,
    ToolCallEndEvent,
    ToolCallResultEvent,
    ToolCallStartEvent,
)
from sketricgen_models._base import WireModel

from .._streaming.typed import parse_ag_ui_event
from ._gate import Gate
from ._records import RecordedRun
from ._script import (
    AgentScript,
    AssetStep,
    ErrorStep,
    EventStep,
    FrameStep,
    HitlStep,
    OutOfCreditsStep,
    ReasoningStep,
    StepBoundary,
    TextStep,
    ToolCallStep,
    Turn,
    WaitStep,
    resolve_args,
    resolve_text,
)
from ._wire import dump

__all__ = ["AgentRun", "PendingPause", "Produced", "RunHost"]


class RunHost(Protocol):
    """What a run needs from the emulator."""

    def new_uuid(self) -> str: ...
    def new_token(self, prefix: str) -> str: ...
    def timestamp(self) -> int: ...
    @property
    def pace(self) -> float: ...
    async def sleep(self, seconds: float) -> None: ...
    def now_iso(self) -> str: ...
    def produced(self, record: RecordedRun, data: dict[str, Any]) -> None: ...
    def gates_before(self, agent_id: str, event_type: str) -> list[Gate]: ...
    async def hold(self, gate: Gate) -> None: ...
    def store_asset(
        self, agent_id: str, file_name: str, content: bytes, content_type: str
    ) -> GeneratedAsset: ...


@dataclass(frozen=True)
class PendingPause:
    """A run paused for a human decision: where to resume and what is allowed."""

    request: HitlRequest
    resume_at: int
    tool_call_id: str
    allowed_decisions: tuple[str, ...]
    run_id: str


@dataclass(frozen=True)
class Produced:
    """One event as a model and as its snake_case dict; `frame`: SSE text to send as is."""

    model: WireModel
    data: dict[str, Any]
    frame: Optional[str] = None


def _chunks(text: str, size: Optional[int]) -> list[str]:
    if size:
        return [text[i : i + size] for i in range(0, len(text), size)]
    return re.findall(r"\s*\S+|\s+", text)


def _decision_text(decisions: tuple[HitlDecision, ...]) -> str:
    said = []
    for decision in decisions:
        verb = {"approve": "approved", "reject": "rejected", "respond": "responded"}[decision.type]
        said.append(f"{verb}: {decision.message}" if decision.message else verb)
    return "; ".join(said)


class AgentRun:
    """One run of a script; iterate `events()` once.

    After the iteration, `texts`, `assets`, `error`, `halted` and `paused`
    describe the outcome for a non-streamed answer.
    """

    def __init__(
        self,
        host: RunHost,
        script: AgentScript,
        turn: Turn,
        record: RecordedRun,
        *,
        resuming: Optional[PendingPause] = None,
    ) -> None:
        self._host = host
        self._script = script
        self._turn = turn
        self._record = record
        self._resuming = resuming
        self.texts: list[str] = []
        self.assets: list[GeneratedAsset] = []
        self.error: Optional[RunErrorEvent] = None
        self.halted: Optional[RunHaltedOutOfCreditsEvent] = None
        self.paused: Optional[PendingPause] = None

    @property
    def response_text(self) -> str:
        """The assistant's messages, joined by blank lines."""
        return "\n\n".join(self.texts)

    async def _emit(self, model: WireModel, frame: Optional[str] = None) -> Produced:
        event_type = str(getattr(model, "type", ""))
        for gate in self._host.gates_before(self._turn.agent_id, event_type):
            await self._host.hold(gate)
        if self._host.pace:
            await self._host.sleep(self._host.pace)
        data = dump(model)
        self._host.produced(self._record, data)
        return Produced(model, data, frame)

    async def events(self) -> AsyncGenerator[Produced, None]:
        """The run's events, produced one at a time as the consumer asks."""
        host, turn, run_id = self._host, self._turn, self._record.run_id
        parent = self._resuming.run_id if self._resuming else None
        yield await self._emit(
            RunStartedEvent(
                thread_id=turn.conversation_id, run_id=run_id, parent_run_id=parent,
                timestamp=host.timestamp(),
            )
        )  # fmt: skip
        start = 0
        if self._resuming is not None:
            start = self._resuming.resume_at
            yield await self._emit(
                ToolCallResultEvent(
                    message_id=host.new_uuid(), tool_call_id=self._resuming.tool_call_id,
                    content=_decision_text(turn.decisions), role="tool",
                    timestamp=host.timestamp(),
                )
            )  # fmt: skip
        steps = self._script.steps
        for index in range(start, len(steps)):
            step = steps[index]
            if isinstance(step, ErrorStep):
                self.error = RunErrorEvent(
                    message=step.message, code=step.code, timestamp=host.timestamp()
                )
                yield await self._emit(self.error)
                self._record.outcome = "error"
                return
            if isinstance(step, OutOfCreditsStep):
                self.halted = RunHaltedOutOfCreditsEvent(
                    message=step.message, thread_id=turn.conversation_id, run_id=run_id,
                    timestamp=host.timestamp(),
                )  # fmt: skip
                yield await self._emit(self.halted)
                self._record.outcome = "out_of_credits"
                return
            if isinstance(step, HitlStep) and turn.hitl_enabled:
                async for produced in self._pause(step, index):
                    yield produced
                self._record.outcome = "paused"
                return
            async for produced in self._step(step):
                yield produced
        yield await self._emit(
            RunFinishedEvent(
                thread_id=turn.conversation_id, run_id=run_id, result=self.response_text,
                timestamp=host.timestamp(),
            )
        )  # fmt: skip
        self._record.outcome = "finished"

    async def _step(self, step: object) -> AsyncIterator[Produced]:
        host, turn = self._host, self._turn
        if isinstance(step, TextStep):
            text = resolve_text(step.content, turn)
            message_id = host.new_uuid()
            yield await self._emit(
                TextMessageStartEvent(message_id=message_id, timestamp=host.timestamp())
            )
            for delta in _chunks(text, step.chunk_size):
                yield await self._emit(
                    TextMessageContentEvent(
                        message_id=message_id, delta=delta, timestamp=host.timestamp()
                    )
                )
            yield await self._emit(
                TextMessageEndEvent(message_id=message_id, timestamp=host.timestamp())
            )
            self.texts.append(text)
        elif isinstance(step, ToolCallStep):
            result = None if step.result is None else resolve_text(step.result, turn)
            async for produced in self._tool_call(step.name, resolve_args(step.args, turn), result):
                yield produced
        elif isinstance(step, HitlStep):  # HITL off for this turn: the tool runs unreviewed
            args = resolve_args(step.args, turn)
            async for produced in self._tool_call(step.tool, args, "done (not reviewed)"):
                yield produced
        elif isinstance(step, StepBoundary):
            cls = StepFinishedEvent if step.finished else StepStartedEvent
            yield await self._emit(cls(step_name=step.name, timestamp=host.timestamp()))
        elif isinstance(step, ReasoningStep):
            async for produced in self._reasoning(resolve_text(step.content, turn)):
                yield produced
        elif isinstance(step, EventStep):
            yield await self._emit(parse_ag_ui_event(step.payload))
        elif isinstance(step, FrameStep):
            yield await self._emit(parse_ag_ui_event(step.payload), step.text)
        elif isinstance(step, AssetStep):
            asset = host.store_asset(turn.agent_id, step.file_name, step.content, step.content_type)
            self.assets.append(asset)
            yield await self._emit(
                CustomEvent(name="generated_asset", value=dump(asset), timestamp=host.timestamp())
            )
        elif isinstance(step, WaitStep):
            await host.hold(step.gate)

    async def _tool_call(
        self, name: str, args: dict[str, Any], result: Optional[str], call_id: str = ""
    ) -> AsyncIterator[Produced]:
        host = self._host
        call_id = call_id or host.new_token("call_")
        yield await self._emit(
            ToolCallStartEvent(
                tool_call_id=call_id, tool_call_name=name, timestamp=host.timestamp()
            )
        )
        encoded = json.dumps(args, ensure_ascii=False)
        half = len(encoded) // 2
        for delta in filter(None, (encoded[:half], encoded[half:])):
            yield await self._emit(
                ToolCallArgsEvent(tool_call_id=call_id, delta=delta, timestamp=host.timestamp())
            )
        yield await self._emit(ToolCallEndEvent(tool_call_id=call_id, timestamp=host.timestamp()))
        if result is not None:
            yield await self._emit(
                ToolCallResultEvent(
                    message_id=host.new_uuid(), tool_call_id=call_id, content=result, role="tool",
                    timestamp=host.timestamp(),
                )
            )  # fmt: skip

    async def _reasoning(self, text: str) -> AsyncIterator[Produced]:
        host = self._host
        message_id = host.new_uuid()
        yield await self._emit(
            ReasoningStartEvent(message_id=message_id, timestamp=host.timestamp())
        )
        yield await self._emit(
            ReasoningMessageStartEvent(message_id=message_id, timestamp=host.timestamp())
        )
        for delta in _chunks(text, None):
            yield await self._emit(
                ReasoningMessageContentEvent(
                    message_id=message_id, delta=delta, timestamp=host.timestamp()
                )
            )
        yield await self._emit(
            ReasoningMessageEndEvent(message_id=message_id, timestamp=host.timestamp())
        )
        yield await self._emit(ReasoningEndEvent(message_id=message_id, timestamp=host.timestamp()))

    async def _pause(self, step: HitlStep, index: int) -> AsyncIterator[Produced]:
        host, turn, run_id = self._host, self._turn, self._record.run_id
        call_id = host.new_token("call_")
        args = resolve_args(step.args, turn)
        async for produced in self._tool_call(step.tool, args, None, call_id):
            yield produced
        request = HitlRequest(
            schema_version=1, request_id=host.new_token("hitl_"), thread_id=turn.conversation_id,
            run_id=run_id, interrupt_ids=[host.new_token("int_")],
            action_requests=[HitlActionRequest(name=step.tool, args=args)],
            review_configs=[HitlReviewConfig(allowed_decisions=list(step.allowed_decisions))],
            paused_at=host.now_iso(), status="pending",
        )  # fmt: skip
        self.paused = PendingPause(request, index + 1, call_id, step.allowed_decisions, run_id)
        yield await self._emit(
            RunPausedHitlEvent(
                request_id=request.request_id, interrupt_ids=request.interrupt_ids,
                thread_id=turn.conversation_id, run_id=run_id, hitl_request=request,
                timestamp=host.timestamp(),
            )
        )  # fmt: skip
