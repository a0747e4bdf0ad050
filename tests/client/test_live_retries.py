"""Retries against the emulator's faults: what is retried, how often, how long it waits."""

from __future__ import annotations

import email.utils
import logging
import socket
import time

import pytest

from sketricgen import (
    SketricGenAPIError,
    SketricGenConnectionError,
    SketricGenNetworkError,
    SketricGenRateLimitError,
    SketricGenServerError,
    SketricGenTimeoutError,
)
from sketricgen.testing import Emulator, Fault
from tests.helpers.clients import ClientFactory
from tests.helpers.zones import FAR_ZONES, time_zone

pytestmark = pytest.mark.emulator
AGENT = "agent-123"


def _statuses(emulator: Emulator) -> list[object]:
    return [request.status for request in emulator.requests_to("run")]


def test_429_with_retry_after_twice_then_success(
    make_client: ClientFactory, sketricgen_emulator: Emulator
) -> None:
    sketricgen_emulator.add_fault(Fault.status(429, times=2, retry_after=1), agent_id=AGENT)
    client = make_client()
    started = time.monotonic()
    response = client.run_workflow_sync(AGENT, "Hi")
    elapsed = time.monotonic() - started
    assert response.response == "Hello! You said: Hi"
    assert _statuses(sketricgen_emulator) == [429, 429, 201]
    assert 1.9 <= elapsed < 3.0  # the two waits the service asked for, no more


@pytest.mark.anyio
async def test_retry_after_ms_is_honoured_async(
    make_client: ClientFactory, sketricgen_emulator: Emulator
) -> None:
    sketricgen_emulator.add_fault(Fault.status(503, times=2, retry_after_ms=150), agent_id=AGENT)
    async with make_client() as client:
        started = time.monotonic()
        await client.run_workflow(AGENT, "Hi")
        elapsed = time.monotonic() - started
    assert _statuses(sketricgen_emulator) == [503, 503, 201]
    assert 0.29 <= elapsed < 1.0


@pytest.mark.parametrize(
    "fault",
    [Fault.status(503, times=1, retry_after="-5"), Fault.status(503, times=1, retry_after_ms=-5)],
    ids=["retry-after", "retry-after-ms"],
)
def test_a_negative_retry_after_gets_the_normal_backoff_not_an_instant_retry(
    make_client: ClientFactory, sketricgen_emulator: Emulator, fault: Fault
) -> None:
    sketricgen_emulator.add_fault(fault, agent_id=AGENT)
    started = time.monotonic()
    make_client(max_retries=1).run_workflow_sync(AGENT, "Hi")
    elapsed = time.monotonic() - started
    assert _statuses(sketricgen_emulator) == [503, 201]
    assert elapsed >= 0.375  # the first backoff: 0.5 s less at most a quarter of jitter


@pytest.mark.anyio
@pytest.mark.parametrize("zone", FAR_ZONES)
async def test_an_http_date_without_a_zone_is_read_as_gmt_whatever_the_local_zone(
    make_client: ClientFactory, sketricgen_emulator: Emulator, zone: str
) -> None:
    with time_zone(zone):
        # Two seconds ahead, at whole-second precision: a wait of 1 to 2 s. Read as
        # local time it would be hours ahead (given up at once) or past (no wait).
        when = email.utils.formatdate(time.time() + 2.0, usegmt=True).replace(" GMT", "")
        sketricgen_emulator.add_fault(Fault.status(503, times=1, retry_after=when), agent_id=AGENT)
        async with make_client(max_retries=1) as client:
            started = time.monotonic()
            await client.run_workflow(AGENT, "Hi")
            elapsed = time.monotonic() - started
    assert 0.9 <= elapsed < 2.5
    assert _statuses(sketricgen_emulator) == [503, 201]


@pytest.mark.parametrize("max_retries", [0, 1, 3])
def test_503_beyond_max_retries_makes_exactly_one_plus_max_retries_attempts(
    make_client: ClientFactory, sketricgen_emulator: Emulator, max_retries: int
) -> None:
    sketricgen_emulator.add_fault(Fault.status(503, retry_after=0), agent_id=AGENT)
    with pytest.raises(SketricGenServerError) as caught:
        make_client(max_retries=max_retries).run_workflow_sync(AGENT, "Hi")
    assert _statuses(sketricgen_emulator) == [503] * (1 + max_retries)
    assert caught.value.status_code == 503
    if max_retries:
        assert f"gave up after {1 + max_retries} attempts" in str(caught.value)


@pytest.mark.anyio
async def test_503_beyond_max_retries_async(
    make_client: ClientFactory, sketricgen_emulator: Emulator
) -> None:
    sketricgen_emulator.add_fault(Fault.status(503, retry_after=0), agent_id=AGENT)
    async with make_client(max_retries=2) as client:
        with pytest.raises(SketricGenServerError):
            await client.run_workflow(AGENT, "Hi")
    assert _statuses(sketricgen_emulator) == [503, 503, 503]


@pytest.mark.parametrize("status", [500, 400, 401, 403, 404, 409, 413, 422])
def test_statuses_the_service_may_have_acted_on_or_that_will_not_change_are_sent_once(
    make_client: ClientFactory, sketricgen_emulator: Emulator, status: int
) -> None:
    sketricgen_emulator.add_fault(Fault.status(status, retry_after=0), agent_id=AGENT)
    with pytest.raises(SketricGenAPIError) as caught:
        make_client(max_retries=3).run_workflow_sync(AGENT, "Hi")
    assert caught.value.status_code == status
    assert _statuses(sketricgen_emulator) == [status]


def test_a_retry_after_beyond_the_cap_is_raised_at_once(
    make_client: ClientFactory, sketricgen_emulator: Emulator
) -> None:
    sketricgen_emulator.add_fault(Fault.status(429, retry_after=3600), agent_id=AGENT)
    started = time.monotonic()
    with pytest.raises(SketricGenRateLimitError) as caught:
        make_client().run_workflow_sync(AGENT, "Hi")
    assert time.monotonic() - started < 1.0
    assert caught.value.retry_after == 3600
    assert "retry after 3600 s" in str(caught.value)
    assert _statuses(sketricgen_emulator) == [429]


def test_an_html_502_is_retried_and_summarized(
    make_client: ClientFactory, sketricgen_emulator: Emulator
) -> None:
    sketricgen_emulator.add_fault(Fault.html_page(502), agent_id=AGENT)
    with pytest.raises(SketricGenServerError) as caught:
        make_client(max_retries=1).run_workflow_sync(AGENT, "Hi")
    assert _statuses(sketricgen_emulator) == [502, 502]
    assert "HTML page" in str(caught.value)
    assert "<" not in str(caught.value)


def _refused_url() -> str:
    with socket.socket() as probe:  # a port nobody listens on once this closes
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"http://127.0.0.1:{port}"


def test_connection_refused_is_retried_then_raised(
    make_client: ClientFactory, caplog: pytest.LogCaptureFixture
) -> None:
    client = make_client(base_url=_refused_url(), max_retries=2)
    caplog.set_level(logging.DEBUG, logger="sketricgen")
    with pytest.raises(SketricGenConnectionError) as caught:
        client.run_workflow_sync(AGENT, "Hi")
    assert isinstance(caught.value, SketricGenNetworkError)
    assert "gave up after 3 attempts" in str(caught.value)
    retries = [r for r in caplog.records if "retrying in" in r.getMessage()]
    assert len(retries) == 2


@pytest.mark.anyio
async def test_connection_refused_async(make_client: ClientFactory) -> None:
    async with make_client(base_url=_refused_url(), max_retries=1) as client:
        with pytest.raises(SketricGenConnectionError, match="gave up after 2 attempts"):
            await client.run_workflow(AGENT, "Hi")


def test_a_read_timeout_after_sending_is_not_retried(
    make_client: ClientFactory, sketricgen_emulator: Emulator
) -> None:
    sketricgen_emulator.add_fault(Fault.stall(1.0, times=1), agent_id=AGENT)
    started = time.monotonic()
    with pytest.raises(SketricGenTimeoutError):
        make_client(timeout=0.3, max_retries=3).run_workflow_sync(AGENT, "Hi")
    assert time.monotonic() - started < 0.9
    assert len(sketricgen_emulator.requests_to("run")) == 1


def test_a_connection_closed_after_sending_is_not_retried(
    make_client: ClientFactory, sketricgen_emulator: Emulator
) -> None:
    sketricgen_emulator.add_fault(Fault.close_before_answer(), agent_id=AGENT)
    with pytest.raises(SketricGenConnectionError, match="may have acted"):
        make_client(max_retries=3).run_workflow_sync(AGENT, "Hi")
    assert len(sketricgen_emulator.requests_to("run")) == 1


def test_every_attempt_is_logged_without_the_key(
    make_client: ClientFactory, sketricgen_emulator: Emulator, caplog: pytest.LogCaptureFixture
) -> None:
    sketricgen_emulator.add_fault(Fault.status(503, times=1, retry_after=0), agent_id=AGENT)
    with caplog.at_level(logging.DEBUG):
        make_client().run_workflow_sync(AGENT, "Hi")
    messages = [r.getMessage() for r in caplog.records if r.name.startswith("sketricgen")]
    assert any("HTTP 503; retrying in 0.00 s (attempt 2 of 4)" in m for m in messages)
    assert any("-> 201 (attempt 2 of 4)" in m for m in messages)
    everything = caplog.text + "".join(str(r.args) for r in caplog.records)
    assert sketricgen_emulator.api_key not in everything
