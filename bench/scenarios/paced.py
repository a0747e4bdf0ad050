"""A slow stream (one event every 200 ms): time to first event, and lag from server to user code.

Each event carries the server's `time.time_ns()` at sending (`sent_ns`);
server and client share this machine's wall clock, so the lag is exact.
"""

from __future__ import annotations

import json
import statistics
import time
from typing import Any

import httpx

from .. import wire
from ..probe import Probe
from .common import Context, check_count, httpx_headers, run_body, sdk_client
from .streams import WARM_EVENTS, sdk_open_async, sdk_open_sync


class _Clock:
    """Collects, for one stream, when the first event reached user code and each event's lag."""

    def __init__(self) -> None:
        self.start = time.perf_counter()
        self.first: float = 0.0
        self.lags_ms: list[float] = []

    def seen(self, payload: Any) -> None:
        now_ns = time.time_ns()
        if not self.lags_ms:
            self.first = time.perf_counter() - self.start
        self.lags_ms.append((now_ns - payload["sent_ns"]) / 1e6)

    def metrics(self, side: str, events: int) -> dict[str, float]:
        check_count(side, len(self.lags_ms), events)
        return {
            "ttfe_ms": self.first * 1000,
            "lag_max_ms": max(self.lags_ms),
            "lag_p50_ms": statistics.median(self.lags_ms),
        }


async def httpx_async(ctx: Context, probe: Probe, events: int) -> dict[str, float]:
    """A paced stream through `httpx.AsyncClient.stream` + `aiter_lines()`."""
    async with httpx.AsyncClient(headers=httpx_headers()) as http:
        warm = run_body(wire.stream_agent("events", WARM_EVENTS), stream=True)
        async with http.stream("POST", ctx.run_url, json=warm) as response:
            await response.aread()
        with probe.timed():
            clock = _Clock()
            body = run_body(wire.stream_agent("paced", events), stream=True)
            async with http.stream("POST", ctx.run_url, json=body) as response:
                async for line in response.aiter_lines():
                    if line.startswith("data:"):
                        clock.seen(json.loads(line[5:]))
    return clock.metrics("httpx", events)


def httpx_sync(ctx: Context, probe: Probe, events: int) -> dict[str, float]:
    """A paced stream through `httpx.Client.stream` + `iter_lines()`."""
    with httpx.Client(headers=httpx_headers()) as http:
        warm = run_body(wire.stream_agent("events", WARM_EVENTS), stream=True)
        with http.stream("POST", ctx.run_url, json=warm) as response:
            response.read()
        with probe.timed():
            clock = _Clock()
            body = run_body(wire.stream_agent("paced", events), stream=True)
            with http.stream("POST", ctx.run_url, json=body) as response:
                for line in response.iter_lines():
                    if line.startswith("data:"):
                        clock.seen(json.loads(line[5:]))
    return clock.metrics("httpx", events)


async def sdk_async(ctx: Context, probe: Probe, events: int) -> dict[str, float]:
    """A paced stream through the SDK's async stream."""
    async with sdk_client(ctx) as client:
        async for _ in await sdk_open_async(client, wire.stream_agent("events", WARM_EVENTS)):
            pass
        with probe.timed():
            clock = _Clock()
            agent = wire.stream_agent("paced", events)
            async for event in await client.run_workflow(
                agent_id=agent, user_input="Hello!", stream=True
            ):
                clock.seen(json.loads(event.data))
    return clock.metrics("sdk", events)


def sdk_sync(ctx: Context, probe: Probe, events: int) -> dict[str, float]:
    """A paced stream through the SDK's sync stream."""
    with sdk_client(ctx) as client:
        for _ in sdk_open_sync(client, wire.stream_agent("events", WARM_EVENTS)):
            pass
        with probe.timed():
            clock = _Clock()
            agent = wire.stream_agent("paced", events)
            for event in client.run_workflow_sync(agent_id=agent, user_input="Hello!", stream=True):
                clock.seen(json.loads(event.data))
    return clock.metrics("sdk", events)
