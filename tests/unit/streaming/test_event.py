"""`StreamEvent` on its own: which type it reports, lazy JSON, the typed view (no I/O)."""

from __future__ import annotations

import copy
import pickle

import pytest
from sketricgen_models import GenericAgUiEvent, RunErrorEvent, TextMessageContentEvent

from sketricgen import SketricGenEventDecodeError, SketricGenStreamError, StreamEvent
from sketricgen._streaming.event import DataEvent
from sketricgen._streaming.sse import SSEDecoder


def test_the_seed_fields() -> None:
    event = StreamEvent(event_type="message", data='{"type":"RUN_STARTED"}', id="7")
    assert (event.event_type, event.data, event.id, event.retry) == (
        "RUN_STARTED", '{"type":"RUN_STARTED"}', "7", None,
    )  # fmt: skip
    assert StreamEvent().event_type == "message"
    assert StreamEvent().data == ""


@pytest.mark.parametrize(
    ("sse_type", "data", "event_type", "ag_ui_type"),
    [
        ("message", '{"type":"STEP_STARTED","delta":"x"}', "STEP_STARTED", "STEP_STARTED"),
        ("message", '{"type": "RUN_ERROR", "message": "m"}', "RUN_ERROR", "RUN_ERROR"),
        ("message", '{"delta":"x","type":"STEP_STARTED"}', "STEP_STARTED", "STEP_STARTED"),
        ("message", ' {"type":"RUN_FINISHED"}', "RUN_FINISHED", "RUN_FINISHED"),
        ("message", '{"type":"A\\"B"}', 'A"B', 'A"B'),
        ("message", '{"type":"\\u0041"}', "A", "A"),
        ("message", '{"type":5}', "message", None),
        ("message", '["RUN_FINISHED"]', "message", None),
        ("message", "not json", "message", None),
        ("message", "", "message", None),
        ("delta", '{"type":"TEXT_MESSAGE_CONTENT"}', "delta", "TEXT_MESSAGE_CONTENT"),
    ],
)  # fmt: skip
def test_event_type_is_the_sse_type_else_the_ag_ui_type(
    sse_type: str, data: str, event_type: str, ag_ui_type: str | None
) -> None:
    event = StreamEvent(sse_type, data)
    assert event.event_type == event_type
    assert event.type == ag_ui_type


@pytest.mark.parametrize(
    ("data", "terminal"),
    [
        ('{"type":"RUN_FINISHED","thread_id":"t","run_id":"r"}', True),
        ('{"type":"RUN_ERROR","message":"m"}', True),
        ('{"type":"RUN_PAUSED_HITL","request_id":"q"}', True),
        ('{"type":"RUN_STARTED","thread_id":"t","run_id":"r"}', False),
        ('{"type":"TEXT_MESSAGE_CONTENT","delta":"RUN_FINISHED"}', False),
        ("RUN_FINISHED", False),
    ],
)
def test_is_terminal(data: str, terminal: bool) -> None:
    assert StreamEvent("message", data).is_terminal is terminal


def test_json_is_parsed_once_and_lazily() -> None:
    event = StreamEvent("message", '{"type":"CUSTOM","value":[1]}')
    assert event.json() == {"type": "CUSTOM", "value": [1]}
    assert event.json() is event.json()


def test_json_of_data_that_is_not_json() -> None:
    event = StreamEvent("message", "{broken")
    with pytest.raises(SketricGenEventDecodeError, match=r"not JSON.*event\.data") as caught:
        event.json()
    assert isinstance(caught.value, SketricGenStreamError)
    assert isinstance(caught.value, ValueError)
    long = StreamEvent("message", "x" * 10_000)
    with pytest.raises(SketricGenEventDecodeError) as caught:
        long.json()
    assert len(str(caught.value)) < 400


def test_the_typed_view() -> None:
    content = StreamEvent("message", '{"type":"TEXT_MESSAGE_CONTENT","messageId":"m","delta":"x"}')
    assert isinstance(content.ag_ui, TextMessageContentEvent)
    assert content.ag_ui.message_id == "m"
    assert content.ag_ui is content.ag_ui
    error = StreamEvent("message", '{"type":"RUN_ERROR","message":"boom","code":"E1"}')
    assert isinstance(error.ag_ui, RunErrorEvent)
    assert (error.ag_ui.message, error.ag_ui.code) == ("boom", "E1")


@pytest.mark.parametrize(
    ("data", "dumped"),
    [
        ('{"type":"NEW_KIND","x":{"y":1}}', {"type": "NEW_KIND", "x": {"y": 1}}),
        ('{"type":"RUN_STARTED"}', {"type": "RUN_STARTED"}),  # a known type, fields missing
        ('{"x":1}', {"type": "message", "x": 1}),
        ("[1, 2]", {"type": "message", "data": "[1, 2]"}),
        ("oops", {"type": "message", "data": "oops"}),
    ],
)
def test_the_typed_view_never_raises(data: str, dumped: dict[str, object]) -> None:
    view = StreamEvent("message", data).ag_ui
    assert isinstance(view, GenericAgUiEvent)
    assert view.model_dump() == dumped


def test_repr_and_equality() -> None:
    event = StreamEvent("message", '{"type":"RUN_STARTED"}', "1")
    assert (
        repr(event)
        == "StreamEvent(event_type='RUN_STARTED', data='{\"type\":\"RUN_STARTED\"}', id='1')"
    )
    assert event == StreamEvent("message", '{"type":"RUN_STARTED"}', "1")
    assert event != StreamEvent("message", '{"type":"RUN_STARTED"}')
    assert event != '{"type":"RUN_STARTED"}'
    assert len(repr(StreamEvent("message", "x" * 1000))) < 200
    with pytest.raises(AttributeError):
        event.other = 1  # type: ignore[attr-defined]  # __slots__: no per-event dict


def test_copies_and_pickles() -> None:
    event = StreamEvent("add", '{"type":"CUSTOM"}', "3", 1500)
    assert event.json() == {"type": "CUSTOM"}
    for twin in (copy.copy(event), copy.deepcopy(event), pickle.loads(pickle.dumps(event))):
        assert twin == event
        assert (twin.event_type, twin.id, twin.retry) == ("add", "3", 1500)
        assert twin.json() == {"type": "CUSTOM"}


def test_events_as_the_decoder_makes_them() -> None:
    decoder = SSEDecoder(factory=StreamEvent, plain=DataEvent)
    plain, named = decoder.feed(b'data: {"type":"A"}\n\nevent: x\nid: 2\ndata: {}\n\n')
    assert isinstance(plain, StreamEvent)
    assert (plain.event_type, plain.id, plain.retry) == ("A", None, None)
    assert plain == StreamEvent("message", '{"type":"A"}')
    assert copy.copy(plain) == plain
    assert pickle.loads(pickle.dumps(plain)) == plain
    assert (named.event_type, named.id) == ("x", "2")
