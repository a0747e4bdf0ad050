"""AG-UI events as `EventEncoder` writes them, with a short cut for the streamed deltas.

Most of a long run is content deltas (text, tool arguments, reasoning). For
those, when the payload holds nothing but the type, an id, the delta and a
timestamp, the relay writes the same bytes ag-ui's `EventEncoder` would (the
model's field order, camelCase, absent fields left out, compact JSON)
without building a pydantic model; anything else goes through the model and
the encoder themselves. `tests/relay/test_relay_encode.py` holds the two
paths to the same bytes.
"""

from __future__ import annotations

import inspect
import re
from collections.abc import Mapping
from json.encoder import encode_basestring
from typing import Any, Optional, Union

from ag_ui import core
from ag_ui.core import BaseEvent
from ag_ui.encoder import EventEncoder

__all__ = ["DeltaEvent", "OutEvent", "encode_event", "fast_delta", "raw_delta"]

MAX_SAFE_INTEGER = 2**53 - 1

# type -> (the id's snake_case name, its camelCase name)
_DELTA_TYPES = {
    "TEXT_MESSAGE_CONTENT": ("message_id", "messageId"),
    "TOOL_CALL_ARGS": ("tool_call_id", "toolCallId"),
    "REASONING_MESSAGE_CONTENT": ("message_id", "messageId"),
}
_FAMILIES = {
    "TEXT_MESSAGE_CONTENT": "text",
    "TOOL_CALL_ARGS": "tool",
    "REASONING_MESSAGE_CONTENT": "reasoning",
}
_ENCODER = EventEncoder()

# Every AG-UI event model, by its `type`.
EVENT_MODELS: dict[str, type[BaseEvent]] = {
    model.model_fields["type"].default.value: model
    for model in vars(core).values()
    if inspect.isclass(model)
    and issubclass(model, BaseEvent)
    and model is not BaseEvent
    and model.model_fields["type"].default is not None
}
# SketricGen's usual spelling of a delta, strings free of escapes (so their JSON text is
# their value): {"type": T, "<id>": "...", "delta": "..."[, "timestamp": N]}.
_RAW_DELTA = re.compile(
    r'\{\s*"type"\s*:\s*"(TEXT_MESSAGE_CONTENT|TOOL_CALL_ARGS|REASONING_MESSAGE_CONTENT)"\s*,'
    r'\s*"(message_id|messageId|tool_call_id|toolCallId)"\s*:\s*"([^"\\\x00-\x1f]*)"\s*,'
    r'\s*"delta"\s*:\s*"([^"\\\x00-\x1f]*)"\s*'
    r'(?:,\s*"timestamp"\s*:\s*(-?(?:0|[1-9][0-9]{0,14}))\s*)?\}'
)


# A content delta as its camelCase JSON object, keys in the model's order.
DeltaEvent = dict[str, Any]
OutEvent = Union[BaseEvent, DeltaEvent]


def fast_delta(payload: Mapping[str, Any]) -> Optional[DeltaEvent]:
    """The delta event for `payload`, or None when it needs the model (extra fields, odd types)."""
    names = _DELTA_TYPES.get(payload.get("type"))  # type: ignore[arg-type]
    if names is None:
        return None
    snake, camel = names
    ident = payload.get(snake, payload.get(camel))
    delta = payload.get("delta")
    timestamp = payload.get("timestamp")
    if type(ident) is not str or type(delta) is not str:
        return None
    known = 3 + (timestamp is not None or "timestamp" in payload)
    if len(payload) != known or (snake in payload) == (camel in payload):
        return None  # other fields, or the id given twice: the model decides
    event: DeltaEvent = {"type": payload["type"]}
    if timestamp is not None:
        if type(timestamp) is not int or abs(timestamp) > MAX_SAFE_INTEGER:
            return None
        event["timestamp"] = timestamp
    event[camel] = ident
    event["delta"] = delta
    return event


def raw_delta(data: str) -> Optional[tuple[str, str, bytes]]:
    """`(family, id, encoded event)` straight from an event's JSON text, for the usual deltas.

    None when the text is anything else (the caller then parses it). The bytes
    are those `EventEncoder` writes for the same event.
    """
    match = _RAW_DELTA.fullmatch(data)
    if match is None:
        return None
    kind, id_key, ident, delta, timestamp = match.groups()
    camel = _DELTA_TYPES[kind][1]
    if id_key != camel and id_key != _DELTA_TYPES[kind][0]:
        return None  # an id that is not this event's
    stamp = "" if timestamp is None else f',"timestamp":{int(timestamp)}'
    text = f'data: {{"type":"{kind}"{stamp},"{camel}":"{ident}","delta":"{delta}"}}\n\n'
    return _FAMILIES[kind], ident, text.encode("utf-8")


def encode_event(event: OutEvent) -> bytes:
    """`data: {json}\\n\\n`, exactly as ag-ui's `EventEncoder` writes the event."""
    if type(event) is dict:
        try:
            return _delta_bytes(event)
        except UnicodeEncodeError:  # a lone surrogate: let the model say what it makes of it
            event = _model(event)
    assert isinstance(event, BaseEvent)
    return _ENCODER.encode(event).encode("utf-8")


def _delta_bytes(event: DeltaEvent) -> bytes:
    # Compact JSON of a flat object of strings and one integer, in the dict's order.
    fields = [
        f'"{key}":{value}' if type(value) is int else f'"{key}":{encode_basestring(value)}'
        for key, value in event.items()
    ]
    return ("data: {" + ",".join(fields) + "}\n\n").encode("utf-8")


def _model(event: DeltaEvent) -> BaseEvent:
    return EVENT_MODELS[event["type"]].model_validate(dict(event))
