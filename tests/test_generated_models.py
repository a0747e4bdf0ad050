"""The generated wire models read what the service sends, and what it may add."""

from __future__ import annotations

import pytest
from sketricgen_lowlevel.api.chat import run_workflow
from sketricgen_models import (
    ChatResponse,
    GenericAgUiEvent,
    RunHaltedOutOfCreditsEvent,
    RunStartedEvent,
    RunWorkflowRequest,
    TextMessageContentEvent,
    ToolCallStartEvent,
    UploadInitResponse,
)

from sketricgen._streaming.typed import parse_ag_ui_event


def test_chat_response_keeps_unknown_fields() -> None:
    body = {
        "agent_id": "agent-123",
        "user_id": "user-1",
        "conversation_id": "conv-1",
        "response": "Hello!",
        "owner": "owner-1",
        "sentiment": {"score": 0.9},
    }
    parsed = ChatResponse.model_validate(body)
    assert parsed.response == "Hello!"
    assert parsed.error is False
    assert parsed.model_extra == {"sentiment": {"score": 0.9}}
    assert parsed.model_dump()["sentiment"] == {"score": 0.9}


def test_chat_response_hitl_fields() -> None:
    parsed = ChatResponse.model_validate(
        {
            "agent_id": "a", "user_id": "u", "conversation_id": "c", "response": "", "owner": "o",
            "run_paused_hitl": True,
            "hitl_request": {
                "request_id": "req-1", "interrupt_ids": ["i1"], "status": "pending",
                "action_requests": [{"name": "send_email", "args": {"to": "x@y.z"}}],
                "review_configs": [{"allowed_decisions": ["approve", "reject"]}],
            },
        }
    )  # fmt: skip
    assert parsed.hitl_request is not None
    assert parsed.hitl_request.action_requests is not None
    assert parsed.hitl_request.action_requests[0].args == {"to": "x@y.z"}


@pytest.mark.parametrize(
    "payload",
    [
        {"type": "RUN_STARTED", "thread_id": "t-1", "run_id": "r-1"},
        {"type": "RUN_STARTED", "threadId": "t-1", "runId": "r-1"},
    ],
    ids=["snake_case", "camelCase"],
)
def test_event_reads_both_key_spellings(payload: dict[str, str]) -> None:
    event = parse_ag_ui_event(payload)
    assert isinstance(event, RunStartedEvent)
    assert (event.thread_id, event.run_id) == ("t-1", "r-1")


def test_event_fields_of_several_types() -> None:
    text = parse_ag_ui_event({"type": "TEXT_MESSAGE_CONTENT", "messageId": "m", "delta": " hi "})
    assert isinstance(text, TextMessageContentEvent)
    assert text.delta == " hi "
    tool = parse_ag_ui_event(
        {"type": "TOOL_CALL_START", "tool_call_id": "tc", "tool_call_name": "search"}
    )
    assert isinstance(tool, ToolCallStartEvent)
    assert tool.tool_call_name == "search"


def test_out_of_credits_is_typed_in_both_shapes() -> None:
    halted = parse_ag_ui_event(
        {"type": "RUN_HALTED_OUT_OF_CREDITS", "threadId": "t-1", "message": "No credits left"}
    )
    assert isinstance(halted, RunHaltedOutOfCreditsEvent)
    assert (halted.thread_id, halted.message) == ("t-1", "No credits left")
    bare = parse_ag_ui_event({"type": "RUN_HALTED_OUT_OF_CREDITS"})  # every field is optional
    assert isinstance(bare, RunHaltedOutOfCreditsEvent)
    answer = ChatResponse.model_validate(
        {"agent_id": "a", "user_id": "u", "conversation_id": "c", "response": "Hel",
         "owner": "o", "run_halted_out_of_credits": True}
    )  # fmt: skip
    assert answer.run_halted_out_of_credits is True


def test_unknown_event_type_is_reported_not_crashed_on() -> None:
    event = parse_ag_ui_event({"type": "BRAND_NEW_EVENT", "payload": [1, 2]})
    assert isinstance(event, GenericAgUiEvent)
    assert event.type == "BRAND_NEW_EVENT"
    assert event.model_dump() == {"type": "BRAND_NEW_EVENT", "payload": [1, 2]}


def test_known_type_with_wrong_fields_falls_back_to_generic() -> None:
    event = parse_ag_ui_event({"type": "RUN_STARTED"})
    assert isinstance(event, GenericAgUiEvent)


def test_upload_init_answer_parses() -> None:
    answer = UploadInitResponse.model_validate(
        {
            "success": True, "file_id": "f-1", "content_type": "application/pdf",
            "upload": {"url": "https://bucket/", "fields": {"key": "k", "policy": "p"},
                       "expires_at": "2026-01-01T00:00:00Z", "max_file_bytes": 20971520},
        }
    )  # fmt: skip
    assert list(answer.upload.fields) == ["key", "policy"]


def test_lowlevel_client_builds_the_run_request() -> None:
    body = RunWorkflowRequest(agent_id="agent-123", user_input="Hello", stream=True)
    call = run_workflow.build_request(body=body)
    assert (call.method, call.url) == ("POST", "/api/v1/run-workflow")
    assert call.json == {"agent_id": "agent-123", "user_input": "Hello", "stream": True}
