"""The Admin API's pages: records in creation order, opaque next_tokens, short pages.

A cursor is the creation sequence number of the last item shown, so a
record deleted between two pages makes the next page neither skip nor
repeat an item. No I/O and no lock: the caller holds the emulator's.
"""

from __future__ import annotations

import base64
import binascii
import bisect
import json
from collections.abc import Iterator
from typing import Any, Optional

__all__ = ["Row", "Table", "cursor", "paginate"]

Row = dict[str, Any]
_PREFIX = "nt_"


class Table:
    """Records by id in creation order; `after(seq)` walks those created after a cursor."""

    def __init__(self) -> None:
        self.rows: dict[str, Row] = {}
        self._seq: dict[str, int] = {}
        self._ids: list[str] = []
        self._seqs: list[int] = []
        self._next = 1

    def add(self, ident: str, row: Row) -> Row:
        """Store `row` under `ident` (a re-added id goes to the end)."""
        self.rows[ident] = row
        self._seq[ident] = self._next
        self._ids.append(ident)
        self._seqs.append(self._next)
        self._next += 1
        return row

    def remove(self, ident: str) -> None:
        """Forget `ident` (cursors of pages in flight stay valid)."""
        self.rows.pop(ident, None)
        self._seq.pop(ident, None)

    def after(self, seq: int) -> Iterator[tuple[int, Row]]:
        """(seq, row) of the live records created after `seq`, in order."""
        start = bisect.bisect_right(self._seqs, seq)
        for index in range(start, len(self._ids)):
            ident, at = self._ids[index], self._seqs[index]
            if self._seq.get(ident) == at:
                yield at, self.rows[ident]


def _token(kind: str, scope: str, after: int, page: int) -> str:
    raw = json.dumps([kind, scope, after, page], separators=(",", ":")).encode()
    return _PREFIX + base64.urlsafe_b64encode(raw).decode().rstrip("=")


def cursor(kind: str, scope: str, next_token: Optional[str]) -> tuple[int, int]:
    """(after_seq, page number) a next_token of list `kind` (filtered by `scope`) stands for.

    (0, 0) without a token; ValueError for a token this list did not hand out.
    """
    if next_token is None:
        return 0, 0
    bad = ValueError("next_token is not one this list handed out")
    if not next_token.startswith(_PREFIX):
        raise bad
    body = next_token[len(_PREFIX) :]
    try:
        found = json.loads(base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)))
    except (ValueError, binascii.Error):
        raise bad from None
    if (
        not isinstance(found, list)
        or len(found) != 4
        or found[:2] != [kind, scope]
        or not all(isinstance(n, int) and not isinstance(n, bool) and n >= 0 for n in found[2:])
    ):
        raise bad
    return found[2], found[3]


def paginate(
    kind: str,
    scope: str,
    rows: Iterator[tuple[int, Row]],
    *,
    limit: int,
    page_number: int,
    short: bool = False,
) -> tuple[list[Row], Optional[str]]:
    """One page from `rows` (those after the cursor) and the next page's token (None: the end).

    `short`: every third page is empty and the others hold about half of
    `limit`, while the token stays a string until the real end.
    """
    take = limit
    if short:
        take = 0 if page_number % 3 == 1 else max(1, limit // 2)
    items: list[Row] = []
    last = None
    for seq, row in rows:
        if len(items) == take:
            after = last if last is not None else seq - 1
            return items, _token(kind, scope, after, page_number + 1)
        items.append(row)
        last = seq
    return items, None
