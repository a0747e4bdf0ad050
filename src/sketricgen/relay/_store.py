"""Where the relay remembers which SketricGen conversation a frontend thread is."""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Any, Optional, Protocol, runtime_checkable

__all__ = ["InMemoryThreadStore", "PendingHitl", "ThreadRecord", "ThreadStore"]


@dataclass(frozen=True)
class PendingHitl:
    """A HITL pause waiting for the frontend's answer: the request and its interrupts, in order."""

    request_id: str
    interrupt_ids: tuple[str, ...]


@dataclass(frozen=True)
class ThreadRecord:
    """One frontend thread: its SketricGen conversation, agent, end user and open pause."""

    conversation_id: str
    agent_id: str
    contact_id: Optional[str] = None
    pending_hitl: Optional[PendingHitl] = None

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready form, for stores that persist records."""
        pending = self.pending_hitl
        return {
            "conversation_id": self.conversation_id,
            "agent_id": self.agent_id,
            "contact_id": self.contact_id,
            "pending_hitl": None
            if pending is None
            else {"request_id": pending.request_id, "interrupt_ids": list(pending.interrupt_ids)},
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ThreadRecord:
        """The record `to_dict` wrote."""
        pending = data.get("pending_hitl")
        return cls(
            conversation_id=str(data["conversation_id"]),
            agent_id=str(data["agent_id"]),
            contact_id=data.get("contact_id"),
            pending_hitl=None
            if not pending
            else PendingHitl(str(pending["request_id"]), tuple(pending["interrupt_ids"])),
        )


@runtime_checkable
class ThreadStore(Protocol):
    """What the relay needs from a store; implement it over Redis, a database, ...

    Both methods are coroutines; `load` answers None for a thread it does not know.
    """

    async def load(self, thread_id: str) -> Optional[ThreadRecord]:
        """The record saved for `thread_id`, or None."""
        ...

    async def save(self, thread_id: str, record: ThreadRecord) -> None:
        """Remember `record` for `thread_id`, replacing any earlier one."""
        ...


@dataclass
class InMemoryThreadStore:
    """The default store: a dict in this process, keeping the `max_threads` most recent.

    Bounded, so that a stream of new thread ids cannot grow memory; records are
    lost on restart (a thread then starts a new conversation).
    """

    max_threads: int = 10_000
    _records: OrderedDict[str, ThreadRecord] = field(default_factory=OrderedDict, repr=False)

    def __post_init__(self) -> None:
        if self.max_threads < 1:
            raise ValueError("max_threads must be 1 or more")

    async def load(self, thread_id: str) -> Optional[ThreadRecord]:
        """The record saved for `thread_id`, or None."""
        record = self._records.get(thread_id)
        if record is not None:
            self._records.move_to_end(thread_id)
        return record

    async def save(self, thread_id: str, record: ThreadRecord) -> None:
        """Remember `record` for `thread_id`, forgetting the least recent thread when full."""
        self._records[thread_id] = record
        self._records.move_to_end(thread_id)
        while len(self._records) > self.max_threads:
            self._records.popitem(last=False)

    def __len__(self) -> int:
        return len(self._records)
