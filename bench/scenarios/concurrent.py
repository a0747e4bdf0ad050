"""Many streams at once on one async client: wall time and peak memory growth."""

from __future__ import annotations

import asyncio
import json

import httpx

from .. import wire
from ..probe import Probe
from .common import Context, check_count, httpx_headers, sdk_client
from .streams import _httpx_read_async, sdk_open_async, sdk_read_async


async def httpx_async(ctx: Context, probe: Probe, streams: int, events: int) -> dict[str, float]:
    """`streams` concurrent streams through one `httpx.AsyncClient` (default pool limits)."""
    agent = wire.stream_agent("events", events)
    async with httpx.AsyncClient(headers=httpx_headers()) as http:
        await _httpx_read_async(http, ctx, agent)
        with probe.timed():
            counts = await asyncio.gather(
                *(_httpx_read_async(http, ctx, agent) for _ in range(streams))
            )
    check_count("httpx", sum(counts), streams * events)
    return {"wall_s": probe.results["wall_s"]}


async def sdk_async(ctx: Context, probe: Probe, streams: int, events: int) -> dict[str, float]:
    """`streams` concurrent SDK streams on one `SketricGenClient`."""
    agent = wire.stream_agent("events", events)
    async with sdk_client(ctx) as client:
        async for event in await sdk_open_async(client, agent):
            json.loads(event.data)
        with probe.timed():
            counts = await asyncio.gather(*(sdk_read_async(client, agent) for _ in range(streams)))
    check_count("sdk", sum(counts), streams * events)
    return {"wall_s": probe.results["wall_s"]}
