"""Counting connections at the socket level: uvicorn's h11 protocol, reporting to the state."""

from __future__ import annotations

import asyncio
import socket
import struct
from typing import Any, Optional

from uvicorn.protocols.http.h11_impl import H11Protocol

from ._state import EmulatorState

__all__ = ["drop_connection", "tracking_protocol"]


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


async def drop_connection(state: EmulatorState, client: Any, *, reset: bool) -> None:
    """Close the connection of `client` (the ASGI scope's): a FIN, or a TCP reset."""
    transport = state.transport_for(client)
    if transport is None:
        return
    if not reset:
        transport.close()  # flushes what was written, then FIN
        return
    # An abort throws away unsent bytes: let the frames already written leave first.
    for _ in range(1000):
        if not transport.get_write_buffer_size():
            break
        await asyncio.sleep(0.001)
    sock = transport.get_extra_info("socket")
    if sock is not None:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    transport.abort()
