"""Consuming one long stream, every event's JSON parsed: plain httpx against the SDK."""

from __future__ import annotations

import json
from typing import Any

import httpx

from .. import wire
from ..probe import Probe, UnavailableError
from .common import Context, check_count, httpx_headers, run_body, sdk_client, unsupported

WARM_EVENTS = 1_000


# --- plain httpx: aiter_lines() + json.loads


async def _httpx_read_async(http: httpx.AsyncClient, ctx: Context, agent: str) -> int:
    count = 0
    body = run_body(agent, stream=True)
    async with http.stream("POST", ctx.run_url, json=body) as response:
        response.raise_for_status()
        async for line in response.aiter_lines():
            if line.startswith("data:"):
                json.loads(line[5:])
                count += 1
    return count


def _httpx_read_sync(http: httpx.Client, ctx: Context, agent: str) -> int:
    count = 0
    body = run_body(agent, stream=True)
    with http.stream("POST", ctx.run_url, json=body) as response:
        response.raise_for_status()
        for line in response.iter_lines():
            if line.startswith("data:"):
                json.loads(line[5:])
                count += 1
    return count


async def httpx_async(ctx: Context, probe: Probe, mode: str, events: int) -> dict[str, float]:
    """One stream through a pooled `httpx.AsyncClient`."""
    async with httpx.AsyncClient(headers=httpx_headers()) as http:
        await _httpx_read_async(http, ctx, wire.stream_agent(mode, WARM_EVENTS))
        with probe.timed():
            count = await _httpx_read_async(http, ctx, wire.stream_agent(mode, events))
    check_count("httpx", count, events)
    return {"events_per_s": events / probe.results["wall_s"]}


def httpx_sync(ctx: Context, probe: Probe, mode: str, events: int) -> dict[str, float]:
    """One stream through a pooled `httpx.Client`."""
    with httpx.Client(headers=httpx_headers()) as http:
        _httpx_read_sync(http, ctx, wire.stream_agent(mode, WARM_EVENTS))
        with probe.timed():
            count = _httpx_read_sync(http, ctx, wire.stream_agent(mode, events))
    check_count("httpx", count, events)
    return {"events_per_s": events / probe.results["wall_s"]}


# --- the SDK: the seed's loop, `json.loads(event.data)` on every event


async def sdk_open_async(client: Any, agent: str) -> Any:
    """`await client.run_workflow(..., stream=True)`, or `UnavailableError` if not built yet."""
    try:
        return await client.run_workflow(agent_id=agent, user_input="Hello!", stream=True)
    except Exception as exc:
        if unsupported(exc):
            raise UnavailableError(f"run_workflow(stream=True): {exc}") from None
        raise


def sdk_open_sync(client: Any, agent: str) -> Any:
    """`client.run_workflow_sync(..., stream=True)`, or `UnavailableError` if not built yet."""
    try:
        return client.run_workflow_sync(agent_id=agent, user_input="Hello!", stream=True)
    except Exception as exc:
        if unsupported(exc):
            raise UnavailableError(f"run_workflow_sync(stream=True): {exc}") from None
        raise


async def sdk_read_async(client: Any, agent: str) -> int:
    """Consume one SDK stream to its end, parsing each event; return how many came."""
    count = 0
    async for event in await client.run_workflow(agent_id=agent, user_input="Hello!", stream=True):
        json.loads(event.data)
        count += 1
    return count


def sdk_read_sync(client: Any, agent: str) -> int:
    """The blocking twin of `sdk_read_async`."""
    count = 0
    for event in client.run_workflow_sync(agent_id=agent, user_input="Hello!", stream=True):
        json.loads(event.data)
        count += 1
    return count


async def sdk_async(ctx: Context, probe: Probe, mode: str, events: int) -> dict[str, float]:
    """One stream through `await client.run_workflow(..., stream=True)`."""
    async with sdk_client(ctx) as client:
        warm = wire.stream_agent(mode, WARM_EVENTS)
        async for event in await sdk_open_async(client, warm):
            json.loads(event.data)
        with probe.timed():
            count = await sdk_read_async(client, wire.stream_agent(mode, events))
    check_count("sdk", count, events)
    return {"events_per_s": events / probe.results["wall_s"]}


def sdk_sync(ctx: Context, probe: Probe, mode: str, events: int) -> dict[str, float]:
    """One stream through `client.run_workflow_sync(..., stream=True)`."""
    with sdk_client(ctx) as client:
        for event in sdk_open_sync(client, wire.stream_agent(mode, WARM_EVENTS)):
            json.loads(event.data)
        with probe.timed():
            count = sdk_read_sync(client, wire.stream_agent(mode, events))
    check_count("sdk", count, events)
    return {"events_per_s": events / probe.results["wall_s"]}
