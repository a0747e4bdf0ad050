"""What the emulator remembers and shows to tests: requests, uploads, runs."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Optional

__all__ = ["SECRET_HEADERS", "RecordedRequest", "RecordedRun", "StoredUpload", "mask_headers"]

SECRET_HEADERS = frozenset(
    {"api-key", "x-api-key", "authorization", "proxy-authorization", "cookie"}
)
"""Header names whose values are never recorded."""

KEY_HEADERS = frozenset({"api-key", "x-api-key", "authorization"})
"""Headers that carry an API key: a leak when sent to the presigned target."""

MASK = "***"


def mask_headers(raw: list[tuple[bytes, bytes]]) -> dict[str, str]:
    """Lower-case header names to values, secrets replaced by `***`."""
    headers: dict[str, str] = {}
    for name_bytes, value_bytes in raw:
        name = name_bytes.decode("latin-1").lower()
        value = MASK if name in SECRET_HEADERS else value_bytes.decode("latin-1")
        headers[name] = f"{headers[name]}, {value}" if name in headers else value
    return headers


@dataclass
class RecordedRequest:
    """One request the emulator received.

    `endpoint` is `run`, `upload_init`, `upload_complete`, `presigned`,
    `download`, `admin` (the Admin API and its connect links) or `other`.
    `status` is the answer's status code, None while answering or when the
    connection was dropped instead. `faults` lists the
    specs of the faults that acted on it.
    """

    method: str
    path: str
    query: str
    headers: dict[str, str]
    body: bytes
    endpoint: str
    status: Optional[int] = None
    faults: tuple[str, ...] = ()

    def json(self) -> Any:
        """The body parsed as JSON."""
        return json.loads(self.body)

    @property
    def carries_api_key(self) -> bool:
        """Whether an API key header was sent (`API-KEY`, `X-API-KEY` or `Authorization`)."""
        return any(name in self.headers for name in KEY_HEADERS)


@dataclass
class StoredUpload:
    """A file reserved by an upload init, its bytes once the presigned POST stored them.

    `part_content_type` is the content type the file part itself declared.
    `generated` marks a file an agent produced (an asset of its answer).
    """

    file_id: str
    agent_id: str
    file_name: str
    content_type: str
    key: str
    created_at: datetime
    data: Optional[bytes] = None
    part_content_type: Optional[str] = None
    completed: bool = False
    generated: bool = False

    @property
    def size(self) -> Optional[int]:
        """Stored size in bytes, None before the presigned POST."""
        return None if self.data is None else len(self.data)


@dataclass
class RecordedRun:
    """One run of an agent: the events it produced (snake_case), in order.

    `outcome` is `finished`, `error`, `paused`, or None while running or when
    the run was cut short.
    """

    run_id: str
    agent_id: str
    conversation_id: str
    stream: bool
    events: list[dict[str, Any]] = field(default_factory=list)
    outcome: Optional[str] = None

    @property
    def event_types(self) -> list[str]:
        """The `type` of each produced event."""
        return [str(e.get("type")) for e in self.events]
