"""One view of any event: a dict with camelCase top-level keys, whatever was given.

Accepted: `StreamEvent`s (their JSON data), mappings (snake_case or camelCase
keys, as SketricGen and AG-UI's encoders write them), pydantic models
(ag-ui-protocol's events, the SDK's generated models) and the JSON text of
one event (`str` or `bytes`, e.g. an SSE `data` field).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from functools import lru_cache
from typing import Any, Optional

from pydantic import BaseModel

from .._exceptions import SketricGenEventDecodeError
from .._streaming.event import StreamEvent

__all__ = ["event_view", "pick", "snake"]

View = dict[str, Any]


@lru_cache(maxsize=512)
def _camel(key: str) -> str:
    if "_" not in key.strip("_"):
        return key
    head, *rest = key.split("_")
    return head + "".join(part[:1].upper() + part[1:] for part in rest)


@lru_cache(maxsize=256)
def snake(key: str) -> str:
    """`toolCallId` → `tool_call_id`."""
    return "".join(f"_{c.lower()}" if c.isupper() else c for c in key)


def pick(mapping: Mapping[str, Any], key: str, default: Any = None) -> Any:
    """`mapping[key]` for a camelCase `key`, read under its snake_case spelling too."""
    if key in mapping:
        return mapping[key]
    return mapping.get(snake(key), default)


def event_view(event: Any) -> Optional[View]:
    """The event as a dict with camelCase top-level keys; None if it is no AG-UI event.

    An AG-UI event is a JSON object (or model) with a string `type`.
    """
    payload: Any
    if type(event) is dict:  # the common case first: isinstance on ABCs costs
        payload = event
    elif isinstance(event, StreamEvent):
        try:
            payload = event.json()
        except SketricGenEventDecodeError:
            return None
    elif isinstance(event, BaseModel):
        payload = event.model_dump(mode="json", by_alias=True, exclude_none=True)
    elif isinstance(event, (str, bytes, bytearray)):
        try:
            payload = json.loads(event)
        except ValueError:
            return None
    else:
        payload = event
    if not isinstance(payload, Mapping) or not isinstance(payload.get("type"), str):
        return None
    if type(payload) is dict and not any("_" in key for key in payload if type(key) is str):
        return payload  # already camelCase; views are only read, never changed
    return {_camel(key) if isinstance(key, str) else key: value for key, value in payload.items()}
