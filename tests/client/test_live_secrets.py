"""A proxy that echoes the API key back: it never reaches an exception, its body or a log line."""

from __future__ import annotations

import html
import json
import logging
import re
import socket
import urllib.parse

import pytest

from sketricgen import (
    SketricGenAuthenticationError,
    SketricGenClient,
    SketricGenUploadError,
)
from tests.helpers.hostile_server import HostileServer, Received, response_head

KEY = "sk_api_live-0123456789abcdef"


def _leaks(value: object) -> bool:
    """Whether `value` shows the key in any form a reader (or a browser) would decode."""
    text = value if isinstance(value, str) else json.dumps(value)
    decoded = html.unescape(urllib.parse.unquote(text))
    decoded = re.sub(r"\\u([0-9a-fA-F]{4})", lambda m: chr(int(m.group(1), 16)), decoded)
    return KEY in decoded


def _echo(status: str, kind: str) -> object:
    """A handler answering `status` with a body that repeats the key it was sent."""

    def handle(conn: socket.socket, request: Received) -> None:
        key = request.header("api-key") or request.header("x-api-key") or ""
        if kind == "html":
            body = f"<html><title>Denied: {key}</title><pre>API-KEY: {key}</pre></html>"
            content_type = "text/html"
        elif kind == "xml":
            body = f"<Error><Code>AccessDenied</Code><Message>{key}</Message></Error>"
            content_type = "application/xml"
        else:
            escaped = "".join(f"\\u{ord(c):04x}" for c in key)
            body = f'{{"message": "bad key {escaped}", "echo": {{"API-KEY": "{key}"}}}}'
            content_type = "application/json"
        data = body.encode()
        headers = {
            "Content-Type": content_type,
            "Content-Length": str(len(data)),
            "X-Request-Id": f"req-{urllib.parse.quote(key)}",
        }
        conn.sendall(response_head(status, headers) + data)

    return handle


@pytest.mark.parametrize("kind", ["html", "xml", "json"])
def test_a_key_echoed_on_a_401_is_never_shown(kind: str, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG, logger="sketricgen")
    with HostileServer(_echo("401 Unauthorized", kind)) as server:  # type: ignore[arg-type]
        client = SketricGenClient(KEY, base_url=server.base_url)
        with client, pytest.raises(SketricGenAuthenticationError) as caught:
            client.run_workflow_sync("agent-123", "Hi")
        assert server.received[0].header("api-key") == KEY  # the proxy did see it
    error = caught.value
    assert "***" in str(error)
    for shown in (str(error), repr(error), error.args, error.response_body, error.request_id):
        assert not _leaks(shown)
    assert not _leaks(caplog.text + "".join(str(r.args) for r in caplog.records))


@pytest.mark.anyio
async def test_a_key_echoed_by_the_upload_host_is_never_shown(
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG, logger="sketricgen")
    with HostileServer(_echo("502 Bad Gateway", "html")) as server:  # type: ignore[arg-type]
        client = SketricGenClient(
            KEY, base_url=server.base_url, upload_base_url=server.base_url, max_retries=0
        )
        async with client:
            with pytest.raises(SketricGenUploadError) as caught:
                await client.upload_file("agent-123", b"hello", file_name="notes.txt")
    error = caught.value
    assert error.step == "init"
    assert "Denied: ***" in str(error)
    for shown in (str(error), repr(error), error.args, error.response_body, error.request_id):
        assert not _leaks(shown)
    assert not _leaks(caplog.text + "".join(str(r.args) for r in caplog.records))
