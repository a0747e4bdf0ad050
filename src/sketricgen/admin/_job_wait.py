"""Waiting for a Brand Agent job, without I/O: when to poll again, and when to stop.

`JobWait` is fed each `GET /jobs/{job_id}` answer and says how long to sleep
before the next poll (never past the deadline), or ends the wait: success
returns, `failed` raises `SketricGenJobError`, running out of time raises
`SketricGenJobTimeoutError`. Only `succeeded` and `failed` are terminal: any
other state, known or not, means "poll again". `jobs.wait` and
`brand_agents.create_and_wait` (sync and async) are thin loops over it.
"""

from __future__ import annotations

import math
import time
from typing import Callable, Optional, Protocol

from .._exceptions import SketricGenJobError, SketricGenJobTimeoutError, SketricGenValidationError

__all__ = [
    "DEFAULT_POLL_INTERVAL",
    "DEFAULT_WAIT_TIMEOUT",
    "MAX_POLL_INTERVAL",
    "JobState",
    "JobWait",
]

DEFAULT_POLL_INTERVAL = 10.0
DEFAULT_WAIT_TIMEOUT = 600.0
# A job takes minutes; polling less often than this would only make the wait
# end late, long after the job did.
MAX_POLL_INTERVAL = 60.0

SUCCEEDED = "succeeded"
FAILED = "failed"


class JobState(Protocol):
    """What the wait reads of a job's status (the generated `JobStatus` has it)."""

    @property
    def status(self) -> str: ...

    @property
    def error_summary(self) -> Optional[str]: ...


def _seconds(value: object, field: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise SketricGenValidationError(
            f"{field} must be a number of seconds, not {type(value).__name__}", field=field
        )
    seconds = float(value)
    if not math.isfinite(seconds) or seconds <= 0:
        raise SketricGenValidationError(
            f"{field} must be a finite number of seconds above 0, not {value!r}", field=field
        )
    return seconds


class JobWait:
    """One wait for one job, from its creation (or the call) until an end.

    `poll_interval` (seconds, above 0, at most `MAX_POLL_INTERVAL`) is the
    pause between polls; `timeout` (seconds, above 0) bounds the whole wait,
    counted from this object's creation. Bad values raise
    `SketricGenValidationError` here, before any request.
    """

    def __init__(
        self,
        *,
        poll_interval: float = DEFAULT_POLL_INTERVAL,
        timeout: float = DEFAULT_WAIT_TIMEOUT,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.poll_interval = _seconds(poll_interval, "poll_interval")
        if self.poll_interval > MAX_POLL_INTERVAL:
            raise SketricGenValidationError(
                f"poll_interval must be at most {MAX_POLL_INTERVAL:g} seconds "
                f"(a job takes minutes), not {poll_interval!r}",
                field="poll_interval",
            )
        self.timeout = _seconds(timeout, "timeout")
        self._clock = clock
        self._deadline = clock() + self.timeout
        self.polls = 0

    def after(self, job_id: str, state: JobState) -> Optional[float]:
        """Read one poll's answer: None when the job succeeded, else the seconds to wait.

        Raises `SketricGenJobError` when the job failed and
        `SketricGenJobTimeoutError` when the deadline has come.
        """
        self.polls += 1
        if state.status == SUCCEEDED:
            return None
        if state.status == FAILED:
            reason = state.error_summary or "the service gave no reason"
            raise SketricGenJobError(
                f"Brand Agent job {job_id!r} failed: {reason}",
                job_id,
                state.status,
                state.error_summary,
            )
        remaining = self._deadline - self._clock()
        if remaining <= 0:
            raise SketricGenJobTimeoutError(
                f"job {job_id!r} did not finish within {self.timeout:g} seconds "
                f"(last state {state.status!r}); it goes on running: wait again with "
                f"jobs.wait({job_id!r}) or read it with jobs.get({job_id!r})",
                job_id=job_id,
                status=state.status,
            )
        return min(self.poll_interval, remaining)
