"""What the first async call needs, loaded in a worker thread instead of on the event loop.

Importing the model layer, the stream and upload modules and httpcore's
async backend, and building the TLS context, costs tens of milliseconds of
CPU once per process. Done inside a coroutine that would stall every other
task of the caller's loop; the async entry points await `warm_up()` first,
which does it in a thread of its own (`make bench`: `coldstart-loop`).
"""

from __future__ import annotations

import asyncio
import contextlib
import importlib
import threading
from typing import Optional

__all__ = ["warm_up"]

# What a first call imports lazily: ours, then httpcore's (httpx loads it with the
# first client, and its asyncio backend with the first connection). A private
# module missing from another httpcore version only means it loads on the loop.
_MODULES = (
    "sketricgen._workflow.plan",
    "sketricgen._streaming.shells",
    "sketricgen._uploads.shells",
    "httpcore",
    "httpcore._backends.anyio",
    "anyio._backends._asyncio",
    "h11",
)

_done = threading.Event()


def _load() -> None:
    for name in _MODULES:
        try:
            importlib.import_module(name)
        except ImportError:
            continue
    from ._transport.tls import tls_context  # noqa: PLC0415
    from ._workflow.plan import ChatResponse  # noqa: PLC0415

    tls_context()
    # A model whose build was deferred builds here; a built one returns at once.
    ChatResponse.model_rebuild()
    _done.set()


async def warm_up() -> None:
    """Load the first call's modules off the running loop (once per process)."""
    if _done.is_set():
        return
    loop = asyncio.get_running_loop()
    finished = loop.create_future()

    def settle(error: Optional[BaseException]) -> None:
        if not finished.done():
            finished.set_result(error)

    def run() -> None:
        error: Optional[BaseException] = None
        try:
            _load()
        except BaseException as exc:  # raised again on the loop
            error = exc
        with contextlib.suppress(RuntimeError):  # the loop closed meanwhile
            loop.call_soon_threadsafe(settle, error)

    # A thread of its own: the loop's default executor would be created (and its
    # modules imported) on the loop, and may have been shut down.
    threading.Thread(target=run, name="sketricgen-warm-up", daemon=True).start()
    error = await finished
    if error is not None:
        raise error
