"""Small helpers shared by the streaming tests."""

from __future__ import annotations

import asyncio
from typing import Callable

from sketricgen.testing import Emulator


def no_connection_left(emu: Emulator, timeout: float = 5.0) -> None:
    """Wait until the emulator has no open connection (fails after `timeout`)."""
    emu.wait_for(lambda: emu.open_connections == 0, timeout)


async def ano_connection_left(emu: Emulator, timeout: float = 5.0) -> None:
    """`no_connection_left`, waiting in a thread so that the event loop goes on."""
    await asyncio.to_thread(no_connection_left, emu, timeout)


async def await_in_thread(predicate: Callable[[], bool], emu: Emulator) -> None:
    """Wait, in a thread, for `predicate` to hold on the emulator's state."""
    await asyncio.to_thread(emu.wait_for, predicate)
