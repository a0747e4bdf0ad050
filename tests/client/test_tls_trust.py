"""Which certificates the SDK trusts: httpx's defaults, `SSL_CERT_FILE` honoured.

The SDK builds one TLS context per process and shares it between clients
(`_transport/tls.py`); these tests make sure that sharing changed nothing a
user can see: a self-signed loopback server is refused by default, and
accepted once `SSL_CERT_FILE` names its certificate, by a new client of the
same process, sync or async.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import shutil
import socket
import ssl
import subprocess
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from sketricgen import SketricGenClient, SketricGenConnectionError

_ANSWER = json.dumps(
    {
        "agent_id": "agent-tls",
        "user_id": "user-tls",
        "conversation_id": "conv-tls",
        "response": "over TLS",
        "owner": "owner-tls",
        "error": False,
        "assets": [],
    }
).encode()


def _answer(conn: ssl.SSLSocket) -> None:
    """Read one request (head and body), send `_ANSWER`.

    The body is read whole first: closing a socket with unread bytes sends a
    reset, which could reach the client before it has read the answer.
    """
    with conn:
        received = b""
        while b"\r\n\r\n" not in received:
            chunk = conn.recv(65536)
            if not chunk:
                return
            received += chunk
        head, _, body = received.partition(b"\r\n\r\n")
        length = 0
        for line in head.split(b"\r\n")[1:]:
            name, _, value = line.partition(b":")
            if name.strip().lower() == b"content-length":
                length = int(value)
        while len(body) < length:
            chunk = conn.recv(65536)
            if not chunk:
                return
            body += chunk
        conn.sendall(
            b"HTTP/1.1 201 Created\r\nContent-Type: application/json\r\n"
            b"Connection: close\r\nContent-Length: "
            + str(len(_ANSWER)).encode()
            + b"\r\n\r\n"
            + _ANSWER
        )


def _serve(listener: socket.socket, context: ssl.SSLContext) -> None:
    """Answer each connection's one request, over TLS (a refused handshake ends it)."""
    while True:
        try:
            raw, _ = listener.accept()
        except OSError:
            return  # the listener was shut down: the test is over
        with contextlib.suppress(ssl.SSLError, OSError), raw:
            _answer(context.wrap_socket(raw, server_side=True))


@pytest.fixture
def tls_server(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """A loopback HTTPS server with a fresh self-signed certificate: (base URL, cert file)."""
    if shutil.which("openssl") is None:
        pytest.skip("needs the openssl command to make a certificate")
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
         "-nodes", "-keyout", str(key), "-out", str(cert), "-days", "1", "-subj", "/CN=localhost",
         "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost"],
        check=True, capture_output=True, timeout=30,
    )  # fmt: skip
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    listener = socket.create_server(("127.0.0.1", 0))
    thread = threading.Thread(target=_serve, args=(listener, context), daemon=True)
    thread.start()
    try:
        yield f"https://127.0.0.1:{listener.getsockname()[1]}", cert
    finally:
        with contextlib.suppress(OSError):
            listener.shutdown(socket.SHUT_RDWR)  # wakes the blocked accept() (close does not)
        listener.close()
        thread.join(timeout=10)


def _call(base_url: str) -> str:
    with SketricGenClient("test-key", base_url=base_url, max_retries=0) as client:
        return client.run_workflow_sync("agent-tls", "Hello").response


async def _call_async(base_url: str) -> str:
    async with SketricGenClient("test-key", base_url=base_url, max_retries=0) as client:
        return (await client.run_workflow("agent-tls", "Hello")).response


def test_a_self_signed_server_is_refused_then_trusted_through_ssl_cert_file(
    tls_server: tuple[str, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    base_url, cert = tls_server
    monkeypatch.delenv("SSL_CERT_DIR", raising=False)
    monkeypatch.delenv("SSL_CERT_FILE", raising=False)
    with pytest.raises(SketricGenConnectionError):
        _call(base_url)
    monkeypatch.setenv("SSL_CERT_FILE", str(cert))
    assert _call(base_url) == "over TLS"
    assert asyncio.run(_call_async(base_url)) == "over TLS"
    monkeypatch.delenv("SSL_CERT_FILE")
    with pytest.raises(SketricGenConnectionError):
        asyncio.run(_call_async(base_url))
