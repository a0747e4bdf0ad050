"""`Emulator`: the SketricGen service on a loopback port, the handle tests use, and its server.

Every endpoint is a route of one ASGI app, served by uvicorn in a thread on
a socket bound before the thread starts; connections are counted at the
socket level (uvicorn's h11 protocol, reporting to the state).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import socket
import threading
from collections.abc import Awaitable
from datetime import datetime
from types import TracebackType
from typing import Callable, Optional

import uvicorn
from sketricgen_models import ErrorBody
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.requests import ClientDisconnect, Request
from starlette.responses import Response
from starlette.routing import Route
from starlette.types import ASGIApp, Message, Receive, Scope, Send
from uvicorn.protocols.http.h11_impl import H11Protocol

from ._admin_control import AdminControl
from ._admin_routes import ADMIN_PREFIX, CONNECT_PREFIX, admin_api, complete_connection
from ._chat import RUN_PATH, run_workflow
from ._exchange import Exchange, json_answer
from ._faults import ActiveFault, Fault
from ._records import RecordedRequest, RecordedRun, StoredUpload
from ._s3 import BUCKET
from ._scripts import AgentScript, Gate
from ._scripts import builtin_agents as default_agents
from ._state import DEFAULT_START_TIME, EmulatorState
from ._storage import (
    COMPLETE_PATH,
    INIT_PATH,
    STORAGE_PREFIX,
    UPLOAD_PREFIX,
    complete_upload,
    download,
    init_upload,
    presigned_post,
)
from ._wire import KeyCase

__all__ = ["DEFAULT_API_KEY", "Emulator"]

DEFAULT_API_KEY = "sk-emulator-0000-test-key"
"""The API key an emulator accepts unless given another."""


class Emulator:
    """A local SketricGen service: chat API, upload API and presigned storage on one port.

    Use it as a context manager (or `start()`/`stop()`). Everything it
    answers is deterministic for a given `seed`: ids, timestamps (a virtual
    clock from `start_time`), upload policies. Streamed events use
    `key_case` keys; `builtin_agents=False` starts with no agent at all. The
    presigned storage target is addressed as `storage_host` (another name
    for the same loopback server), so that a client sees a different host.
    `pace` waits that many real seconds before each event a run produces,
    so that a person can watch a reply arrive (the demo uses it).
    """

    def __init__(
        self,
        *,
        seed: int = 0,
        key_case: KeyCase = "snake",
        api_key: str = DEFAULT_API_KEY,
        host: str = "127.0.0.1",
        port: int = 0,
        storage_host: str = "localhost",
        builtin_agents: bool = True,
        start_time: datetime = DEFAULT_START_TIME,
        user_id: str = "user-emulator",
        owner: str = "owner-emulator",
        pace: float = 0.0,
    ) -> None:
        if key_case not in ("snake", "camel"):
            raise ValueError("key_case must be 'snake' or 'camel'")
        if pace < 0:
            raise ValueError("pace must be a number of seconds, 0 or more")
        self._state = EmulatorState(
            seed=seed, api_key=api_key, key_case=key_case, start_time=start_time,
            agents=default_agents() if builtin_agents else {}, user_id=user_id, owner=owner,
            pace=pace,
        )  # fmt: skip
        self._host = host
        self._port = port
        self._storage_host = storage_host
        self._server: Optional[ServerThread] = None
        self._admin = AdminControl(self._state)

    # -- lifecycle ------------------------------------------------------------

    def start(self, timeout: float = 10.0) -> Emulator:
        """Start serving in a background thread; returns self."""
        if self._server is not None:
            raise RuntimeError("the emulator is already running")
        server = ServerThread(self._state, self._host, self._port)
        self._state.storage_url = (
            f"http://{self._storage_host}:{server.port}{STORAGE_PREFIX}/{BUCKET}"
        )
        server.start(timeout)
        self._server = server
        return self

    def stop(self, timeout: float = 10.0) -> None:
        """Stop serving; open connections are closed. Safe to call twice."""
        server, self._server = self._server, None
        if server is not None:
            server.stop(timeout)

    def __enter__(self) -> Emulator:
        return self.start()

    def __exit__(
        self,
        exc_type: Optional[type[BaseException]],
        exc: Optional[BaseException],
        tb: Optional[TracebackType],
    ) -> None:
        self.stop()

    @property
    def running(self) -> bool:
        """Whether the server is up."""
        return self._server is not None

    # -- addresses ------------------------------------------------------------

    def _running_server(self) -> ServerThread:
        if self._server is None:
            raise RuntimeError("the emulator is not running: call start() first")
        return self._server

    @property
    def port(self) -> int:
        """The port served."""
        return self._running_server().port

    @property
    def base_url(self) -> str:
        """The chat API base: POST `{base_url}/api/v1/run-workflow`."""
        host = f"[{self._host}]" if ":" in self._host else self._host
        return f"http://{host}:{self.port}"

    @property
    def run_url(self) -> str:
        """The run-workflow URL."""
        return self.base_url + RUN_PATH

    @property
    def upload_base_url(self) -> str:
        """The upload API base: POST `{upload_base_url}/publicAssetsUploadInit` (and Complete)."""
        return self.base_url + UPLOAD_PREFIX

    @property
    def storage_url(self) -> str:
        """The presigned POST target that upload init answers hand out."""
        self._running_server()
        return self._state.storage_url

    @property
    def api_key(self) -> str:
        """The API key accepted (`API-KEY` on chat, `X-API-KEY` on uploads).

        On the Admin API (`Authorization: Bearer`) it is an Admin key for all projects.
        """
        return self._state.api_key

    @property
    def admin_base_url(self) -> str:
        """The Admin API base: `GET {admin_base_url}/teamspaces`, ..."""
        return self.base_url + ADMIN_PREFIX

    @property
    def admin(self) -> AdminControl:
        """The Admin API's state: keys, seeded agents, plan, short pages, jobs."""
        return self._admin

    # -- scripting --------------------------------------------------------------

    def add_agent(self, agent_id: str, script: AgentScript) -> None:
        """Make `agent_id` answer with `script` (replacing any agent of that id)."""
        if not isinstance(script, AgentScript):
            raise TypeError("script must be an AgentScript")
        with self._state.changed:
            self._state.agents[agent_id] = script

    def add_fault(self, fault: Fault, agent_id: Optional[str] = None) -> ActiveFault:
        """Put `fault` in force for requests about `agent_id` (None: all requests)."""
        with self._state.changed:
            return self._state.faults.add(fault, agent_id)

    def clear_faults(self) -> None:
        """Take every fault out of force."""
        with self._state.changed:
            self._state.faults.clear()

    def gate_before(self, event_type: str, agent_id: Optional[str] = None) -> Gate:
        """A gate that holds runs right before they produce an event of `event_type`."""
        gate = Gate()
        with self._state.changed:
            self._state.gates.append((agent_id, event_type, gate))
        return gate

    def advance_clock(self, seconds: float) -> None:
        """Move the virtual clock forward (to expire upload policies, say)."""
        with self._state.changed:
            self._state.det.advance(seconds)

    @property
    def now(self) -> datetime:
        """The virtual clock's time."""
        with self._state.lock:
            return self._state.det.now()

    def reset(self) -> None:
        """Forget requests, faults, gates, conversations, uploads, runs and added agents;
        the Admin API's state goes back to its seed.

        Ids and the clock start over from the seed; connections stay open.
        """
        self._state.reset()

    # -- introspection ----------------------------------------------------------

    def wait_for(self, predicate: Callable[[], bool], timeout: float = 5.0) -> None:
        """Block until `predicate()` is true, re-checked on every change; TimeoutError else."""
        self._state.wait_for(predicate, timeout)

    @property
    def requests(self) -> list[RecordedRequest]:
        """Every request received, in order (secret headers masked)."""
        with self._state.lock:
            return list(self._state.requests)

    def requests_to(self, where: str) -> list[RecordedRequest]:
        """Requests to an endpoint (`run`, `upload_init`, `upload_complete`, `presigned`,
        `download`, `admin`) or a path (exact, or its last segments, e.g.
        `/publicAssetsUploadInit`)."""
        return [
            r
            for r in self.requests
            if where in (r.endpoint, r.path) or (where.startswith("/") and r.path.endswith(where))
        ]

    @property
    def key_leaks(self) -> list[RecordedRequest]:
        """Requests to the storage target that carried an API key header."""
        with self._state.lock:
            return list(self._state.key_leaks)

    @property
    def uploads(self) -> list[StoredUpload]:
        """Files reserved, stored or produced, in order."""
        with self._state.lock:
            return list(self._state.uploads.values())

    @property
    def runs(self) -> list[RecordedRun]:
        """Agent runs, in order, with the events each produced."""
        with self._state.lock:
            return list(self._state.runs)

    @property
    def conversation_ids(self) -> list[str]:
        """Conversations started, in order."""
        with self._state.lock:
            return list(self._state.conversations)

    @property
    def open_connections(self) -> int:
        """Connections open right now (counted at the socket level)."""
        with self._state.lock:
            return self._state.open_connections

    @property
    def connections_opened(self) -> int:
        """Connections accepted since start (or the last `reset`)."""
        with self._state.lock:
            return self._state.connections_opened

    def __repr__(self) -> str:
        where = self.base_url if self.running else "stopped"
        return f"<Emulator {where}>"


# -- the ASGI application --------------------------------------------------

logger = logging.getLogger("sketricgen.testing")

Handler = Callable[[EmulatorState, Request], Awaitable[Response]]
_ANY_METHOD = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]


async def _not_found(state: EmulatorState, request: Request) -> Response:
    exchange = Exchange(state, request, await request.body(), "other")
    return exchange.answer(json_answer(404, ErrorBody(detail="Not Found")))


def build_app(state: EmulatorState) -> Starlette:
    """The emulator's routes, bound to `state`."""

    def bind(handler: Handler) -> Callable[[Request], Awaitable[Response]]:
        async def endpoint(request: Request) -> Response:
            return await handler(state, request)

        return endpoint

    routes = [
        Route(RUN_PATH, bind(run_workflow), methods=["POST"]),
        Route(INIT_PATH, bind(init_upload), methods=["POST"]),
        Route(COMPLETE_PATH, bind(complete_upload), methods=["POST"]),
        Route(STORAGE_PREFIX + "/{bucket}", bind(presigned_post), methods=["POST"]),
        Route(STORAGE_PREFIX + "/{bucket}/{key:path}", bind(download), methods=["GET"]),
        Route(ADMIN_PREFIX + "/{path:path}", bind(admin_api), methods=_ANY_METHOD),
        Route(CONNECT_PREFIX + "/{token}", bind(complete_connection), methods=["GET"]),
        Route("/{path:path}", bind(_not_found), methods=_ANY_METHOD),
    ]
    return Starlette(routes=routes, middleware=[Middleware(_EarlyExits)])


class _EarlyExits:
    """Logs one line when a connection goes before its answer was complete, and no traceback.

    A client that drops mid-stream, or before its request body arrived
    (starlette's `ClientDisconnect`), is a normal event for a server; so is
    a connection a fault closes on purpose.
    """

    def __init__(self, app: ASGIApp) -> None:
        self._app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self._app(scope, receive, send)
            return
        sent = {"started": False, "complete": False}
        gone = False

        async def watched_receive() -> Message:
            nonlocal gone
            message = await receive()
            gone = gone or message["type"] == "http.disconnect"
            return message

        async def watched_send(message: Message) -> None:
            if message["type"] == "http.response.start":
                sent["started"] = True
            elif message["type"] == "http.response.body" and not message.get("more_body"):
                sent["complete"] = True
            await send(message)

        try:
            await self._app(scope, watched_receive, watched_send)
        except ClientDisconnect:
            gone = True
        if gone and not sent["complete"]:
            client = scope.get("client") or ("?", 0)
            when = "mid-answer" if sent["started"] else "before the answer"
            logger.info(
                "connection from %s:%s closed %s: %s %s",
                client[0], client[1], when, scope.get("method"), scope.get("path"),
            )  # fmt: skip


# -- connections -----------------------------------------------------------


def tracking_protocol(state: EmulatorState) -> type[H11Protocol]:
    """An HTTP/1.1 protocol class that reports each connection made and lost to `state`."""

    class TrackingProtocol(H11Protocol):
        _peer: Optional[tuple[str, int]] = None

        def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
            super().connection_made(transport)
            peer = transport.get_extra_info("peername")
            self._peer = (str(peer[0]), int(peer[1]))
            state.connection_made(self._peer, transport)

        def connection_lost(self, exc: Optional[Exception]) -> None:
            super().connection_lost(exc)
            if self._peer is not None:
                state.connection_lost(self._peer)
                self._peer = None

    return TrackingProtocol


# -- uvicorn in a background thread ----------------------------------------


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
