"""The retry decision: which failures are retried, after how long (no network)."""

from __future__ import annotations

import email.utils
import time
from collections.abc import Iterator

import httpx
import pytest

from sketricgen._transport.retry import RetryPolicy, parse_retry_after
from tests.helpers.zones import FAR_ZONES, time_zone

NOW = 1_700_000_000.0  # 2023-11-14 22:13:20 UTC


@pytest.fixture(autouse=True, params=(None, *FAR_ZONES), ids=lambda zone: f"TZ={zone or 'machine'}")
def in_zone(request: pytest.FixtureRequest) -> Iterator[None]:
    """Every test of this module runs under the machine's zone, then two far from UTC."""
    with time_zone(request.param):
        yield


def test_the_time_zone_is_in_force(in_zone: None, request: pytest.FixtureRequest) -> None:
    offsets = {"America/Los_Angeles": "-0800", "Asia/Kolkata": "+0530"}
    zone = request.node.callspec.params["in_zone"]
    if zone is not None:
        assert time.strftime("%z", time.localtime(NOW)) == offsets[zone]


NO_JITTER = RetryPolicy(max_retries=3, random=lambda: 0.0)
FULL_JITTER = RetryPolicy(max_retries=3, random=lambda: 1.0)
REQUEST = httpx.Request("POST", "https://chat-v2.sketricgen.ai/api/v1/run-workflow")


def test_backoff_doubles_from_half_a_second_up_to_eight() -> None:
    policy = RetryPolicy(max_retries=10, random=lambda: 0.0)
    assert [policy.backoff(n) for n in range(6)] == [0.5, 1.0, 2.0, 4.0, 8.0, 8.0]
    assert policy.backoff(1000) == 8.0


def test_defaults_are_three_retries_and_a_wait_of_up_to_a_minute() -> None:
    policy = RetryPolicy(random=lambda: 0.0)
    decisions = [policy.after_status(n, 503, {}, idempotent=False) for n in range(4)]
    assert [d.retry for d in decisions] == [True, True, True, False]
    assert policy.after_status(0, 429, {"retry-after": "60"}, idempotent=False).delay == 60.0
    assert not policy.after_status(0, 429, {"retry-after": "61"}, idempotent=False).retry


def test_the_random_source_is_neither_shown_nor_compared() -> None:
    assert RetryPolicy(random=lambda: 0.0) == RetryPolicy(random=lambda: 1.0)
    assert "random" not in repr(RetryPolicy())


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
        ({"retry-after": "0"}, 0.0),
        ({"retry-after": " 7 "}, 7.0),
        ({"retry-after": "007"}, 7.0),
        ({"retry-after": "soon"}, None),
        ({"retry-after-ms": "1500"}, 1.5),
        ({"retry-after-ms": "12.5"}, 0.0125),
        ({"retry-after-ms": "junk", "retry-after": "2"}, 2.0),
    ],
)
def test_parse_retry_after(headers: dict[str, str], expected: object) -> None:
    assert parse_retry_after(headers) == expected


# Not delay-seconds (1*DIGIT): each is ignored, so the normal backoff applies.
NOT_DIGITS = ["-5", "+3", "1e9", "nan", "inf", "-inf", "1.5", ".5", "1_000", "0x10", "٣", "3 s", ""]


@pytest.mark.parametrize("value", NOT_DIGITS)
def test_retry_after_that_is_not_digits_or_a_date_is_ignored(value: str) -> None:
    assert parse_retry_after({"retry-after": value}) is None


@pytest.mark.parametrize("value", [v for v in NOT_DIGITS if v != "1.5"] + ["5.", "1.5.0"])
def test_retry_after_ms_that_is_not_a_decimal_is_ignored(value: str) -> None:
    assert parse_retry_after({"retry-after-ms": value}) is None
    # ...and the other header is read instead.
    assert parse_retry_after({"retry-after-ms": value, "retry-after": "2"}) == 2.0


@pytest.mark.parametrize("value", ["-5", "+3", "1e9", "nan"])
def test_an_invalid_retry_after_gets_the_normal_backoff(value: str) -> None:
    decisions = [
        NO_JITTER.after_status(n, 503, {"retry-after": value}, idempotent=False) for n in range(3)
    ]
    assert [d.delay for d in decisions] == [0.5, 1.0, 2.0]
    assert [d.retry_after for d in decisions] == [None, None, None]
    ms = NO_JITTER.after_status(0, 429, {"retry-after-ms": value}, idempotent=False)
    assert (ms.delay, ms.retry_after) == (0.5, None)


def test_a_retry_after_too_long_for_a_float_still_gives_up() -> None:
    decision = NO_JITTER.after_status(0, 429, {"retry-after": "9" * 400}, idempotent=False)
    assert not decision.retry
    assert decision.retry_after is not None
    assert decision.retry_after > 1e300


@pytest.mark.parametrize(
    "date",
    [
        "Tue, 14 Nov 2023 22:13:50 GMT",  # IMF-fixdate, as HTTP writes it
        "Tue, 14 Nov 2023 22:13:50",  # no zone: HTTP dates are GMT
        "Tue, 14 Nov 2023 22:13:50 -0000",
        "Tue, 14 Nov 2023 22:13:50 UTC",
        "Tuesday, 14-Nov-23 22:13:50 GMT",  # RFC 850
        "Tue Nov 14 22:13:50 2023",  # asctime, which has no zone
        "Tue, 14 Nov 2023 14:13:50 -0800",  # an explicit offset is honoured
    ],
)
def test_parse_retry_after_http_dates_are_utc(date: str) -> None:
    assert parse_retry_after({"retry-after": date}, now=NOW) == pytest.approx(30.0)


def test_parse_retry_after_http_date() -> None:
    date = email.utils.formatdate(NOW + 30, usegmt=True)
    assert parse_retry_after({"retry-after": date}, now=NOW) == pytest.approx(30.0)
    past = email.utils.formatdate(NOW - 30, usegmt=True)
    assert parse_retry_after({"retry-after": past}, now=NOW) == 0.0


def test_parse_retry_after_http_date_against_the_real_clock() -> None:
    date = email.utils.formatdate(time.time() + 20, usegmt=True)
    assert 18.0 <= (parse_retry_after({"retry-after": date}) or 0.0) <= 20.0
    bare = date.replace(" GMT", "")
    assert 18.0 <= (parse_retry_after({"retry-after": bare}) or 0.0) <= 20.0


def test_an_impossible_date_is_ignored() -> None:
    assert parse_retry_after({"retry-after": "Thu, 32 Nov 2023 22:13:50 GMT"}, now=NOW) is None


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
