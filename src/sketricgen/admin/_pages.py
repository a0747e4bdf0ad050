"""Pagination without I/O: `Page` (one page of a list) and `PageCursor` (which page is next).

The Admin API pages with an opaque `next_token`: a list goes on while the
answer's `next_token` is a string and ends only at `null` (or an empty
string, which cannot be sent back). A short or even empty page is not the
end. A token the list already gave is a server fault, raised instead of
looping; so is a long run of empty pages.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Generic, Optional, TypeVar

from .._exceptions import SketricGenUnexpectedResponseError

__all__ = ["MAX_EMPTY_PAGES", "Page", "PageCursor"]

T = TypeVar("T")

MAX_EMPTY_PAGES = 100
"""Empty pages in a row after which a list is taken as a server fault, not as slow."""


class Page(Generic[T]):
    """One page of a list: `items`, and `next_token` to ask for the next page (None: last).

    Iterate over it, or pass `next_token` to the same `page(...)` method to get
    the next one (a UI that shows a page at a time keeps only the token).
    """

    __slots__ = ("items", "next_token")

    def __init__(self, items: Sequence[T], next_token: Optional[str]) -> None:
        self.items: list[T] = list(items)
        self.next_token: Optional[str] = next_token or None

    @property
    def has_more(self) -> bool:
        """Whether another page follows (even when this one is short or empty)."""
        return self.next_token is not None

    def __iter__(self) -> Iterator[T]:
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Page):
            return NotImplemented
        return self.items == other.items and self.next_token == other.next_token

    __hash__ = None  # type: ignore[assignment]  # mutable items

    def __repr__(self) -> str:
        return f"Page(items=<{len(self.items)} items>, next_token={self.next_token!r})"


class PageCursor:
    """Where a walk through every page of a list stands: the token to send next, or done."""

    __slots__ = ("_empty", "_seen", "done", "token")

    def __init__(self) -> None:
        self.token: Optional[str] = None
        """The `next_token` to send with the next request (None for the first page)."""
        self.done = False
        """True once a page said it was the last."""
        self._seen: set[str] = set()
        self._empty = 0

    def advance(
        self, next_token: Optional[str], count: int, *, target: str, status_code: int = 200
    ) -> None:
        """Take in the page just received: its `next_token` and how many items it held.

        `target` names the call, for the error. Raises
        `SketricGenUnexpectedResponseError` when the page gives a token this
        list already gave (the service would loop), or after `MAX_EMPTY_PAGES`
        empty pages in a row.
        """
        token = next_token or None
        if token is None:
            self.done = True
            return
        if token in self._seen:
            raise SketricGenUnexpectedResponseError(
                f"{target} answered a next_token this list had already given: following it "
                "would list the same items again, forever. The listing was stopped; the "
                "items before it were all delivered.",
                status_code=status_code,
            )
        self._empty = 0 if count else self._empty + 1
        if self._empty >= MAX_EMPTY_PAGES:
            raise SketricGenUnexpectedResponseError(
                f"{target} answered {MAX_EMPTY_PAGES} empty pages in a row, each with a new "
                "next_token: the listing was stopped.",
                status_code=status_code,
            )
        self._seen.add(token)
        self.token = token
