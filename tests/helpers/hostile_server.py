"""A loopback HTTP/1.1 server that answers however a test tells it to: redirects, bombs, trickles.

Real sockets, nothing of the SDK replaced. Each connection is served on its
own thread: the server reads one request (head and `Content-Length` body),
records it, and calls the test's `handler(conn, request)`, which writes
whatever bytes it likes; the connection is closed afterwards.

    with HostileServer(lambda conn, request: conn.sendall(b"HTTP/1.1 204 ...")) as server:
        client = SketricGenClient("key", base_url=server.base_url)
"""

from __future__ import annotations

import contextlib
import socket
import threading
from dataclasses import dataclass
from types import TracebackType
from typing import Callable, Optional

__all__ = ["HostileServer", "Received", "answer", "response_head"]


@dataclass(frozen=True)
class Received:
    """One request as the server read it."""

    head: bytes
    body: bytes

    @property
    def request_line(self) -> str:
        """`POST /path HTTP/1.1`."""
        return self.head.split(b"\r\n", 1)[0].decode("latin-1")

    def header(self, name: str) -> Optional[str]:
        """The first value of header `name` (case-insensitive), or None."""
        wanted = name.lower().encode()
        for line in self.head.split(b"\r\n")[1:]:
            key, _, value = line.partition(b":")
            if key.strip().lower() == wanted:
                return value.strip().decode("latin-1")
        return None


Handler = Callable[[socket.socket, Received], None]


def response_head(status: str, headers: dict[str, str]) -> bytes:
    """`HTTP/1.1 <status>` and `headers`, up to and including the blank line.

    `Connection: close` is added unless `headers` name a `Connection`: the server
    answers one request per connection, and a client must not try to reuse it.
    """
    if not any(name.lower() == "connection" for name in headers):
        headers = {**headers, "Connection": "close"}
    lines = [f"HTTP/1.1 {status}", *(f"{k}: {v}" for k, v in headers.items()), "", ""]
    return "\r\n".join(lines).encode("latin-1")


def answer(status: str, body: bytes = b"", headers: Optional[dict[str, str]] = None) -> Handler:
    """A handler that sends one complete answer (with `Content-Length`)."""
    data = response_head(status, {**(headers or {}), "Content-Length": str(len(body))}) + body

    def handle(conn: socket.socket, _: Received) -> None:
        conn.sendall(data)

    return handle


class HostileServer:
    """Serves `handler` on a loopback port until `close()`; `received` lists the requests."""

    def __init__(self, handler: Handler) -> None:
        self.handler = handler
        self.received: list[Received] = []
        self.connections = 0
        self._lock = threading.Lock()
        self._threads: list[threading.Thread] = []
        self._conns: list[socket.socket] = []
        self._sock = socket.create_server(("127.0.0.1", 0))
        self.base_url = f"http://127.0.0.1:{self._sock.getsockname()[1]}"
        self._accepting = threading.Thread(target=self._accept, daemon=True)
        self._accepting.start()

    def _accept(self) -> None:
        while True:
            try:
                conn, _ = self._sock.accept()
            except OSError:
                return
            with self._lock:
                self.connections += 1
                self._conns.append(conn)
                thread = threading.Thread(target=self._serve, args=(conn,), daemon=True)
                self._threads.append(thread)
            thread.start()

    def _serve(self, conn: socket.socket) -> None:
        with conn, contextlib.suppress(OSError):
            request = _read_request(conn)
            if request is None:
                return
            with self._lock:
                self.received.append(request)
            self.handler(conn, request)
            with contextlib.suppress(OSError):
                conn.shutdown(socket.SHUT_WR)

    def close(self) -> None:
        """Stop accepting, cut every open connection and wait for the threads."""
        with contextlib.suppress(OSError):
            self._sock.shutdown(socket.SHUT_RDWR)  # wakes the blocked accept()
        self._sock.close()
        self._accepting.join(5)
        with self._lock:
            conns, threads = list(self._conns), list(self._threads)
        for conn in conns:
            with contextlib.suppress(OSError):
                conn.shutdown(socket.SHUT_RDWR)
        for thread in threads:
            thread.join(5)

    def __enter__(self) -> HostileServer:
        return self

    def __exit__(
        self,
        exc_type: Optional[type[BaseException]],
        exc: Optional[BaseException],
        tb: Optional[TracebackType],
    ) -> None:
        self.close()


def _read_request(conn: socket.socket) -> Optional[Received]:
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = conn.recv(65536)
        if not chunk:
            return None
        data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    length = 0
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value)
    while len(body) < length:
        chunk = conn.recv(65536)
        if not chunk:
            break
        body += chunk
    return Received(head, body)
