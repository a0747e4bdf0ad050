"""Human-in-the-loop: a run pauses, a later call resumes it, and the rules around that."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from sketricgen_models import ChatResponse

from sketricgen.testing import AgentScript, Emulator
from tests.helpers.emulator import run, stream

pytestmark = pytest.mark.emulator


def _pause(emu: Emulator, http: httpx.Client) -> ChatResponse:
    response = run(http, emu, agent_id="hitl-agent", user_input="Tell Bob hi", enable_hitl=True)
    assert response.status_code == 201
    return ChatResponse.model_validate(response.json())


def _resume(
    emu: Emulator, http: httpx.Client, paused: ChatResponse, *decisions: dict[str, Any], **body: Any
) -> httpx.Response:
    assert paused.hitl_request is not None
    fields: dict[str, Any] = {
        "agent_id": "hitl-agent",
        "user_input": "",
        "conversation_id": paused.conversation_id,
        "enable_hitl": True,
        "hitl_resume": {
            "request_id": paused.hitl_request.request_id,
            "decisions": list(decisions) or [{"type": "approve"}],
        },
        **body,
    }
    return run(http, emu, **fields)


def test_a_run_pauses_for_approval(emu: Emulator, http: httpx.Client) -> None:
    paused = _pause(emu, http)
    assert paused.run_paused_hitl is True
    assert paused.response == "I will send that email for you."
    request = paused.hitl_request
    assert request is not None
    assert request.status == "pending"
    assert request.thread_id == paused.conversation_id
    assert request.action_requests is not None
    assert request.review_configs is not None
    assert request.action_requests[0].name == "send_email"
    assert request.action_requests[0].args == {"to": "user@example.com", "body": "Tell Bob hi"}
    assert request.review_configs[0].allowed_decisions == ["approve", "reject", "respond"]
    assert request.interrupt_ids is not None
    value = paused.model_dump(exclude_none=True)["hitl_request"]
    assert paused.hitl_interrupts == [{"id": request.interrupt_ids[0], "value": value}]


def test_a_streamed_pause_ends_with_run_paused_hitl(emu: Emulator, http: httpx.Client) -> None:
    found = stream(http, emu, agent_id="hitl-agent", user_input="hi", enable_hitl=True)
    last = found[-1]
    assert last["type"] == "RUN_PAUSED_HITL"
    assert last["interrupt_ids"] == last["hitl_request"]["interrupt_ids"]
    assert last["request_id"] == last["hitl_request"]["request_id"]
    assert found[-2]["type"] == "TOOL_CALL_END"
    (start,) = [e for e in found if e["type"] == "TOOL_CALL_START"]
    assert start["tool_call_name"] == "send_email"
    assert "TOOL_CALL_RESULT" not in [e["type"] for e in found]


@pytest.mark.parametrize(
    ("decision", "outcome", "tool_result"),
    [
        ({"type": "approve"}, "Approved: the email was sent.", "approved"),
        ({"type": "reject", "message": "not now"}, "Rejected: the email was not sent.",
         "rejected: not now"),
        ({"type": "respond", "message": "Say hello"}, "Noted your answer: Say hello",
         "responded: Say hello"),
    ],
)  # fmt: skip
def test_a_resume_goes_on_after_the_pause(
    emu: Emulator, http: httpx.Client, decision: dict[str, Any], outcome: str, tool_result: str
) -> None:
    paused = _pause(emu, http)
    resumed = _resume(emu, http, paused, decision)
    assert resumed.status_code == 201
    assert resumed.json()["response"] == outcome
    assert resumed.json()["run_paused_hitl"] is False
    first_run, second_run = emu.runs
    results = [e for e in second_run.events if e["type"] == "TOOL_CALL_RESULT"]
    assert results[0]["content"] == tool_result
    started = second_run.events[0]
    assert started["parent_run_id"] == first_run.run_id


def test_a_resume_can_be_streamed(emu: Emulator, http: httpx.Client) -> None:
    paused = _pause(emu, http)
    found = [e["type"] for e in stream(http, emu, **_resume_body(paused))]
    assert found[:2] == ["RUN_STARTED", "TOOL_CALL_RESULT"]
    assert found[-1] == "RUN_FINISHED"


def _resume_body(paused: ChatResponse) -> dict[str, Any]:
    assert paused.hitl_request is not None
    return {
        "agent_id": "hitl-agent", "user_input": "", "conversation_id": paused.conversation_id,
        "enable_hitl": True,
        "hitl_resume": {"request_id": paused.hitl_request.request_id,
                        "decisions": [{"type": "approve"}]},
    }  # fmt: skip


@pytest.mark.parametrize(
    ("change", "status", "detail"),
    [
        ({"conversation_id": None}, 400, "hitl_resume needs the conversation_id"),
        ({"enable_hitl": False}, 400, "hitl_resume needs enable_hitl: true"),
        ({"request_id": "hitl_other"}, 409, "No pending HITL request 'hitl_other'"),
        ({"decisions": []}, 400, "Expected 1 decision(s), got 0"),
        ({"decisions": [{"type": "approve"}, {"type": "reject"}]}, 400, "Expected 1 decision(s)"),
    ],
    ids=["no-conversation", "hitl-off", "wrong-request", "no-decision", "two-decisions"],
)
def test_resume_rules(
    emu: Emulator, http: httpx.Client, change: dict[str, Any], status: int, detail: str
) -> None:
    body = _resume_body(_pause(emu, http))
    for key, value in change.items():
        target = body["hitl_resume"] if key in ("request_id", "decisions") else body
        if value is None:
            del target[key]
        else:
            target[key] = value
    response = run(http, emu, **body)
    assert response.status_code == status
    assert detail in response.json()["detail"]
    assert len(emu.runs) == 1  # nothing ran


def test_a_decision_type_outside_the_review_config_is_400(
    emu: Emulator, http: httpx.Client
) -> None:
    emu.add_agent("strict", AgentScript().hitl("delete_all", allowed_decisions=["approve"]))
    paused = run(http, emu, agent_id="strict", user_input="go", enable_hitl=True).json()
    body = _resume_body(ChatResponse.model_validate(paused))
    body["agent_id"] = "strict"
    body["hitl_resume"]["decisions"] = [{"type": "respond", "message": "hmm"}]
    response = run(http, emu, **body)
    assert response.status_code == 400
    assert response.json()["detail"] == "Decision 'respond' is not allowed here (allowed: approve)"


def test_a_resolved_request_cannot_be_resumed_twice(emu: Emulator, http: httpx.Client) -> None:
    paused = _pause(emu, http)
    assert _resume(emu, http, paused).status_code == 201
    again = _resume(emu, http, paused)
    assert again.status_code == 409
    assert again.json()["detail"].endswith("is already resolved")


def test_a_new_message_supersedes_a_pending_request(emu: Emulator, http: httpx.Client) -> None:
    paused = _pause(emu, http)
    other = run(
        http, emu, agent_id="hitl-agent", user_input="never mind",
        conversation_id=paused.conversation_id,
    )  # fmt: skip
    assert other.status_code == 201
    late = _resume(emu, http, paused)
    assert late.status_code == 409
    assert late.json()["detail"].endswith("is already superseded")


def test_without_enable_hitl_the_tool_runs_unreviewed(emu: Emulator, http: httpx.Client) -> None:
    answer = run(http, emu, agent_id="hitl-agent", user_input="hi").json()
    assert answer["run_paused_hitl"] is False
    assert answer["response"] == "I will send that email for you.\n\nThe email was sent."
