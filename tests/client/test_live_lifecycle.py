"""One pool per client for its life; closing releases it; closed clients refuse work."""

from __future__ import annotations

import asyncio
import gc
import os
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from sketricgen import (
    SketricGenClient,
    SketricGenClosedError,
    SketricGenError,
    SketricGenEventDecodeError,
    SketricGenTimeoutError,
)
from sketricgen.testing import Emulator
from tests.helpers.clients import ClientFactory

pytestmark = pytest.mark.emulator
AGENT = "agent-123"
CALLS = 1000
HANDFUL = 3


def test_sequential_sync_calls_reuse_one_connection(
    make_client: ClientFactory, sketricgen_emulator: Emulator
) -> None:
    with make_client() as client:
        for _ in range(CALLS):
            client.run_workflow_sync(AGENT, "Hi")
    assert len(sketricgen_emulator.requests_to("run")) == CALLS
    assert 1 <= sketricgen_emulator.connections_opened <= HANDFUL
    sketricgen_emulator.wait_for(lambda: sketricgen_emulator.open_connections == 0)


@pytest.mark.anyio
async def test_sequential_async_calls_reuse_one_connection(
    make_client: ClientFactory, sketricgen_emulator: Emulator
) -> None:
    async with make_client() as client:
        for _ in range(CALLS):
            await client.run_workflow(AGENT, "Hi")
    assert len(sketricgen_emulator.requests_to("run")) == CALLS
    assert 1 <= sketricgen_emulator.connections_opened <= HANDFUL
    await asyncio.to_thread(
        sketricgen_emulator.wait_for, lambda: sketricgen_emulator.open_connections == 0
    )


def test_a_closed_client_refuses_work(make_client: ClientFactory) -> None:
    client = make_client()
    client.run_workflow_sync(AGENT, "Hi")
    client.close()
    with pytest.raises(SketricGenClosedError, match="closed"):
        client.run_workflow_sync(AGENT, "Hi")
    with pytest.raises(SketricGenClosedError):
        asyncio.run(client.run_workflow(AGENT, "Hi"))
    client.close()  # closing twice is harmless


@pytest.mark.anyio
async def test_a_closed_async_client_refuses_work(make_client: ClientFactory) -> None:
    async with make_client() as client:
        await client.run_workflow(AGENT, "Hi")
    with pytest.raises(SketricGenClosedError):
        await client.run_workflow(AGENT, "Hi")
    with pytest.raises(SketricGenClosedError):
        client.run_workflow_sync(AGENT, "Hi")


def test_the_users_own_http_client_is_used_and_left_open(
    make_client: ClientFactory, sketricgen_emulator: Emulator
) -> None:
    with httpx.Client(headers={"X-Mine": "yes"}) as own:
        with make_client(http_client=own) as client:
            client.run_workflow_sync(AGENT, "Hi")
        assert not own.is_closed
        assert own.post(sketricgen_emulator.run_url).status_code == 401  # still usable
    (first, _) = sketricgen_emulator.requests
    assert first.headers.get("x-mine") == "yes"
    with pytest.raises(SketricGenClosedError, match="http_client"):
        make_client(http_client=own).run_workflow_sync(AGENT, "Hi")


@pytest.mark.anyio
async def test_the_users_own_async_client_is_left_open(make_client: ClientFactory) -> None:
    async with httpx.AsyncClient() as own:
        async with make_client(async_http_client=own) as client:
            await client.run_workflow(AGENT, "Hi")
        assert not own.is_closed


def test_asyncio_run_without_aclose_leaves_no_connection_open(
    make_client: ClientFactory, sketricgen_emulator: Emulator
) -> None:
    client = make_client()

    async def main() -> str:
        return (await client.run_workflow(AGENT, "Hi")).response

    assert asyncio.run(main()) == "Hello! You said: Hi"
    assert asyncio.run(main()) == "Hello! You said: Hi"  # a new loop, a new pool
    sketricgen_emulator.wait_for(lambda: sketricgen_emulator.open_connections == 0)
    assert sketricgen_emulator.connections_opened == 2


def test_sketricgen_log_debug_logs_each_attempt_without_the_key(
    sketricgen_emulator: Emulator,
) -> None:
    script = (
        "import sys\n"
        "from sketricgen import SketricGenClient\n"
        "with SketricGenClient(sys.argv[1], base_url=sys.argv[2]) as client:\n"
        "    client.run_workflow_sync('agent-123', 'Hi')\n"
    )
    env = {**os.environ, "SKETRICGEN_LOG": "debug"}
    done = subprocess.run(
        [sys.executable, "-c", script, sketricgen_emulator.api_key, sketricgen_emulator.base_url],
        env=env, capture_output=True, text=True, timeout=60, check=True,
    )  # fmt: skip
    assert "sketricgen DEBUG" in done.stderr
    assert "/api/v1/run-workflow -> 201 (attempt 1 of 4)" in done.stderr
    assert sketricgen_emulator.api_key not in done.stderr


def test_the_key_never_appears_in_errors(
    make_client: ClientFactory, sketricgen_emulator: Emulator
) -> None:
    key = sketricgen_emulator.api_key
    bad_key = "sk-wrong-0123456789"
    for client, agent in ((make_client(), "ghost"), (make_client(api_key=bad_key), AGENT)):
        with pytest.raises(SketricGenError) as caught:
            client.run_workflow_sync(agent, "Hi")
        for secret in (key, bad_key):
            assert secret not in str(caught.value)
            assert secret not in repr(caught.value.__dict__)
            assert secret not in repr(client)


@pytest.mark.anyio
async def test_sync_close_inside_a_running_loop_closes_the_async_pool(
    make_client: ClientFactory, sketricgen_emulator: Emulator
) -> None:
    client = make_client()
    await client.run_workflow(AGENT, "Hi")
    assert sketricgen_emulator.open_connections == 1
    client.close()  # cannot await: schedules the async close on this loop
    await asyncio.to_thread(
        sketricgen_emulator.wait_for, lambda: sketricgen_emulator.open_connections == 0
    )


def test_sync_close_outside_the_pools_loop_warns(make_client: ClientFactory) -> None:
    client = make_client()
    loop = asyncio.new_event_loop()
    try:
        loop.run_until_complete(client.run_workflow(AGENT, "Hi"))
        with pytest.warns(ResourceWarning, match="aclose"):
            client.close()
        loop.run_until_complete(client.aclose())  # still possible on the pool's own loop
    finally:
        loop.close()


THREADS_SCRIPT = """
import asyncio, sys, threading
from sketricgen import SketricGenClient, SketricGenError

key, url = sys.argv[1], sys.argv[2]
client = SketricGenClient(key, base_url=url)
failures = []

def worker() -> None:
    for _ in range(10):
        try:
            asyncio.run(client.run_workflow("agent-123", "Hi"))
        except (SketricGenError, OSError) as error:
            failures.append(repr(error))

threads = [threading.Thread(target=worker) for _ in range(4)]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
client.close()
print(len(failures), failures[:3])
"""


def test_one_client_serves_event_loops_in_several_threads(sketricgen_emulator: Emulator) -> None:
    """4 threads x 10 asyncio.run() calls: each loop its own pool, closed on that loop."""
    env = {**os.environ, "PYTHONDEVMODE": "1"}
    done = subprocess.run(
        [sys.executable, "-W", "error::ResourceWarning", "-c", THREADS_SCRIPT,
         sketricgen_emulator.api_key, sketricgen_emulator.base_url],
        env=env, capture_output=True, text=True, timeout=120, check=True,
    )  # fmt: skip
    assert done.stdout.startswith("0 []"), done.stdout
    assert "unclosed" not in done.stderr, done.stderr
    assert "Error" not in done.stderr, done.stderr
    assert len(sketricgen_emulator.requests_to("run")) == 40
    sketricgen_emulator.wait_for(lambda: sketricgen_emulator.open_connections == 0)


@pytest.mark.anyio
async def test_max_connections_queues_the_requests_past_it(
    make_client: ClientFactory, sketricgen_emulator: Emulator
) -> None:
    emu = sketricgen_emulator
    gate = emu.gate_before("RUN_FINISHED")

    async def run(client: SketricGenClient) -> str:
        async with await client.run_workflow(AGENT, "Hi", stream=True) as stream:
            return (await stream.until_done()).text

    async with make_client(max_connections=2, timeout=30) as client:
        runs = [asyncio.create_task(run(client)) for _ in range(3)]
        await asyncio.to_thread(emu.wait_for, lambda: gate.waiting == 2)
        assert len(emu.requests_to("run")) == 2  # the third waits for a free connection
        gate.open()
        assert await asyncio.gather(*runs) == ["Hello! You said: Hi"] * 3
    assert emu.connections_opened == 2


@pytest.mark.anyio
async def test_a_request_waiting_for_a_connection_longer_than_timeout_fails(
    make_client: ClientFactory, sketricgen_emulator: Emulator
) -> None:
    gate = sketricgen_emulator.gate_before("RUN_FINISHED")
    client = make_client(max_connections=1, timeout=0.5)
    async with client, await client.run_workflow(AGENT, "Hi", stream=True):
        with pytest.raises(SketricGenTimeoutError):
            await client.run_workflow(AGENT, "Hi")
        gate.open()
    assert len(sketricgen_emulator.requests_to("run")) == 1


def test_max_event_size_is_a_client_option(make_client: ClientFactory) -> None:
    client = make_client(max_event_size=32)  # RUN_STARTED alone is longer
    with (
        client.run_workflow_sync(AGENT, "Hi", stream=True) as stream,
        pytest.raises(SketricGenEventDecodeError, match=r"max_event_size= to SketricGenClient"),
    ):
        stream.until_done()
    assert make_client().run_workflow_sync(AGENT, "Hi", stream=True).until_done().text


UNCLOSED_UPLOAD_SCRIPT = """
import asyncio, sys
from sketricgen import SketricGenClient

key, url, upload_url, path = sys.argv[1:]

async def main() -> str:
    client = SketricGenClient(key, base_url=url, upload_base_url=upload_url)  # never closed
    uploads = await client.upload_files("agent-123", [path, path])
    return (await client.upload_file("agent-123", path)).file_id + uploads[0].file_id

print(asyncio.run(main()))
"""


def test_uploads_on_a_client_never_closed_leave_no_socket_open(
    sketricgen_emulator: Emulator, tmp_path: Path
) -> None:
    """On 3.9 and 3.12 a pool dropped with its client leaked sockets as `asyncio.run` ended."""
    path = tmp_path / "notes.txt"
    path.write_text("hello")
    emu = sketricgen_emulator
    done = subprocess.run(
        [sys.executable, "-X", "dev", "-W", "error::ResourceWarning", "-c",
         UNCLOSED_UPLOAD_SCRIPT, emu.api_key, emu.base_url, emu.upload_base_url, str(path)],
        capture_output=True, text=True, timeout=60, check=True,
    )  # fmt: skip
    assert done.stdout.strip()
    assert "unclosed" not in done.stderr, done.stderr
    assert "ResourceWarning" not in done.stderr, done.stderr
    emu.wait_for(lambda: emu.open_connections == 0)


@pytest.mark.anyio
async def test_clients_dropped_unclosed_in_a_running_loop_release_their_connections(
    sketricgen_emulator: Emulator,
) -> None:
    emu = sketricgen_emulator
    for _ in range(5):
        client = SketricGenClient(emu.api_key, base_url=emu.base_url)
        await client.run_workflow(AGENT, "Hi")
        del client  # never closed: its pool is closed on this loop, soon
    gc.collect()
    assert emu.connections_opened == 5
    # Well within the server's own 5 s keep-alive limit: the client closed them.
    await asyncio.to_thread(emu.wait_for, lambda: emu.open_connections == 0, 2.0)
