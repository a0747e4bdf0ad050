"""One pool of async connections per event loop, each closed on its own loop.

Connections belong to the loop that opened them. A client used from several
loops (a script calling `asyncio.run()` per request, threads each running
their own loop) keeps a pool per loop in `LoopPools`; each is closed on its
loop: by `aclose()`, by the loop's shutdown (`close_with_loop`), or soon
after the client is dropped unclosed (`LoopPools.abandon`, its finalizer).
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import AsyncGenerator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable

import httpx

if TYPE_CHECKING:
    import asyncio

__all__ = ["LoopPool", "LoopPools", "close_with_loop"]


@dataclass
class LoopPool:
    """One loop's httpx client, and the generator that closes it with the loop."""

    client: httpx.AsyncClient
    closer: AsyncGenerator[None, None]


class LoopPools:
    """One client's async pools by event loop; what their closers and finalizer share.

    It never refers to the transport, so a client dropped unclosed is
    collected, and `abandon` (its finalizer) closes each pool on its loop.
    """

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.by_loop: dict[asyncio.AbstractEventLoop, LoopPool] = {}

    def forget(self, loop: asyncio.AbstractEventLoop, client: httpx.AsyncClient) -> None:
        """`client`, the pool of `loop`, was closed."""
        with self.lock:
            pool = self.by_loop.get(loop)
            if pool is not None and pool.client is client:
                del self.by_loop[loop]

    def abandon(self) -> None:
        """The client was dropped unclosed: close each pool on its own loop, soon.

        If the loop is shutting down and cancels that first, its shutdown
        closes the pool instead (see `close_with_loop`).
        """
        with self.lock:
            pools = list(self.by_loop.items())
        for loop, pool in pools:
            with contextlib.suppress(RuntimeError):  # the loop closed meanwhile
                loop.call_soon_threadsafe(_close_soon, pool.closer)


_CLOSING: set[asyncio.Task[None]] = set()  # pools closing after their client was dropped


def _close_soon(closer: AsyncGenerator[None, None]) -> None:
    import asyncio  # noqa: PLC0415 - on a loop: loaded already

    async def close() -> None:
        await closer.aclose()

    task = asyncio.get_running_loop().create_task(close())
    _CLOSING.add(task)
    task.add_done_callback(_CLOSING.discard)


_HELD: dict[asyncio.AbstractEventLoop, set[AsyncGenerator[None, None]]] = {}
_HELD_LOCK = threading.Lock()


def close_with_loop(
    client: httpx.AsyncClient, closed: Callable[[], None]
) -> AsyncGenerator[None, None]:
    """Tie `client` to the running loop: it is closed when the loop shuts down.

    `asyncio.run()` closes every started async generator before closing its
    loop; this one then closes the pool, inside that loop, so a program that
    never calls `aclose()` (or calls `asyncio.run` once per request) leaves
    no socket open. `aclose()` on the generator closes the pool at once.
    `closed()` is called once the pool is closed.

    The loop holds the generator (`_HELD`) until then: if a client dropped
    unclosed took it along, the generator's finalizer would close the pool
    in a task that `asyncio.run()` may cancel on its way out, leaking sockets.
    A loop closed without shutting its generators down lets go of them the
    next time a pool is made.
    """
    import asyncio  # noqa: PLC0415 - on a loop: loaded already

    loop = asyncio.get_running_loop()

    async def closer() -> AsyncGenerator[None, None]:
        try:
            yield
        finally:
            try:
                await client.aclose()
            finally:
                with _HELD_LOCK:
                    held = _HELD.get(loop)
                    if held is not None:
                        held.discard(generator)
                        if not held:
                            del _HELD[loop]
                closed()

    generator = closer()
    with _HELD_LOCK:
        for gone in [other for other in _HELD if other.is_closed()]:
            del _HELD[gone]
        _HELD.setdefault(loop, set()).add(generator)
    # Run it to its `yield` now: that registers it with the loop's hooks. Up to
    # there it awaits nothing, so one synchronous step is enough.
    with contextlib.suppress(StopIteration):
        generator.asend(None).__await__().send(None)
    return generator
