"""Input checks of the Admin API calls, made before any request (no I/O)."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any, Optional

from .._exceptions import SketricGenValidationError

__all__ = [
    "MAX_LIMIT",
    "check_id",
    "check_limit",
    "check_mapping",
    "check_optional_id",
    "check_optional_text",
    "check_text",
    "check_token",
]

MAX_LIMIT = 200
"""The largest page size the Admin API accepts (`limit` is 1..200; the service's default 50)."""


def check_id(value: Any, name: str) -> str:
    """`value` if it is a non-blank string (an id, a slug, a file name), else an error."""
    if not isinstance(value, str):
        raise SketricGenValidationError(
            f"{name} must be a string, got {type(value).__name__}", field=name
        )
    if not value.strip():
        raise SketricGenValidationError(f"{name} must not be empty", field=name)
    return value


def check_optional_id(value: Any, name: str) -> Optional[str]:
    """None, or `value` checked as `check_id` does."""
    return None if value is None else check_id(value, name)


def check_text(value: Any, name: str) -> str:
    """A required text field (a name): a non-blank string."""
    return check_id(value, name)


def check_optional_text(value: Any, name: str) -> Optional[str]:
    """None, or any string (an optional description may be empty)."""
    if value is not None and not isinstance(value, str):
        raise SketricGenValidationError(
            f"{name} must be a string or None, got {type(value).__name__}", field=name
        )
    return value


def check_limit(value: Any) -> Optional[int]:
    """None (the service's default page size), or a whole number 1..200."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= MAX_LIMIT:
        raise SketricGenValidationError(
            f"limit is the page size: a whole number from 1 to {MAX_LIMIT} (or None for the "
            f"service's default), got {value!r}",
            field="limit",
        )
    return value


def check_token(value: Any) -> Optional[str]:
    """None (the first page), or the non-empty `next_token` of an earlier page."""
    if value is None:
        return None
    if not isinstance(value, str) or not value:
        raise SketricGenValidationError(
            f"next_token must be the next_token of an earlier page, or None, got {value!r}",
            field="next_token",
        )
    return value


def check_mapping(value: Any, name: str) -> dict[str, Any]:
    """A JSON object given as a mapping with string keys (a workflow_config)."""
    if not isinstance(value, Mapping) or not all(isinstance(key, str) for key in value):
        raise SketricGenValidationError(
            f"{name} must be a mapping with string keys (a JSON object), "
            f"got {type(value).__name__}",
            field=name,
        )
    try:
        json.dumps(value, allow_nan=False)
    except (TypeError, ValueError) as error:
        raise SketricGenValidationError(
            f"{name} must hold only JSON values (dicts, lists, strings, finite numbers, "
            f"booleans, None): {error}",
            field=name,
        ) from None
    return dict(value)
