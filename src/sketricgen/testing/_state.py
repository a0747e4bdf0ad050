"""The emulator's shared state: agents, faults, conversations, uploads, records, and time.

The server's event loop and the test's thread both touch it, always under
`lock`; `changed` is signalled after every change so tests can wait on it.
Ids come from a seeded generator and time from a virtual clock, so that a
run gives the same bytes every time.
"""

from __future__ import annotations

import asyncio
import hashlib
import random
import threading
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from typing import Any, Callable, Optional

from sketricgen_models import GeneratedAsset, HitlRequest

from ._admin_state import AdminState
from ._faults import FaultBook
from ._records import RecordedRequest, RecordedRun, StoredUpload
from ._s3 import iso, presigned_get_url
from ._scripts import AgentScript, Gate
from ._wire import KeyCase

__all__ = ["DEFAULT_START_TIME", "Conversation", "EmulatorState", "PendingPause"]

DEFAULT_START_TIME = datetime(2025, 1, 1, tzinfo=timezone.utc)
"""Where the emulator's clock starts unless told otherwise."""


class Determinism:
    """Ids drawn from a seeded generator and a clock that moves only when told.

    The clock advances by one millisecond per event timestamp handed out, so
    events of a run carry increasing timestamps; `advance` moves it further
    (to expire an upload policy without waiting). Not thread-safe: callers hold
    the emulator's lock.
    """

    def __init__(self, seed: int, start: datetime) -> None:
        self._seed = seed
        self._start = start
        self.reset()

    def reset(self) -> None:
        """Back to the seed's first id and the start time."""
        self._random = random.Random(self._seed)
        self._now = self._start

    def uuid(self) -> str:
        """A version-4 UUID string."""
        return str(uuid.UUID(int=self._random.getrandbits(128), version=4))

    def token(self, prefix: str, hex_digits: int = 24) -> str:
        """`prefix` and random hex digits, e.g. `call_1f3a...`."""
        return f"{prefix}{self._random.getrandbits(hex_digits * 4):0{hex_digits}x}"

    def now(self) -> datetime:
        """The virtual time."""
        return self._now

    def advance(self, seconds: float) -> None:
        """Move the virtual time forward."""
        self._now += timedelta(seconds=seconds)

    def timestamp_ms(self) -> int:
        """The virtual time in epoch milliseconds, then one millisecond later."""
        stamp = int(self._now.timestamp() * 1000)
        self._now += timedelta(milliseconds=1)
        return stamp


@dataclass(frozen=True)
class PendingPause:
    """A run paused for a human decision: where to resume and what is allowed."""

    request: HitlRequest
    resume_at: int
    tool_call_id: str
    allowed_decisions: tuple[str, ...]
    run_id: str


Peer = tuple[str, int]


@dataclass
class Conversation:
    """A conversation: its agent, earlier turns, and a paused HITL request if any."""

    conversation_id: str
    agent_id: str
    contact_id: Optional[str]
    history: list[tuple[str, str]] = field(default_factory=list)
    pending: Optional[PendingPause] = None
    closed_requests: dict[str, str] = field(default_factory=dict)


class EmulatorState:
    """Everything the emulator knows; see the module docstring for the locking rule."""

    def __init__(
        self,
        *,
        seed: int,
        api_key: str,
        key_case: KeyCase,
        start_time: datetime,
        agents: Mapping[str, AgentScript],
        user_id: str,
        owner: str,
        pace: float = 0.0,
    ) -> None:
        self.lock = threading.RLock()
        self.changed = threading.Condition(self.lock)
        self.api_key = api_key
        self.key_case: KeyCase = key_case
        self.user_id = user_id
        self.owner = owner
        self.pace = pace  # real seconds between a run's events (for people watching)
        self.secret = hashlib.sha256(f"sketricgen-emulator:{seed}".encode()).digest()
        self.det = Determinism(seed, start_time)
        self.faults = FaultBook()
        self._builtin_agents = dict(agents)
        self.agents: dict[str, AgentScript] = dict(agents)
        self.requests: list[RecordedRequest] = []
        self.key_leaks: list[RecordedRequest] = []
        self.uploads: dict[str, StoredUpload] = {}
        self.conversations: dict[str, Conversation] = {}
        self.runs: list[RecordedRun] = []
        self.gates: list[tuple[Optional[str], str, Gate]] = []
        self.open_connections = 0
        self.connections_opened = 0
        self._transports: dict[Peer, asyncio.Transport] = {}
        self.storage_url = ""
        self._stopping: Optional[asyncio.Event] = None
        self.admin = AdminState(self, seed)  # the Admin API's control plane

    # -- waiting --------------------------------------------------------------

    def notify(self) -> None:
        """Wake every `wait_for`."""
        with self.changed:
            self.changed.notify_all()

    def wait_for(self, predicate: Callable[[], bool], timeout: float) -> None:
        """Block until `predicate()` holds; TimeoutError after `timeout` seconds."""
        with self.changed:
            if not self.changed.wait_for(predicate, timeout):
                raise TimeoutError(f"condition still false after {timeout} s")

    def attach(self, stopping: asyncio.Event) -> None:
        """Called in the server's loop: the event set when the server stops."""
        self._stopping = stopping

    async def _until_stopped(self, waiter: Any, timeout: Optional[float] = None) -> None:
        tasks = {asyncio.ensure_future(waiter)}
        if self._stopping is not None:
            tasks.add(asyncio.ensure_future(self._stopping.wait()))
        try:
            await asyncio.wait(tasks, timeout=timeout, return_when=asyncio.FIRST_COMPLETED)
        finally:
            for task in tasks:
                task.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)

    async def sleep(self, seconds: float) -> None:
        """Wait `seconds`, or less if the server stops meanwhile."""
        if seconds <= 0:
            await asyncio.sleep(0)
            return
        await self._until_stopped(asyncio.sleep(seconds))

    # -- what a run needs (RunHost) -----------------------------------------

    def new_uuid(self) -> str:
        """A seeded UUID."""
        with self.lock:
            return self.det.uuid()

    def new_token(self, prefix: str, hex_digits: int = 24) -> str:
        """A seeded token with `prefix`."""
        with self.lock:
            return self.det.token(prefix, hex_digits)

    def timestamp(self) -> int:
        """An event timestamp (virtual epoch milliseconds)."""
        with self.lock:
            return self.det.timestamp_ms()

    def now_iso(self) -> str:
        """The virtual time in ISO 8601."""
        with self.lock:
            return iso(self.det.now())

    def produced(self, record: RecordedRun, data: dict[str, Any]) -> None:
        """Record an event a run produced."""
        with self.changed:
            record.events.append(data)
            self.changed.notify_all()

    def gates_before(self, agent_id: str, event_type: str) -> list[Gate]:
        """Closed gates registered before `event_type` for this agent."""
        with self.lock:
            return [
                gate
                for agent, kind, gate in self.gates
                if kind == event_type and agent in (None, agent_id) and not gate.is_open
            ]

    async def hold(self, gate: Gate) -> None:
        """Wait for `gate` to open (or the server to stop)."""
        await self._until_stopped(gate.wait(self.notify))

    def store_asset(
        self, agent_id: str, file_name: str, content: bytes, content_type: str
    ) -> GeneratedAsset:
        """Store a file an agent produced; its answer entry with a download URL."""
        with self.changed:
            upload = self.new_upload(agent_id, file_name, content_type, generated=True)
            upload.data, upload.completed = content, True
            self.changed.notify_all()
            return GeneratedAsset(
                file_id=upload.file_id, url=self.download_url(upload), content_type=content_type
            )

    # -- uploads ----------------------------------------------------------------

    def new_upload(
        self, agent_id: str, file_name: str, content_type: str, *, generated: bool = False
    ) -> StoredUpload:
        """Reserve a file id and storage key."""
        with self.changed:
            file_id = self.det.uuid()
            folder = "generated" if generated else "uploads"
            upload = StoredUpload(
                file_id=file_id, agent_id=agent_id, file_name=file_name,
                content_type=content_type, key=f"{folder}/{agent_id}/{file_id}/{file_name}",
                created_at=self.det.now(), generated=generated,
            )  # fmt: skip
            self.uploads[file_id] = upload
            self.changed.notify_all()
            return upload

    def upload_by_key(self, key: str) -> Optional[StoredUpload]:
        """The upload stored under `key`."""
        with self.lock:
            return next((u for u in self.uploads.values() if u.key == key), None)

    def download_url(self, upload: StoredUpload) -> str:
        """A presigned GET of the upload's bytes."""
        with self.lock:
            now = self.det.now()
        return presigned_get_url(self.storage_url, upload.key, now=now, secret=self.secret)

    # -- requests and connections -------------------------------------------

    def record(self, request: RecordedRequest) -> None:
        """Remember a request (and a key leak when it is one)."""
        with self.changed:
            self.requests.append(request)
            if request.endpoint in ("presigned", "download") and request.carries_api_key:
                self.key_leaks.append(request)
            self.changed.notify_all()

    def connection_made(self, peer: Peer, transport: asyncio.Transport) -> None:
        """A client connected."""
        with self.changed:
            self._transports[peer] = transport
            self.open_connections += 1
            self.connections_opened += 1
            self.changed.notify_all()

    def connection_lost(self, peer: Peer) -> None:
        """A connection closed, from either side."""
        with self.changed:
            self._transports.pop(peer, None)
            self.open_connections -= 1
            self.changed.notify_all()

    def transport_for(self, peer: Any) -> Optional[asyncio.Transport]:
        """The transport of the connection from `peer` (the ASGI scope's `client`)."""
        with self.lock:
            return self._transports.get(tuple(peer)) if peer else None

    # -- between tests --------------------------------------------------------

    def reset(self) -> None:
        """Forget everything a test did; open connections stay as they are."""
        with self.changed:
            for _, _, gate in self.gates:
                gate.open()
            self.gates.clear()
            self.agents = dict(self._builtin_agents)
            self.faults.clear()
            self.requests.clear()
            self.key_leaks.clear()
            self.uploads.clear()
            self.conversations.clear()
            self.runs.clear()
            self.connections_opened = 0
            self.det.reset()
            self.admin.reset()
            self.changed.notify_all()
