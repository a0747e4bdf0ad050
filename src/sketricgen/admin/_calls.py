"""The bridge from a generated Admin API operation to the client's transport.

A namespace builds the request with the operation's `build_request(...)`;
`AdminCalls.send` sends it to the Admin API host (`Authorization: Bearer`,
the client's pool, retry policy, timeouts and redirect rule) and reads the
answer with the operation's `parse_response` through `TransportCore.parse`.
An async method awaits `ready()` first, so the generated modules load in a
worker thread, never on the event loop. Lists walk their pages in `iterate`,
as `PageCursor` decides.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator, Sequence
from typing import TYPE_CHECKING, Callable, Optional, TypeVar

from .._transport.core import Host, OperationCall, RequestSpec
from .._warmup import warm_up
from ._pages import Page, PageCursor

if TYPE_CHECKING:
    import httpx
    from pydantic import BaseModel

    from .._transport.core import TransportCore
    from .._transport.shells import AsyncTransport, Transport

__all__ = ["AdminCalls", "Call", "ListCall", "Reader"]

Model = TypeVar("Model", bound="BaseModel")
Listing = TypeVar("Listing", bound="BaseModel")
Item = TypeVar("Item")

Reader = Callable[[int, bytes], object]
"""A generated operation's `parse_response(status_code, content)`."""
PageRequest = Callable[[Optional[str]], OperationCall]
"""Builds the request of the page after the given `next_token` (None: the first)."""

if TYPE_CHECKING:
    Call = tuple[OperationCall, Reader, type[Model]]
    """One call: the request, its `parse_response`, the answer's model (a plan's result)."""
    ListCall = tuple[PageRequest, Reader, type[Listing], Callable[[Listing], Sequence[Item]]]
    """One list: a page's request, its `parse_response`, the page's model, its items."""


def _spec(call: OperationCall) -> RequestSpec:
    # GETs are idempotent: retried after any retryable failure. A write is retried
    # only when the failure proves it was not sent (the retry policy's rule).
    return RequestSpec.of(call, host=Host.ADMIN, idempotent=call.method.upper() == "GET")


def _lenient(read: Reader) -> Reader:
    """`read`, with a status its spec entry does not list read as no answer (then as
    the model, when a 2xx: `TransportCore.parse`)."""
    from sketricgen_admin_lowlevel import UnexpectedStatus  # noqa: PLC0415  (loaded by now)

    def lenient(status_code: int, content: bytes) -> object:
        try:
            return read(status_code, content)
        except UnexpectedStatus:
            return None

    return lenient


class AdminCalls:
    """Sends generated Admin API operations through one client's transports.

    An async method awaits `ready()` before importing a generated operation
    (the import then finds it loaded), and `send`s what it builds. A list
    hands `iterate` / `page` a plan (a function giving the page request
    builder, the reader, the list model and its items), run once the
    modules are loaded.
    """

    def __init__(self, core: TransportCore, sync: Transport, asynchronous: AsyncTransport) -> None:
        self._core = core
        self._sync = sync
        self._async = asynchronous

    async def ready(self) -> None:
        """Load the Admin API's generated modules off the event loop (once per process)."""
        await warm_up(admin=True)

    def _read(
        self, spec: RequestSpec, response: httpx.Response, read: Reader, model: type[Model]
    ) -> Model:
        return self._core.parse(spec, response, model, _lenient(read))

    async def send(self, call: OperationCall, read: Reader, model: type[Model]) -> Model:
        """Send `call`; its answer as `model`, or the mapped `SketricGenError`."""
        spec = _spec(call)
        return self._read(spec, await self._async.send(spec), read, model)

    def send_sync(self, call: OperationCall, read: Reader, model: type[Model]) -> Model:
        """The blocking twin of `send`."""
        spec = _spec(call)
        return self._read(spec, self._sync.send(spec), read, model)

    async def page(
        self, plan: Callable[[], ListCall[Listing, Item]], token: Optional[str]
    ) -> Page[Item]:
        """The page of a list after `token` (None: the first); `plan` as `iterate`'s."""
        await self.ready()
        request, read, model, items = plan()
        answer = await self.send(request(token), read, model)
        return Page(items(answer), _next_token(answer))

    def page_sync(
        self, plan: Callable[[], ListCall[Listing, Item]], token: Optional[str]
    ) -> Page[Item]:
        """The blocking twin of `page`."""
        request, read, model, items = plan()
        answer = self.send_sync(request(token), read, model)
        return Page(items(answer), _next_token(answer))

    async def iterate(self, plan: Callable[[], ListCall[Listing, Item]]) -> AsyncIterator[Item]:
        """Every item of a list, page after page, each page fetched when the last is used up.

        `plan` runs once the generated modules are loaded (off the loop).
        """
        await self.ready()
        request, read, model, items = plan()
        read = _lenient(read)
        cursor, target = PageCursor(), ""
        while not cursor.done:
            spec = _spec(request(cursor.token))
            answer = self._core.parse(spec, await self._async.send(spec), model, read)
            found = items(answer)
            target = target or self._core.target(spec)  # the same for every page
            cursor.advance(_next_token(answer), len(found), target=target)
            for item in found:
                yield item

    def iterate_sync(self, plan: Callable[[], ListCall[Listing, Item]]) -> Iterator[Item]:
        """The blocking twin of `iterate`."""
        request, read, model, items = plan()
        read = _lenient(read)
        cursor, target = PageCursor(), ""
        while not cursor.done:
            spec = _spec(request(cursor.token))
            answer = self._core.parse(spec, self._sync.send(spec), model, read)
            found = items(answer)
            target = target or self._core.target(spec)  # the same for every page
            cursor.advance(_next_token(answer), len(found), target=target)
            yield from found


def _next_token(answer: object) -> Optional[str]:
    token = getattr(answer, "next_token", None)  # every list model has one (Optional[str])
    return token if isinstance(token, str) else None
