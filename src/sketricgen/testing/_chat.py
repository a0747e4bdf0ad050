"""POST /api/v1/run-workflow: validation as the service does it, then a run, JSON or streamed."""

from __future__ import annotations

import json
from collections.abc import AsyncGenerator
from typing import Any, Optional, Union

from pydantic import ValidationError
from sketricgen_models import ChatResponse, ErrorBody, RunWorkflowRequest, ValidationErrorItem
from starlette.requests import Request
from starlette.responses import Response

from ._exchange import Exchange, json_answer
from ._records import RecordedRun
from ._responses import EventStream
from ._run import AgentRun, PendingPause, Produced
from ._script import AgentScript, Turn
from ._state import Conversation, EmulatorState
from ._wire import KEY_CASE_HEADER, KeyCase, dump

__all__ = ["RUN_PATH", "run_workflow"]

RUN_PATH = "/api/v1/run-workflow"

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
        return exchange.answer(stream_answer)
    async for _ in run.events():
        pass
    _finish(state, conversation, turn, run)
    return exchange.answer(json_answer(201, _answer(state, parsed, conversation, run)))
