"""What a worker measures around its timed section: wall time, CPU, peak RSS growth."""

from __future__ import annotations

import gc
import math
import resource
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Optional

_STATUS = Path("/proc/self/status")
_CLEAR_REFS = Path("/proc/self/clear_refs")


class UnavailableError(Exception):
    """The SDK does not offer what this scenario needs yet; the message says what."""


def _status_kib(field: str) -> Optional[int]:
    try:
        for line in _STATUS.read_text().splitlines():
            if line.startswith(field):
                return int(line.split()[1])
    except OSError:
        return None
    return None


def _reset_peak() -> bool:
    """Reset the kernel's peak-RSS mark (Linux ≥ 4.0); False where that cannot be done."""
    try:
        _CLEAR_REFS.write_text("5")
    except OSError:
        return False
    return True


def _maxrss_kib() -> int:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak // 1024 if sys.platform == "darwin" else peak


def server_cpu_seconds(pid: int) -> float:
    """CPU time the benchmark server has used so far (all its threads)."""
    try:  # nanoseconds on the CPU, from the scheduler: finer than psutil's clock ticks
        tasks = Path(f"/proc/{pid}/task").iterdir()
        return sum(int((t / "schedstat").read_text().split()[0]) for t in tasks) / 1e9
    except (OSError, ValueError, IndexError):
        pass
    # Only workers that watch a server need it.
    import psutil  # type: ignore[import-untyped,unused-ignore]  # noqa: PLC0415

    times = psutil.Process(pid).cpu_times()
    return float(times.user + times.system)


class Probe:
    """Measures one timed section; a worker's scenario opens it exactly once."""

    def __init__(self, server_pid: int, profile_to: Optional[str] = None) -> None:
        self.server_pid = server_pid
        self.profile_to = profile_to
        self.results: dict[str, Any] = {}

    @contextmanager
    def timed(self) -> Iterator[None]:
        """Measure the enclosed block (profile it too, when asked)."""
        gc.collect()
        exact_peak = _reset_peak()
        base_kib = _status_kib("VmRSS") or _maxrss_kib()
        profiler = self._start_profiler()
        server0 = server_cpu_seconds(self.server_pid)
        cpu0 = time.process_time()
        wall0 = time.perf_counter()
        yield
        wall = time.perf_counter() - wall0
        cpu = time.process_time() - cpu0
        server = server_cpu_seconds(self.server_pid) - server0
        if profiler is not None:
            profiler.stop()
            text = profiler.output_text(unicode=False, color=False, show_all=False)
            Path(str(self.profile_to)).write_text(text)
        peak_kib = (_status_kib("VmHWM") if exact_peak else None) or _maxrss_kib()
        self.results.update(
            wall_s=wall,
            cpu_s=cpu,
            server_cpu_s=server,
            rss_growth_mb=max(peak_kib - base_kib, 0) / 1024,
        )

    def _start_profiler(self) -> Any:
        if not self.profile_to:
            return None
        from pyinstrument import Profiler  # noqa: PLC0415 - only when profiling

        profiler = Profiler(interval=0.0005, async_mode="disabled")
        profiler.start()
        return profiler


def percentile(values: list[float], fraction: float) -> float:
    """The `fraction` quantile of `values` (nearest rank)."""
    ordered = sorted(values)
    rank = min(max(math.ceil(fraction * len(ordered)) - 1, 0), len(ordered) - 1)
    return ordered[rank]
