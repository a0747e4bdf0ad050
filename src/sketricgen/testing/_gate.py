"""Gates: a test opens them from its own thread; a run waits on them in the server's loop."""

from __future__ import annotations

import asyncio
import threading
from typing import Callable, Optional

__all__ = ["Gate"]


class Gate:
    """A one-way latch that holds a run until a test calls `open()`.

    Use it in a script (`AgentScript().wait(gate)`) or through
    `Emulator.gate_before(event_type)`. `waiting` counts the runs blocked on it.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._open = False
        self._waiters: list[tuple[asyncio.AbstractEventLoop, asyncio.Event]] = []

    @property
    def is_open(self) -> bool:
        """Whether `open()` was called."""
        return self._open

    @property
    def waiting(self) -> int:
        """How many runs are blocked on the gate right now."""
        with self._lock:
            return len(self._waiters)

    def open(self) -> None:
        """Let every waiting run, and every later one, through."""
        with self._lock:
            self._open = True
            waiters, self._waiters = self._waiters, []
        for loop, event in waiters:
            if not loop.is_closed():
                loop.call_soon_threadsafe(event.set)

    async def wait(self, on_change: Optional[Callable[[], None]] = None) -> None:
        """Return once the gate is open; `on_change` is called when `waiting` changes."""
        event = asyncio.Event()
        entry = (asyncio.get_running_loop(), event)
        with self._lock:
            if self._open:
                return
            self._waiters.append(entry)
        if on_change is not None:
            on_change()
        try:
            await event.wait()
        finally:
            with self._lock:
                if entry in self._waiters:
                    self._waiters.remove(entry)
            if on_change is not None:
                on_change()
