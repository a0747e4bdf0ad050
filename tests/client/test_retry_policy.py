"""The retry decision: which failures are retried, after how long (no network)."""

from __future__ import annotations

import email.utils

import httpx
import pytest

from sketricgen._retry import RetryPolicy, parse_retry_after

NO_JITTER = RetryPolicy(max_retries=3, random=lambda: 0.0)
FULL_JITTER = RetryPolicy(max_retries=3, random=lambda: 1.0)
REQUEST = httpx.Request("POST", "https://chat-v2.sketricgen.ai/api/v1/run-workflow")


def test_backoff_doubles_from_half_a_second_up_to_eight() -> None:
    policy = RetryPolicy(max_retries=10, random=lambda: 0.0)
    assert [policy.backoff(n) for n in range(6)] == [0.5, 1.0, 2.0, 4.0, 8.0, 8.0]
    assert policy.backoff(1000) == 8.0


def test_jitter_shortens_by_at_most_a_quarter() -> None:
    assert FULL_JITTER.backoff(0) == pytest.approx(0.375)
    assert FULL_JITTER.backoff(3) == pytest.approx(3.0)


@pytest.mark.parametrize("status", [408, 429, 502, 503, 504])
def test_statuses_that_prove_nothing_ran_are_retried(status: int) -> None:
    decision = NO_JITTER.after_status(0, status, {}, idempotent=False)
    assert decision.retry
    assert decision.delay == 0.5


@pytest.mark.parametrize("status", [400, 401, 403, 404, 409, 413, 422, 500, 501, 505])
def test_other_statuses_are_not_retried(status: int) -> None:
    assert not NO_JITTER.after_status(0, status, {}, idempotent=False).retry


@pytest.mark.parametrize("status", [500, 501, 507])
def test_idempotent_calls_retry_any_5xx(status: int) -> None:
    assert NO_JITTER.after_status(0, status, {}, idempotent=True).retry
    assert not NO_JITTER.after_status(0, 404, {}, idempotent=True).retry


def test_retries_stop_after_max_retries() -> None:
    decisions = [NO_JITTER.after_status(n, 503, {}, idempotent=False) for n in range(5)]
    assert [d.retry for d in decisions] == [True, True, True, False, False]
    assert not RetryPolicy(max_retries=0).after_status(0, 503, {}, idempotent=False).retry


def test_retry_after_seconds_replaces_the_backoff() -> None:
    decision = NO_JITTER.after_status(2, 429, {"retry-after": "1"}, idempotent=False)
    assert decision.delay == 1.0
    assert decision.retry_after == 1.0


def test_retry_after_ms_wins_over_retry_after() -> None:
    headers = {"retry-after-ms": "250", "retry-after": "7"}
    assert NO_JITTER.after_status(0, 503, headers, idempotent=False).delay == 0.25


def test_retry_after_beyond_the_cap_gives_up_at_once_and_reports_it() -> None:
    decision = NO_JITTER.after_status(0, 429, {"retry-after": "3600"}, idempotent=False)
    assert not decision.retry
    assert decision.retry_after == 3600.0


def test_last_attempt_still_reports_retry_after() -> None:
    decision = NO_JITTER.after_status(3, 429, {"retry-after": "2"}, idempotent=False)
    assert not decision.retry
    assert decision.retry_after == 2.0


def test_retry_after_on_a_status_never_retried_is_kept_for_the_error() -> None:
    decision = NO_JITTER.after_status(0, 500, {"retry-after": "5"}, idempotent=False)
    assert not decision.retry
    assert decision.retry_after == 5.0


@pytest.mark.parametrize(
    ("headers", "expected"),
    [
        ({}, None),
        ({"retry-after": "3"}, 3.0),
        ({"retry-after": "1.5"}, 1.5),
        ({"retry-after": "-4"}, 0.0),
        ({"retry-after": "soon"}, None),
        ({"retry-after": "inf"}, None),
        ({"retry-after-ms": "1500"}, 1.5),
        ({"retry-after-ms": "junk", "retry-after": "2"}, 2.0),
    ],
)
def test_parse_retry_after(headers: dict[str, str], expected: object) -> None:
    assert parse_retry_after(headers) == expected


def test_parse_retry_after_http_date() -> None:
    now = 1_700_000_000.0
    date = email.utils.formatdate(now + 30, usegmt=True)
    assert parse_retry_after({"retry-after": date}, now=now) == pytest.approx(30.0)
    past = email.utils.formatdate(now - 30, usegmt=True)
    assert parse_retry_after({"retry-after": past}, now=now) == 0.0


def test_parse_retry_after_reads_httpx_headers_case_insensitively() -> None:
    assert parse_retry_after(httpx.Headers({"Retry-After": "4"})) == 4.0


@pytest.mark.parametrize(
    "error",
    [
        httpx.ConnectError("refused", request=REQUEST),
        httpx.ConnectTimeout("slow", request=REQUEST),
        httpx.PoolTimeout("busy", request=REQUEST),
    ],
)
def test_failures_before_sending_are_retried(error: Exception) -> None:
    assert NO_JITTER.after_error(0, error, idempotent=False).retry
    assert not NO_JITTER.after_error(3, error, idempotent=False).retry


@pytest.mark.parametrize(
    "error",
    [
        httpx.ReadTimeout("slow", request=REQUEST),
        httpx.ReadError("reset", request=REQUEST),
        httpx.WriteError("broken pipe", request=REQUEST),
        httpx.RemoteProtocolError("server disconnected", request=REQUEST),
    ],
)
def test_failures_after_sending_are_retried_only_when_idempotent(error: Exception) -> None:
    assert not NO_JITTER.after_error(0, error, idempotent=False).retry
    assert NO_JITTER.after_error(0, error, idempotent=True).retry


def test_programming_errors_are_never_retried() -> None:
    error = httpx.UnsupportedProtocol("bad scheme", request=REQUEST)
    assert not NO_JITTER.after_error(0, error, idempotent=True).retry
