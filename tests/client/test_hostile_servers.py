"""Servers that try to hurt the client: redirects elsewhere, compression bombs, trickled answers.

Each runs on a loopback port (tests/hostile_server.py) and speaks real HTTP;
the SDK is used as a user would, through its own httpx clients or the user's.
"""

from __future__ import annotations

import asyncio
import gzip
import json
import socket
import subprocess
import sys
import textwrap
import time
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from sketricgen import (
    SketricGenClient,
    SketricGenRedirectError,
    SketricGenResponseTooLargeError,
    SketricGenServerError,
    SketricGenTimeoutError,
    SketricGenUploadError,
)
from tests.helpers.hostile_server import HostileServer, Received, answer, response_head

KEY = "sk-hostile-0123456789"
AGENT = "agent-123"
CHAT = {
    "agent_id": AGENT,
    "user_id": "u-1",
    "conversation_id": "c-1",
    "response": "Hello!",
    "owner": "o",
}
MIB = 1024 * 1024


def _bomb(inflated: int) -> bytes:
    """A gzip body of `inflated` zero bytes (about a thousandth of that on the wire)."""
    packer = zlib.compressobj(9, zlib.DEFLATED, 31)
    block = bytes(MIB)
    parts = [packer.compress(block) for _ in range(inflated // MIB)]
    return b"".join(parts) + packer.flush()


@pytest.fixture
def elsewhere() -> Iterator[HostileServer]:
    """The host a redirect points to: it must receive nothing."""
    with HostileServer(answer("200 OK", json.dumps(CHAT).encode(), JSON)) as server:
        yield server


JSON = {"Content-Type": "application/json"}


# -- item 7: redirects ---------------------------------------------------------------------


def _redirecting(status: str, target: str) -> HostileServer:
    return HostileServer(answer(status, b"", {"Location": target + "/api/v1/run-workflow?sig=x"}))


@pytest.mark.parametrize(
    "status",
    ["301 Moved Permanently", "302 Found", "307 Temporary Redirect", "308 Permanent Redirect"],
)
def test_a_redirect_is_an_error_even_through_a_client_that_follows_them(
    status: str, elsewhere: HostileServer
) -> None:
    with (
        _redirecting(status, elsewhere.base_url) as server,
        httpx.Client(follow_redirects=True) as own,
        SketricGenClient(KEY, base_url=server.base_url, http_client=own) as client,
        pytest.raises(SketricGenRedirectError) as caught,
    ):
        client.run_workflow_sync(AGENT, "Hi")
    error = caught.value
    assert error.status_code == int(status[:3])
    assert error.location == f"{elsewhere.base_url}/api/v1/run-workflow?sig=x"
    assert f"{elsewhere.base_url}/api/v1/run-workflow" in str(error)
    assert "sig=x" not in str(error)
    assert KEY not in str(error)
    assert elsewhere.received == []
    assert len(server.received) == 1  # never retried


@pytest.mark.anyio
@pytest.mark.parametrize("status", ["302 Found", "307 Temporary Redirect"])
async def test_a_redirect_is_an_error_through_the_users_async_client(
    status: str, elsewhere: HostileServer
) -> None:
    with _redirecting(status, elsewhere.base_url) as server:
        async with httpx.AsyncClient(follow_redirects=True) as own:
            async with SketricGenClient(
                KEY, base_url=server.base_url, async_http_client=own
            ) as client:
                with pytest.raises(SketricGenRedirectError) as caught:
                    await client.run_workflow(AGENT, "Hi")
                with pytest.raises(SketricGenRedirectError):
                    await client.run_workflow(AGENT, "Hi", stream=True)
    assert caught.value.location is not None
    assert elsewhere.received == []


def test_a_key_echoed_in_the_location_is_not_kept(elsewhere: HostileServer) -> None:
    target = f"{elsewhere.base_url}/run?key={KEY}"
    with (
        HostileServer(answer("302 Found", b"", {"Location": target})) as server,
        SketricGenClient(KEY, base_url=server.base_url) as client,
        pytest.raises(SketricGenRedirectError) as caught,
    ):
        client.run_workflow_sync(AGENT, "Hi")
    assert caught.value.location == f"{elsewhere.base_url}/run?key=***"
    assert KEY not in str(caught.value)


def test_a_redirected_upload_sends_nothing_elsewhere(
    elsewhere: HostileServer, tmp_path: Path
) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("hello")
    with (
        _redirecting("307 Temporary Redirect", elsewhere.base_url) as server,
        httpx.Client(follow_redirects=True) as own,
        SketricGenClient(KEY, upload_base_url=server.base_url, http_client=own) as client,
        pytest.raises(SketricGenUploadError) as caught,
    ):
        client.upload_file_sync(AGENT, path)
    assert isinstance(caught.value.__cause__, SketricGenRedirectError)
    assert elsewhere.received == []


# -- item 8: bounded bodies ----------------------------------------------------------------


def _gzip_answer(status: str, body: bytes, extra: Any = None) -> Any:
    return answer(status, body, {**JSON, "Content-Encoding": "gzip", **(extra or {})})


def test_a_compressed_answer_under_the_limit_is_read() -> None:
    body = gzip.compress(json.dumps(CHAT).encode())
    with (
        HostileServer(_gzip_answer("201 Created", body)) as server,
        SketricGenClient(KEY, base_url=server.base_url) as client,
    ):
        assert client.run_workflow_sync(AGENT, "Hi").response == "Hello!"


@pytest.mark.anyio
async def test_an_answer_past_max_response_size_is_a_typed_error_sync_and_async() -> None:
    bomb = _bomb(4 * MIB)
    with HostileServer(_gzip_answer("201 Created", bomb)) as server:
        async with SketricGenClient(KEY, base_url=server.base_url, max_response_size=MIB) as client:
            with pytest.raises(SketricGenResponseTooLargeError) as caught:
                await client.run_workflow(AGENT, "Hi")
            assert caught.value.max_size == MIB
            assert "max_response_size=" in str(caught.value)
            with pytest.raises(SketricGenResponseTooLargeError):
                client.run_workflow_sync(AGENT, "Hi")
        assert len(server.received) == 2  # the run may have happened: never sent again


def test_an_upload_answer_past_max_response_size_is_a_typed_error(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("hello")
    with (
        HostileServer(_gzip_answer("200 OK", _bomb(2 * MIB))) as server,
        SketricGenClient(KEY, upload_base_url=server.base_url, max_response_size=MIB) as client,
        pytest.raises(SketricGenUploadError) as caught,
    ):
        client.upload_file_sync(AGENT, path)
    assert isinstance(caught.value.__cause__, SketricGenResponseTooLargeError)


BOMB_SCRIPT = textwrap.dedent(
    """
    import asyncio, resource, sys
    from sketricgen import SketricGenClient, SketricGenError

    def peak():
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # KiB on Linux

    async def main(url):
        async with SketricGenClient("sk-hostile-0123456789", base_url=url, max_retries=0) as c:
            for _ in range(2):
                try:
                    await c.run_workflow("agent-123", "Hi")
                except SketricGenError as error:
                    print(type(error).__name__)
            try:
                c.run_workflow_sync("agent-123", "Hi")
            except SketricGenError as error:
                print(type(error).__name__)

    import sketricgen._workflow.plan, sketricgen_models  # what the calls import, before measuring
    import httpx

    url = sys.argv[1]
    sketricgen_models.ErrorBody, sketricgen_models.ChatResponse
    before = peak()
    asyncio.run(main(url))
    print("grew", peak() - before)
    """
)


def test_a_gzip_bomb_leaves_memory_flat(tmp_path: Path) -> None:
    """256 MiB of zeros in 256 KiB of gzip: success and error answers alike, sync and async."""
    bomb = _bomb(256 * MIB)
    statuses = iter(["201 Created", "500 Internal Server Error", "201 Created"])

    def handle(conn: socket.socket, request: Received) -> None:
        _gzip_answer(next(statuses), bomb)(conn, request)

    script = tmp_path / "bomb.py"
    script.write_text(BOMB_SCRIPT)
    with HostileServer(handle) as server:
        done = subprocess.run(
            [sys.executable, "-W", "error::ResourceWarning", str(script), server.base_url],
            capture_output=True, text=True, timeout=120, check=True,
        )  # fmt: skip
    lines = done.stdout.split()
    assert lines[:3] == [
        SketricGenResponseTooLargeError.__name__,
        SketricGenServerError.__name__,
        SketricGenResponseTooLargeError.__name__,
    ], done.stdout + done.stderr
    grew = int(lines[-1])
    assert grew < 64 * MIB, f"peak RSS grew by {grew / MIB:.0f} MiB"


# -- item 10: a deadline for each attempt --------------------------------------------------


def _trickle(delay: float, *, head_too: bool = False) -> Any:
    body = json.dumps(CHAT).encode()
    head = response_head("201 Created", {**JSON, "Content-Length": str(len(body))})

    def handle(conn: socket.socket, _: Received) -> None:
        if not head_too:
            conn.sendall(head)
        for byte in (head if head_too else b"") + body:
            conn.sendall(bytes([byte]))
            time.sleep(delay)

    return handle


def test_a_trickled_answer_is_cut_at_timeout_sync() -> None:
    with (
        HostileServer(_trickle(0.1)) as server,  # about 10 s for the whole body
        SketricGenClient(KEY, base_url=server.base_url, timeout=1) as client,
    ):
        started = time.monotonic()
        with pytest.raises(SketricGenTimeoutError, match="timeout=1 s"):
            client.run_workflow_sync(AGENT, "Hi")
        took = time.monotonic() - started
    assert 0.9 < took < 2.5
    assert len(server.received) == 1  # a run is not sent twice after a read timeout


@pytest.mark.anyio
@pytest.mark.parametrize("head_too", [False, True], ids=["body", "headers"])
async def test_a_trickled_answer_is_cut_at_timeout_async(head_too: bool) -> None:
    with HostileServer(_trickle(0.1, head_too=head_too)) as server:
        async with SketricGenClient(KEY, base_url=server.base_url, timeout=1) as client:
            started = time.monotonic()
            with pytest.raises(SketricGenTimeoutError, match="timeout=1 s"):
                await client.run_workflow(AGENT, "Hi")
            took = time.monotonic() - started
            assert 0.9 < took < 2.5
            # The deadline's cancellation was absorbed: the task goes on normally.
            await asyncio.sleep(0)
    assert len(server.received) == 1


def test_a_slow_but_steady_answer_within_timeout_succeeds() -> None:
    with (
        HostileServer(_trickle(0.005)) as server,  # about 0.5 s
        SketricGenClient(KEY, base_url=server.base_url, timeout=5) as client,
    ):
        assert client.run_workflow_sync(AGENT, "Hi").response == "Hello!"
