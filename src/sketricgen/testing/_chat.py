"""The chat API, `POST /api/v1/run-workflow`: validation as the service does it, then a run.

A run turns a script and a turn into AG-UI events (generated models)
without I/O; the answer is JSON (`201`) or an event stream (`200`) whose
writes drive the run, bent by the stream faults.
"""

from __future__ import annotations

import asyncio
import json
import re
from collections.abc import AsyncGenerator, AsyncIterator
from dataclasses import dataclass
from typing import Any, Optional, Protocol, Union

from pydantic import ValidationError
from sketricgen_models import (
    ChatResponse,
    CustomEvent,
    ErrorBody,
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
    RunWorkflowRequest,
    StepFinishedEvent,
    StepStartedEvent,
    TextMessageContentEvent,
    TextMessageEndEvent,
    TextMessageStartEvent,
    ToolCallArgsEvent,
    ToolCallEndEvent,
    ToolCallResultEvent,
    ToolCallStartEvent,
    ValidationErrorItem,
)
from sketricgen_models._base import WireModel
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import Receive, Scope, Send

from .._streaming.event import TERMINAL_EVENT_TYPES
from .._streaming.typed import parse_ag_ui_event
from ._exchange import Exchange, drop_connection, json_answer, send_body, until_disconnect
from ._faults import AppliedFaults, Fault, reordered
from ._records import RecordedRun
from ._scripts import (
    AgentScript,
    AssetStep,
    ErrorStep,
    EventStep,
    FrameStep,
    Gate,
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
from ._state import Conversation, EmulatorState, PendingPause
from ._wire import BOM, KEY_CASE_HEADER, FramePlan, KeyCase, dump, json_text

__all__ = ["RUN_PATH", "run_workflow"]

RUN_PATH = "/api/v1/run-workflow"


# -- a run: a script and a turn in, AG-UI events out (no I/O) --------------


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


# -- the streamed answer: one write per frame ------------------------------


def _truncates(fault: Fault, sent: int, event_type: str) -> bool:
    if fault.after_events is None:
        return event_type in TERMINAL_EVENT_TYPES
    return sent >= fault.after_events


class EventStream(Response):
    """A `text/event-stream` answer, one write per frame, bent by the stream faults.

    The run is driven by the writes: an event is produced only when the
    previous frame was handed to the socket, and the run stops when the
    client goes away.
    """

    media_type = "text/event-stream"

    def __init__(
        self,
        events: AsyncGenerator[Produced, None],
        *,
        state: EmulatorState,
        key_case: KeyCase,
        faults: AppliedFaults,
    ) -> None:
        # Like starlette's StreamingResponse: no body, so no content-length.
        self.status_code = 200
        self.background = None
        self.init_headers({"cache-control": "no-cache", "x-accel-buffering": "no"})
        self._events = events
        reorder = faults.first("reorder")
        if reorder is not None:  # the events themselves are sent out of order
            self._events = reordered(events, reorder)
        self._state = state
        self._key_case: KeyCase = key_case
        self._faults = faults
        self._plan = FramePlan.from_faults(faults)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        writer = asyncio.ensure_future(self._write(scope, send))
        gone = asyncio.ensure_future(until_disconnect(receive))
        try:
            await asyncio.wait({writer, gone}, return_when=asyncio.FIRST_COMPLETED)
            if writer.done() and writer.result():  # the writer dropped the connection
                await gone
        finally:
            for task in (writer, gone):
                task.cancel()
            await asyncio.gather(writer, gone, return_exceptions=True)
            await self._events.aclose()

    async def _write(self, scope: Scope, send: Send) -> bool:
        """Send the stream; True when a fault dropped the connection midway."""
        faults = self._faults
        trickle = faults.first("trickle")
        truncate = faults.first("truncate")
        await send({"type": "http.response.start", "status": 200, "headers": self.raw_headers})
        if faults.first("bom"):
            await send_body(send, BOM, trickle, self._state)
        sent = 0
        if await self._after(sent, scope, send):
            return True
        async for produced in self._events:
            event_type = str(produced.data.get("type"))
            if truncate is not None and _truncates(truncate, sent, event_type):
                break
            if produced.frame is not None:
                frame = produced.frame.encode("utf-8")
            else:
                data = produced.data if self._key_case == "snake" else dump(produced.model, "camel")
                frame = self._plan.frame(json_text(data), number=sent + 1, event_type=event_type)
            await send_body(send, frame, trickle, self._state)
            sent += 1
            if await self._after(sent, scope, send):
                return True
        await send({"type": "http.response.body", "body": b"", "more_body": False})
        return False

    async def _after(self, sent: int, scope: Scope, send: Send) -> bool:
        """Act on the faults due after `sent` events; True when the connection was dropped."""
        for fault in self._faults.shaping:
            if fault.after_events != sent:
                continue
            if fault.kind == "bad_json":
                frame = self._plan.frame(fault.text, number=sent + 1, event_type="message")
                await send_body(send, frame, self._faults.first("trickle"), self._state)
            elif fault.kind == "stall":
                await self._state.sleep(fault.seconds)
            elif fault.kind in ("reset", "disconnect"):
                await drop_connection(self._state, scope.get("client"), reset=fault.kind == "reset")
                return True
        return False


# -- the endpoint ----------------------------------------------------------

Detail = Union[str, list[dict[str, Any]]]


class _RefusedError(Exception):
    def __init__(self, status: int, detail: Detail) -> None:
        super().__init__(status, detail)
        self.status = status
        self.detail = detail

    def response(self) -> Response:
        if isinstance(self.detail, str):
            return json_answer(self.status, ErrorBody(detail=self.detail))
        items = [ValidationErrorItem.model_validate(item) for item in self.detail]
        return json_answer(self.status, ErrorBody(detail=items))


def _jsonable(value: Any) -> Any:
    return json.loads(json.dumps(value, default=str))


def _loads(body: bytes) -> Any:
    try:
        return json.loads(body)
    except ValueError:
        return None


def _validate(body: bytes) -> RunWorkflowRequest:
    """The request as FastAPI would validate it: 422 with a `detail` list otherwise."""
    if not body.strip():
        missing = {"type": "missing", "loc": ["body"], "msg": "Field required", "input": None}
        raise _RefusedError(422, [missing])
    try:
        data = json.loads(body)
    except json.JSONDecodeError as exc:
        raise _RefusedError(
            422,
            [{"type": "json_invalid", "loc": ["body", exc.pos], "msg": "JSON decode error",
              "input": {}, "ctx": {"error": exc.msg}}],
        ) from None  # fmt: skip
    try:
        request = RunWorkflowRequest.model_validate(data)
    except ValidationError as exc:
        errors = [
            {**_jsonable(e), "loc": ["body", *e["loc"]]} for e in exc.errors(include_url=False)
        ]
        raise _RefusedError(422, errors) from None
    if not request.user_input and not request.assets and request.hitl_resume is None:
        raise _RefusedError(
            422,
            [{"type": "value_error", "loc": ["body", "user_input"], "input": "",
              "msg": "Value error, user_input may be empty only with assets or hitl_resume"}],
        )  # fmt: skip
    return request


def _resume(request: RunWorkflowRequest, conversation: Optional[Conversation]) -> PendingPause:
    """The paused request a `hitl_resume` answers, checked; refuses with 400 or 409."""
    resume = request.hitl_resume
    assert resume is not None
    if conversation is None:
        raise _RefusedError(400, "hitl_resume needs the conversation_id of the paused run")
    if request.enable_hitl is not True:
        raise _RefusedError(400, "hitl_resume needs enable_hitl: true")
    pending = conversation.pending
    if pending is None or pending.request.request_id != resume.request_id:
        status = conversation.closed_requests.get(resume.request_id)
        raise _RefusedError(
            409,
            f"HITL request '{resume.request_id}' is already {status}"
            if status
            else f"No pending HITL request '{resume.request_id}' in this conversation",
        )
    expected = len(pending.request.interrupt_ids or [])
    if len(resume.decisions) != expected:
        raise _RefusedError(400, f"Expected {expected} decision(s), got {len(resume.decisions)}")
    for decision in resume.decisions:
        if decision.type not in pending.allowed_decisions:
            allowed = ", ".join(pending.allowed_decisions)
            raise _RefusedError(
                400, f"Decision '{decision.type}' is not allowed here (allowed: {allowed})"
            )
    return pending


def _start(
    state: EmulatorState, request: RunWorkflowRequest
) -> tuple[AgentScript, Conversation, Turn, RecordedRun, Optional[PendingPause]]:
    """Check the request against what the emulator knows, then open the run."""
    agent_id = request.agent_id
    with state.changed:
        script = state.agents.get(agent_id)
        if script is None:
            raise _RefusedError(404, f"Agent '{agent_id}' not found")
        conversation = None
        if request.conversation_id is not None:
            conversation = state.conversations.get(request.conversation_id)
            if conversation is None or conversation.agent_id != agent_id:
                raise _RefusedError(404, f"Conversation '{request.conversation_id}' not found")
        assets = []
        for file_id in request.assets or []:
            upload = state.uploads.get(file_id)
            if upload is None or not upload.completed or upload.agent_id != agent_id:
                raise _RefusedError(
                    400, f"Asset '{file_id}' is not a completed upload of agent '{agent_id}'"
                )
            assets.append(upload)
        resuming = None
        if request.hitl_resume is not None:
            resuming = _resume(request, conversation)
            assert conversation is not None
            conversation.closed_requests[resuming.request.request_id] = "resolved"
            conversation.pending = None
        elif conversation is not None and conversation.pending is not None:
            conversation.closed_requests[conversation.pending.request.request_id] = "superseded"
            conversation.pending = None
        if conversation is None:
            conversation = Conversation(state.det.uuid(), agent_id, request.contact_id)
            state.conversations[conversation.conversation_id] = conversation
        record = RecordedRun(
            state.det.uuid(), agent_id, conversation.conversation_id, stream=request.stream
        )
        state.runs.append(record)
        state.changed.notify_all()
        turn = Turn(
            agent_id=agent_id, conversation_id=conversation.conversation_id,
            user_input=request.user_input, index=len(conversation.history),
            contact_id=request.contact_id, history=tuple(conversation.history),
            assets=tuple(assets), hitl_enabled=request.enable_hitl is True,
            decisions=tuple(request.hitl_resume.decisions) if request.hitl_resume else (),
        )  # fmt: skip
    return script, conversation, turn, record, resuming


def _finish(state: EmulatorState, conversation: Conversation, turn: Turn, run: AgentRun) -> None:
    with state.changed:
        conversation.history.append((turn.user_input, run.response_text))
        conversation.pending = run.paused
        state.changed.notify_all()


async def _streamed(
    state: EmulatorState, conversation: Conversation, turn: Turn, run: AgentRun
) -> AsyncGenerator[Produced, None]:
    events = run.events()
    try:
        async for produced in events:
            yield produced
    finally:
        await events.aclose()
    _finish(state, conversation, turn, run)


def _answer(
    state: EmulatorState, request: RunWorkflowRequest, conversation: Conversation, run: AgentRun
) -> ChatResponse:
    paused = run.paused
    texts = run.texts + ([run.error.message] if run.error else [])
    return ChatResponse(
        agent_id=request.agent_id, user_id=state.user_id,
        conversation_id=conversation.conversation_id, contact_id=request.contact_id,
        response="\n\n".join(texts), owner=state.owner, error=run.error is not None,
        assets=run.assets, run_paused_hitl=paused is not None,
        hitl_interrupts=(
            [{"id": i, "value": dump(paused.request)} for i in paused.request.interrupt_ids or []]
            if paused else None
        ),
        hitl_request=paused.request if paused else None,
        run_halted_out_of_credits=run.halted is not None,
    )  # fmt: skip


def _key_case(state: EmulatorState, request: Request) -> KeyCase:
    chosen = request.headers.get(KEY_CASE_HEADER, "").lower()
    return "camel" if chosen == "camel" else "snake" if chosen == "snake" else state.key_case


async def run_workflow(state: EmulatorState, request: Request) -> Response:
    """Answer one run-workflow call."""
    body = await request.body()
    exchange = Exchange(state, request, body, "run")
    payload = _loads(body)
    hint = payload.get("agent_id") if isinstance(payload, dict) else None
    stream = isinstance(payload, dict) and payload.get("stream") is True
    instead = exchange.take_faults(
        "run", hint if isinstance(hint, str) else None, "chat", stream=stream
    )
    if instead is not None:
        return instead
    await exchange.stall_before_answer(stream=stream)
    if request.headers.get("api-key") != state.api_key:
        return exchange.answer(json_answer(401, ErrorBody(detail="Invalid or missing API key")))
    try:
        parsed = _validate(body)
        script, conversation, turn, record, resuming = _start(state, parsed)
    except _RefusedError as refused:
        return exchange.answer(refused.response())
    run = AgentRun(state, script, turn, record, resuming=resuming)
    if parsed.stream:
        events = _streamed(state, conversation, turn, run)
        stream_answer = EventStream(
            events, state=state, key_case=_key_case(state, request), faults=exchange.faults
        )
        return exchange.note(stream_answer)
    async for _ in run.events():
        pass
    _finish(state, conversation, turn, run)
    return exchange.answer(json_answer(201, _answer(state, parsed, conversation, run)))
