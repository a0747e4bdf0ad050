"""The job wait's decisions (sketricgen.admin._job_wait), on a virtual clock: no I/O, no sleeps."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Optional

import pytest

from sketricgen import (
    SketricGenJobError,
    SketricGenJobTimeoutError,
    SketricGenTimeoutError,
    SketricGenValidationError,
)
from sketricgen.admin._job_wait import (
    DEFAULT_POLL_INTERVAL,
    DEFAULT_WAIT_TIMEOUT,
    MAX_POLL_INTERVAL,
    JobWait,
)

JOB = "job-1"
RUNNING = ("queued", "crawling", "crawled", "kb_processing", "agent_finalizing")


@dataclass
class State:
    status: str
    error_summary: Optional[str] = None


class Clock:
    """A monotonic clock that moves only when the test says so."""

    def __init__(self, now: float = 1000.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


def _wait(clock: Clock, *, poll_interval: float = 2.0, timeout: float = 10.0) -> JobWait:
    return JobWait(poll_interval=poll_interval, timeout=timeout, clock=clock)


def test_the_defaults_are_the_incumbents() -> None:
    assert (DEFAULT_POLL_INTERVAL, DEFAULT_WAIT_TIMEOUT, MAX_POLL_INTERVAL) == (10.0, 600.0, 60.0)
    wait = JobWait()
    assert (wait.poll_interval, wait.timeout) == (10.0, 600.0)


def test_success_on_the_first_poll_ends_the_wait() -> None:
    wait = _wait(Clock())
    assert wait.after(JOB, State("succeeded")) is None
    assert wait.polls == 1


def test_every_running_state_means_poll_again_after_the_interval() -> None:
    clock = Clock()
    wait = _wait(clock, poll_interval=2.0, timeout=100.0)
    for state in RUNNING:
        assert wait.after(JOB, State(state)) == 2.0
        clock.now += 2.0
    assert wait.after(JOB, State("succeeded")) is None
    assert wait.polls == len(RUNNING) + 1


def test_an_unknown_state_is_not_terminal() -> None:
    wait = _wait(Clock())
    for state in ("paused", "", "SUCCEEDED", "cancelled"):
        assert wait.after(JOB, State(state)) == 2.0


def test_failed_raises_the_job_error_with_the_services_summary() -> None:
    wait = _wait(Clock())
    with pytest.raises(SketricGenJobError) as caught:
        wait.after(JOB, State("failed", error_summary="crawl failed: DNS lookup failed"))
    error = caught.value
    assert (error.job_id, error.status, error.error_summary) == (
        JOB,
        "failed",
        "crawl failed: DNS lookup failed",
    )
    assert "job-1" in str(error)
    assert "DNS lookup failed" in str(error)


def test_failed_without_a_summary_still_says_so() -> None:
    with pytest.raises(SketricGenJobError) as caught:
        _wait(Clock()).after(JOB, State("failed"))
    assert caught.value.error_summary is None
    assert "failed" in str(caught.value)
    assert "no reason" in str(caught.value)


def test_the_wait_before_a_poll_never_passes_the_deadline() -> None:
    clock = Clock()
    wait = _wait(clock, poll_interval=4.0, timeout=10.0)
    delays = []
    for _ in range(3):
        delay = wait.after(JOB, State("crawling"))
        assert delay is not None
        delays.append(delay)
        clock.now += delay
    # 4 + 4 + what is left (2): the third poll comes at the deadline, not after it.
    assert delays == [4.0, 4.0, 2.0]
    with pytest.raises(SketricGenJobTimeoutError):
        wait.after(JOB, State("kb_processing"))


def test_out_of_time_names_the_job_and_its_last_state() -> None:
    clock = Clock()
    wait = _wait(clock, timeout=5.0)
    clock.now += 5.0
    with pytest.raises(SketricGenJobTimeoutError) as caught:
        wait.after(JOB, State("agent_finalizing"))
    error = caught.value
    assert isinstance(error, SketricGenTimeoutError)
    assert (error.job_id, error.status) == (JOB, "agent_finalizing")
    for part in ("job-1", "'agent_finalizing'", "within 5 seconds"):
        assert part in str(error)
    assert "jobs.wait('job-1')" in str(error)


def test_the_deadline_counts_from_the_waits_creation() -> None:
    clock = Clock()
    wait = _wait(clock, poll_interval=2.0, timeout=10.0)
    clock.now += 9.5  # e.g. the create call took that long
    assert wait.after(JOB, State("queued")) == pytest.approx(0.5)


def test_an_answer_that_arrives_after_the_deadline_still_counts() -> None:
    clock = Clock()
    wait = _wait(clock, timeout=3.0)
    clock.now += 30.0
    assert wait.after(JOB, State("succeeded")) is None
    with pytest.raises(SketricGenJobError):
        _wait(clock, timeout=3.0).after(JOB, State("failed"))


@pytest.mark.parametrize(
    "value", [0, 0.0, -1, -0.001, math.nan, math.inf, MAX_POLL_INTERVAL + 0.001, 3600]
)
def test_a_poll_interval_out_of_bounds_is_refused(value: float) -> None:
    with pytest.raises(SketricGenValidationError) as caught:
        JobWait(poll_interval=value)
    assert caught.value.field == "poll_interval"


@pytest.mark.parametrize("value", [0, -5.0, math.nan, math.inf, -math.inf])
def test_a_timeout_out_of_bounds_is_refused(value: float) -> None:
    with pytest.raises(SketricGenValidationError) as caught:
        JobWait(timeout=value)
    assert caught.value.field == "timeout"


@pytest.mark.parametrize("field", ["poll_interval", "timeout"])
@pytest.mark.parametrize("value", [True, "10", None, [1.0]])
def test_seconds_that_are_not_numbers_are_refused(field: str, value: object) -> None:
    with pytest.raises(SketricGenValidationError) as caught:
        JobWait(**{field: value})  # type: ignore[arg-type]
    assert caught.value.field == field
    assert "number of seconds" in str(caught.value)


def test_the_bounds_themselves_are_accepted() -> None:
    wait = JobWait(poll_interval=MAX_POLL_INTERVAL, timeout=0.001)
    assert (wait.poll_interval, wait.timeout) == (60.0, 0.001)
    assert JobWait(poll_interval=1, timeout=1).poll_interval == 1.0
