"""`ResultBuilder` on its own (no I/O): events in, a `StreamResult` out."""

from __future__ import annotations

import json
from typing import Any

import pytest

from sketricgen import SketricGenOutOfCreditsError
from sketricgen._streaming.event import DataEvent
from sketricgen._streaming.result import ResultBuilder, StreamResult


def _built(*payloads: Any) -> ResultBuilder:
    builder = ResultBuilder()
    for payload in payloads:
        builder.add(DataEvent(payload if isinstance(payload, str) else json.dumps(payload)))
    return builder


def _event(kind: str, **fields: Any) -> dict[str, Any]:
    return {"type": kind, **fields}


FINISHED = _event("RUN_FINISHED", thread_id="t", run_id="r")


def test_a_result_counts_no_events_until_told() -> None:
    assert StreamResult("finished").event_count == 0


def test_data_that_is_not_a_json_object_is_kept_aside_and_counted() -> None:
    result = _built("not json", "[1]", FINISHED).result()
    assert [event.data for event in result.malformed_events] == ["not json", "[1]"]
    assert result.event_count == 3


def test_messages_keep_their_start_order_and_chunks_join_their_message() -> None:
    result = _built(
        _event("TEXT_MESSAGE_START", message_id="m1", role="assistant"),
        _event("TEXT_MESSAGE_START", message_id="m2", role="assistant"),
        _event("TEXT_MESSAGE_CONTENT", message_id="m2", delta="second"),
        _event("TEXT_MESSAGE_CHUNK", message_id="m1", delta="fir"),
        _event("TEXT_MESSAGE_CONTENT", message_id="m1", delta="st"),
        FINISHED,
    ).result()
    assert result.messages == ["first", "second"]
    assert result.text == "first\n\nsecond"


@pytest.mark.parametrize(
    "terminal",
    [
        _event("RUN_STARTED", thread_id="t", run_id="r"),
        FINISHED,
        _event("RUN_PAUSED_HITL", thread_id="t", run_id="r", request_id="q"),
        _event("RUN_HALTED_OUT_OF_CREDITS", thread_id="t", run_id="r"),
    ],
    ids=lambda event: event["type"],
)
def test_each_run_event_gives_the_conversation_and_run_ids(terminal: dict[str, Any]) -> None:
    result = _built(terminal).result(ended="ended_without_terminal_event")
    assert (result.conversation_id, result.run_id) == ("t", "r")


def test_a_tool_call_is_named_by_its_first_name() -> None:
    result = _built(
        _event("TOOL_CALL_CHUNK", tool_call_id="c1", delta='{"q":'),
        _event("TOOL_CALL_CHUNK", tool_call_id="c1", tool_call_name="search", delta=' "x"}'),
        _event("TOOL_CALL_START", tool_call_id="c2", tool_call_name="fetch"),
        _event("TOOL_CALL_CHUNK", tool_call_id="c2", tool_call_name="other", delta="{}"),
        FINISHED,
    ).result()
    assert [(call.name, call.args) for call in result.tool_calls] == [
        ("search", {"q": "x"}),
        ("fetch", {}),
    ]


def test_out_of_credits_is_an_outcome_and_an_error_with_a_default_message() -> None:
    builder = _built(_event("RUN_HALTED_OUT_OF_CREDITS"))
    assert builder.outcome == "out_of_credits"
    error = builder.run_error()
    assert isinstance(error, SketricGenOutOfCreditsError)
    assert "ran out of credits" in str(error)
    said = _built(_event("RUN_HALTED_OUT_OF_CREDITS", message="top up first")).run_error()
    assert said is not None
    assert "top up first" in str(said)


def test_no_result_before_the_run_ended() -> None:
    with pytest.raises(RuntimeError, match="not ended"):
        _built(_event("RUN_STARTED", thread_id="t", run_id="r")).result()
