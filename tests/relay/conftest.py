"""A running relay in front of the emulator, on a real port: `relay_server`, `relay_server_factory`.

`relay_server` serves `sketricgen.relay.create_app` (`GET /` the chat page,
`POST /agent` the relay) for the built-in agents, and gives its base URL.
`relay_server_factory(agent_id=..., **AgUiRelay options)` starts another one;
`emulator=` points it at another emulator. Servers stop after the test.
"""

from __future__ import annotations

import asyncio
import json
import socket
import threading
import time
from collections.abc import Iterator
from typing import Any, Callable, Optional

import httpx
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
        try:
            async with client:
                app = create_app(client, self._agent_id, **self._options)
                config = uvicorn.Config(
                    app, lifespan="off", log_config=None, log_level="warning",
                    access_log=False, loop="asyncio", timeout_graceful_shutdown=1,
                )  # fmt: skip
                self._server = _Server(config, self._ready)
                await self._server.serve(sockets=[self._sock])
        finally:
            own_http = self._client_options.get("async_http_client")
            if own_http is not None:  # the test's own httpx client, closed in this loop
                await own_http.aclose()

    def start(self) -> RelayServer:
        """Serve; returns once the relay accepts connections."""
        self._thread.start()
        if not self._ready.wait(10) or self._error is not None or not self._server_started():
            raise RuntimeError(f"the relay did not start: {self._error!r}")
        return self

    @property
    def open_connections(self) -> int:
        """Connections the relay's server holds right now."""
        return 0 if self._server is None else len(self._server.server_state.connections)

    def wait_for(self, predicate: Callable[[], bool], timeout: float = 5.0) -> None:
        """Block until `predicate()` is true (polled); TimeoutError else."""
        deadline = time.monotonic() + timeout
        while not predicate():
            if time.monotonic() > deadline:
                raise TimeoutError("condition still false")
            time.sleep(0.01)

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


class RelayAnswer:
    """What the browser received: the status, the raw bytes, and the events parsed."""

    def __init__(self, status: int, headers: Any, raw: bytes) -> None:
        self.status = status
        self.headers = headers
        self.raw = raw
        self.events: list[dict[str, Any]] = [
            json.loads(block[len(b"data: ") :])
            for block in raw.split(b"\n\n")
            if block.startswith(b"data: ")
        ]

    @property
    def types(self) -> list[str]:
        """The `type` of each event."""
        return [event["type"] for event in self.events]

    @property
    def text(self) -> str:
        """The assistant's text, from the content deltas."""
        return "".join(e["delta"] for e in self.events if e["type"] == "TEXT_MESSAGE_CONTENT")

    def json(self) -> Any:
        """The body of a refused request."""
        return json.loads(self.raw)


def _run_input(
    text: Any = "Hello",
    *,
    thread_id: str = "thread-1",
    run_id: str = "run-1",
    **fields: Any,
) -> dict[str, Any]:
    """A RunAgentInput as `@ag-ui/client` sends it (camelCase), ending with a user message."""
    messages = fields.pop("messages", None)
    if messages is None:
        messages = [{"id": f"msg-{run_id}", "role": "user", "content": text}]
    body = {
        "threadId": thread_id, "runId": run_id, "state": {}, "messages": messages,
        "tools": [], "context": [], "forwardedProps": {},
    }  # fmt: skip
    body.update(fields)
    return body


@pytest.fixture
def run_input() -> Callable[..., dict[str, Any]]:
    """`run_input(text="Hello", thread_id=..., run_id=..., **fields)`: a RunAgentInput dict."""
    return _run_input


@pytest.fixture
def post_run(relay_server: RelayServer) -> Callable[..., RelayAnswer]:
    """`post_run(body, url=None, **httpx options)`: POST to the relay, read the whole answer."""

    def post(body: Any, url: Optional[str] = None, **options: Any) -> RelayAnswer:
        options.setdefault("timeout", 10)
        if "content" not in options:
            options["json"] = body
        with httpx.Client() as http:
            response = http.post(url or relay_server.agent_url, **options)
            return RelayAnswer(response.status_code, response.headers, response.content)

    return post
