"""The relay in front of the emulator: turns, conversations, ids, endings, and the key."""

from __future__ import annotations

from typing import Any, Callable

import pytest

from sketricgen.testing import AgentScript, Emulator, Fault
from sketricgen.verify import verify_events

pytestmark = pytest.mark.emulator

Post = Callable[..., Any]
Input = Callable[..., dict[str, Any]]

BUILTIN = ("demo-agent", "agent-123", "hitl-agent", "error-agent", "out-of-credits-agent")


def test_a_turn_streams_camelcase_ag_ui_events_with_the_frontends_ids(
    post_run: Post, run_input: Input, sketricgen_emulator: Emulator
) -> None:
    answer = post_run(run_input("Find the news", thread_id="th-a", run_id="run-a"))

    assert answer.status == 200
    assert answer.headers["content-type"].startswith("text/event-stream")
    assert answer.types[0] == "RUN_STARTED"
    assert answer.types[-1] == "RUN_FINISHED"
    assert {"TOOL_CALL_START", "STEP_STARTED", "TEXT_MESSAGE_CONTENT"} <= set(answer.types)
    for run_event in (answer.events[0], answer.events[-1]):
        assert (run_event["threadId"], run_event["runId"]) == ("th-a", "run-a")
    # camelCase, as ag-ui's EventEncoder writes it: no snake_case key anywhere at the top.
    assert all("_" not in key for event in answer.events for key in event)
    assert "toolCallName" in next(e for e in answer.events if e["type"] == "TOOL_CALL_START")
    assert answer.text.startswith("Let me look that up.")
    assert answer.events[-1]["result"].endswith(answer.text[-20:])
    verify_events(answer.events)
    (sent,) = sketricgen_emulator.requests_to("run")
    assert sent.json()["user_input"] == "Find the news"
    assert sent.json()["stream"] is True


def test_a_second_turn_on_the_thread_continues_the_conversation(
    post_run: Post, run_input: Input, relay_server: Any, sketricgen_emulator: Emulator
) -> None:
    props = {"agentId": "agent-123"}
    first = post_run(run_input("Hi", thread_id="th-b", run_id="r1", forwardedProps=props))
    second = post_run(run_input("Again", thread_id="th-b", run_id="r2", forwardedProps=props))
    other = post_run(run_input("Hi", thread_id="th-c", run_id="r3", forwardedProps=props))

    assert first.text == "Hello! You said: Hi"
    assert second.text == "Hello! You said: Again This is message 2 of our conversation."
    assert other.text == "Hello! You said: Hi"
    runs = sketricgen_emulator.runs
    assert runs[0].conversation_id == runs[1].conversation_id != runs[2].conversation_id
    sent = [r.json() for r in sketricgen_emulator.requests_to("run")]
    assert "conversation_id" not in sent[0] or sent[0]["conversation_id"] is None
    assert sent[1]["conversation_id"] == runs[0].conversation_id
    # The browser only ever sees its own thread id, never SketricGen's conversation id.
    assert runs[0].conversation_id.encode() not in first.raw + second.raw
    assert (second.events[0]["threadId"], second.events[0]["runId"]) == ("th-b", "r2")


@pytest.mark.parametrize("agent", BUILTIN)
def test_every_built_in_agent_relays_a_valid_ag_ui_stream(
    post_run: Post, run_input: Input, agent: str
) -> None:
    answer = post_run(run_input("Hello", forwardedProps={"agentId": agent}))

    assert answer.status == 200
    verify_events(answer.events)
    assert answer.types[0] == "RUN_STARTED"
    assert answer.types[-1] in ("RUN_FINISHED", "RUN_ERROR")


def test_an_agents_run_error_keeps_its_message_and_code(post_run: Post, run_input: Input) -> None:
    answer = post_run(run_input("Hi", forwardedProps={"agentId": "error-agent"}))

    assert answer.events[-1] == {
        "type": "RUN_ERROR",
        "timestamp": answer.events[-1]["timestamp"],
        "message": "The agent failed to complete the run.",
        "code": "AGENT_ERROR",
    }


def test_out_of_credits_ends_in_run_error_with_its_code(post_run: Post, run_input: Input) -> None:
    answer = post_run(run_input("Hi", forwardedProps={"agentId": "out-of-credits-agent"}))

    assert answer.types[-1] == "RUN_ERROR"
    assert answer.events[-1]["code"] == "out_of_credits"
    assert answer.events[-1]["message"] == "The account has run out of credits."
    assert "RUN_HALTED_OUT_OF_CREDITS" not in answer.types
    verify_events(answer.events)


def test_custom_events_become_custom_and_unknown_types_raw(
    post_run: Post, run_input: Input, relay_server_factory: Any, sketricgen_emulator: Emulator
) -> None:
    sketricgen_emulator.add_agent(
        "odd-agent",
        AgentScript()
        .event({"type": "CUSTOM_EVENT", "name": "deep_agents_workspace", "value": {"files": 2}})
        .custom("progress", {"percent": 50})
        .event({"type": "BRAND_NEW_TYPE", "some_field": [1, 2]})
        .text("Done."),
    )
    relay = relay_server_factory("odd-agent")

    answer = post_run(run_input("Hi"), url=relay.agent_url)

    custom = [e for e in answer.events if e["type"] == "CUSTOM"]
    assert [(e["name"], e["value"]) for e in custom] == [
        ("deep_agents_workspace", {"files": 2}),
        ("progress", {"percent": 50}),
    ]
    (raw,) = [e for e in answer.events if e["type"] == "RAW"]
    assert raw["source"] == "sketricgen"
    assert raw["event"] == {"type": "BRAND_NEW_TYPE", "some_field": [1, 2]}
    assert not {"CUSTOM_EVENT", "BRAND_NEW_TYPE"} & set(answer.types)
    assert answer.text == "Done."
    verify_events(answer.events)


def test_a_stream_cut_short_ends_in_run_error(
    post_run: Post, run_input: Input, sketricgen_emulator: Emulator
) -> None:
    sketricgen_emulator.add_fault(Fault.truncate(after_events=4), agent_id="demo-agent")

    answer = post_run(run_input("Hi"))

    assert answer.types[-1] == "RUN_ERROR"
    assert answer.events[-1]["code"] == "incomplete_stream"
    verify_events(answer.events)


def test_a_service_failure_ends_in_run_error_without_the_key(
    relay_server_factory: Any, post_run: Post, run_input: Input, sketricgen_emulator: Emulator
) -> None:
    sketricgen_emulator.add_fault(Fault.status(503, retry_after=0), agent_id="demo-agent")
    relay = relay_server_factory(client_options={"max_retries": 0})

    answer = post_run(run_input("Hi"), url=relay.agent_url)

    assert answer.status == 200
    assert answer.types == ["RUN_ERROR"]
    assert answer.events[0]["code"] == "upstream_error"
    assert "503" in answer.events[0]["message"]
    verify_events(answer.events)


def test_a_reordered_stream_from_the_service_never_reaches_the_browser_out_of_order(
    post_run: Post, run_input: Input, sketricgen_emulator: Emulator
) -> None:
    sketricgen_emulator.add_fault(Fault.reorder(after_events=1), agent_id="demo-agent")

    answer = post_run(run_input("Hi"))

    verify_events(answer.events)
    assert answer.types == ["RUN_STARTED", "RUN_ERROR"]
    assert answer.events[-1]["code"] == "invalid_event_order"


def test_the_api_key_never_reaches_the_browser(
    post_run: Post, run_input: Input, sketricgen_emulator: Emulator
) -> None:
    sketricgen_emulator.add_fault(Fault.status(401), agent_id="agent-123")
    key = sketricgen_emulator.api_key.encode()
    answers = [
        post_run(run_input("Hi", forwardedProps={"agentId": agent}))
        for agent in (*BUILTIN, "not-allowed")
    ]
    answers.append(post_run(None, content=b"{", headers={"content-type": "application/json"}))

    assert [a.status for a in answers] == [200] * len(BUILTIN) + [403, 400]
    assert answers[1].types == ["RUN_ERROR"]  # the 401, told without the key
    for answer in answers:
        assert key not in answer.raw
        assert key not in str(answer.headers).encode()


def test_a_delta_for_a_closed_message_is_caught_despite_the_short_cut(
    post_run: Post, run_input: Input, relay_server_factory: Any, sketricgen_emulator: Emulator
) -> None:
    def say(kind: str, **fields: Any) -> dict[str, Any]:
        return {"type": kind, "message_id": "m1", **fields}

    sketricgen_emulator.add_agent(
        "sloppy-agent",
        AgentScript()
        .event(say("TEXT_MESSAGE_START", role="assistant"))
        .event(say("TEXT_MESSAGE_CONTENT", delta="Hi"))
        .event(say("TEXT_MESSAGE_END"))
        .event(say("TEXT_MESSAGE_CONTENT", delta=" again")),
    )
    relay = relay_server_factory("sloppy-agent")

    answer = post_run(run_input("Hi"), url=relay.agent_url)

    verify_events(answer.events)
    assert answer.text == "Hi"
    assert answer.types[-1] == "RUN_ERROR"
    assert answer.events[-1]["code"] == "invalid_event_order"


def test_a_service_writing_camelcase_keys_is_relayed_the_same(
    sketricgen_emulator_factory: Any, relay_server_factory: Any, post_run: Post, run_input: Input
) -> None:
    camel = sketricgen_emulator_factory(key_case="camel")
    relay = relay_server_factory(emulator=camel)
    hitl = {"agentId": "hitl-agent"}

    demo = post_run(run_input("Hi", thread_id="c1"), url=relay.agent_url)
    paused = post_run(run_input("Hi", thread_id="c2", forwardedProps=hitl), url=relay.agent_url)
    (interrupt,) = paused.events[-1]["outcome"]["interrupts"]
    resume = [{"interruptId": interrupt["id"], "status": "resolved", "payload": "approve"}]
    resumed = post_run(
        run_input(thread_id="c2", run_id="r2", forwardedProps=hitl, resume=resume),
        url=relay.agent_url,
    )

    for answer in (demo, paused, resumed):
        verify_events(answer.events)
    assert demo.text.startswith("Let me look that up.")
    assert interrupt["metadata"]["sketricgen"]["action"]["name"] == "send_email"
    assert "Approved: the email was sent." in resumed.text
    assert camel.requests_to("run")[-1].json()["hitl_resume"]["decisions"] == [{"type": "approve"}]
