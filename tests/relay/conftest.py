"""A running relay in front of the emulator, on a real port: `relay_server`, `relay_server_factory`.

`relay_server` serves `sketricgen.relay.create_app` (`GET /` the chat page,
`POST /agent` the relay) for the built-in agents, and gives its base URL.
`relay_server_factory(agent_id=..., **AgUiRelay options)` starts another one;
`emulator=` points it at another emulator. Servers stop after the test.
"""

from __future__ import annotations

import asyncio
import socket
import threading
from collections.abc import Iterator
from typing import Any, Callable, Optional

import pytest
import uvicorn

from sketricgen import SketricGenClient
from sketricgen.relay import create_app
from sketricgen.testing import Emulator

BUILTIN_AGENTS = ("demo-agent", "agent-123", "hitl-agent", "error-agent", "out-of-credits-agent")


class _Server(uvicorn.Server):
    """uvicorn that says when it listens."""

    def __init__(self, config: uvicorn.Config, ready: threading.Event) -> None:
        super().__init__(config)
        self._ready_event = ready

    async def startup(self, sockets: Optional[list[socket.socket]] = None) -> None:
        try:
            await super().startup(sockets=sockets)
        finally:
            self._ready_event.set()


class RelayServer:
    """The relay app under uvicorn in a background thread, with its own SketricGen client."""

    def __init__(self, emulator: Emulator, agent_id: str, **options: Any) -> None:
        self.emulator = emulator
        self._sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
        self._sock.bind(("127.0.0.1", 0))
        self.port: int = self._sock.getsockname()[1]
        self.base_url = f"http://127.0.0.1:{self.port}"
        self.agent_url = f"{self.base_url}/agent"
        self._agent_id = agent_id
        self._options = options
        self._client_options: dict[str, Any] = options.pop("client_options", {})
        self._ready = threading.Event()
        self._server: Optional[uvicorn.Server] = None
        self._error: Optional[BaseException] = None
        self._thread = threading.Thread(target=self._run, name="relay-server", daemon=True)

    def _run(self) -> None:
        try:
            asyncio.run(self._serve())
        except BaseException as error:  # reported by start()
            self._error = error
            self._ready.set()

    async def _serve(self) -> None:
        client = SketricGenClient(
            api_key=self.emulator.api_key,
            base_url=self.emulator.base_url,
            upload_base_url=self.emulator.upload_base_url,
            **self._client_options,
        )
        async with client:
            app = create_app(client, self._agent_id, **self._options)
            config = uvicorn.Config(
                app, lifespan="off", log_config=None, log_level="warning", access_log=False,
                loop="asyncio", timeout_graceful_shutdown=1,
            )  # fmt: skip
            self._server = _Server(config, self._ready)
            await self._server.serve(sockets=[self._sock])

    def start(self) -> RelayServer:
        """Serve; returns once the relay accepts connections."""
        self._thread.start()
        if not self._ready.wait(10) or self._error is not None or not self._server_started():
            raise RuntimeError(f"the relay did not start: {self._error!r}")
        return self

    def _server_started(self) -> bool:
        return self._server is not None and self._server.started

    def stop(self) -> None:
        """Stop serving and close the client."""
        if self._server is not None:
            self._server.should_exit = True
        self._thread.join(10)
        self._sock.close()


@pytest.fixture
def relay_server_factory(
    sketricgen_emulator: Emulator,
) -> Iterator[Callable[..., RelayServer]]:
    """`factory(agent_id="demo-agent", emulator=None, **options)`: a started `RelayServer`."""
    started: list[RelayServer] = []

    def start(
        agent_id: str = "demo-agent", emulator: Optional[Emulator] = None, **options: Any
    ) -> RelayServer:
        options.setdefault("allowed_agents", BUILTIN_AGENTS)
        server = RelayServer(emulator or sketricgen_emulator, agent_id, **options).start()
        started.append(server)
        return server

    yield start
    for server in started:
        server.stop()


@pytest.fixture
def relay_server(relay_server_factory: Callable[..., RelayServer]) -> RelayServer:
    """A relay for the emulator's built-in agents (`demo-agent` unless forwardedProps.agentId)."""
    return relay_server_factory()
