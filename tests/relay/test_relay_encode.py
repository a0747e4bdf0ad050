"""The relay's short cuts for content deltas write exactly what ag-ui's EventEncoder writes."""

from __future__ import annotations

import json
from typing import Any

import pytest
from ag_ui.core import ReasoningMessageContentEvent, TextMessageContentEvent, ToolCallArgsEvent
from ag_ui.encoder import EventEncoder

from sketricgen.relay._encode import encode_event, fast_delta, raw_delta

MODELS: dict[str, Any] = {
    "TEXT_MESSAGE_CONTENT": (TextMessageContentEvent, "message_id"),
    "TOOL_CALL_ARGS": (ToolCallArgsEvent, "tool_call_id"),
    "REASONING_MESSAGE_CONTENT": (ReasoningMessageContentEvent, "message_id"),
}
FAMILIES = {"TEXT_MESSAGE_CONTENT": "text", "TOOL_CALL_ARGS": "tool",
            "REASONING_MESSAGE_CONTENT": "reasoning"}  # fmt: skip
DELTAS = [
    " word",
    "",
    "héllo wörld ✓ 日本語 🎉",
    'say "hi"',
    "back\\slash",
    "line\nbreak\ttab\r",
    "\x00\x1f\x7f",
    "</script><script>alert(1)</script>",
    "\u2028\u2029",
    '{"to": "user@example.com"}',
]


def _reference(kind: str, ident: str, delta: str, timestamp: Any) -> bytes:
    model, id_field = MODELS[kind]
    fields = {id_field: ident, "delta": delta, "timestamp": timestamp}
    return EventEncoder().encode(model(**fields)).encode("utf-8")


@pytest.mark.parametrize("kind", list(MODELS))
@pytest.mark.parametrize("delta", DELTAS)
@pytest.mark.parametrize("timestamp", [None, 0, 1735689600002, -5])
@pytest.mark.parametrize("spacing", [(",", ":"), (", ", ": ")])
@pytest.mark.parametrize("camel", [False, True])
def test_both_short_cuts_match_the_encoder(
    kind: str, delta: str, timestamp: Any, spacing: tuple[str, str], camel: bool
) -> None:
    model, id_field = MODELS[kind]
    id_key = model.model_fields[id_field].alias if camel else id_field
    payload: dict[str, Any] = {"type": kind, id_key: "id-é-1", "delta": delta}
    if timestamp is not None:
        payload["timestamp"] = timestamp
    text = json.dumps(payload, separators=spacing)
    expected = _reference(kind, "id-é-1", delta, timestamp)

    fast = fast_delta(json.loads(text))
    assert fast is not None
    assert encode_event(fast) == expected
    raw = raw_delta(text)
    if raw is not None:  # taken only when the JSON text holds no escape
        assert raw == (FAMILIES[kind], "id-é-1", expected)
        assert "\\" not in text
    else:
        assert "\\" in text


def test_the_raw_short_cut_takes_the_usual_spellings() -> None:
    assert raw_delta('{"type":"TEXT_MESSAGE_CONTENT","message_id":"m","delta":" a"}') == (
        "text",
        "m",
        b'data: {"type":"TEXT_MESSAGE_CONTENT","messageId":"m","delta":" a"}\n\n',
    )
    assert raw_delta('{"type": "TOOL_CALL_ARGS", "toolCallId": "c", "delta": "{", "timestamp": 7}')


@pytest.mark.parametrize(
    "text",
    [
        '{"type":"TEXT_MESSAGE_CONTENT","tool_call_id":"m","delta":"a"}',  # another entity's id
        '{"type":"TEXT_MESSAGE_CONTENT","message_id":"m","delta":"a","extra":1}',
        '{"type":"TEXT_MESSAGE_CONTENT","message_id":"m","delta":"a","timestamp":1.5}',
        '{"type":"TEXT_MESSAGE_CONTENT","message_id":"m","delta":"a","timestamp":9007199254740993}',
        '{"type":"TEXT_MESSAGE_CONTENT","message_id":"m","delta":"a","timestamp":007}',
        '{"type":"TEXT_MESSAGE_START","message_id":"m"}',
        '{"delta":"a","type":"TEXT_MESSAGE_CONTENT","message_id":"m"}',
    ],
)
def test_anything_else_is_left_to_the_model(text: str) -> None:
    assert raw_delta(text) is None


@pytest.mark.parametrize(
    "payload",
    [
        {"type": "TEXT_MESSAGE_CONTENT", "message_id": "m", "delta": 5},
        {"type": "TEXT_MESSAGE_CONTENT", "message_id": "m", "delta": "a", "metadata": {}},
        {"type": "TEXT_MESSAGE_CONTENT", "message_id": "m", "messageId": "n", "delta": "a"},
        {"type": "TEXT_MESSAGE_CONTENT", "message_id": "m", "delta": "a", "timestamp": True},
        {"type": "TEXT_MESSAGE_CONTENT", "message_id": "m", "delta": "a", "timestamp": 2**60},
        {"type": "TEXT_MESSAGE_END", "message_id": "m"},
    ],
)
def test_payloads_the_model_must_judge_take_no_short_cut(payload: dict[str, Any]) -> None:
    assert fast_delta(payload) is None
