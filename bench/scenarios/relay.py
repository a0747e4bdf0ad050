"""A 50,000-event stream relayed to an AG-UI client, against reading it directly.

Both sides read with the same plain-httpx loop (`aiter_lines()` + `json.loads`):
the baseline reads SketricGen's stream from the benchmark server; the SDK side
reads the same run through `sketricgen.relay.AgUiRelay`, served by uvicorn in
its own process (as a deployment would run it) in front of the benchmark
server. `serving_*` are the CPU and peak RSS growth of the process the reader
reads from (the relay; the benchmark server for the baseline). `slow` makes
the reader stop for `pause_s` seconds after 100 events: the relay's RSS growth
then shows whether it buffers what SketricGen keeps sending (it should not:
its queue is bounded, so reading from SketricGen pauses).

`python -m bench.scenarios.relay BASE_URL AGENT` serves the relay on a free
port and prints `port N` once it listens.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import subprocess
import sys
import time
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any, Optional

import httpx

from .. import wire
from ..probe import Probe, UnavailableError, server_cpu_seconds
from .common import Context, check_count, httpx_headers, run_body

WARM_EVENTS = 1_000
ROOT = Path(__file__).resolve().parents[2]


# --- what the reader does, on both sides


async def _read(
    response: httpx.Response, events: int, slow: bool, pause_s: float
) -> AsyncIterator[int]:
    count = 0
    async for line in response.aiter_lines():
        if line.startswith("data:"):
            json.loads(line[5:])
            count += 1
            if slow and count == 100:
                await asyncio.sleep(pause_s)  # a browser tab in the background
            yield count


async def _consume(response: httpx.Response, events: int, slow: bool, pause_s: float) -> int:
    count = 0
    async for count in _read(response, events, slow, pause_s):  # noqa: B007
        pass
    return count


async def httpx_async(
    ctx: Context, probe: Probe, events: int, slow: bool = False, pause_s: float = 0.0
) -> dict[str, float]:
    """The baseline: the stream read directly from the benchmark server."""
    async with httpx.AsyncClient(headers=httpx_headers(), timeout=60) as http:

        async def one(n: int) -> int:
            body = run_body(wire.stream_agent("events", n), stream=True)
            async with http.stream("POST", ctx.run_url, json=body) as response:
                response.raise_for_status()
                return await _consume(response, n, slow and n == events, pause_s)

        await one(WARM_EVENTS)
        with _serving(probe.server_pid) as serving, probe.timed():
            count = await one(events)
    check_count("direct", count, events)
    return {"events_per_s": events / probe.results["wall_s"], **serving}


# --- the relay in its own process


@contextlib.contextmanager
def _relay_process(ctx: Context, agent: str) -> Iterator[tuple[int, subprocess.Popen[str]]]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    process = subprocess.Popen(
        [sys.executable, "-m", "bench.scenarios.relay", ctx.base_url, agent],
        cwd=ROOT, stdout=subprocess.PIPE, text=True, env=env,
    )  # fmt: skip
    try:
        assert process.stdout is not None
        line = process.stdout.readline()
        if not line.startswith("port "):
            raise UnavailableError(f"the relay did not start ({line.strip() or 'no output'})")
        yield int(line.split()[1]), process
    finally:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        if process.stdout is not None:
            process.stdout.close()


def _status_kib(pid: int, field: str) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field):
            return int(line.split()[1])
    return 0


@contextlib.contextmanager
def _serving(pid: int) -> Iterator[dict[str, float]]:
    """CPU and peak RSS growth of the process the reader reads from, over the block."""
    found: dict[str, float] = {}
    cpu0, rss0 = server_cpu_seconds(pid), _status_kib(pid, "VmRSS")
    with contextlib.suppress(OSError):  # reset its peak-RSS mark (Linux)
        Path(f"/proc/{pid}/clear_refs").write_text("5")
    yield found
    found["serving_cpu_s"] = server_cpu_seconds(pid) - cpu0
    found["serving_rss_growth_mb"] = max(_status_kib(pid, "VmHWM") - rss0, 0) / 1024


def _run_input(n: int, agent: Optional[str] = None) -> dict[str, Any]:
    return {
        "threadId": f"bench-{n}-{time.monotonic_ns()}", "runId": "run-bench", "state": {},
        "messages": [{"id": "m1", "role": "user", "content": "Hello, how are you?"}],
        "tools": [], "context": [], "forwardedProps": {"agentId": agent} if agent else {},
    }  # fmt: skip


async def sdk_async(
    ctx: Context, probe: Probe, events: int, slow: bool = False, pause_s: float = 0.0
) -> dict[str, float]:
    """The same run read through `AgUiRelay` (a separate uvicorn process)."""
    try:
        import sketricgen.relay  # noqa: F401, PLC0415 - only to say whether it is built
    except ImportError as exc:
        raise UnavailableError(f"sketricgen.relay is not available: {exc}") from None
    agent = wire.stream_agent("events", events)
    with _relay_process(ctx, agent) as (port, process):
        url = f"http://127.0.0.1:{port}/"
        async with httpx.AsyncClient(timeout=60) as http:

            async def one(n: int) -> int:
                chosen = None if n == events else wire.stream_agent("events", n)
                async with http.stream("POST", url, json=_run_input(n, chosen)) as response:
                    response.raise_for_status()
                    return await _consume(response, n, slow and n == events, pause_s)

            await one(WARM_EVENTS)
            with _serving(process.pid) as serving, probe.timed():
                count = await one(events)
    check_count("relayed", count, events)
    return {"events_per_s": events / probe.results["wall_s"], **serving}


# --- the relay process itself


def _serve(base_url: str, agent: str) -> None:
    import uvicorn  # noqa: PLC0415

    from sketricgen import SketricGenClient  # noqa: PLC0415
    from sketricgen.relay import AgUiRelay  # noqa: PLC0415

    class Announcing(uvicorn.Server):
        async def startup(self, sockets: Any = None) -> None:
            await super().startup(sockets=sockets)
            port = self.servers[0].sockets[0].getsockname()[1]
            print(f"port {port}", flush=True)

    async def serve() -> None:
        client = SketricGenClient(
            api_key=wire.API_KEY, base_url=base_url, upload_base_url=base_url + wire.UPLOAD_PREFIX
        )
        async with client:
            relay = AgUiRelay(
                client, agent, allowed_agents=[wire.stream_agent("events", WARM_EVENTS)]
            )
            config = uvicorn.Config(
                relay, host="127.0.0.1", port=0, log_level="warning", access_log=False,
                lifespan="off",
            )  # fmt: skip
            await Announcing(config).serve()

    asyncio.run(serve())


if __name__ == "__main__":
    _serve(sys.argv[1], sys.argv[2])
