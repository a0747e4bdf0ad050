"""The bounded buffer between SketricGen's stream and the browser."""

from __future__ import annotations

import asyncio
from collections import deque
from typing import Optional

__all__ = ["Outbox"]


class Outbox:
    """Encoded events waiting for the browser; a full box makes `put` wait.

    Full means `limit` events, or `max_bytes` bytes (one event always fits).

    So a browser that reads slowly stops the relay reading from SketricGen
    (TCP then slows SketricGen down), instead of the relay's memory growing.
    One producer, one consumer; `take` hands over everything waiting at once.
    """

    def __init__(self, limit: int, max_bytes: int) -> None:
        self._items: deque[bytes] = deque()
        self._limit = limit
        self._max_bytes = max_bytes
        self._bytes = 0
        self._ready = asyncio.Event()
        self._room = asyncio.Event()
        self._room.set()
        self.closed = False

    def __len__(self) -> int:
        return len(self._items)

    def offer(self, item: bytes) -> bool:
        """Add one encoded event if there is room now; False if it must wait (`put`)."""
        if self._full():
            return False
        self._items.append(item)
        self._bytes += len(item)
        self._ready.set()
        return True

    async def put(self, item: bytes) -> None:
        """Add one encoded event, once there is room."""
        while self._full():
            self._room.clear()
            await self._room.wait()
        self._items.append(item)
        self._bytes += len(item)
        self._ready.set()

    def _full(self) -> bool:
        items = self._items
        return len(items) >= self._limit or (self._bytes >= self._max_bytes and len(items) > 0)

    def close(self) -> None:
        """Nothing more will be put."""
        self.closed = True
        self._ready.set()

    async def take(self, timeout: float) -> Optional[list[bytes]]:
        """Everything waiting; None if nothing came within `timeout`, [] once closed and empty."""
        if not self._items and not self.closed:
            self._ready.clear()
            try:
                await asyncio.wait_for(self._ready.wait(), timeout)
            except asyncio.TimeoutError:
                return None
        items = list(self._items)
        self._items.clear()
        self._bytes = 0
        self._room.set()
        return items

    @property
    def drained(self) -> bool:
        """Closed, and everything taken."""
        return self.closed and not self._items
