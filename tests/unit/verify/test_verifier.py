"""Every rule of the AG-UI order verifier: a sequence that breaks it, and the error in full."""

from __future__ import annotations

import pickle
from typing import Any, Optional

import pytest

from sketricgen import SketricGenError
from sketricgen.verify import AgUiOrderError, EventOrderVerifier, verify_events

Event = dict[str, Any]

RUN: Event = {"type": "RUN_STARTED", "threadId": "t1", "runId": "r1"}
DONE: Event = {"type": "RUN_FINISHED", "threadId": "t1", "runId": "r1"}
FAILED: Event = {"type": "RUN_ERROR", "message": "boom"}


def ev(kind: str, sub: Optional[str] = None, **fields: Any) -> Event:
    """An event of `kind`; `sub` tags it with a subagentRunId."""
    event: Event = {"type": kind, **fields}
    if sub is not None:
        event["subagentRunId"] = sub
    return event


def msg(kind: str, mid: str = "m1", sub: Optional[str] = None) -> Event:
    return ev(
        f"TEXT_MESSAGE_{kind}", sub, messageId=mid, **({"delta": "hi"} if kind == "CONTENT" else {})
    )


def tool(kind: str, cid: str = "c1", sub: Optional[str] = None) -> Event:
    extra = {"START": {"toolCallName": "search"}, "ARGS": {"delta": "{}"}}.get(kind, {})
    return ev(f"TOOL_CALL_{kind}", sub, toolCallId=cid, **extra)


def step(kind: str, name: str = "plan", sub: Optional[str] = None) -> Event:
    return ev(f"STEP_{kind}", sub, stepName=name)


def reasoning(kind: str, mid: str = "r1") -> Event:
    return ev(kind, messageId=mid, **({"delta": "hm"} if kind.endswith("CONTENT") else {}))


def subagent(kind: str, sid: str = "s1", **fields: Any) -> Event:
    if kind == "STARTED":
        fields.setdefault("name", "researcher")
    return ev(f"SUBAGENT_{kind}", sid, **fields)


def chunk(kind: str, sub: Optional[str] = None, **fields: Any) -> Event:
    return ev(f"{kind}_CHUNK", sub, **fields)


# (rule, events, index of the offending event, the rule's sentence)
CASES: list[tuple[str, list[Event], int, str]] = [
    ("first-event", [msg("START")], 0, "the first event must be RUN_STARTED (or RUN_ERROR)."),
    (
        "after-run-error", [RUN, FAILED, msg("START")], 2,
        "the run already ended with RUN_ERROR; only RUN_STARTED (a new run) may follow.",
    ),
    (
        "after-run-finished", [RUN, DONE, msg("START")], 2,
        "the run already ended with RUN_FINISHED; start a new run with RUN_STARTED.",
    ),
    (
        "run-already-started", [RUN, RUN], 1,
        "RUN_STARTED came while a run is still going; end it with RUN_FINISHED first.",
    ),
    (
        "run-ids-mismatch", [RUN, {**DONE, "runId": "r2"}], 1,
        "RUN_FINISHED has runId 'r2' but RUN_STARTED had 'r1'.",
    ),
    (
        "message-already-started", [RUN, msg("START"), msg("START")], 2,
        "text message 'm1' is already open; end it with TEXT_MESSAGE_END first.",
    ),
    (
        "content-before-start", [RUN, msg("CONTENT")], 1,
        "no text message 'm1' is open; it must begin with TEXT_MESSAGE_START.",
    ),
    (
        "content-before-start", [RUN, msg("START", "m1"), msg("CONTENT", "m2")], 2,
        "no text message 'm2' is open; it must begin with TEXT_MESSAGE_START.",
    ),
    (
        "end-before-start", [RUN, msg("START"), msg("END"), msg("END")], 3,
        "no text message 'm1' is open; it must begin with TEXT_MESSAGE_START.",
    ),
    (
        "tool-call-already-started", [RUN, tool("START"), tool("START")], 2,
        "tool call 'c1' is already open; end it with TOOL_CALL_END first.",
    ),
    (
        "args-before-start", [RUN, tool("ARGS")], 1,
        "no tool call 'c1' is open; it must begin with TOOL_CALL_START.",
    ),
    (
        "tool-call-end-before-start", [RUN, tool("END")], 1,
        "no tool call 'c1' is open; it must begin with TOOL_CALL_START.",
    ),
    (
        "step-already-started", [RUN, step("STARTED"), step("STARTED")], 2,
        "step 'plan' of the parent agent is already open; finish it first.",
    ),
    (
        "step-finished-before-start", [RUN, step("FINISHED")], 1,
        "step 'plan' was not started (no STEP_STARTED).",
    ),
    (
        "step-finished-by-other-owner", [RUN, step("STARTED"), step("FINISHED", sub="s1")], 2,
        "STEP_FINISHED for step 'plan' comes from subagent 's1' but the step was started by "
        "the parent agent.",
    ),
    (
        "reasoning-already-started",
        [RUN, reasoning("REASONING_START"), reasoning("REASONING_START")], 2,
        "reasoning span 'r1' is already open; end it with REASONING_END first.",
    ),
    (
        "reasoning-message-already-started",
        [RUN, reasoning("REASONING_MESSAGE_START"), reasoning("REASONING_MESSAGE_START")], 2,
        "reasoning message 'r1' is already open; end it with REASONING_MESSAGE_END first.",
    ),
    (
        "reasoning-content-before-start", [RUN, reasoning("REASONING_MESSAGE_CONTENT")], 1,
        "no reasoning message 'r1' is open; it must begin with REASONING_MESSAGE_START.",
    ),
    (
        "reasoning-message-end-before-start", [RUN, reasoning("REASONING_MESSAGE_END")], 1,
        "no reasoning message 'r1' is open; it must begin with REASONING_MESSAGE_START.",
    ),
    (
        "reasoning-end-before-start",
        [RUN, reasoning("REASONING_MESSAGE_START"), reasoning("REASONING_END")], 2,
        "no reasoning span 'r1' is open; it must begin with REASONING_START.",
    ),
    (
        "step-open-at-run-end", [RUN, step("STARTED"), DONE], 2,
        "RUN_FINISHED came while steps are still open: 'plan'.",
    ),
    (
        "message-open-at-run-end", [RUN, msg("START"), DONE], 2,
        "RUN_FINISHED came while text messages are still open: 'm1'.",
    ),
    (
        "reasoning-message-open-at-run-end", [RUN, reasoning("REASONING_MESSAGE_START"), DONE], 2,
        "RUN_FINISHED came while reasoning messages are still open: 'r1'.",
    ),
    (
        "reasoning-open-at-run-end", [RUN, reasoning("REASONING_START"), DONE], 2,
        "RUN_FINISHED came while reasoning spans are still open: 'r1'.",
    ),
    (
        "tool-call-open-at-run-end", [RUN, tool("START"), tool("ARGS"), DONE], 3,
        "RUN_FINISHED came while tool calls are still open: 'c1'.",
    ),
    (
        "subagent-open-at-run-end", [RUN, subagent("STARTED"), DONE], 2,
        "RUN_FINISHED came while subagents are still open: 's1'.",
    ),
    (
        "message-open-at-run-end",
        [RUN, msg("START"), ev("RUN_PAUSED_HITL", requestId="h1", threadId="t1", runId="r1")], 2,
        "RUN_PAUSED_HITL came while text messages are still open: 'm1'.",
    ),
    (
        "subagent-missing-field", [RUN, ev("SUBAGENT_STARTED", name="researcher")], 1,
        "SUBAGENT_STARTED has no subagentRunId.",
    ),
    (
        "subagent-missing-field", [RUN, subagent("STARTED"), subagent("ERROR")], 2,
        "SUBAGENT_ERROR has no message.",
    ),
    (
        "subagent-null-field", [RUN, subagent("STARTED", description=None)], 1,
        "SUBAGENT_STARTED has 'description: null'; omit the field instead.",
    ),
    (
        "subagent-bad-outcome",
        [RUN, subagent("STARTED"), subagent("FINISHED", outcome={"type": "done"})], 2,
        "SUBAGENT_FINISHED's outcome must be {type: 'success'} or {type: 'suspended'} "
        "(interruptIds, when given, a list of strings).",
    ),
    (
        "subagent-already-started", [RUN, subagent("STARTED"), subagent("STARTED")], 2,
        "subagent 's1' is already running; finish it with SUBAGENT_FINISHED first.",
    ),
    (
        "subagent-id-reused",
        [RUN, subagent("STARTED"), subagent("FINISHED"), subagent("STARTED")], 3,
        "subagent 's1' already finished in this run; ids are per invocation.",
    ),
    (
        "subagent-parent-not-started",
        [RUN, subagent("STARTED", "s2", parentSubagentRunId="s9")], 1,
        "parentSubagentRunId 's9' was not started in this run.",
    ),
    (
        "subagent-end-before-start", [RUN, subagent("FINISHED")], 1,
        "no subagent 's1' is running; it must begin with SUBAGENT_STARTED.",
    ),
    (
        "null-subagent-run-id", [RUN, {**msg("START"), "subagentRunId": None}], 1,
        "TEXT_MESSAGE_START has 'subagentRunId: null'; the field is optional: omit it.",
    ),
    (
        "owner-mismatch", [RUN, msg("START"), msg("CONTENT", sub="s1")], 2,
        "TEXT_MESSAGE_CONTENT is tagged with subagent 's1' but text message 'm1' belongs to "
        "the parent agent.",
    ),
    (
        "owner-mismatch", [RUN, msg("START", sub="s1"), {**tool("START"), "parentMessageId": "m1",
                                                         "subagentRunId": "s2"}], 2,
        "TOOL_CALL_START is tagged with subagent 's2' but its parent message 'm1' belongs to "
        "subagent 's1'.",
    ),
    (
        "chunk-without-id", [RUN, chunk("TEXT_MESSAGE", delta="a")], 1,
        "the first TEXT_MESSAGE_CHUNK of a text message must carry a messageId.",
    ),
    (
        "chunk-without-name", [RUN, chunk("TOOL_CALL", toolCallId="c1", delta="{")], 1,
        "the first TOOL_CALL_CHUNK must carry a toolCallName.",
    ),
    (
        "chunk-field-conflict",
        [RUN, chunk("TEXT_MESSAGE", messageId="m1", delta="a"),
         chunk("TEXT_MESSAGE", role="user", delta="b")], 2,
        "the chunk's role 'user' differs from the one that opened text message 'm1' "
        "('assistant').",
    ),
    (
        "chunk-ambiguous",
        [RUN, chunk("TEXT_MESSAGE", "s1", messageId="m1", delta="a"),
         chunk("TEXT_MESSAGE", "s2", messageId="m2", delta="b"),
         chunk("TEXT_MESSAGE", delta="c")], 3,
        "the TEXT_MESSAGE_CHUNK has neither an id nor a subagentRunId, and 2 producers have an "
        "open text message; tag it with the subagent it belongs to.",
    ),
    (
        # A chunk-opened message is closed by the next other event of its producer.
        "content-before-start",
        [RUN, chunk("TEXT_MESSAGE", messageId="m1", delta="a"), msg("CONTENT")], 2,
        "no text message 'm1' is open; it must begin with TEXT_MESSAGE_START.",
    ),
    (
        "missing-id", [RUN, ev("TEXT_MESSAGE_START", role="assistant")], 1,
        "TEXT_MESSAGE_START has no messageId (a string).",
    ),
]  # fmt: skip


@pytest.mark.parametrize(
    ("rule", "events", "index", "detail"),
    CASES,
    ids=[f"{case[0]}-{n}" for n, case in enumerate(CASES)],
)
def test_each_rule_names_itself_and_the_event(
    rule: str, events: list[Event], index: int, detail: str
) -> None:
    with pytest.raises(AgUiOrderError) as caught:
        verify_events(events)
    error = caught.value
    event_type = events[index]["type"]
    assert (
        str(error) == f"AG-UI order rule {rule!r} broken at event {index} ({event_type}): {detail}"
    )
    assert (error.rule, error.index, error.event_type, error.detail) == (
        rule, index, event_type, detail
    )  # fmt: skip
    assert error.event is events[index]
    assert isinstance(error, SketricGenError)


def test_not_an_event() -> None:
    with pytest.raises(AgUiOrderError) as caught:
        verify_events([RUN, {"delta": "no type"}])
    assert str(caught.value) == (
        "AG-UI order rule 'not-an-event' broken at event 1 (no type): "
        "an AG-UI event is a JSON object with a string 'type'."
    )
    assert (caught.value.rule, caught.value.index, caught.value.event_type) == (
        "not-an-event", 1, None
    )  # fmt: skip


def test_an_empty_stream_fails_at_its_end() -> None:
    with pytest.raises(AgUiOrderError) as caught:
        verify_events([])
    assert str(caught.value) == (
        "AG-UI order rule 'no-events' broken at the end: "
        "the stream had no events; it must begin with RUN_STARTED."
    )
    assert caught.value.event is None


def test_a_stream_that_stops_inside_its_run_fails_at_its_end() -> None:
    verifier = EventOrderVerifier()
    for event in [RUN, msg("START"), msg("END")]:
        verifier.check(event)
    with pytest.raises(AgUiOrderError) as caught:
        verifier.finish()
    assert (caught.value.rule, caught.value.index, caught.value.event) == ("run-not-ended", 3, None)
    assert str(caught.value).startswith("AG-UI order rule 'run-not-ended' broken at the end: ")


VALID: dict[str, list[Event]] = {
    "text, tool call, step, reasoning": [
        RUN, step("STARTED"), msg("START"), msg("CONTENT"), msg("END"), tool("START"),
        tool("ARGS"), tool("END"), ev("TOOL_CALL_RESULT", messageId="t1", toolCallId="c1",
                                      content="ok"),
        reasoning("REASONING_START"), reasoning("REASONING_MESSAGE_START"),
        reasoning("REASONING_MESSAGE_CONTENT"), reasoning("REASONING_MESSAGE_END"),
        reasoning("REASONING_END"), step("FINISHED"), DONE,
    ],
    "snake_case keys, as SketricGen's docs write them": [
        {"type": "RUN_STARTED", "thread_id": "t1", "run_id": "r1"},
        {"type": "TEXT_MESSAGE_START", "message_id": "m1", "role": "assistant"},
        {"type": "TEXT_MESSAGE_CONTENT", "message_id": "m1", "delta": "hi"},
        {"type": "TEXT_MESSAGE_END", "message_id": "m1"},
        {"type": "TOOL_CALL_START", "tool_call_id": "c1", "tool_call_name": "x"},
        {"type": "TOOL_CALL_END", "tool_call_id": "c1"},
        {"type": "RUN_FINISHED", "thread_id": "t1", "run_id": "r1"},
    ],
    "interleaved messages and the same id again after its end": [
        RUN, msg("START", "a"), msg("START", "b"), msg("CONTENT", "a"), msg("END", "b"),
        msg("END", "a"), msg("START", "a"), msg("END", "a"), DONE,
    ],
    "chunks open and close their entities": [
        RUN, chunk("TEXT_MESSAGE", messageId="m1", delta="a"), chunk("TEXT_MESSAGE", delta="b"),
        chunk("TOOL_CALL", toolCallId="c1", toolCallName="x", delta="{"),
        chunk("TOOL_CALL", delta="}"), chunk("REASONING_MESSAGE", messageId="r1", delta="hm"),
        ev("CUSTOM", name="n", value=1), DONE,
    ],
    "a second run after RUN_FINISHED, an error after it, a third run": [
        RUN, DONE, {**RUN, "runId": "r2"}, msg("START"), msg("END"),
        {**DONE, "runId": "r2"}, FAILED, RUN, DONE,
    ],
    "a stream that is only RUN_ERROR": [FAILED],
    "subagents with the same step name as their parent": [
        RUN, step("STARTED", "tools"), subagent("STARTED"), step("STARTED", "tools", "s1"),
        msg("START", "m9", "s1"), msg("CONTENT", "m9", "s1"), msg("END", "m9"),
        step("FINISHED", "tools", "s1"), subagent("STARTED", "s2", parentSubagentRunId="s1"),
        subagent("FINISHED", "s2", outcome={"type": "success"}), subagent("FINISHED"),
        step("FINISHED", "tools"), DONE,
    ],
    "SketricGen: a HITL pause ends the run": [
        RUN, tool("START"), tool("END"),
        ev("RUN_PAUSED_HITL", request_id="h1", interrupt_ids=["i1"], thread_id="t1", run_id="r1"),
    ],
    "SketricGen: out of credits ends the run, CUSTOM_EVENT and unknown types pass": [
        RUN, ev("CUSTOM_EVENT", name="deep_agents_workspace", value={}),
        ev("SOMETHING_NEW", x=1), msg("START"), ev("RUN_HALTED_OUT_OF_CREDITS"),
    ],
    "state, activity, raw and snapshots": [
        RUN, ev("STATE_SNAPSHOT", snapshot={}), ev("STATE_DELTA", delta=[]),
        ev("MESSAGES_SNAPSHOT", messages=[{"id": "m1", "role": "assistant", "content": "x"}]),
        ev("ACTIVITY_SNAPSHOT", messageId="a1", activityType="plan", content={}),
        ev("ACTIVITY_DELTA", messageId="a1", activityType="plan", patch=[]),
        ev("RAW", event={}), DONE,
    ],
}  # fmt: skip


@pytest.mark.parametrize("events", VALID.values(), ids=list(VALID))
def test_valid_streams_pass(events: list[Event]) -> None:
    verify_events(events)


def test_after_a_hitl_pause_nothing_but_a_new_run() -> None:
    pause = ev("RUN_PAUSED_HITL", requestId="h1")
    with pytest.raises(AgUiOrderError) as caught:
        verify_events([RUN, pause, DONE])
    assert (caught.value.rule, caught.value.index) == ("after-run-finished", 2)
    assert caught.value.detail == (
        "the run already ended with RUN_PAUSED_HITL; start a new run with RUN_STARTED."
    )


def test_ag_ui_pydantic_events_are_read() -> None:
    core = pytest.importorskip("ag_ui.core")
    events = [
        core.RunStartedEvent(thread_id="t1", run_id="r1"),
        core.TextMessageContentEvent(message_id="m1", delta="hi"),
    ]
    with pytest.raises(AgUiOrderError) as caught:
        verify_events(events)
    assert (caught.value.rule, caught.value.index) == ("content-before-start", 1)
    assert caught.value.event is events[1]


def test_the_error_survives_pickling() -> None:
    with pytest.raises(AgUiOrderError) as caught:
        verify_events([RUN, msg("END")])
    copy = pickle.loads(pickle.dumps(caught.value))
    assert (copy.rule, copy.index, copy.event, str(copy)) == (
        caught.value.rule, caught.value.index, caught.value.event, str(caught.value)
    )  # fmt: skip


def test_json_text_as_ag_uis_encoder_writes_it() -> None:
    core = pytest.importorskip("ag_ui.core")
    encoder = pytest.importorskip("ag_ui.encoder").EventEncoder()
    events = [
        core.RunStartedEvent(thread_id="t1", run_id="r1"),
        core.TextMessageStartEvent(message_id="m1", role="assistant"),
        core.TextMessageContentEvent(message_id="m1", delta="hi"),
        core.TextMessageEndEvent(message_id="m1"),
        core.RunFinishedEvent(thread_id="t1", run_id="r1"),
    ]
    texts = [encoder.encode(event)[len("data: ") :].strip() for event in events]
    assert '"messageId":"m1"' in texts[1]
    verify_events(texts)
    verify_events([text.encode() for text in texts])
    with pytest.raises(AgUiOrderError) as caught:
        verify_events([texts[0], texts[2]])
    assert (caught.value.rule, caught.value.index, caught.value.event) == (
        "content-before-start", 1, texts[2]
    )  # fmt: skip
    with pytest.raises(AgUiOrderError) as caught:
        verify_events([texts[0], "{not json"])
    assert (caught.value.rule, caught.value.index) == ("not-an-event", 1)


# Who owns what, learnt from RUN_STARTED's input, MESSAGES_SNAPSHOT and the events themselves:
# (events, index of the offending event, the owner-mismatch sentence).
SUBAGENTS = [subagent("STARTED", "s1"), subagent("STARTED", "s2")]


def _input(*messages: Event) -> Event:
    return {**RUN, "input": {"messages": list(messages)}}


def _snapshot(*messages: Event) -> Event:
    return {"type": "MESSAGES_SNAPSHOT", "messages": list(messages)}


def _child_call(sub: str) -> Event:
    return {**tool("START", sub=sub), "parentMessageId": "m1"}


OWNERS: dict[str, tuple[list[Event], int, str]] = {
    "run-input": (
        [_input({"id": "m1", "role": "assistant", "subagentRunId": "s1"}), *SUBAGENTS,
         _child_call("s2")], 3,
        "TOOL_CALL_START is tagged with subagent 's2' but its parent message 'm1' belongs to "
        "subagent 's1'.",
    ),
    "run-input-first-wins": (
        [_input({"id": "m1", "role": "assistant", "subagentRunId": "s1"},
                {"id": "m1", "role": "assistant", "subagentRunId": "s2"}), *SUBAGENTS,
         _child_call("s2")], 3,
        "TOOL_CALL_START is tagged with subagent 's2' but its parent message 'm1' belongs to "
        "subagent 's1'.",
    ),
    "snapshot-parent-agent": (
        [RUN, *SUBAGENTS, _snapshot({"id": "m1", "role": "assistant"}), _child_call("s2")], 4,
        "TOOL_CALL_START is tagged with subagent 's2' but its parent message 'm1' belongs to "
        "the parent agent.",
    ),
    "run-input-tool-calls": (
        [_input({"id": "m1", "role": "assistant", "subagentRunId": "s1",
                 "toolCalls": [{"id": "c1"}]}),
         *SUBAGENTS, tool("START", sub="s2")], 3,
        "TOOL_CALL_START is tagged with subagent 's2' but tool call 'c1' belongs to subagent 's1'.",
    ),
    "tool-call-args": (
        [RUN, *SUBAGENTS, tool("START", sub="s1"), tool("ARGS", sub="s2")], 4,
        "TOOL_CALL_ARGS is tagged with subagent 's2' but tool call 'c1' belongs to subagent 's1'.",
    ),
    "snapshot-reasoning": (
        [RUN, *SUBAGENTS, _snapshot({"id": "r1", "role": "reasoning", "subagentRunId": "s1"}),
         ev("REASONING_START", "s2", messageId="r1")], 4,
        "REASONING_START is tagged with subagent 's2' but reasoning message 'r1' belongs to "
        "subagent 's1'.",
    ),
    "reasoning-message": (
        [RUN, *SUBAGENTS, ev("REASONING_MESSAGE_START", "s1", messageId="r1", role="reasoning"),
         ev("REASONING_MESSAGE_END", "s2", messageId="r1")], 4,
        "REASONING_MESSAGE_END is tagged with subagent 's2' but reasoning message 'r1' belongs "
        "to subagent 's1'.",
    ),
    "encrypted-message": (
        [RUN, *SUBAGENTS, msg("START", sub="s1"),
         ev("REASONING_ENCRYPTED_VALUE", "s2", subtype="message", entityId="m1",
            encryptedValue="x")], 4,
        "REASONING_ENCRYPTED_VALUE is tagged with subagent 's2' but message 'm1' belongs to "
        "subagent 's1'.",
    ),
    "snapshot-activity": (
        [RUN, *SUBAGENTS, _snapshot({"id": "a1", "role": "activity", "subagentRunId": "s1"}),
         ev("ACTIVITY_DELTA", "s2", messageId="a1", activityType="x", patch=[])], 4,
        "ACTIVITY_DELTA is tagged with subagent 's2' but activity 'a1' belongs to subagent 's1'.",
    ),
    "untagged-start-of-a-known-call": (
        [_input({"id": "m1", "role": "assistant", "subagentRunId": "s1",
                 "toolCalls": [{"id": "c1"}]},
                {"id": "m2", "role": "assistant"}),
         *SUBAGENTS, {**tool("START"), "parentMessageId": "m2"}], 3,
        "tool call 'c1' belongs to subagent 's1' but its parent message 'm2' belongs to the "
        "parent agent.",
    ),
}  # fmt: skip


@pytest.mark.parametrize(("events", "index", "detail"), OWNERS.values(), ids=OWNERS.keys())
def test_owners_learnt_from_inputs_snapshots_and_events(
    events: list[Event], index: int, detail: str
) -> None:
    with pytest.raises(AgUiOrderError) as caught:
        verify_events(events)
    assert (caught.value.rule, caught.value.index, caught.value.detail) == (
        "owner-mismatch", index, detail
    )  # fmt: skip
