"""Ways to run the verifier: over a whole list, while iterating, and as a test assertion."""

from __future__ import annotations

from collections.abc import AsyncIterable, AsyncIterator, Iterable, Iterator
from typing import Any, Optional, TypeVar

from ._error import AgUiOrderError
from ._verifier import EventOrderVerifier

__all__ = ["assert_valid_ag_ui", "iter_verified", "iter_verified_async", "verify_events"]

T = TypeVar("T")

_SHOWN_BEFORE = 5


def verify_events(events: Iterable[Any]) -> None:
    """Check a whole AG-UI event stream; raises `AgUiOrderError` at the first broken rule."""
    verifier = EventOrderVerifier()
    for event in events:
        verifier.check(event)
    verifier.finish()


def iter_verified(
    events: Iterable[T], verifier: Optional[EventOrderVerifier] = None
) -> Iterator[T]:
    """Yield `events` unchanged, each checked before it is yielded, the end checked last.

    A broken rule raises `AgUiOrderError` in place of the offending event.
    When the iteration stops (its end, an error, or the consumer leaving),
    `events` is closed if it can be (a `Stream` then releases its connection).
    """
    checker = verifier or EventOrderVerifier()
    try:
        for event in events:
            checker.check(event)
            yield event
        checker.finish()
    finally:
        close = getattr(events, "close", None)
        if callable(close):
            close()


async def iter_verified_async(
    events: AsyncIterable[T], verifier: Optional[EventOrderVerifier] = None
) -> AsyncIterator[T]:
    """The async twin of `iter_verified` (closes `events` with `aclose()`)."""
    checker = verifier or EventOrderVerifier()
    try:
        async for event in events:
            checker.check(event)
            yield event
        checker.finish()
    finally:
        aclose = getattr(events, "aclose", None)
        if callable(aclose):
            await aclose()


def assert_valid_ag_ui(events: Iterable[Any]) -> None:
    """Assert, in a test, that `events` is a valid AG-UI stream.

    Raises `AssertionError` (from the `AgUiOrderError`) whose message names the
    rule and shows the offending event with the few before it.
    """
    __tracebackhide__ = True
    seen = list(events)
    try:
        verify_events(seen)
    except AgUiOrderError as broken:
        start = max(0, broken.index - _SHOWN_BEFORE)
        shown = "\n".join(
            f"{'>' if i == broken.index else ' '} {i}: {_short(seen[i])}"
            for i in range(start, min(broken.index + 1, len(seen)))
        )
        raise AssertionError(f"{broken}\n{shown}" if shown else str(broken)) from broken


def _short(event: Any, limit: int = 160) -> str:
    text = repr(event)
    return text if len(text) <= limit else text[: limit - 1] + "…"
