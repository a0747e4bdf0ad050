"""``make bench``: every scenario for the SDK and for plain httpx, alternating, in fresh processes.

Starts the benchmark server, measures each variant ``reps`` times per side
(each measurement in its own worker process, the SDK and httpx taking turns
going first), prints the table and writes ``bench/results/latest.md`` and
``latest.json``. SDK rows that miss a target are profiled into
``bench/results/profiles/``.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from collections import Counter
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Optional

from . import coldstart, machine, report, wire
from .report import SIDES, Outcome, Results
from .scenarios import IMPORT, VARIANTS, Variant

RESULTS = Path(__file__).parent / "results"
PROFILES = RESULTS / "profiles"
DEFAULT_REPS = 5
UPLOAD_BYTES = 19 * 1024 * 1024
WORKER_TIMEOUT = 120

# Run with `python -c` in a fresh interpreter: nothing imported before the timed import.
# `then` is what a user's next line costs on top (the SDK may load lazily); `first` is
# a first small run on a new client (cold start: what a CLI or a serverless call pays).
_IMPORT_SNIPPET = """
import time
def kib(field):
    with open('/proc/self/status') as status:
        for line in status:
            if line.startswith(field):
                return int(line.split()[1])
base = kib('VmRSS')
start = time.perf_counter()
{statement}
imported = time.perf_counter() - start
{then}
ready = time.perf_counter() - start
peak = kib('VmHWM')
{first}
first = time.perf_counter() - start
import json
print(json.dumps({{'import_ms': imported * 1000, 'ready_ms': ready * 1000,
                  'first_call_ms': first * 1000, 'rss_growth_mb': (peak - base) / 1024}}))
"""
_IMPORTS = {
    "sdk": ("import sketricgen", "from sketricgen import SketricGenClient"),
    "httpx": ("import httpx, pydantic", "pass"),
}
_FIRST_CALL = {
    "sdk": "SketricGenClient(api_key={key!r}, base_url={base!r}).run_workflow_sync("
    "agent_id={agent!r}, user_input='Hello, how are you?')",
    "httpx": "httpx.Client(headers={{'API-KEY': {key!r}}}).post({base!r} + '/api/v1/run-workflow', "
    "json={{'agent_id': {agent!r}, 'user_input': 'Hello, how are you?', 'stream': False}}).json()",
}


class Bench:
    """One benchmark run: the server, the files, and every measurement taken."""

    def __init__(self, workdir: str, profile: bool) -> None:
        self.workdir = workdir
        self.profile = profile
        self.file = os.path.join(workdir, "bench-19mb.pdf")
        self.warm_file = os.path.join(workdir, "warm.pdf")
        self.server: Optional[subprocess.Popen[str]] = None
        self.base_url = ""

    def __enter__(self) -> Bench:
        with open(self.file, "wb") as out:
            out.write(b"%PDF-1.7\n" + os.urandom(UPLOAD_BYTES - 9))
        with open(self.warm_file, "wb") as out:
            out.write(b"%PDF-1.7\n" + b"0" * 1024)
        self.server = subprocess.Popen(
            [sys.executable, "-m", "bench.server", "--watch-stdin"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert self.server.stdout is not None
        line = self.server.stdout.readline().split()
        if len(line) != 2 or line[0] != "PORT":
            raise RuntimeError(f"the benchmark server did not start (said {line!r})")
        self.base_url = f"http://127.0.0.1:{line[1]}"
        return self

    def __exit__(self, *exc: object) -> None:
        if self.server is not None:
            self.server.terminate()
            self.server.wait(timeout=10)

    def measure(self, variant: Variant, side: str, profile_to: Optional[str] = None) -> Outcome:
        """One measurement of `variant` on `side`, in a fresh process."""
        if variant.key == IMPORT:
            statement, then = _IMPORTS[side]
            first = _FIRST_CALL[side].format(
                key=wire.API_KEY, base=self.base_url, agent=wire.SMALL_AGENT
            )
            code = _IMPORT_SNIPPET.format(statement=statement, then=then, first=first)
            command = [sys.executable, "-c", code]
        else:
            assert self.server is not None
            command = [
                sys.executable, "-m", "bench.worker", variant.key, side,
                "--base-url", self.base_url, "--server-pid", str(self.server.pid),
                "--file", self.file, "--warm-file", self.warm_file,
            ]  # fmt: skip
            if profile_to:
                command += ["--profile", profile_to]
        done = subprocess.run(
            command, capture_output=True, text=True, timeout=WORKER_TIMEOUT, check=False
        )
        lines = done.stdout.strip().splitlines()
        if done.returncode != 0 or not lines:
            tail = (done.stderr.strip().splitlines() or ["no output"])[-1]
            return Outcome(status="error", reason=f"exit {done.returncode}: {tail}")
        answer: dict[str, Any] = json.loads(lines[-1])
        if variant.key == IMPORT:
            return Outcome(runs=[answer])
        if answer["status"] != "ok":
            return Outcome(status=answer["status"], reason=answer.get("reason", ""))
        return Outcome(runs=[answer["metrics"]])

    def run(self, variant: Variant, reps: int) -> dict[str, Outcome]:
        """`reps` measurements per side, alternating which side goes first."""
        outcomes = {side: Outcome() for side in SIDES}
        for rep in range(reps):
            for side in SIDES if rep % 2 == 0 else SIDES[::-1]:
                if outcomes[side].status != "ok":
                    continue  # unavailable or failing: once is enough to know
                one = self.measure(variant, side)
                if one.status == "ok":
                    outcomes[side].runs.extend(one.runs)
                else:
                    outcomes[side] = one
        return outcomes

    def profile_sdk(self, variant: Variant) -> str:
        """Profile the SDK side of `variant`; return the profile's path."""
        PROFILES.mkdir(parents=True, exist_ok=True)
        path = PROFILES / f"{variant.key}.txt"
        if variant.key == IMPORT:
            path.write_text(import_profile())
        else:
            outcome = self.measure(variant, "sdk", profile_to=str(path))
            if outcome.status != "ok":
                path.write_text(f"profiling failed: {outcome.reason}\n")
        return os.path.relpath(path)


def import_profile(limit: int = 40) -> str:
    """`python -X importtime` of the SDK's import and client, the slowest modules first."""
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", "; ".join(_IMPORTS["sdk"])],
        capture_output=True,
        text=True,
        check=True,
    )
    rows = []
    for line in done.stderr.splitlines():
        parts = line.split("|")
        if len(parts) == 3 and parts[0].strip().startswith("import time:"):
            try:
                rows.append((int(parts[1]), int(parts[0].split(":")[1]), parts[2].rstrip()))
            except ValueError:
                continue  # the header line
    rows.sort(reverse=True)
    lines = [
        f"python -X importtime -c {'; '.join(_IMPORTS['sdk'])!r}",
        "cumulative µs | self µs | module",
    ]
    lines += [f"{cum:>12} | {own:>7} | {name}" for cum, own, name in rows[:limit]]
    return "\n".join(lines) + "\n"


def _progress(variant: Variant, outcomes: dict[str, Outcome]) -> str:
    cells = []
    for side in SIDES:
        out = outcomes[side]
        if out.status != "ok":
            cells.append(f"{side}: {out.status}")
            continue
        first = variant.metrics[0]
        value = out.median(first.key)
        cells.append(f"{side}: {value:.4g} {first.label}" if value is not None else f"{side}: —")
    return f"  {variant.key:<18} " + " | ".join(cells)


def write(
    results: Results,
    variants: tuple[Variant, ...],
    profiles: dict[str, str],
    meta: dict[str, Any],
    output: Path,
    cold: Optional[dict[str, Any]] = None,
) -> str:
    """Write the Markdown and JSON results; return the Markdown."""
    lines = [
        "# sketricgen benchmark: the SDK against plain httpx",
        "",
        f"Run {meta['date']} by `make bench`, {meta['wall_s']:.0f} s of wall time; "
        f"{meta['reps']}. Each measurement ran in its own fresh process against the local "
        "benchmark server (`bench/server.py`), the SDK and httpx taking turns going first; "
        "each cell is the median over the repetitions. Peak RSS growth is the kernel's "
        "high-water mark (reset just before the timed section) minus the RSS at its start.",
        "",
        "## Machine",
        "",
        *(f"- {label}: {value}" for label, value in meta["machine"]),
        "",
    ]
    if variants:
        lines += [
            "## Results",
            "",
            *report.table(variants, results),
            "",
            "## Server and client CPU during the timed sections",
            "",
            "The server runs in its own process; `server busy` is its CPU time over the timed "
            "wall time (100% would mean one core saturated: the server would be the bottleneck).",
            "",
            *report.server_table(variants, results),
            "",
        ]
    if cold:
        lines += [
            "## Cold start: the SDK against the incumbent",
            "",
            "Each cell is the median over fresh processes (`bench/coldstart.py`): the parent "
            "times the whole process, spawn to exit; the child reports its peak RSS. The "
            f"incumbent is `sketricgen` {coldstart.INCUMBENT_VERSION} from PyPI in its own "
            "venv, this SDK in another with its runtime dependencies only (`make bench-venvs`); "
            "plain httpx (in the SDK's venv) does the same HTTP work without models. "
            "`bench/COLDSTART.md` says where the time goes and which levers were chosen.",
            "",
            *coldstart.table(cold),
            "",
            *coldstart.notes(cold),
        ]
    gaps = report.unavailable(variants, results)
    if gaps:
        lines += ["## Rows not measurable yet", "", *gaps, ""]
    if profiles:
        lines += ["## Profiles of rows that miss their target", ""]
        lines += [f"- `{key}`: `{path}`" for key, path in profiles.items()]
        lines.append("")
    text = "\n".join(lines)
    output.parent.mkdir(parents=True, exist_ok=True)
    for path, content in (
        (output, text),
        (
            output.with_suffix(".json"),
            json.dumps(
                {
                    **meta,
                    "results": report.raw(variants, results),
                    "coldstart": coldstart.raw(cold or {}),
                },
                indent=1,
            ),
        ),
    ):
        tmp = path.with_name(path.name + ".tmp")
        tmp.write_text(content + "\n")
        os.replace(tmp, path)
    return text


def main() -> None:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--reps", type=int, help=f"repetitions per side (default {DEFAULT_REPS})")
    parser.add_argument("--only", help="comma-separated scenario keys")
    parser.add_argument("--no-profile", action="store_true", help="skip profiling missed rows")
    parser.add_argument("--output", type=Path, default=RESULTS / "latest.md")
    args = parser.parse_args()
    chosen = VARIANTS
    cold_keys = coldstart.KEYS
    if args.only:
        keys = set(args.only.split(","))
        chosen = tuple(v for v in VARIANTS if v.key in keys)
        cold_keys = tuple(k for k in coldstart.KEYS if k in keys)
    started = time.perf_counter()
    results: Results = {}
    profiles: dict[str, str] = {}
    reps_used: Counter[int] = Counter()
    with (
        tempfile.TemporaryDirectory(prefix="sketricgen-bench-") as workdir,
        Bench(workdir, profile=not args.no_profile) as bench,
    ):
        count = len(chosen) + len(cold_keys)
        print(f"benchmark server at {bench.base_url}; {count} scenarios", flush=True)
        for variant in chosen:
            reps = args.reps or variant.reps or DEFAULT_REPS
            reps_used[reps] += 1
            results[variant.key] = bench.run(variant, reps)
            print(_progress(variant, results[variant.key]), flush=True)
        cold_reps = args.reps or coldstart.DEFAULT_REPS
        if cold_keys:
            reps_used[cold_reps] += len(cold_keys)
        cold = coldstart.run(bench.base_url, cold_reps, cold_keys)
        for key, sides in cold.items():
            print(f"  {key:<18} " + coldstart.progress(sides), flush=True)
        if not args.no_profile:
            for variant in chosen:
                (PROFILES / f"{variant.key}.txt").unlink(missing_ok=True)
                if report.missed(variant, results):
                    print(f"  profiling the SDK side of {variant.key}", flush=True)
                    profiles[variant.key] = bench.profile_sdk(variant)
    meta = {
        "date": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "wall_s": time.perf_counter() - started,
        "reps": ", ".join(
            f"{n} repetitions per side for {c} scenarios" for n, c in sorted(reps_used.items())
        ),
        "machine": machine.describe(),
    }
    print()
    print(write(results, chosen, profiles, meta, args.output, cold))
    json_path = os.path.relpath(args.output.with_suffix(".json"))
    print(f"\nwritten to {os.path.relpath(args.output)} and {json_path}")


if __name__ == "__main__":
    main()
