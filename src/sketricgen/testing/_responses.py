"""ASGI answers the emulator needs beyond a plain response: streams, trickles, drops."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncGenerator
from typing import Optional

from starlette.responses import Response
from starlette.types import Receive, Scope, Send

from .._streaming.typed import TERMINAL_EVENT_TYPES
from ._connections import drop_connection
from ._faults import AppliedFaults, Fault, reordered
from ._framing import BOM, FramePlan
from ._run import Produced
from ._state import EmulatorState
from ._wire import KeyCase, dump, json_text

__all__ = ["DroppedConnection", "EventStream", "trickled"]


async def _until_disconnect(receive: Receive) -> None:
    while (await receive())["type"] != "http.disconnect":
        pass


async def _send_body(
    send: Send, data: bytes, trickle: Optional[Fault], state: EmulatorState
) -> None:
    if trickle is None:
        await send({"type": "http.response.body", "body": data, "more_body": True})
        return
    for index in range(len(data)):
        chunk = data[index : index + 1]
        await send({"type": "http.response.body", "body": chunk, "more_body": True})
        await state.sleep(trickle.delay)


def _truncates(fault: Fault, sent: int, event_type: str) -> bool:
    if fault.after_events is None:
        return event_type in TERMINAL_EVENT_TYPES
    return sent >= fault.after_events


class _Trickled(Response):
    """A finished response whose body leaves one byte per write.

    Without its content-length the body goes out chunked: one chunk per byte,
    which a client sees as such however its reads are timed.
    """

    def __init__(self, inner: Response, fault: Fault, state: EmulatorState) -> None:
        super().__init__(status_code=inner.status_code)
        self._payload = bytes(inner.body)
        self.raw_headers = [(k, v) for k, v in inner.raw_headers if k != b"content-length"]
        self._fault = fault
        self._state = state

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        await send(
            {"type": "http.response.start", "status": self.status_code, "headers": self.raw_headers}
        )
        await _send_body(send, self._payload, self._fault, self._state)
        await send({"type": "http.response.body", "body": b"", "more_body": False})


def trickled(response: Response, fault: Optional[Fault], state: EmulatorState) -> Response:
    """`response`, sent one byte at a time when a trickle fault acts."""
    return response if fault is None else _Trickled(response, fault, state)


class DroppedConnection(Response):
    """No answer at all: the connection is closed (or reset) before a byte is sent."""

    def __init__(self, state: EmulatorState, *, reset: bool) -> None:
        super().__init__(status_code=500)
        self._state = state
        self._reset = reset

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        await drop_connection(self._state, scope.get("client"), reset=self._reset)
        # Returning before the server saw the disconnect would make it answer 500.
        await _until_disconnect(receive)


class EventStream(Response):
    """A `text/event-stream` answer, one write per frame, bent by the stream faults.

    The run is driven by the writes: an event is produced only when the
    previous frame was handed to the socket, and the run stops when the
    client goes away.
    """

    media_type = "text/event-stream"

    def __init__(
        self,
        events: AsyncGenerator[Produced, None],
        *,
        state: EmulatorState,
        key_case: KeyCase,
        faults: AppliedFaults,
    ) -> None:
        # Like starlette's StreamingResponse: no body, so no content-length.
        self.status_code = 200
        self.background = None
        self.init_headers({"cache-control": "no-cache", "x-accel-buffering": "no"})
        self._events = events
        reorder = faults.first("reorder")
        if reorder is not None:  # the events themselves are sent out of order
            self._events = reordered(events, reorder)
        self._state = state
        self._key_case: KeyCase = key_case
        self._faults = faults
        self._plan = FramePlan.from_faults(faults)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        writer = asyncio.ensure_future(self._write(scope, send))
        gone = asyncio.ensure_future(_until_disconnect(receive))
        try:
            await asyncio.wait({writer, gone}, return_when=asyncio.FIRST_COMPLETED)
            if writer.done() and writer.result():  # the writer dropped the connection
                await gone
        finally:
            for task in (writer, gone):
                task.cancel()
            await asyncio.gather(writer, gone, return_exceptions=True)
            await self._events.aclose()

    async def _write(self, scope: Scope, send: Send) -> bool:
        """Send the stream; True when a fault dropped the connection midway."""
        faults = self._faults
        trickle = faults.first("trickle")
        truncate = faults.first("truncate")
        await send({"type": "http.response.start", "status": 200, "headers": self.raw_headers})
        if faults.first("bom"):
            await _send_body(send, BOM, trickle, self._state)
        sent = 0
        if await self._after(sent, scope, send):
            return True
        async for produced in self._events:
            event_type = str(produced.data.get("type"))
            if truncate is not None and _truncates(truncate, sent, event_type):
                break
            if produced.frame is not None:
                frame = produced.frame.encode("utf-8")
            else:
                data = produced.data if self._key_case == "snake" else dump(produced.model, "camel")
                frame = self._plan.frame(json_text(data), number=sent + 1, event_type=event_type)
            await _send_body(send, frame, trickle, self._state)
            sent += 1
            if await self._after(sent, scope, send):
                return True
        await send({"type": "http.response.body", "body": b"", "more_body": False})
        return False

    async def _after(self, sent: int, scope: Scope, send: Send) -> bool:
        """Act on the faults due after `sent` events; True when the connection was dropped."""
        for fault in self._faults.shaping:
            if fault.after_events != sent:
                continue
            if fault.kind == "bad_json":
                frame = self._plan.frame(fault.text, number=sent + 1, event_type="message")
                await _send_body(send, frame, self._faults.first("trickle"), self._state)
            elif fault.kind == "stall":
                await self._state.sleep(fault.seconds)
            elif fault.kind in ("reset", "disconnect"):
                await drop_connection(self._state, scope.get("client"), reset=fault.kind == "reset")
                return True
        return False
