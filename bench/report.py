"""Turn the measurements into the results table (Markdown) and its notes."""

from __future__ import annotations

import statistics
from dataclasses import dataclass, field
from typing import Any, Optional

from .scenarios import IMPORT, Metric, Variant

SIDES = ("sdk", "httpx")


@dataclass
class Outcome:
    """Every repetition of one variant on one side, or why there are none."""

    runs: list[dict[str, float]] = field(default_factory=list)
    status: str = "ok"  # ok | unavailable | error
    reason: str = ""

    def median(self, key: str) -> Optional[float]:
        """The median of `key` over the repetitions, or None without any."""
        values = [run[key] for run in self.runs if key in run]
        return statistics.median(values) if values else None


Results = dict[str, dict[str, Outcome]]


def _fmt(value: Optional[float], key: str) -> str:
    if value is None:
        return "—"
    if key.endswith("per_s"):
        return f"{value:,.0f}"
    if key.endswith("_mb"):
        return f"{value:.1f}"
    if key.endswith("_ms"):
        return f"{value:.3g}" if value < 100 else f"{value:.0f}"
    return f"{value:.3f}"


def verdict(metric: Metric, sdk: Optional[float], base: Optional[float]) -> str:
    """`met`, `**MISSED**`, `info`, or why the row cannot be judged."""
    if sdk is None or base is None:
        return "not measurable yet" if base is not None else "no baseline"
    met = metric.target.met(sdk, base)
    if met is None:
        return "info"
    return "met" if met else "**MISSED**"


def missed(variant: Variant, results: Results) -> bool:
    """True if any metric of `variant` misses its target."""
    sdk, base = results[variant.key]["sdk"], results[variant.key]["httpx"]
    return any(
        verdict(m, sdk.median(m.key), base.median(m.key)) == "**MISSED**" for m in variant.metrics
    )


def table(variants: tuple[Variant, ...], results: Results) -> list[str]:
    """The main table: one line per metric of each variant."""
    lines = [
        "| scenario | measure | SDK | httpx | SDK/httpx | target | result |",
        "|---|---|--:|--:|--:|---|---|",
    ]
    for variant in variants:
        sdk, base = results[variant.key]["sdk"], results[variant.key]["httpx"]
        for i, metric in enumerate(variant.metrics):
            a, b = sdk.median(metric.key), base.median(metric.key)
            ratio = f"{a / b:.2f}x" if a is not None and b else "—"
            sdk_cell = _fmt(a, metric.key) if sdk.status == "ok" else f"n/a ({sdk.status})"
            lines.append(
                f"| {variant.title if i == 0 else ''} | {metric.label} | {sdk_cell} | "
                f"{_fmt(b, metric.key)} | {ratio} | {metric.target.describe()} | "
                f"{verdict(metric, a, b)} |"
            )
    return lines


def server_table(variants: tuple[Variant, ...], results: Results) -> list[str]:
    """The server's and the client's CPU use during each timed section (medians)."""
    lines = [
        "| scenario | side | timed wall (s) | server CPU (s) | server busy | client CPU busy |",
        "|---|---|--:|--:|--:|--:|",
    ]
    for variant in variants:
        if variant.key == IMPORT:
            continue
        for side in SIDES:
            out = results[variant.key][side]
            wall, server, cpu = (out.median(k) for k in ("wall_s", "server_cpu_s", "cpu_s"))
            if wall is None or server is None or cpu is None:
                continue
            lines.append(
                f"| {variant.key} | {side} | {wall:.3f} | {server:.3f} | "
                f"{server / wall:.0%} | {cpu / wall:.0%} |"
            )
    return lines


def unavailable(variants: tuple[Variant, ...], results: Results) -> list[str]:
    """Why each SDK row without numbers has none."""
    lines = []
    for variant in variants:
        for side in SIDES:
            out = results[variant.key][side]
            if out.status != "ok":
                lines.append(f"- `{variant.key}` ({side}, {out.status}): {out.reason}")
    return lines


def raw(variants: tuple[Variant, ...], results: Results) -> dict[str, Any]:
    """Every repetition, for the JSON results file."""
    return {
        v.key: {
            side: {
                "status": results[v.key][side].status,
                "reason": results[v.key][side].reason,
                "runs": results[v.key][side].runs,
            }
            for side in SIDES
        }
        for v in variants
    }
