"""Human in the loop through the relay: a pause is an AG-UI interrupt, `resume` answers it."""

from __future__ import annotations

from typing import Any, Callable

import pytest

from sketricgen.testing import Emulator
from sketricgen.verify import verify_events

pytestmark = pytest.mark.emulator

Post = Callable[..., Any]
Input = Callable[..., dict[str, Any]]
HITL = {"agentId": "hitl-agent"}


def _pause(post_run: Post, run_input: Input, thread: str = "th-h") -> dict[str, Any]:
    answer = post_run(run_input("Tell Bob hi", thread_id=thread, run_id="r1", forwardedProps=HITL))
    verify_events(answer.events)
    assert answer.types[-1] == "RUN_FINISHED"
    assert "RUN_PAUSED_HITL" not in answer.types
    outcome: dict[str, Any] = answer.events[-1]["outcome"]
    return outcome


def test_a_pause_is_an_interrupt_outcome_naming_the_action(
    post_run: Post, run_input: Input, sketricgen_emulator: Emulator
) -> None:
    outcome = _pause(post_run, run_input)

    paused = sketricgen_emulator.runs[-1].events[-1]
    assert paused["type"] == "RUN_PAUSED_HITL"
    (interrupt,) = outcome["interrupts"]
    assert outcome["type"] == "interrupt"
    assert interrupt["id"] == paused["interrupt_ids"][0]
    assert interrupt["reason"] == "tool_approval"
    call = next(e for e in sketricgen_emulator.runs[-1].events if e["type"] == "TOOL_CALL_START")
    assert interrupt["toolCallId"] == call["tool_call_id"]
    assert interrupt["metadata"]["sketricgen"] == {
        "requestId": paused["request_id"],
        "action": {"name": "send_email", "args": {"to": "user@example.com", "body": "Tell Bob hi"}},
        "allowedDecisions": ["approve", "reject", "respond"],
    }
    assert sketricgen_emulator.requests_to("run")[-1].json()["enable_hitl"] is True


@pytest.mark.parametrize(
    ("answer", "said"),
    [
        ({"status": "resolved", "payload": {"type": "approve"}}, "Approved: the email was sent."),
        ({"status": "resolved", "payload": "reject"}, "Rejected: the email was not sent."),
        ({"status": "cancelled"}, "Rejected: the email was not sent."),
        (
            {"status": "resolved", "payload": {"type": "respond", "message": "Say hello"}},
            "Noted your answer: Say hello",
        ),
    ],
)
def test_resume_answers_the_interrupt_on_the_same_conversation(
    post_run: Post,
    run_input: Input,
    sketricgen_emulator: Emulator,
    answer: dict[str, Any],
    said: str,
) -> None:
    outcome = _pause(post_run, run_input)
    interrupt = outcome["interrupts"][0]
    paused_run = sketricgen_emulator.runs[-1]

    resumed = post_run(
        run_input(
            thread_id="th-h", run_id="r2", forwardedProps=HITL,
            resume=[{"interruptId": interrupt["id"], **answer}],
        )
    )  # fmt: skip

    assert resumed.status == 200
    verify_events(resumed.events)
    assert said in resumed.text
    assert (resumed.events[0]["threadId"], resumed.events[0]["runId"]) == ("th-h", "r2")
    sent = sketricgen_emulator.requests_to("run")[-1].json()
    assert sent["conversation_id"] == paused_run.conversation_id
    assert sent["user_input"] == ""
    assert sent["enable_hitl"] is True
    assert sent["hitl_resume"]["request_id"] == interrupt["metadata"]["sketricgen"]["requestId"]
    assert sent["hitl_resume"]["decisions"][0]["type"] in ("approve", "reject", "respond")


def test_a_resume_is_accepted_once(
    post_run: Post, run_input: Input, sketricgen_emulator: Emulator
) -> None:
    interrupt = _pause(post_run, run_input)["interrupts"][0]
    resume = [{"interruptId": interrupt["id"], "status": "resolved", "payload": "approve"}]
    first = post_run(run_input(thread_id="th-h", run_id="r2", forwardedProps=HITL, resume=resume))
    again = post_run(run_input(thread_id="th-h", run_id="r3", forwardedProps=HITL, resume=resume))

    assert first.status == 200
    assert again.status == 409
    assert again.json()["error"] == "no_pending_interrupt"
    assert len(sketricgen_emulator.requests_to("run")) == 2


@pytest.mark.parametrize(
    ("resume", "code"),
    [
        ([{"interruptId": "int_unknown", "status": "resolved", "payload": "approve"}],
         "invalid_resume"),
        ([{"interruptId": "INTERRUPT", "status": "resolved", "payload": {"type": "maybe"}}],
         "invalid_resume"),
        ([{"interruptId": "INTERRUPT", "status": "resolved"}], "invalid_resume"),
        ([{"interruptId": "INTERRUPT", "status": "later"}], "invalid_input"),
    ],
)  # fmt: skip
def test_a_bad_resume_is_refused_before_reaching_sketricgen(
    post_run: Post,
    run_input: Input,
    sketricgen_emulator: Emulator,
    resume: list[dict[str, Any]],
    code: str,
) -> None:
    interrupt_id = _pause(post_run, run_input)["interrupts"][0]["id"]
    for entry in resume:
        entry["interruptId"] = entry["interruptId"].replace("INTERRUPT", interrupt_id)

    refused = post_run(run_input(thread_id="th-h", run_id="r2", forwardedProps=HITL, resume=resume))

    assert refused.status in (400, 422)
    assert refused.json()["error"] == code
    assert len(sketricgen_emulator.requests_to("run")) == 1


def test_a_resume_on_a_thread_with_no_pause_is_a_conflict(
    post_run: Post, run_input: Input, sketricgen_emulator: Emulator
) -> None:
    resume = [{"interruptId": "int_1", "status": "resolved", "payload": "approve"}]

    refused = post_run(run_input(thread_id="th-none", resume=resume))

    assert refused.status == 409
    assert sketricgen_emulator.requests == []
