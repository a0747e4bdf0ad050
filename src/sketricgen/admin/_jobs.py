"""`client.jobs`: read a Brand Agent provisioning job, or wait for it to end.

The waits (here and in `brand_agents.create_and_wait`) are thin loops over
`JobWait` (`_job_wait.py`), which decides when to poll again and when to stop.
"""

# The generated modules are imported inside the helpers: an async method awaits
# `ready()` first, so they load in a worker thread, never on the event loop.
# ruff: noqa: PLC0415

from __future__ import annotations

import asyncio
import time
from typing import TYPE_CHECKING

from ._checks import check_id
from ._job_wait import DEFAULT_POLL_INTERVAL, DEFAULT_WAIT_TIMEOUT, JobWait

if TYPE_CHECKING:
    from sketricgen_admin_models import JobStatus

    from .._transport.core import OperationCall
    from ._calls import AdminCalls, Reader

__all__ = ["Jobs", "poll_job", "poll_job_sync"]


def _get(job_id: str) -> tuple[OperationCall, Reader, type[JobStatus]]:
    """`GET /jobs/{job_id}`: the call, its reader and its model."""
    from sketricgen_admin_lowlevel.api.jobs import get_job
    from sketricgen_admin_models import JobStatus

    return get_job.build_request(job_id=job_id), get_job.parse_response, JobStatus


async def poll_job(calls: AdminCalls, job_id: str, wait: JobWait) -> JobStatus:
    """Poll `job_id` until `wait` ends it: the succeeded status, or its error."""
    await calls.ready()
    while True:
        status = await calls.send(*_get(job_id))
        delay = wait.after(job_id, status)
        if delay is None:
            return status
        await asyncio.sleep(delay)


def poll_job_sync(calls: AdminCalls, job_id: str, wait: JobWait) -> JobStatus:
    """The blocking twin of `poll_job`."""
    while True:
        status = calls.send_sync(*_get(job_id))
        delay = wait.after(job_id, status)
        if delay is None:
            return status
        time.sleep(delay)


class Jobs:
    """Brand Agent provisioning jobs (`GET /jobs/{job_id}`)."""

    def __init__(self, calls: AdminCalls) -> None:
        self._calls = calls

    async def get(self, job_id: str) -> JobStatus:
        """The job's current state (`status`: queued ... succeeded or failed)."""
        job_id = check_id(job_id, "job_id")
        await self._calls.ready()  # before `_get` imports the generated modules
        return await self._calls.send(*_get(job_id))

    def get_sync(self, job_id: str) -> JobStatus:
        """The blocking twin of `get`."""
        return self._calls.send_sync(*_get(check_id(job_id, "job_id")))

    async def wait(
        self,
        job_id: str,
        *,
        poll_interval: float = DEFAULT_POLL_INTERVAL,
        timeout: float = DEFAULT_WAIT_TIMEOUT,
    ) -> JobStatus:
        """Poll the job every `poll_interval` seconds (at most 60) until it ends.

        Returns the `succeeded` status (with its `embed`); raises
        `SketricGenJobError` if the job failed and `SketricGenJobTimeoutError`
        if it has not ended `timeout` seconds after the call (the job goes on).
        """
        wait = JobWait(poll_interval=poll_interval, timeout=timeout)
        return await poll_job(self._calls, check_id(job_id, "job_id"), wait)

    def wait_sync(
        self,
        job_id: str,
        *,
        poll_interval: float = DEFAULT_POLL_INTERVAL,
        timeout: float = DEFAULT_WAIT_TIMEOUT,
    ) -> JobStatus:
        """The blocking twin of `wait`."""
        wait = JobWait(poll_interval=poll_interval, timeout=timeout)
        return poll_job_sync(self._calls, check_id(job_id, "job_id"), wait)
