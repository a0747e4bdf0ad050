"""Typed views of AG-UI event payloads, built on the generated wire models."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError
from sketricgen_models import AgUiEvent, GenericAgUiEvent

if TYPE_CHECKING:
    from ..events import AgUiEventModel

__all__ = ["parse_ag_ui_event", "typed_view"]


def parse_ag_ui_event(payload: Mapping[str, Any]) -> AgUiEventModel:
    """Return the payload as its generated event class (snake_case or camelCase keys).

    A type the description does not know, or a known type whose fields do not
    match it, gives a `GenericAgUiEvent` that keeps the whole payload: a stream
    never fails because the service sent something new.
    """
    try:
        return AgUiEvent.model_validate(payload).root
    except ValidationError:
        return GenericAgUiEvent.model_validate(payload)


def typed_view(payload: Any, event_type: str, data: str) -> AgUiEventModel:
    """The typed view of one stream event, whatever its data held; never raises.

    `payload` is the parsed data (None when it was not JSON). A JSON object
    with a string `type` is parsed as its event class; any other object
    gets `event_type` as its type; anything else is kept as the raw text
    under `data`.
    """
    if isinstance(payload, dict):
        if isinstance(payload.get("type"), str):
            return parse_ag_ui_event(payload)
        return GenericAgUiEvent.model_validate({**payload, "type": event_type})
    return GenericAgUiEvent.model_validate({"type": event_type, "data": data})
