"""`stream_timeout`: a timer that ends a stream at its deadline, even in the middle of a read.

When it fires it marks the stream expired and shuts the connection's socket
down, which wakes a read blocked on it (sync or async); the shell then
raises `SketricGenTimeoutError`. A transport that exposes no socket is
stopped at its next chunk instead.
"""

from __future__ import annotations

import contextlib
import socket
import threading
from typing import TYPE_CHECKING, Any, Callable

from .._transport.core import nothing

if TYPE_CHECKING:
    import httpx

    from .core import StreamCore

__all__ = ["arm", "arm_sync"]

Disarm = Callable[[], None]


def _expire(core: StreamCore, response: httpx.Response) -> Callable[[], None]:
    def fire() -> None:
        core.expire()
        network = response.extensions.get("network_stream")
        get_info = getattr(network, "get_extra_info", None)
        sock: Any = get_info("socket") if get_info is not None else None
        with contextlib.suppress(OSError):
            if isinstance(sock, socket.socket):
                # The plain socket's method: on a TLS socket it leaves the TLS state
                # alone, and the blocked read sees the end of the stream.
                socket.socket.shutdown(sock, socket.SHUT_RDWR)
            elif callable(getattr(sock, "shutdown", None)):
                sock.shutdown(socket.SHUT_RDWR)  # asyncio's wrapper of the socket

    return fire


def arm_sync(core: StreamCore, response: httpx.Response) -> Disarm:
    """Start the deadline timer of a blocking stream (a daemon thread); returns its cancel."""
    remaining = core.remaining()
    if remaining is None:
        return nothing
    timer = threading.Timer(remaining, _expire(core, response))
    timer.daemon = True
    timer.start()
    return timer.cancel


def arm(core: StreamCore, response: httpx.Response) -> Disarm:
    """Start the deadline timer of an async stream (on the running loop); returns its cancel."""
    import asyncio  # noqa: PLC0415 - on a loop: loaded already

    remaining = core.remaining()
    if remaining is None:
        return nothing
    return asyncio.get_running_loop().call_later(remaining, _expire(core, response)).cancel
