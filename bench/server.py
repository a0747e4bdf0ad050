"""A fast HTTP/1.1 server answering canned bytes, so the client side is what gets measured.

Run as ``python -m bench.server``; it prints ``PORT <n>`` once listening and
stops on SIGTERM, after ``--max-seconds``, or (``--watch-stdin``) at end of stdin.
Speed over fidelity: no validation, keep-alive, one request at a time per
connection, request bodies counted and discarded, answers built once.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import signal
import socket
import sys
from collections.abc import Iterable
from typing import Optional

from . import admin_wire, wire

_HEAD_END = b"\r\n\r\n"
_MAX_HEAD = 64 * 1024


def _head(status: str, content_type: str, length: Optional[int]) -> bytes:
    size = f"content-length: {length}" if length is not None else "transfer-encoding: chunked"
    return (
        f"HTTP/1.1 {status}\r\ncontent-type: {content_type}\r\n{size}\r\n"
        "cache-control: no-cache\r\n\r\n"
    ).encode()


def _chunk(data: bytes) -> bytes:
    return b"%x\r\n%s\r\n" % (len(data), data)


_END_CHUNKS = b"0\r\n\r\n"
_SSE_HEAD = _head("200 OK", "text/event-stream", None)
_NO_CONTENT = b"HTTP/1.1 204 No Content\r\ncontent-length: 0\r\n\r\n"


def _json(status: str, body: bytes) -> bytes:
    return _head(status, "application/json", len(body)) + body


class Streams:
    """Chunk-framed stream bodies, built once per (mode, events) and reused."""

    def __init__(self) -> None:
        self._cache: dict[tuple[str, int], list[bytes]] = {}

    def frames(self, mode: str, events: int) -> list[bytes]:
        """The chunked-encoding frames of one stream, in order, end marker included."""
        key = (mode, events)
        if key not in self._cache:
            raw = wire.sse_events(events)
            if mode == "packed":
                blob = b"".join(raw)
                step = wire.PACKED_CHUNK
                pieces: Iterable[bytes] = (blob[i : i + step] for i in range(0, len(blob), step))
            else:
                pieces = raw
            self._cache[key] = [_chunk(p) for p in pieces] + [_END_CHUNKS]
        return self._cache[key]


class State:
    """What the server shares between connections."""

    def __init__(self) -> None:
        self.streams = Streams()
        self.last_upload_size = 0
        self.agent_pages = admin_wire.AgentPages()


class Connection(asyncio.Protocol):
    """One keep-alive connection: parse a request, answer it, then parse the next."""

    def __init__(self, state: State) -> None:
        self.state = state
        self.buf = bytearray()
        self.transport: Optional[asyncio.Transport] = None
        self.method = b""
        self.path = b""
        self.query = b""
        self.host = "127.0.0.1"
        self.body = bytearray()
        self.keep_body = True
        self.body_size = 0
        self.remaining = -1  # body bytes left; -1: reading the head; -2: chunked
        self.chunk_left = 0
        self.busy = False  # an answer is being written by a task
        self.close_after = False
        self.drained: Optional[asyncio.Future[None]] = None
        self.paused = False

    # --- asyncio.Protocol

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        assert isinstance(transport, asyncio.Transport)
        self.transport = transport
        sock = transport.get_extra_info("socket")
        if sock is not None:
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        # Pause as soon as anything waits in user space: each event is one send().
        transport.set_write_buffer_limits(high=0)

    def data_received(self, data: bytes) -> None:
        if self.remaining > 0 and not self.keep_body and not self.buf:
            # An upload's body: count it and drop it without copying it.
            count = min(self.remaining, len(data))
            self.body_size += count
            self.remaining -= count
            data = data[count:]
            if not self.remaining:
                self._finish_request()
        self.buf += data
        if not self.busy:
            self._parse()

    def connection_lost(self, exc: Optional[Exception]) -> None:
        self.transport = None
        self._wake()

    def pause_writing(self) -> None:
        self.paused = True

    def resume_writing(self) -> None:
        self.paused = False
        self._wake()

    def _wake(self) -> None:
        if self.drained is not None and not self.drained.done():
            self.drained.set_result(None)

    # --- request parsing

    def _parse(self) -> None:
        while self.transport is not None and not self.busy:
            if self.remaining == -1:
                end = self.buf.find(_HEAD_END)
                if end < 0:
                    if len(self.buf) > _MAX_HEAD:
                        self.transport.close()
                    return
                self._read_head(bytes(self.buf[:end]))
                del self.buf[: end + 4]
            elif self.remaining == -2:
                if not self._read_chunked():
                    return
            elif not self._read_sized():
                return

    def _read_head(self, head: bytes) -> None:
        lines = head.split(b"\r\n")
        self.method, target = lines[0].split(b" ")[:2]
        self.path, _, self.query = target.partition(b"?")
        length = 0
        chunked = False
        for line in lines[1:]:
            name, _, value = line.partition(b":")
            name = name.strip().lower()
            value = value.strip()
            if name == b"content-length":
                length = int(value)
            elif name == b"transfer-encoding":
                chunked = b"chunked" in value.lower()
            elif name == b"host":
                self.host = value.decode()
            elif name == b"connection":
                self.close_after = value.lower() == b"close"
        self.body = bytearray()
        self.keep_body = not self.path.endswith(wire.SINK_PATH)
        self.body_size = 0
        self.chunk_left = 0
        self.remaining = -2 if chunked else length
        if self.remaining == 0:
            self._finish_request()

    def _take(self, count: int) -> None:
        if self.keep_body:
            self.body += self.buf[:count]
        self.body_size += count
        del self.buf[:count]

    def _read_sized(self) -> bool:
        count = min(self.remaining, len(self.buf))
        self._take(count)
        self.remaining -= count
        if self.remaining:
            return False
        self._finish_request()
        return True

    def _read_chunked(self) -> bool:
        # chunk_left: >0 data bytes left; 0 a size line next; -1 the CRLF after data;
        # -3 trailer lines until a blank one.
        while True:
            if self.chunk_left > 0:
                count = min(self.chunk_left, len(self.buf))
                self._take(count)
                self.chunk_left -= count
                if self.chunk_left:
                    return False
                self.chunk_left = -1
            end = self.buf.find(b"\r\n")
            if end < 0:
                return False
            line = bytes(self.buf[:end])
            del self.buf[: end + 2]
            if self.chunk_left == -1:
                self.chunk_left = 0
            elif self.chunk_left == -3:
                if not line:
                    self._finish_request()
                    return True
            else:
                size = int(line.split(b";")[0], 16)
                self.chunk_left = size if size else -3

    # --- answers

    def _finish_request(self) -> None:
        self.remaining = -1
        path = self.path
        if path.endswith(wire.RUN_PATH_SUFFIX):
            self._run_workflow()
        elif path.endswith(b"/publicAssetsUploadInit"):
            name = json.loads(self.body).get("file_name", "file.pdf")
            sink = f"http://{self.host}{wire.SINK_PATH.decode()}"
            self._send(_json("200 OK", wire.upload_init(sink, name)))
        elif path.endswith(wire.SINK_PATH):
            self.state.last_upload_size = self.body_size
            self._send(_NO_CONTENT)
        elif path.endswith(b"/publicAssetsUploadComplete"):
            name = json.loads(self.body).get("file_name") or "bench.pdf"
            body = wire.upload_complete(name, self.state.last_upload_size)
            self._send(_json("200 OK", body))
        elif path == admin_wire.AGENTS_PATH:
            self._send(_json("200 OK", self.state.agent_pages.body(self.query)))
        else:
            self._send(_json("404 Not Found", b'{"message":"no such path"}'))

    def _run_workflow(self) -> None:
        request = json.loads(self.body)
        agent = str(request.get("agent_id", ""))
        stream = wire.parse_stream_agent(agent)
        if not request.get("stream"):
            self._send(_json("201 Created", wire.chat_response(agent)))
        elif stream is None:
            self._send(_json("404 Not Found", b'{"message":"unknown bench stream"}'))
        else:
            self.busy = True
            mode, events = stream
            writer = self._paced(events) if mode == "paced" else self._stream(mode, events)
            asyncio.get_running_loop().create_task(writer)

    def _send(self, data: bytes) -> None:
        if self.transport is not None:
            self.transport.write(data)
            if self.close_after:
                self.transport.close()

    async def _drain(self) -> bool:
        """Wait until the kernel took everything written; False if the peer went away."""
        while self.paused and self.transport is not None:
            self.drained = asyncio.get_running_loop().create_future()
            await self.drained
        return self.transport is not None and not self.transport.is_closing()

    async def _stream(self, mode: str, events: int) -> None:
        self._send_part(_SSE_HEAD)
        for frame in self.state.streams.frames(mode, events):
            if self.transport is None or self.transport.is_closing():
                return
            self.transport.write(frame)
            if self.paused and not await self._drain():
                return
        self._answered()

    async def _paced(self, events: int) -> None:
        self._send_part(_SSE_HEAD)
        for i, payload in enumerate(wire.run_payloads(events)):
            if i:
                await asyncio.sleep(wire.PACE_SECONDS)
            if self.transport is None or self.transport.is_closing():
                return
            self.transport.write(_chunk(wire.paced_event(payload)))
        self._send_part(_END_CHUNKS)
        self._answered()

    def _send_part(self, data: bytes) -> None:
        if self.transport is not None:
            self.transport.write(data)

    def _answered(self) -> None:
        self.busy = False
        if self.close_after and self.transport is not None:
            self.transport.close()
            return
        self._parse()


async def serve(host: str, port: int, max_seconds: float, watch_stdin: bool) -> None:
    """Serve until SIGTERM/SIGINT, `max_seconds`, or (if watched) end of standard input."""
    state = State()
    for mode in ("events", "packed"):  # the big streams, built before any timing
        state.streams.frames(mode, 50_000)
    loop = asyncio.get_running_loop()
    server = await loop.create_server(lambda: Connection(state), host, port, backlog=1024)
    bound = server.sockets[0].getsockname()[1]
    print(f"PORT {bound}", flush=True)
    stop: asyncio.Future[None] = loop.create_future()

    def finish() -> None:
        if not stop.done():
            stop.set_result(None)

    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, finish)
    loop.call_later(max_seconds, finish)
    if watch_stdin:  # the parent holds our stdin: its end means the parent is gone
        fd = sys.stdin.fileno()
        loop.add_reader(fd, lambda: None if os.read(fd, 4096) else finish())
    await stop
    server.close()


def main() -> None:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--max-seconds", type=float, default=900.0)
    parser.add_argument("--watch-stdin", action="store_true", help="stop at end of stdin")
    args = parser.parse_args()
    asyncio.run(serve(args.host, args.port, args.max_seconds, args.watch_stdin))


if __name__ == "__main__":
    main()
