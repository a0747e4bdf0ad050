"""The transport's I/O shells: `Transport` (blocking) and `AsyncTransport` (asyncio).

Each only sends, reads, sleeps and closes; every decision is `TransportCore`'s
(`core.py`). The sync shell holds one pooled httpx client for its lifetime,
the async shell one per event loop (`pools.py`), or the one the user passed.
`buffered_chunks` is the stream shells' fast path past h11's per-chunk events.
"""

from __future__ import annotations

import contextlib
import functools
import socket
import ssl
import threading
import time
import weakref
from typing import Any, Callable, Optional

import httpx

from .._logging import logger
from .body import BodyReader, complete_chunks
from .core import RequestSpec, TransportCore, closed_error
from .pools import LoopPool, LoopPools, close_with_loop
from .tls import tls_context

__all__ = ["AsyncTransport", "Transport", "buffered_chunks"]


def _complete(response: httpx.Response) -> bool:
    """Whether every byte `Content-Length` announced has been read (no read can block)."""
    length = response.headers.get("content-length", "")
    return length.isdigit() and response.num_bytes_downloaded >= int(length)


def _cut(reader: BodyReader, response: httpx.Response) -> Callable[[], None]:
    """What a timer calls at the deadline: mark `reader` expired, wake the blocked read."""

    def fire() -> None:
        reader.expire()
        network = response.extensions.get("network_stream")
        get_info = getattr(network, "get_extra_info", None)
        sock: Any = get_info("socket") if get_info is not None else None
        if isinstance(sock, socket.socket):
            with contextlib.suppress(OSError):
                # The plain socket's method: on a TLS socket it leaves the TLS state alone.
                socket.socket.shutdown(sock, socket.SHUT_RDWR)

    return fire


def buffered_chunks(response: httpx.Response) -> Optional[Callable[[], bytes]]:
    """A function taking the whole chunks that h11 holds unread of `response`'s chunked body.

    Each call removes from h11's buffer the complete chunks waiting there and
    returns their data joined (b"" when there are none), as if the next reads
    had returned them. None when the body is not read by h11 as chunks (HTTP/2,
    a length or the connection's end delimits it, another transport) or when
    httpx, httpcore or h11 are not laid out as this expects.

    Why: h11 makes one event of each chunk, httpcore and httpx one read of
    each event, some 70 thousand instructions a chunk; a server writing one
    chunk per event (as SSE servers do) pays that per event, several times
    the cost of decoding it. The function takes only what h11 would have
    delivered next, as plain data chunks; the last chunk, trailers,
    extensions, partial and malformed chunks stay for h11, so the end of the
    body, its errors and the connection's reuse remain h11's business.
    """
    try:
        import h11  # noqa: PLC0415 - loaded by httpcore already
        from h11._readers import ChunkedReader  # noqa: PLC0415
    except ImportError:  # pragma: no cover - h11 is httpcore's, always there
        return None
    state: Any = response.stream
    # httpx's stream (BoundSyncStream / BoundAsyncStream) > its transport's
    # (ResponseStream) > httpcore's pool's > its HTTP/1.1 connection's > h11.
    # Each step must be httpx's or httpcore's own: a stream some user code
    # wraps sees every byte, none taken past it.
    for name in ("_stream", "_httpcore_stream", "_stream", "_connection", "_h11_state"):
        if type(state).__module__.partition(".")[0] not in ("httpx", "httpcore"):
            return None
        state = getattr(state, name, None)
    if not isinstance(state, h11.Connection):
        return None
    reader: Any = getattr(state, "_reader", None)
    buffer: Any = getattr(state, "_receive_buffer", None)
    # h11 0.14 counts the CRLF still to skip after a chunk; later versions keep its bytes.
    closing: Any = 2 if isinstance(getattr(reader, "_bytes_to_discard", None), int) else b"\r\n"
    if (
        type(reader) is not ChunkedReader
        or not isinstance(getattr(buffer, "_data", None), bytearray)
        or not isinstance(getattr(reader, "_bytes_in_chunk", None), int)
        or not isinstance(getattr(reader, "_bytes_to_discard", None), type(closing))
        or not isinstance(getattr(reader, "_reading_trailer", None), bool)
        or not hasattr(buffer, "_next_line_search")
        or not hasattr(buffer, "_multiple_lines_search")
        or not isinstance(getattr(response, "_num_bytes_downloaded", None), int)
    ):
        return None
    connection: Any = state
    nothing = type(closing)()

    def take() -> bytes:
        # Only between two chunks of this body: none begun, no trailer ahead.
        if connection._reader is not reader or reader._reading_trailer or reader._bytes_in_chunk:
            return b""
        data: bytearray = buffer._data
        start = 0
        if reader._bytes_to_discard:  # the CRLF closing the chunk h11 gave last
            if reader._bytes_to_discard != closing or not data.startswith(b"\r\n"):
                return b""
            start = 2
        taken, end = complete_chunks(data, start)
        if not taken:
            return b""
        del data[:end]
        buffer._next_line_search = 0  # what h11's own extraction resets
        buffer._multiple_lines_search = 0
        reader._bytes_to_discard = nothing
        response._num_bytes_downloaded += len(taken)
        return taken

    return take


class Transport:
    """The blocking shell: one pooled `httpx.Client`."""

    def __init__(self, core: TransportCore, http_client: Optional[httpx.Client] = None) -> None:
        self._core = core
        self._client = http_client
        self._owned = http_client is None
        self._closed = False
        self._lock = threading.Lock()

    def _http(self) -> httpx.Client:
        client = self._client
        if client is not None and not self._closed and not client.is_closed:
            return client
        with self._lock:
            if self._closed:
                raise closed_error("this client")
            if self._client is None:
                self._client = httpx.Client(**self._core.client_options(), verify=tls_context())
            elif self._client.is_closed:
                raise closed_error("the httpx.Client passed as http_client=")
            return self._client

    def send(self, spec: RequestSpec, *, stream: bool = False) -> httpx.Response:
        """Send `spec` with retries; return a 2xx response (its body unread when `stream`).

        A streamed response must be closed by the caller. Every failure is
        raised as a SketricGen exception.
        """
        core = self._core
        client = self._http()
        own = self._owned
        attempt = 0
        while True:
            deadline = core.deadline(spec, stream=stream)
            try:
                response = client.send(
                    core.build(client, spec, own=own), stream=True, follow_redirects=False
                )
            except (httpx.HTTPError, httpx.InvalidURL) as exc:
                delay = core.after_error(spec, attempt, exc)
            except RuntimeError:
                if client.is_closed:  # closed by another thread meanwhile
                    raise closed_error("this client") from None
                raise
            else:
                if stream and response.is_success:
                    core.succeeded(spec, attempt, response)
                    return response
                found = self._read(spec, attempt, response, deadline)
                if found is None:
                    return response
                delay = found
            time.sleep(delay)
            attempt += 1

    def _read(
        self, spec: RequestSpec, attempt: int, response: httpx.Response, deadline: Optional[float]
    ) -> Optional[float]:
        """Read the body within bounds; then what `TransportCore.answered` says."""
        reader = self._core.reader(response, deadline)
        error: Optional[Exception] = None
        timer: Optional[threading.Timer] = None
        try:
            for chunk in response.iter_raw() if reader.raw else response.iter_bytes():
                if reader.feed(chunk):
                    break
                if timer is None and deadline is not None and not _complete(response):
                    # A body in several reads: a timer cuts the one that outlasts the deadline.
                    timer = threading.Timer(deadline - time.monotonic(), _cut(reader, response))
                    timer.daemon = True
                    timer.start()
        except httpx.HTTPError as exc:
            error = exc
        finally:
            if timer is not None:
                timer.cancel()
            response.close()
        return self._core.answered(spec, attempt, response, reader, error)

    @property
    def is_open(self) -> bool:
        """True while an httpx client the SDK created holds connections to close."""
        client = self._client
        return self._owned and client is not None and not client.is_closed

    def close(self) -> None:
        """Close the pooled connections (a user's own httpx client is left open)."""
        with self._lock:
            self._closed = True
            client = self._client
        if client is not None and self._owned:
            client.close()


class _Deadline:
    """Cancels the running task after `seconds`; `absorb` tells that cancellation apart."""

    __slots__ = ("_handle", "_task", "fired")

    def __init__(self, seconds: float) -> None:
        import asyncio  # noqa: PLC0415 - loaded on a loop already; blocking programs never load it

        self._task = asyncio.current_task()
        self.fired = False
        self._handle = asyncio.get_running_loop().call_later(seconds, self._fire)

    def _fire(self) -> None:
        self.fired = True
        if self._task is not None:
            self._task.cancel()

    def cancel(self) -> None:
        self._handle.cancel()

    def absorb(self) -> bool:
        """After a `CancelledError`: True if it was this deadline's alone (it is then undone)."""
        if not self.fired:
            return False
        uncancel = getattr(self._task, "uncancel", None)  # Python 3.11+
        return uncancel is None or uncancel() == 0


class AsyncTransport:
    """The asyncio shell: one pooled `httpx.AsyncClient` per event loop.

    Connections belong to the loop that opened them, so each loop that uses
    the client (a script calling `asyncio.run()` per request, threads each
    running their own loop) gets its own pool, closed on that loop.
    """

    def __init__(
        self, core: TransportCore, http_client: Optional[httpx.AsyncClient] = None
    ) -> None:
        self._core = core
        self._user = http_client
        self._closed = False
        self._pools = LoopPools()
        weakref.finalize(self, self._pools.abandon).atexit = False

    @property
    def is_open(self) -> bool:
        """True while an httpx client the SDK created holds connections to close."""
        with self._pools.lock:
            return any(not pool.client.is_closed for pool in self._pools.by_loop.values())

    def _http(self) -> httpx.AsyncClient:
        if self._closed:
            raise closed_error("this client")
        user = self._user
        if user is not None:
            if user.is_closed:
                raise closed_error("the httpx.AsyncClient passed as async_http_client=")
            return user
        import asyncio  # noqa: PLC0415 - loaded on a loop already; blocking programs never load it

        loop = asyncio.get_running_loop()
        pools = self._pools
        pool = pools.by_loop.get(loop)
        if pool is not None and not pool.client.is_closed:
            return pool.client
        with pools.lock:
            if self._closed:
                raise closed_error("this client")
            for gone in [other for other in pools.by_loop if other.is_closed()]:
                del pools.by_loop[gone]  # closed without shutting its generators down
            client = httpx.AsyncClient(**self._core.client_options(), verify=tls_context())
            if pools.by_loop:
                logger.debug("another event loop: opening a connection pool for it")
            closer = close_with_loop(client, functools.partial(pools.forget, loop, client))
            pools.by_loop[loop] = LoopPool(client, closer)
        return client

    async def send(self, spec: RequestSpec, *, stream: bool = False) -> httpx.Response:
        """Send `spec` with retries; return a 2xx response (its body unread when `stream`).

        A streamed response must be closed by the caller. Every failure is
        raised as a SketricGen exception.
        """
        import asyncio  # noqa: PLC0415 - loaded on a loop already; blocking programs never load it

        core = self._core
        client = self._http()
        own = self._user is None
        attempt = 0
        while True:
            deadline = core.deadline(spec, stream=stream)
            timer = None if deadline is None else _Deadline(deadline - time.monotonic())
            try:
                response = await client.send(
                    core.build(client, spec, own=own), stream=True, follow_redirects=False
                )
                if stream and response.is_success:
                    core.succeeded(spec, attempt, response)
                    return response
                reader = core.reader(response, deadline)
                error: Optional[Exception] = None
                try:
                    chunks = response.aiter_raw() if reader.raw else response.aiter_bytes()
                    async for chunk in chunks:
                        if reader.feed(chunk):
                            break
                except httpx.HTTPError as exc:
                    error = exc
                finally:
                    await response.aclose()
            except (httpx.HTTPError, httpx.InvalidURL) as exc:
                delay = core.after_error(spec, attempt, exc)
            except ssl.SSLError as exc:
                # Older httpcore lets anyio's handshake failure through unmapped; its
                # sync backend (and newer httpcore) map it to ConnectError: do the same.
                delay = core.after_error(spec, attempt, httpx.ConnectError(str(exc)))
            except asyncio.CancelledError:
                if timer is None or not timer.absorb():
                    raise
                delay = core.after_error(spec, attempt, core.timed_out(spec))
            except RuntimeError:
                if client.is_closed:
                    raise closed_error("this client") from None
                raise
            else:
                found = core.answered(spec, attempt, response, reader, error)
                if found is None:
                    return response
                delay = found
            finally:
                if timer is not None:
                    timer.cancel()
            await asyncio.sleep(delay)
            attempt += 1

    def close(self) -> None:
        """Refuse further calls, awaiting nothing; `aclose` also closes this loop's pool."""
        self._closed = True

    async def aclose(self) -> None:
        """Close the pooled connections (a user's own httpx client is left open).

        This loop's pool is closed now; a pool another loop opened can only be
        closed on that loop, which does it when it shuts down (see
        `close_with_loop`).
        """
        import asyncio  # noqa: PLC0415 - loaded on a loop already; blocking programs never load it

        self._closed = True
        with self._pools.lock:
            pool = self._pools.by_loop.pop(asyncio.get_running_loop(), None)
        if pool is not None:
            await pool.closer.aclose()
