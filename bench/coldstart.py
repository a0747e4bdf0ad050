"""Cold start: a fresh process that imports the SDK, makes a client and does one run.

Three sides run the same program in their own interpreter: this SDK, the
incumbent ``sketricgen`` 0.3.0 from PyPI (its own venv, `make bench-incumbent`:
both import as ``sketricgen``) and plain httpx. Each measurement is one whole
process, timed by the parent from spawn to exit; the child reports its own
peak RSS (the kernel's high-water mark) and, for the ``loop`` scenario, how
long the first async call blocked the event loop: a 1 ms ticker task runs
beside it, and the largest CPU time the loop's thread spent between two ticks
is the longest block (the wall-clock gap is shown too: on a loaded machine it
also counts time spent waiting for a core). Targets: the SDK's time at most
0.8x the incumbent's, its peak memory at most the incumbent's, the loop
blocked under 20 ms.

`python -m bench.coldstart` counts the instructions each side executes instead
(valgrind, one process each): the work done, which the machine's load does not
change, where times on a shared machine vary from run to run.
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Optional

from . import wire

SIDES = ("sdk", "incumbent", "httpx")
INCUMBENT_VERSION = "0.3.0"
# Two venvs with runtime dependencies only (a developer's .venv has rich and click,
# which `import httpx` loads when present): this project installed editable, and the
# incumbent. `make bench-venvs` creates both.
VENVS = {
    "sdk": Path(__file__).parent / ".venv-coldstart",
    "httpx": Path(__file__).parent / ".venv-coldstart",
    "incumbent": Path(__file__).parent / ".venv-incumbent",
}
DEFAULT_REPS = 9
STREAM_EVENTS = 50
TICK_S = 0.001
TIMEOUT_S = 60
PROMPT = "Hello, how are you?"

# Every child ends by printing one JSON line of what it measured itself.
_TAIL = """
import json as _json, resource as _resource, sys as _sys
try:  # the kernel's high-water mark of this process image (getrusage's survives exec)
    with open("/proc/self/status") as _status:
        _peak_mb = [int(l.split()[1]) for l in _status if l.startswith("VmHWM:")][0] / 1024
except OSError:
    _peak = _resource.getrusage(_resource.RUSAGE_SELF).ru_maxrss
    _peak_mb = _peak / 1024 / (1024 if _sys.platform == "darwin" else 1)
print(_json.dumps({"peak_rss_mb": _peak_mb, **RESULT}))
"""

# The ticker runs beside the first async call; its longest gap is the longest block.
# (`@...@` are filled in first; the braces are for the later `format`.)
_LOOP = """
import asyncio, time
@IMPORTS@
async def main():
    state = {{"gap": 0.0, "cpu": 0.0, "stop": False}}
    async def ticker():
        last, last_cpu = time.perf_counter(), time.thread_time()
        while not state["stop"]:
            await asyncio.sleep(@TICK@)
            now, now_cpu = time.perf_counter(), time.thread_time()
            state["gap"] = max(state["gap"], now - last)
            state["cpu"] = max(state["cpu"], now_cpu - last_cpu)
            last, last_cpu = now, now_cpu
    task = asyncio.create_task(ticker())
    await asyncio.sleep(0)
@CALL@
    state["stop"] = True
    await task
    return state
STATE = asyncio.run(main())
RESULT = {{"loop_gap_ms": STATE["gap"] * 1000, "loop_cpu_ms": STATE["cpu"] * 1000}}
"""


def _loop(imports: str, call: str) -> str:
    return (
        _LOOP.replace("@IMPORTS@", imports).replace("@TICK@", str(TICK_S)).replace("@CALL@", call)
    )


_PROGRAMS: dict[tuple[str, str], str] = {
    ("sdk", "call"): """
from sketricgen import SketricGenClient
with SketricGenClient(api_key={key!r}, base_url={base!r}) as client:
    answer = client.run_workflow_sync(agent_id={agent!r}, user_input={prompt!r})
assert answer.response
RESULT = {{}}
""",
    ("incumbent", "call"): """
from sketricgen import SketricGenClient
client = SketricGenClient(api_key={key!r})
client._config.base_url = {base!r}  # 0.3.0 has no base_url option
answer = client.run_workflow_sync({agent!r}, {prompt!r})
assert answer.response
RESULT = {{}}
""",
    ("httpx", "call"): """
import httpx
with httpx.Client(headers={{"API-KEY": {key!r}}}) as http:
    answer = http.post({base!r} + "/api/v1/run-workflow",
                       json={{"agent_id": {agent!r}, "user_input": {prompt!r}, "stream": False}})
    answer.raise_for_status()
assert answer.json()["response"]
RESULT = {{}}
""",
    ("sdk", "stream"): """
import json
from sketricgen import SketricGenClient
count = 0
with SketricGenClient(api_key={key!r}, base_url={base!r}) as client:
    for event in client.run_workflow_sync(agent_id={stream!r}, user_input={prompt!r},
                                          stream=True):
        json.loads(event.data)
        count += 1
assert count == {events}, count
RESULT = {{}}
""",
    ("incumbent", "stream"): """
import json
from sketricgen import SketricGenClient
client = SketricGenClient(api_key={key!r})
client._config.base_url = {base!r}
count = 0
for event in client.run_workflow_sync({stream!r}, {prompt!r}, stream=True):
    json.loads(event.data)
    count += 1
assert count == {events}, count
RESULT = {{}}
""",
    ("httpx", "stream"): """
import json, httpx
count = 0
with httpx.Client(headers={{"API-KEY": {key!r}}}) as http:
    with http.stream("POST", {base!r} + "/api/v1/run-workflow",
                     json={{"agent_id": {stream!r}, "user_input": {prompt!r}, "stream": True}},
                     timeout=None) as answer:
        answer.raise_for_status()
        for line in answer.iter_lines():
            if line.startswith("data:"):
                json.loads(line[5:])
                count += 1
assert count == {events}, count
RESULT = {{}}
""",
    ("sdk", "loop"): _loop(
        "from sketricgen import SketricGenClient",
        """    async with SketricGenClient(api_key={key!r}, base_url={base!r}) as client:
        answer = await client.run_workflow(agent_id={agent!r}, user_input={prompt!r})
    assert answer.response""",
    ),
    ("incumbent", "loop"): _loop(
        "from sketricgen import SketricGenClient",
        """    client = SketricGenClient(api_key={key!r})
    client._config.base_url = {base!r}
    answer = await client.run_workflow({agent!r}, {prompt!r})
    assert answer.response""",
    ),
    ("httpx", "loop"): _loop(
        "import httpx",
        """    async with httpx.AsyncClient(headers={{"API-KEY": {key!r}}}) as http:
        answer = await http.post({base!r} + "/api/v1/run-workflow",
            json={{"agent_id": {agent!r}, "user_input": {prompt!r}, "stream": False}})
        answer.raise_for_status()
    assert answer.json()["response"]""",
    ),
}


@dataclass(frozen=True)
class Row:
    """One cold-start scenario and the metrics its table rows show."""

    key: str
    scenario: str
    title: str
    metrics: tuple[tuple[str, str, Optional[float], Optional[float]], ...]
    # (metric key, label, ratio target against the incumbent, absolute limit)


ROWS = (
    Row("coldstart-call", "call",
        "fresh process: import, client, one non-streamed call (sync)",
        (("wall_ms", "process wall time (ms)", 0.8, None),
         ("cpu_ms", "process CPU time (ms)", None, None),
         ("peak_rss_mb", "peak RSS (MB)", 1.0, None))),
    Row("coldstart-stream", "stream",
        f"fresh process: import, client, one streamed run of {STREAM_EVENTS} events (sync)",
        (("wall_ms", "process wall time (ms)", 0.8, None),
         ("cpu_ms", "process CPU time (ms)", None, None),
         ("peak_rss_mb", "peak RSS (MB)", 1.0, None))),
    Row("coldstart-loop", "loop",
        "fresh process: the first async call, beside a 1 ms ticker task",
        (("loop_cpu_ms", "longest event-loop block: the loop thread's CPU time "
                         "between two ticks (ms)", None, 20.0),
         ("loop_gap_ms", "longest wall-clock gap between two ticks (ms)", None, None),
         ("wall_ms", "process wall time (ms)", 0.8, None))),
)  # fmt: skip
KEYS = tuple(row.key for row in ROWS)


@dataclass
class Side:
    """Every repetition of one row on one side, or why there are none."""

    runs: list[dict[str, float]] = field(default_factory=list)
    status: str = "ok"
    reason: str = ""

    def median(self, key: str) -> Optional[float]:
        """The median of `key` over the repetitions, or None."""
        values = [run[key] for run in self.runs if key in run]
        return statistics.median(values) if values else None


def _interpreter(side: str) -> Optional[str]:
    python = VENVS[side] / "bin" / "python"
    return str(python) if python.exists() else None


def _environment(side: str) -> dict[str, str]:
    # No SKETRICGEN_* setting of the caller's may change what a side does, and the
    # incumbent's venv must not see a PYTHONPATH meant for this project.
    env = {k: v for k, v in os.environ.items() if not k.startswith("SKETRICGEN_")}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    if side == "incumbent":
        env.pop("PYTHONPATH", None)
    return env


def program(side: str, scenario: str, base_url: str) -> str:
    """The child's source for `side` running `scenario` against `base_url`."""
    body = _PROGRAMS[(side, scenario)].format(
        key=wire.API_KEY,
        base=base_url,
        agent=wire.SMALL_AGENT,
        stream=wire.stream_agent("events", STREAM_EVENTS),
        events=STREAM_EVENTS,
        prompt=PROMPT,
    )
    return body + _TAIL


def measure_once(side: str, scenario: str, base_url: str) -> dict[str, float]:
    """One fresh process; raises RuntimeError with the child's last words if it fails."""
    python = _interpreter(side)
    if python is None:
        raise FileNotFoundError(f"no {VENVS[side].name}: run `make bench-venvs`")
    code = program(side, scenario, base_url)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(
        [python, "-c", code],
        capture_output=True,
        text=True,
        timeout=TIMEOUT_S,
        env=_environment(side),
        check=False,
    )
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    lines = done.stdout.strip().splitlines()
    if done.returncode != 0 or not lines:
        tail = (done.stderr.strip().splitlines() or ["no output"])[-1]
        raise RuntimeError(f"exit {done.returncode}: {tail}")
    result: dict[str, float] = json.loads(lines[-1])
    return {"wall_ms": wall * 1000, "cpu_ms": cpu * 1000, **result}


def run(base_url: str, reps: int = DEFAULT_REPS, keys: tuple[str, ...] = KEYS) -> dict[str, Any]:
    """Every chosen row, `reps` fresh processes per side, the sides rotating who goes first."""
    results: dict[str, dict[str, Side]] = {}
    for row in ROWS:
        if row.key not in keys:
            continue
        sides = {side: Side() for side in SIDES}
        for side in SIDES:  # one untimed run each: bytecode caches written, files in cache
            try:
                measure_once(side, row.scenario, base_url)
            except FileNotFoundError as exc:
                sides[side] = Side(status="unavailable", reason=str(exc))
            except (RuntimeError, subprocess.TimeoutExpired) as exc:
                sides[side] = Side(status="error", reason=str(exc))
        for rep in range(reps):
            turn = SIDES[rep % len(SIDES) :] + SIDES[: rep % len(SIDES)]
            for side in turn:
                if sides[side].status != "ok":
                    continue
                try:
                    sides[side].runs.append(measure_once(side, row.scenario, base_url))
                except (RuntimeError, subprocess.TimeoutExpired) as exc:
                    sides[side] = Side(status="error", reason=str(exc))
        results[row.key] = sides
    return results


def _fmt(value: Optional[float], key: str) -> str:
    if value is None:
        return "—"
    return f"{value:.1f}" if key.endswith("_mb") or value >= 100 else f"{value:.3g}"


def table(results: dict[str, Any]) -> list[str]:
    """The cold-start table (Markdown lines): SDK against the incumbent, httpx for reference."""
    lines = [
        f"| scenario | measure | SDK | incumbent {INCUMBENT_VERSION} | plain httpx "
        "| SDK/incumbent | target | result |",
        "|---|---|--:|--:|--:|--:|---|---|",
    ]
    for row in ROWS:
        if row.key not in results:
            continue
        sides: dict[str, Side] = results[row.key]
        for i, (key, label, ratio, limit) in enumerate(row.metrics):
            sdk, old = sides["sdk"].median(key), sides["incumbent"].median(key)
            cells = [
                _fmt(sides[s].median(key), key)
                if sides[s].status == "ok"
                else f"n/a ({sides[s].status})"
                for s in SIDES
            ]
            rel = f"{sdk / old:.2f}x" if sdk is not None and old else "—"
            if limit is not None:
                target, met = f"< {limit:g}", None if sdk is None else sdk < limit
            elif ratio is not None:
                target = f"≤ {ratio:g}x incumbent"
                met = None if sdk is None or not old else sdk / old <= ratio
            else:
                target, met = "(info)", None
            verdict = "no baseline" if met is None and target != "(info)" else "info"
            if met is not None:
                verdict = "met" if met else "**MISSED**"
            lines.append(
                f"| {row.title if i == 0 else ''} | {label} | {' | '.join(cells)} | {rel} "
                f"| {target} | {verdict} |"
            )
    return lines


def notes(results: dict[str, Any]) -> list[str]:
    """Why a side has no numbers."""
    return [
        f"- `{key}` ({side}, {one.status}): {one.reason}"
        for key, sides in results.items()
        for side, one in sides.items()
        if one.status != "ok"
    ]


def raw(results: dict[str, Any]) -> dict[str, Any]:
    """Every repetition, for the JSON results file."""
    return {
        key: {
            side: {"status": s.status, "reason": s.reason, "runs": s.runs}
            for side, s in sides.items()
        }
        for key, sides in results.items()
    }


def progress(sides: dict[str, Side]) -> str:
    """One line of progress: each side's median process wall time."""
    cells = []
    for side, one in sides.items():
        value = one.median("wall_ms")
        shown = f"{value:.0f} ms" if one.status == "ok" and value is not None else one.status
        cells.append(f"{side}: {shown}")
    return " | ".join(cells)


# -- instruction counts: the CPU work, whatever else the machine is doing -------------------

_VALGRIND = ("valgrind", "--tool=cachegrind", "--cache-sim=no", "--cachegrind-out-file=/dev/null")


def instructions(side: str, scenario: str, base_url: str) -> float:
    """Millions of instructions one fresh process executes (valgrind's count, deterministic).

    Wall and CPU time on a shared machine vary with its load; the count of
    instructions does not, so it compares the work each side does.
    """
    python = _interpreter(side)
    if python is None:
        raise FileNotFoundError(f"no {VENVS[side].name}: run `make bench-venvs`")
    code = program(side, scenario, base_url)
    env = {**_environment(side), "PYTHONHASHSEED": "0"}
    run_ = functools.partial(
        subprocess.run, capture_output=True, text=True, env=env, check=False, timeout=600
    )
    run_([python, "-c", code])  # bytecode caches written first
    done = run_([*_VALGRIND, python, "-c", code])
    found = re.search(r"I\s+refs:\s+([\d,]+)", done.stderr)
    if done.returncode != 0 or found is None:
        raise RuntimeError(f"valgrind said: {done.stderr.strip()[-300:]}")
    return int(found.group(1).replace(",", "")) / 1e6


def main() -> None:
    """`python -m bench.coldstart`: the instruction count of each side, once (needs valgrind)."""
    parser = argparse.ArgumentParser(description=main.__doc__)
    parser.add_argument("--scenarios", default="call,stream", help="call, stream, loop")
    options = parser.parse_args()
    if shutil.which("valgrind") is None:
        raise SystemExit("valgrind is not installed")
    server = subprocess.Popen(
        [sys.executable, "-m", "bench.server", "--watch-stdin"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert server.stdout is not None
        base_url = f"http://127.0.0.1:{server.stdout.readline().split()[1]}"
        print("| scenario | SDK | incumbent | plain httpx | SDK/incumbent |")
        print("|---|--:|--:|--:|--:|")
        for scenario in options.scenarios.split(","):
            counts = {side: instructions(side, scenario, base_url) for side in SIDES}
            print(
                f"| {scenario} | {counts['sdk']:.0f} M | {counts['incumbent']:.0f} M "
                f"| {counts['httpx']:.0f} M | {counts['sdk'] / counts['incumbent']:.2f}x |",
                flush=True,
            )
    finally:
        server.terminate()
        server.wait(timeout=10)


if __name__ == "__main__":
    main()
