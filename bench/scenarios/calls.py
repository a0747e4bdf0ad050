"""Sequential small non-streamed runs on one client: per-call latency, median and p99."""

from __future__ import annotations

import statistics
import time

import httpx

from .. import wire
from ..probe import Probe, percentile
from .common import Context, httpx_headers, run_body, sdk_client

WARM_CALLS = 20


def _summary(latencies: list[float]) -> dict[str, float]:
    ms = [x * 1000 for x in latencies]
    return {"median_ms": statistics.median(ms), "p99_ms": percentile(ms, 0.99)}


async def httpx_async(ctx: Context, probe: Probe, calls: int) -> dict[str, float]:
    """`httpx.AsyncClient.post(...)` then `.json()`, `calls` times in a row."""
    body = run_body(wire.SMALL_AGENT, stream=False)
    latencies: list[float] = []
    async with httpx.AsyncClient(headers=httpx_headers()) as http:
        for _ in range(WARM_CALLS):
            (await http.post(ctx.run_url, json=body)).json()
        with probe.timed():
            for _ in range(calls):
                start = time.perf_counter()
                response = await http.post(ctx.run_url, json=body)
                response.raise_for_status()
                response.json()
                latencies.append(time.perf_counter() - start)
    return _summary(latencies)


def httpx_sync(ctx: Context, probe: Probe, calls: int) -> dict[str, float]:
    """`httpx.Client.post(...)` then `.json()`, `calls` times in a row."""
    body = run_body(wire.SMALL_AGENT, stream=False)
    latencies: list[float] = []
    with httpx.Client(headers=httpx_headers()) as http:
        for _ in range(WARM_CALLS):
            http.post(ctx.run_url, json=body).json()
        with probe.timed():
            for _ in range(calls):
                start = time.perf_counter()
                response = http.post(ctx.run_url, json=body)
                response.raise_for_status()
                response.json()
                latencies.append(time.perf_counter() - start)
    return _summary(latencies)


async def sdk_async(ctx: Context, probe: Probe, calls: int) -> dict[str, float]:
    """`await client.run_workflow(...)` (a `ChatResponse`), `calls` times in a row."""
    latencies: list[float] = []
    async with sdk_client(ctx) as client:
        for _ in range(WARM_CALLS):
            await client.run_workflow(agent_id=wire.SMALL_AGENT, user_input="Hello, how are you?")
        with probe.timed():
            for _ in range(calls):
                start = time.perf_counter()
                await client.run_workflow(
                    agent_id=wire.SMALL_AGENT, user_input="Hello, how are you?"
                )
                latencies.append(time.perf_counter() - start)
    return _summary(latencies)


def sdk_sync(ctx: Context, probe: Probe, calls: int) -> dict[str, float]:
    """`client.run_workflow_sync(...)`, `calls` times in a row."""
    latencies: list[float] = []
    with sdk_client(ctx) as client:
        for _ in range(WARM_CALLS):
            client.run_workflow_sync(agent_id=wire.SMALL_AGENT, user_input="Hello, how are you?")
        with probe.timed():
            for _ in range(calls):
                start = time.perf_counter()
                client.run_workflow_sync(
                    agent_id=wire.SMALL_AGENT, user_input="Hello, how are you?"
                )
                latencies.append(time.perf_counter() - start)
    return _summary(latencies)
