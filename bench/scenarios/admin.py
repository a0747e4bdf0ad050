"""Listing 1,000 agents over 20 pages of the Admin API (limit 50): time per whole listing.

The SDK side iterates `client.agents.list(limit=50)` (`list_sync` for sync), which
follows `next_token` and gives `Agent` models; the baseline does the same GETs with
plain httpx and `json.loads` on each page (no models).
"""

from __future__ import annotations

import json
import statistics
import time
from typing import Any, Optional

import httpx

from .. import admin_wire, wire
from ..probe import Probe, UnavailableError, percentile
from .common import Context, unsupported

WARM_LISTINGS = 3
_HEADERS = {"Authorization": f"Bearer {wire.API_KEY}", "Accept": "application/json"}


def _url(ctx: Context) -> str:
    return ctx.base_url + admin_wire.AGENTS_PATH.decode()


def _summary(latencies: list[float]) -> dict[str, float]:
    ms = [x * 1000 for x in latencies]
    return {"median_ms": statistics.median(ms), "p90_ms": percentile(ms, 0.9)}


def _check(side: str, count: int) -> None:
    if count != admin_wire.AGENT_COUNT:
        raise RuntimeError(f"{side}: {count} agents listed, {admin_wire.AGENT_COUNT} served")


def _query(limit: int, token: Optional[str]) -> dict[str, Any]:
    return {"limit": limit} if token is None else {"limit": limit, "next_token": token}


async def _httpx_listing(http: httpx.AsyncClient, url: str, limit: int) -> int:
    count, token = 0, None
    while True:
        response = await http.get(url, params=_query(limit, token))
        response.raise_for_status()
        page = json.loads(response.content)
        count += len(page["agents"])
        token = page["next_token"]
        if token is None:
            return count


def _httpx_listing_sync(http: httpx.Client, url: str, limit: int) -> int:
    count, token = 0, None
    while True:
        response = http.get(url, params=_query(limit, token))
        response.raise_for_status()
        page = json.loads(response.content)
        count += len(page["agents"])
        token = page["next_token"]
        if token is None:
            return count


async def httpx_async(ctx: Context, probe: Probe, listings: int, limit: int) -> dict[str, float]:
    """`httpx.AsyncClient.get(...)` page after page, `json.loads` of each, `listings` times."""
    latencies: list[float] = []
    async with httpx.AsyncClient(headers=_HEADERS) as http:
        for _ in range(WARM_LISTINGS):
            _check("httpx", await _httpx_listing(http, _url(ctx), limit))
        with probe.timed():
            for _ in range(listings):
                start = time.perf_counter()
                _check("httpx", await _httpx_listing(http, _url(ctx), limit))
                latencies.append(time.perf_counter() - start)
    return _summary(latencies)


def httpx_sync(ctx: Context, probe: Probe, listings: int, limit: int) -> dict[str, float]:
    """`httpx.Client.get(...)` page after page, `json.loads` of each, `listings` times."""
    latencies: list[float] = []
    with httpx.Client(headers=_HEADERS) as http:
        for _ in range(WARM_LISTINGS):
            _check("httpx", _httpx_listing_sync(http, _url(ctx), limit))
        with probe.timed():
            for _ in range(listings):
                start = time.perf_counter()
                _check("httpx", _httpx_listing_sync(http, _url(ctx), limit))
                latencies.append(time.perf_counter() - start)
    return _summary(latencies)


def _admin_client(ctx: Context) -> Any:
    """A client whose admin host is the benchmark server, or `UnavailableError`."""
    try:
        from sketricgen import SketricGenClient  # noqa: PLC0415 - baselines never import it
    except ImportError as exc:
        raise UnavailableError(f"sketricgen exports no SketricGenClient yet ({exc})") from None
    try:
        client = SketricGenClient(
            api_key=wire.API_KEY,
            base_url=ctx.base_url,
            upload_base_url=ctx.upload_base_url,
            admin_base_url=ctx.base_url + admin_wire.ADMIN_PREFIX,
        )
    except TypeError as exc:
        raise UnavailableError(f"SketricGenClient takes no admin_base_url yet ({exc})") from None
    if not hasattr(client, "agents"):
        client.close()
        raise UnavailableError("SketricGenClient has no `agents` namespace yet")
    return client


async def sdk_async(ctx: Context, probe: Probe, listings: int, limit: int) -> dict[str, float]:
    """`[agent async for agent in client.agents.list(limit=limit)]`, `listings` times."""
    latencies: list[float] = []
    async with _admin_client(ctx) as client:
        try:
            for _ in range(WARM_LISTINGS):
                _check("sdk", len([agent async for agent in client.agents.list(limit=limit)]))
        except Exception as exc:
            if unsupported(exc):
                raise UnavailableError(f"client.agents.list: {exc}") from None
            raise
        with probe.timed():
            for _ in range(listings):
                start = time.perf_counter()
                _check("sdk", len([agent async for agent in client.agents.list(limit=limit)]))
                latencies.append(time.perf_counter() - start)
    return _summary(latencies)


def sdk_sync(ctx: Context, probe: Probe, listings: int, limit: int) -> dict[str, float]:
    """`list(client.agents.list_sync(limit=limit))`, `listings` times."""
    latencies: list[float] = []
    with _admin_client(ctx) as client:
        try:
            for _ in range(WARM_LISTINGS):
                _check("sdk", len(list(client.agents.list_sync(limit=limit))))
        except Exception as exc:
            if unsupported(exc):
                raise UnavailableError(f"client.agents.list_sync: {exc}") from None
            raise
        with probe.timed():
            for _ in range(listings):
                start = time.perf_counter()
                _check("sdk", len(list(client.agents.list_sync(limit=limit))))
                latencies.append(time.perf_counter() - start)
    return _summary(latencies)
