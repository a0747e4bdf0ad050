"""`Emulator`: the SketricGen service on a loopback port, and the handle tests use."""

from __future__ import annotations

from datetime import datetime
from types import TracebackType
from typing import Callable, Optional

from ._agents import builtin_agents as default_agents
from ._chat import RUN_PATH
from ._determinism import DEFAULT_START_TIME
from ._faults import ActiveFault, Fault
from ._gate import Gate
from ._records import RecordedRequest, RecordedRun, StoredUpload
from ._s3 import BUCKET
from ._script import AgentScript
from ._server import ServerThread
from ._state import EmulatorState
from ._storage import STORAGE_PREFIX
from ._uploads import UPLOAD_PREFIX
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
        """The API key accepted (`API-KEY` on chat, `X-API-KEY` on uploads)."""
        return self._state.api_key

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
        """Forget requests, faults, gates, conversations, uploads, runs and added agents.

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
        `download`) or a path (exact, or its last segments, e.g. `/publicAssetsUploadInit`)."""
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
