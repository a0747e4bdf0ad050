"""Input checks of the Admin API calls, and their request bodies, made before any request (no I/O).

Templates and connector tools page by position, not by `next_token`:
`limit` is a page size of at least 1, `offset` how many items to skip (0 or
more); None leaves either to the service.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, Optional, TypeVar

from .._exceptions import SketricGenValidationError

if TYPE_CHECKING:
    from pydantic import BaseModel

__all__ = [
    "MAX_LIMIT",
    "check_id",
    "check_id_list",
    "check_limit",
    "check_mapping",
    "check_offset_paging",
    "check_optional_id",
    "check_optional_text",
    "check_text",
    "check_token",
    "request_body",
]

Body = TypeVar("Body", bound="BaseModel")

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


def _whole(value: Any, name: str, least: int) -> Optional[int]:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < least:
        raise SketricGenValidationError(
            f"{name} must be a whole number of at least {least} (or None), got {value!r}",
            field=name,
        )
    return value


def check_offset_paging(limit: Any, offset: Any) -> tuple[Optional[int], Optional[int]]:
    """`(limit, offset)` if each is None or a whole number in range, else a validation error."""
    return _whole(limit, "limit", 1), _whole(offset, "offset", 0)


def check_id_list(value: Any, name: str) -> Optional[list[str]]:
    """None, or a list (any sequence but a string) of non-blank strings, as a new list."""
    if value is None:
        return None
    if isinstance(value, (str, bytes)) or not isinstance(value, Sequence):
        raise SketricGenValidationError(
            f"{name} must be a list of strings, got {type(value).__name__}", field=name
        )
    for item in value:
        if not isinstance(item, str) or not item.strip():
            raise SketricGenValidationError(
                f"{name} must hold non-blank strings, got {item!r}", field=name
            )
    return list(value)


def request_body(kind: type[Body], fields: Mapping[str, Any]) -> Body:
    """`kind` (a generated body model) made from `fields`; a value it refuses → validation error.

    Unlike keywords, a mapping lets a body have a field named `model`.
    """
    try:
        return kind.model_validate(dict(fields))
    except ValueError as error:  # pydantic's ValidationError
        problems: list[dict[str, Any]] = getattr(error, "errors", list)()
        where = ".".join(str(part) for part in problems[0]["loc"]) if problems else None
        raise SketricGenValidationError(
            f"{where or 'the body'}: {problems[0]['msg'] if problems else error}", field=where
        ) from None
