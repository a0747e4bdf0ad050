"""`Stream` and `AsyncStream`: a streamed run's events, as thin shells over `StreamCore`.

Each shell wraps one generator that reads the response, feeds the core and
yields the events it completed, closing the response in its `finally`. The
generator is started (run to a first, internal `yield`) before the stream is
handed out, so that however the stream ends (its end, `close()`, `break`,
an exception, or being dropped unread), the `finally` runs and the
connection goes back: Python closes a dropped generator, and asyncio closes
a dropped async generator on its loop.

A stream still open when the interpreter exits (a failed test's traceback
keeps its stream until then) is closed by an exit hook, while every module
is whole, rather than by the garbage collector during shutdown: closing a
response that late once crashed CPython 3.13.0.
"""

from __future__ import annotations

import atexit
import contextlib
import weakref
from collections.abc import AsyncGenerator, AsyncIterator, Awaitable, Generator, Iterator
from types import TracebackType
from typing import TYPE_CHECKING, Optional

import httpx

from .._transport.shells import buffered_chunks
from .core import MAX_ERROR_BODY, StreamCore, stream_request
from .deadline import Disarm, arm, arm_sync

if TYPE_CHECKING:
    import asyncio

    from .._transport.core import RequestSpec, TransportCore
    from .._transport.shells import AsyncTransport, Transport
    from .event import StreamEvent
    from .result import Outcome, StreamResult

__all__ = ["AsyncStream", "Stream", "open_stream", "open_stream_sync"]


def _encoded(response: httpx.Response) -> bool:
    encoding: str = response.headers.get("content-encoding", "identity")
    return encoding.strip().lower() != "identity"


# -- closing at exit ----------------------------------------------------------------------

_OPEN: weakref.WeakSet[Generator[StreamEvent, None, None]] = weakref.WeakSet()
_OPEN_ASYNC: weakref.WeakKeyDictionary[
    AsyncGenerator[StreamEvent, None], asyncio.AbstractEventLoop
] = weakref.WeakKeyDictionary()


def _close_at_exit() -> None:
    """Close the streams nobody closed, before the interpreter starts tearing itself down."""
    for events in list(_OPEN):
        with contextlib.suppress(Exception):  # e.g. one being read in another thread
            events.close()
    for aevents, loop in list(_OPEN_ASYNC.items()):
        # A loop that is closed already ran (or skipped) asyncio's own shutdown of them.
        if not loop.is_closed() and not loop.is_running():
            with contextlib.suppress(Exception):
                loop.run_until_complete(aevents.aclose())


atexit.register(_close_at_exit)


# -- blocking -----------------------------------------------------------------------------


def open_stream_sync(
    transport: Transport,
    core: TransportCore,
    spec: RequestSpec,
    *,
    stream_timeout: Optional[float] = None,
) -> Stream:
    """Send `spec` for an event stream (retried until the answer's headers) and open it."""
    spec = stream_request(spec)
    state = StreamCore(
        core, spec, stream_timeout=stream_timeout, max_event_size=core.config.max_event_size
    )
    response = transport.send(spec, stream=True)
    try:
        if not state.is_event_stream(response):
            raise state.not_an_event_stream(response, _head_sync(state, response))
        disarm = arm_sync(state, response)
    except BaseException:
        response.close()
        raise
    events = _events_sync(state, response, disarm)
    next(events)
    _OPEN.add(events)
    return Stream(state, response, events)


def _head_sync(state: StreamCore, response: httpx.Response) -> bytes:
    content = b""
    try:
        for chunk in response.iter_bytes():
            content += chunk
            if len(content) >= MAX_ERROR_BODY:
                break
    except httpx.HTTPError as exc:
        raise state.failed(exc) from exc
    return content[:MAX_ERROR_BODY]


def _events_sync(
    state: StreamCore, response: httpx.Response, disarm: Disarm
) -> Generator[StreamEvent, None, None]:
    try:
        yield None  # type: ignore[misc]  # started by open_stream_sync: see the module's docstring
        encoded = _encoded(response)
        chunks = response.iter_bytes() if encoded else response.iter_raw()
        more = None if encoded else buffered_chunks(response)
        try:
            for chunk in chunks:
                yield from state.events(chunk)
                if more is not None:
                    ahead = more()  # the next chunks, when h11 holds them already
                    if ahead:
                        yield from state.events(ahead)
        except httpx.HTTPError as exc:
            raise state.failed(exc) from exc
        state.finish(close_delimited=state.close_delimited(response))
    finally:
        disarm()
        response.close()


class Stream:
    """The events of a streamed run, as they arrive: `for event in stream`.

    Returned by `run_workflow_sync(..., stream=True)`, once the service
    answered with an event stream. Each `StreamEvent` comes out as soon as
    its blank line arrives. Use it in a `with` block, or `close()` it when
    leaving early (breaking out of the loop, an exception, or dropping the
    stream also release the connection).

    The iteration ends when the body does. It raises a
    `SketricGenNetworkError` if the body was cut (a reset, an incomplete
    chunked body or Content-Length; a `SketricGenTimeoutError` when no byte
    came for the client's `timeout`, or past `stream_timeout`), always after
    every event already received was delivered. A body that ended cleanly
    without a terminal event ends the iteration normally, with a warning
    logged and `outcome` "ended_without_terminal_event"; one delimited only
    by the connection closing raises `SketricGenIncompleteStreamError`
    instead (a cut looks the same there). A stream is never sent again.
    """

    def __init__(
        self,
        core: StreamCore,
        response: httpx.Response,
        events: Generator[StreamEvent, None, None],
    ) -> None:
        self._core = core
        self._events = events
        self.response = response
        """The HTTP answer (status, headers); its body is what the stream reads."""

    def __iter__(self) -> Iterator[StreamEvent]:
        return self._events

    def __next__(self) -> StreamEvent:
        return next(self._events)

    def text_deltas(self) -> Iterator[str]:
        """The assistant's text as it streams: each TEXT_MESSAGE_CONTENT / _CHUNK delta.

        Reads the stream to its end, then raises `SketricGenRunError` if the
        run ended in RUN_ERROR (`SketricGenOutOfCreditsError` when it halted
        for lack of credits); `until_done()` afterwards gives the result.
        """
        builder = self._core.builder
        for event in self._events:
            delta = builder.add(event)
            if delta:
                yield delta
        self._core.conclude_text()

    @property
    def outcome(self) -> Optional[Outcome]:
        """How the stream ended; None while it is open, or when it was cut or closed early.

        "finished", "error", "paused" or "out_of_credits" after a terminal
        event; "ended_without_terminal_event" when the body ended cleanly
        without one (the iteration then ends normally, with a warning logged).
        """
        return self._core.outcome

    def until_done(self) -> StreamResult:
        """Read the rest of the stream and return the run's `StreamResult`.

        Raises `SketricGenRunError` (message, code, and the result) when the
        run ended in RUN_ERROR, `SketricGenOutOfCreditsError` (a
        `SketricGenRunError`) when it halted for lack of credits, and
        `SketricGenIncompleteStreamError` when the stream gave no terminal
        event (its `result` holds what arrived when the body ended cleanly).
        Events you iterated over yourself before are not part of the
        result's text and tool calls (how the run ended is).
        """
        builder = self._core.builder
        try:
            for event in self._events:
                builder.add(event)
        except BaseException:
            self.close()  # whatever failed, the connection goes back now
            raise
        return self._core.conclude()

    def verified(self) -> Iterator[StreamEvent]:
        """The events, each checked against AG-UI's ordering rules (see `sketricgen.verify`).

        An event that breaks a rule raises `AgUiOrderError` (naming the rule and
        the event) instead of being yielded; the stream closes when the loop stops.
        """
        from ..verify import iter_verified  # noqa: PLC0415 - loaded only when asked for

        return iter_verified(self._events)

    def close(self) -> None:
        """Stop reading and release the connection (idempotent)."""
        self._events.close()

    def __enter__(self) -> Stream:
        return self

    def __exit__(
        self,
        exc_type: Optional[type[BaseException]],
        exc: Optional[BaseException],
        tb: Optional[TracebackType],
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"<Stream {self._core.received} events received>"


# -- asyncio ------------------------------------------------------------------------------


async def open_stream(
    transport: AsyncTransport,
    core: TransportCore,
    spec: RequestSpec,
    *,
    stream_timeout: Optional[float] = None,
) -> AsyncStream:
    """The async twin of `open_stream_sync`."""
    spec = stream_request(spec)
    state = StreamCore(
        core, spec, stream_timeout=stream_timeout, max_event_size=core.config.max_event_size
    )
    response = await transport.send(spec, stream=True)
    try:
        if not state.is_event_stream(response):
            raise state.not_an_event_stream(response, await _head(state, response))
        disarm = arm(state, response)
    except BaseException:
        await response.aclose()
        raise
    events = _events(state, response, disarm)
    await events.__anext__()
    import asyncio  # noqa: PLC0415 - loaded on a loop already; blocking programs never load it

    _OPEN_ASYNC[events] = asyncio.get_running_loop()
    return AsyncStream(state, response, events)


async def _head(state: StreamCore, response: httpx.Response) -> bytes:
    content = b""
    try:
        async for chunk in response.aiter_bytes():
            content += chunk
            if len(content) >= MAX_ERROR_BODY:
                break
    except httpx.HTTPError as exc:
        raise state.failed(exc) from exc
    return content[:MAX_ERROR_BODY]


async def _events(
    state: StreamCore, response: httpx.Response, disarm: Disarm
) -> AsyncGenerator[StreamEvent, None]:
    try:
        yield None  # type: ignore[misc]  # started by open_stream: see the docstring
        encoded = _encoded(response)
        chunks = response.aiter_bytes() if encoded else response.aiter_raw()
        more = None if encoded else buffered_chunks(response)
        try:
            async for chunk in chunks:
                for event in state.events(chunk):
                    yield event
                if more is not None:
                    ahead = more()  # the next chunks, when h11 holds them already
                    if ahead:
                        for event in state.events(ahead):
                            yield event
        except httpx.HTTPError as exc:
            raise state.failed(exc) from exc
        state.finish(close_delimited=state.close_delimited(response))
    finally:
        disarm()
        await response.aclose()


class AsyncStream:
    """The events of a streamed run, as they arrive: `async for event in stream`.

    Returned by `await run_workflow(..., stream=True)`; everything said of
    `Stream` holds, with `aclose()` and `async with`.
    """

    def __init__(
        self,
        core: StreamCore,
        response: httpx.Response,
        events: AsyncGenerator[StreamEvent, None],
    ) -> None:
        self._core = core
        self._events = events
        self.response = response
        """The HTTP answer (status, headers); its body is what the stream reads."""

    def __aiter__(self) -> AsyncIterator[StreamEvent]:
        return self._events

    def __anext__(self) -> Awaitable[StreamEvent]:
        return self._events.__anext__()

    async def text_deltas(self) -> AsyncIterator[str]:
        """The assistant's text as it streams (see `Stream.text_deltas`)."""
        builder = self._core.builder
        async for event in self._events:
            delta = builder.add(event)
            if delta:
                yield delta
        self._core.conclude_text()

    @property
    def outcome(self) -> Optional[Outcome]:
        """How the stream ended (see `Stream.outcome`)."""
        return self._core.outcome

    async def until_done(self) -> StreamResult:
        """Read the rest of the stream and return the run's result (see `Stream.until_done`)."""
        builder = self._core.builder
        try:
            async for event in self._events:
                builder.add(event)
        except BaseException:
            await self.aclose()
            raise
        return self._core.conclude()

    def verified(self) -> AsyncIterator[StreamEvent]:
        """The events, each checked against AG-UI's ordering rules (see `Stream.verified`)."""
        from ..verify import iter_verified_async  # noqa: PLC0415 - loaded only when asked for

        return iter_verified_async(self._events)

    async def aclose(self) -> None:
        """Stop reading and release the connection (idempotent)."""
        await self._events.aclose()

    async def __aenter__(self) -> AsyncStream:
        return self

    async def __aexit__(
        self,
        exc_type: Optional[type[BaseException]],
        exc: Optional[BaseException],
        tb: Optional[TracebackType],
    ) -> None:
        await self.aclose()

    def __repr__(self) -> str:
        return f"<AsyncStream {self._core.received} events received>"
