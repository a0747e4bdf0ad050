"""Checks of list arguments, `limit` + `offset` paging and bodies, made before any request.

Templates and connector tools page by position, not by `next_token`:
`limit` is a page size of at least 1, `offset` how many items to skip (0 or
more); None leaves either to the service.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, Optional, TypeVar

from .._exceptions import SketricGenValidationError

if TYPE_CHECKING:
    from pydantic import BaseModel

__all__ = ["check_id_list", "check_offset_paging", "request_body"]

Body = TypeVar("Body", bound="BaseModel")


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
