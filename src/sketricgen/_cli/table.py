"""Plain-text tables for the admin commands: fixed columns, widths fit the content.

Works on plain JSON values (what `model_dump(mode="json")` gives), so that it
is testable without a model or a network. Standard library only.

Cells are one line each: whitespace runs become one space and any other
control character shows as U+FFFD, so that nothing a server sends can move
the cursor or recolour the terminal. A value longer than its column's cap is
cut with "…"; identifiers are only cut past 100 characters (a cut id cannot be
copied, and no real one is that long).
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, NamedTuple, Optional

__all__ = [
    "FREE_TEXT",
    "ID",
    "Column",
    "cell",
    "cut",
    "fields",
    "row",
    "table",
    "text_width",
    "transcript",
]

FREE_TEXT = 40  # the usual cap of a column of names, titles and the like
ID = 100  # an id's cap: none is that long; a safety bound on what a row keeps
FIELD_VALUE = 80  # the cap of a value in a field/value table
_GAP = "  "
_NONE = "-"
_ELLIPSIS = "…"
_SPACES = re.compile(r"[\t\n\r\v\f\x85\u2028\u2029 ]+")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


class Column(NamedTuple):
    """One column: its title, the record's key it shows, and its cap in terminal columns."""

    title: str
    key: str
    cap: int = FREE_TEXT


def cell(value: Any) -> str:
    """A value on one safe line: `-` for None, JSON for booleans, lists and objects."""
    if value is None:
        return _NONE
    if isinstance(value, str):
        text = value
    elif isinstance(value, (bool, dict, list)):
        text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    else:
        text = str(value)
    return _CONTROL.sub("\ufffd", _SPACES.sub(" ", text))


def text_width(text: str) -> int:
    """Columns `text` takes on a terminal: wide East Asian characters count 2, marks 0."""
    width = 0
    for char in text:
        if unicodedata.combining(char) or unicodedata.category(char) == "Cf":
            continue
        width += 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1
    return width


def cut(text: str, cap: Optional[int]) -> str:
    """`text` if it fits in `cap` columns, else its start and "…" in exactly that room or less."""
    if cap is None or text_width(text) <= cap:
        return text
    kept, width = [], 0
    for char in text:
        step = text_width(char)
        if width + step > cap - 1:
            break
        kept.append(char)
        width += step
    return "".join(kept) + _ELLIPSIS


def row(record: Mapping[str, Any], columns: Sequence[Column]) -> list[str]:
    """A record's cells, each cut to its column's cap (what a table keeps of a record)."""
    return [cut(cell(record.get(column.key)), column.cap) for column in columns]


def table(rows: Iterable[Sequence[str]], columns: Sequence[Column]) -> list[str]:
    """The lines of a table: the titles, then the rows (from `row`), trailing spaces dropped."""
    return _aligned([[column.title for column in columns], *rows])


def fields(record: Mapping[str, Any], *, skip: Sequence[str] = ()) -> list[str]:
    """A field/value table of one record, in its keys' order (unknown fields included)."""
    rows = [
        [cell(key), cut(cell(value), FIELD_VALUE)]
        for key, value in record.items()
        if key not in skip
    ]
    return _aligned(rows)


def transcript(messages: Iterable[Mapping[str, Any]]) -> list[str]:
    """Messages in full: a `role  time` line, then the content indented by two spaces."""
    lines: list[str] = []
    for message in messages:
        head = cell(message.get("role"))
        if message.get("created_at") is not None:
            head += _GAP + cell(message.get("created_at"))
        lines.append(head)
        content = message.get("content")
        text = content if isinstance(content, str) else cell(content)
        lines.extend("  " + cell(line) for line in text.splitlines() or [""])
    return lines


def _aligned(rows: Sequence[Sequence[str]]) -> list[str]:
    if not rows:
        return []
    widths = [max(text_width(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = []
    for row in rows:
        padded = [value + " " * (widths[i] - text_width(value)) for i, value in enumerate(row)]
        lines.append(_GAP.join(padded).rstrip())
    return lines
