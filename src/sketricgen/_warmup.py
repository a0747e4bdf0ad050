"""What the first async call needs, loaded in a worker thread instead of on the event loop.

Importing the model layer, the stream and upload modules and httpcore's
async backend, and building the TLS context, costs tens of milliseconds of
CPU once per process. Done inside a coroutine that would stall every other
task of the caller's loop; the async entry points await `warm_up()` first,
which does it in a thread of its own (`make bench`: `coldstart-loop`).
"""

from __future__ import annotations

import contextlib
import importlib
import threading
from typing import Optional

__all__ = ["warm_up"]

# What each kind of first call imports lazily. Every call: httpcore (httpx loads it
# with its first client, its asyncio backend with the first connection; a private
# module missing from another httpcore version only means it loads on the loop).
_MODULES = {
    "transport": ("httpcore", "httpcore._backends.anyio", "anyio._backends._asyncio", "h11"),
    "run": ("sketricgen._workflow.plan", "sketricgen._streaming.core"),
    "stream": ("sketricgen._streaming.shells",),
    "uploads": ("sketricgen._uploads.shells",),
    # The Admin API: its models, every generated operation (below), the error path.
    "admin": ("sketricgen_admin_models", "sketricgen_admin_lowlevel", "sketricgen_lowlevel.errors"),
}

_loaded: set[str] = set()


def _load(groups: list[str]) -> None:
    for group in groups:
        for name in _MODULES[group]:
            try:
                importlib.import_module(name)
            except ImportError:
                continue
        if group == "transport":
            from ._transport.tls import tls_context  # noqa: PLC0415

            tls_context()
        elif group == "admin":
            _load_admin_operations()
        elif group == "run":
            from ._workflow.plan import ChatResponse  # noqa: PLC0415

            # A model whose build was deferred builds here; a built one returns at once.
            ChatResponse.model_rebuild()
        _loaded.add(group)


def _load_admin_operations() -> None:
    import pkgutil  # noqa: PLC0415

    from sketricgen_admin_lowlevel import api  # noqa: PLC0415

    from . import admin  # noqa: PLC0415  (the namespaces: small, but not on the loop either)

    for package in (api, admin):
        for found in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
            importlib.import_module(found.name)


async def warm_up(
    *, run: bool = False, stream: bool = False, uploads: bool = False, admin: bool = False
) -> None:
    """Load what the coming call needs off the running loop (each part once per process).

    `run`: a workflow run; `stream`: a streamed one; `uploads`: files are uploaded;
    `admin`: an Admin API call.
    """
    wanted = {
        "transport": True, "run": run, "stream": stream, "uploads": uploads, "admin": admin,
    }  # fmt: skip
    groups = [group for group, needed in wanted.items() if needed and group not in _loaded]
    if not groups:
        return
    import asyncio  # noqa: PLC0415 - on a loop: loaded already

    loop = asyncio.get_running_loop()
    finished = loop.create_future()

    def settle(error: Optional[BaseException]) -> None:
        if not finished.done():
            finished.set_result(error)

    def work() -> None:
        error: Optional[BaseException] = None
        try:
            _load(groups)
        except BaseException as exc:  # raised again on the loop
            error = exc
        with contextlib.suppress(RuntimeError):  # the loop closed meanwhile
            loop.call_soon_threadsafe(settle, error)

    # A thread of its own: the loop's default executor would be created (and its
    # modules imported) on the loop, and may have been shut down.
    threading.Thread(target=work, name="sketricgen-warm-up", daemon=True).start()
    error = await finished
    if error is not None:
        raise error
