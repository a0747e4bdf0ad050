"""The benchmark's scenarios: each one a plain-httpx baseline and the SDK doing the same work.

A scenario module has `httpx_async` / `sdk_async` (and `_sync` twins where
both modes are measured), each `(ctx, probe, **params) -> metrics`. An SDK
function raises `UnavailableError` while the public API it needs is not built.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Optional


@dataclass(frozen=True)
class Target:
    """A goal for one metric: `ratio` bounds SDK/httpx, `limit` bounds the SDK's own value."""

    ratio: Optional[float] = None
    limit: Optional[float] = None
    higher_is_better: bool = False

    def describe(self) -> str:
        """The target as the results table prints it."""
        if self.limit is not None:
            return f"< {self.limit:g}"
        if self.ratio is None:
            return "(info)"
        sign = "≥" if self.higher_is_better else "≤"
        return f"{sign} {self.ratio:g}x httpx"

    def met(self, sdk: float, base: float) -> Optional[bool]:
        """Whether the SDK's value meets the target (None if there is none)."""
        if self.limit is not None:
            return sdk < self.limit
        if self.ratio is None:
            return None
        ratio = sdk / base if base else float("inf")
        return ratio >= self.ratio if self.higher_is_better else ratio <= self.ratio


@dataclass(frozen=True)
class Metric:
    """One reported number of a scenario."""

    key: str
    label: str
    target: Target = field(default_factory=Target)


@dataclass(frozen=True)
class Variant:
    """One row group of the table: a scenario module run in one mode with fixed parameters."""

    key: str
    title: str
    module: str
    mode: str
    metrics: tuple[Metric, ...]
    params: dict[str, Any] = field(default_factory=dict)
    reps: Optional[int] = None

    def function(self, side: str) -> str:
        """The scenario module's function for `side` ("sdk" or "httpx")."""
        return f"{side}_{self.mode}"


def _events(floor: float) -> tuple[Metric, ...]:
    return (
        Metric("events_per_s", "events/s", Target(ratio=floor, higher_is_better=True)),
        Metric("rss_growth_mb", "peak RSS growth (MB)"),
    )


_LATENCY = (
    Metric("median_ms", "median latency (ms)", Target(ratio=1.2)),
    Metric("p99_ms", "p99 latency (ms)", Target(ratio=1.2)),
)
_PACED = (
    Metric("ttfe_ms", "call → first event (ms)", Target(ratio=1.5)),
    Metric("lag_max_ms", "max lag server → user code (ms)", Target(limit=2.0)),
    Metric("lag_p50_ms", "median lag (ms)"),
)
_UPLOAD = (
    Metric("wall_s", "wall time (s)", Target(ratio=1.2)),
    Metric("rss_growth_mb", "peak RSS growth (MB)", Target(limit=8.0)),
)
_LISTING = (
    Metric("median_ms", "median time per listing (ms)", Target(ratio=1.2)),
    Metric("p90_ms", "p90 time per listing (ms)"),
    # CPU time says the same on a loaded machine, where wall time also counts waiting for a core.
    Metric("cpu_s", "client CPU over the timed listings (s)"),
)
STREAM = {"events": 50_000}
IMPORT = "import"

VARIANTS: tuple[Variant, ...] = (
    Variant("stream-async", "50,000-event stream, one write per event, async", "streams", "async",
            _events(1.0), {"mode": "events", **STREAM}),
    Variant("stream-sync", "50,000-event stream, one write per event, sync", "streams", "sync",
            _events(1.0), {"mode": "events", **STREAM}),
    Variant("packed-async", "50,000-event stream in 64 KiB chunks, async", "streams", "async",
            _events(1.0), {"mode": "packed", **STREAM}),
    Variant("packed-sync", "50,000-event stream in 64 KiB chunks, sync", "streams", "sync",
            _events(1.0), {"mode": "packed", **STREAM}),
    # p99 of 500 is the 5th-worst call: more repetitions steady its median.
    Variant("calls-async", "500 sequential small calls, async", "calls", "async",
            _LATENCY, {"calls": 500}, reps=9),
    Variant("calls-sync", "500 sequential small calls, sync", "calls", "sync",
            _LATENCY, {"calls": 500}, reps=9),
    Variant("concurrent-async", "200 concurrent streams x 200 events, one client, async",
            "concurrent", "async",
            (Metric("wall_s", "wall time (s)", Target(ratio=1.2)),
             Metric("rss_growth_mb", "peak RSS growth (MB)", Target(ratio=1.2))),
            {"streams": 200, "events": 200}),
    Variant("paced-async", "paced stream, one event per 200 ms, async", "paced", "async",
            _PACED, {"events": 6}, reps=3),
    Variant("paced-sync", "paced stream, one event per 200 ms, sync", "paced", "sync",
            _PACED, {"events": 6}, reps=3),
    Variant("upload-async", "19 MB file upload, async", "upload", "async", _UPLOAD),
    Variant("upload-sync", "19 MB file upload, sync", "upload", "sync", _UPLOAD),
    # The SDK side reads through sketricgen.relay (its own process) what httpx reads directly.
    Variant("relay-async", "50,000-event stream relayed as AG-UI (relay process) vs direct",
            "relay", "async",
            (Metric("wall_s", "wall time (s)", Target(ratio=1.3)),
             Metric("serving_cpu_s", "CPU of the process read from: relay / server (s)"),
             Metric("serving_rss_growth_mb", "its peak RSS growth (MB)", Target(limit=8.0))),
            {"events": 50_000}),
    # 18 MB of events: more than the sockets between the processes hold, so a relay that
    # buffered what SketricGen sends while the reader sleeps would grow by about that much.
    Variant("relay-slow-async", "200,000-event stream relayed, the reader stopping 4 s after "
            "100 events", "relay", "async",
            (Metric("serving_rss_growth_mb", "peak RSS growth of the relay / server (MB)",
                    Target(limit=8.0)),
             Metric("wall_s", "wall time (s)")),
            {"events": 200_000, "slow": True, "pause_s": 4.0}, reps=3),
    # The Admin API: one listing is 20 GETs of 50 agents each, followed by next_token.
    Variant("admin-list-async", "list 1,000 agents over 20 pages (limit 50), async", "admin",
            "async", _LISTING, {"listings": 20, "limit": 50}),
    Variant("admin-list-sync", "list 1,000 agents over 20 pages (limit 50), sync", "admin",
            "sync", _LISTING, {"listings": 20, "limit": 50}),
    Variant(IMPORT, "`import sketricgen`, fresh interpreter (httpx: `import httpx, pydantic`)",
            IMPORT, IMPORT,
            (Metric("import_ms", "import time (ms)", Target(ratio=1.15)),
             # The same target for what a user pays before the first call (lazy loading
             # moves the cost of `import sketricgen` here).
             Metric("ready_ms", "… + `from sketricgen import SketricGenClient` (ms)",
                    Target(ratio=1.15)),
             Metric("rss_growth_mb", "RSS growth of the above (MB)"),
             Metric("first_call_ms", "… + a first small call on a new client (ms)")),
            reps=5),
)  # fmt: skip


def variant(key: str) -> Variant:
    """The variant named `key`."""
    for one in VARIANTS:
        if one.key == key:
            return one
    raise KeyError(f"no scenario {key!r}; known: {', '.join(v.key for v in VARIANTS)}")
