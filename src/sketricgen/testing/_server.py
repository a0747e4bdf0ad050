"""uvicorn in a background thread, on a socket bound before the thread starts."""

from __future__ import annotations

import asyncio
import contextlib
import socket
import threading
from typing import Optional

import uvicorn

from ._app import build_app
from ._connections import tracking_protocol
from ._state import EmulatorState

__all__ = ["ServerThread"]


class _Server(uvicorn.Server):
    """A uvicorn server that says when it is ready and stops without polling."""

    def __init__(self, config: uvicorn.Config, state: EmulatorState) -> None:
        super().__init__(config)
        self._state = state
        self.ready = threading.Event()
        self._loop: Optional[asyncio.AbstractEventLoop] = None
        self._exit: Optional[asyncio.Event] = None
        self._stopping: Optional[asyncio.Event] = None
        self._lock = threading.Lock()

    async def startup(self, sockets: Optional[list[socket.socket]] = None) -> None:
        with self._lock:
            self._loop = asyncio.get_running_loop()
            self._exit, self._stopping = asyncio.Event(), asyncio.Event()
            if self.should_exit:
                self._exit.set()
        self._state.attach(self._stopping)
        try:
            await super().startup(sockets=sockets)
        finally:
            self.ready.set()

    async def main_loop(self) -> None:
        await self.on_tick(0)
        assert self._exit is not None
        await self._exit.wait()

    def request_stop(self) -> None:
        """Ask the server to stop: runs that stall or wait on a gate give up at once."""
        with self._lock:
            self.should_exit = True
            loop, events = self._loop, (self._stopping, self._exit)
        if loop is not None and not loop.is_closed():
            for event in events:
                if event is not None:
                    with contextlib.suppress(RuntimeError):  # the loop closed meanwhile
                        loop.call_soon_threadsafe(event.set)


class ServerThread:
    """The emulator's HTTP server on `host:port` (0: an ephemeral port)."""

    def __init__(self, state: EmulatorState, host: str, port: int) -> None:
        # IPPROTO_TCP explicitly: asyncio sets TCP_NODELAY only on sockets that say so.
        family = socket.AF_INET6 if ":" in host else socket.AF_INET
        self._socket = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
        try:
            self._socket.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            self._socket.bind((host, port))
        except OSError:
            self._socket.close()
            raise
        self.port: int = self._socket.getsockname()[1]
        config = uvicorn.Config(
            build_app(state), lifespan="off", log_config=None, log_level="warning",
            access_log=False, http=tracking_protocol(state), loop="asyncio",
            date_header=False, server_header=False, timeout_graceful_shutdown=2,
        )  # fmt: skip
        self._server = _Server(config, state)
        self._thread = threading.Thread(
            target=self._server.run, kwargs={"sockets": [self._socket]},
            name=f"sketricgen-emulator-{self.port}", daemon=True,
        )  # fmt: skip

    def start(self, timeout: float) -> None:
        """Serve in the background; returns once the server accepts connections."""
        self._thread.start()
        if not self._server.ready.wait(timeout) or not self._server.started:
            self.stop(timeout)
            raise RuntimeError("the SketricGen emulator did not start")

    def stop(self, timeout: float) -> None:
        """Stop serving and close every connection."""
        self._server.request_stop()
        if self._thread.is_alive():
            self._thread.join(timeout)
        self._socket.close()
