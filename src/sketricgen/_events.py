"""Typed views of AG-UI event payloads, built on the generated wire models."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pydantic import ValidationError
from sketricgen_models import AgUiEvent, GenericAgUiEvent
from sketricgen_models._base import WireModel

__all__ = ["TERMINAL_EVENT_TYPES", "parse_ag_ui_event"]

TERMINAL_EVENT_TYPES = frozenset({"RUN_FINISHED", "RUN_ERROR", "RUN_PAUSED_HITL"})
"""The event types that end a run."""


def parse_ag_ui_event(payload: Mapping[str, Any]) -> WireModel:
    """Return the payload as its generated event class (snake_case or camelCase keys).

    A type the description does not know, or a known type whose fields do not
    match it, gives a `GenericAgUiEvent` that keeps the whole payload: a stream
    never fails because the service sent something new.
    """
    try:
        return AgUiEvent.model_validate(payload).root
    except ValidationError:
        return GenericAgUiEvent.model_validate(payload)
