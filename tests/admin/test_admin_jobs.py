"""client.jobs against the emulator: get, and wait's bounded polling to succeeded or failed."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest

from sketricgen import (
    SketricGenAdminError,
    SketricGenClient,
    SketricGenJobError,
    SketricGenJobTimeoutError,
    SketricGenNotFoundError,
    SketricGenTimeoutError,
    SketricGenValidationError,
)
from sketricgen.admin import JobStatus
from sketricgen.testing import Emulator

pytestmark = pytest.mark.emulator

FAST = 0.001  # the emulator moves a job one state per poll: no need to pause


@pytest.fixture
def key(sketricgen_emulator: Emulator) -> str:
    """An Admin key of one project: creates need no project_id (the incumbent's bodies)."""
    return sketricgen_emulator.admin.add_key("admin", projects=["proj-default"])


@pytest.fixture
def client(sketricgen_emulator: Emulator, key: str) -> Iterator[SketricGenClient]:
    client = SketricGenClient(
        key,
        base_url=sketricgen_emulator.base_url,
        admin_base_url=sketricgen_emulator.admin_base_url,
        max_retries=0,
    )
    yield client
    client.close()


def _job(client: SketricGenClient, seed_url: str = "https://acme.example") -> str:
    return client.brand_agents.create_sync("Acme", seed_url).job_id


def _polls(emulator: Emulator, job_id: str) -> int:
    return len([r for r in emulator.requests_to("admin") if r.path == f"/admin/v1/jobs/{job_id}"])


@pytest.mark.anyio
async def test_get_reads_the_jobs_state_async(
    client: SketricGenClient, sketricgen_emulator: Emulator
) -> None:
    job_id = _job(client)
    status = await client.jobs.get(job_id)
    assert isinstance(status, JobStatus)
    assert status.job_id == job_id
    assert status.status == "crawling"
    request = sketricgen_emulator.requests_to("admin")[-1]
    assert (request.method, request.path) == ("GET", f"/admin/v1/jobs/{job_id}")


def test_get_sync_follows_the_job_through_its_states(client: SketricGenClient) -> None:
    job_id = _job(client)
    seen = [client.jobs.get_sync(job_id).status for _ in range(5)]
    assert seen == ["crawling", "crawled", "kb_processing", "agent_finalizing", "succeeded"]


@pytest.mark.anyio
async def test_wait_polls_until_succeeded_async(
    client: SketricGenClient, sketricgen_emulator: Emulator
) -> None:
    job_id = _job(client)
    done = await client.jobs.wait(job_id, poll_interval=FAST, timeout=30)
    assert isinstance(done, JobStatus)
    assert (done.job_id, done.status) == (job_id, "succeeded")
    assert done.embed is not None
    assert done.embed.snippet
    assert _polls(sketricgen_emulator, job_id) == 5


def test_wait_polls_until_succeeded_sync(
    client: SketricGenClient, sketricgen_emulator: Emulator
) -> None:
    job_id = _job(client)
    done = client.jobs.wait_sync(job_id, poll_interval=FAST, timeout=30)
    assert done.status == "succeeded"
    assert _polls(sketricgen_emulator, job_id) == 5


def test_wait_returns_at_once_for_a_finished_job(
    client: SketricGenClient, sketricgen_emulator: Emulator
) -> None:
    job_id = _job(client)
    client.jobs.wait_sync(job_id, poll_interval=FAST)
    assert client.jobs.wait_sync(job_id, poll_interval=60).status == "succeeded"
    assert _polls(sketricgen_emulator, job_id) == 6


@pytest.mark.anyio
async def test_wait_raises_the_job_error_when_the_job_fails_async(
    client: SketricGenClient,
) -> None:
    job_id = _job(client, "https://fail.acme.example/")
    with pytest.raises(SketricGenJobError) as caught:
        await client.jobs.wait(job_id, poll_interval=FAST, timeout=30)
    error = caught.value
    assert (error.job_id, error.status) == (job_id, "failed")
    assert error.error_summary
    assert error.error_summary in str(error)


def test_wait_raises_the_job_error_when_the_job_fails_sync(client: SketricGenClient) -> None:
    job_id = _job(client, "https://fail.acme.example/")
    with pytest.raises(SketricGenJobError) as caught:
        client.jobs.wait_sync(job_id, poll_interval=FAST, timeout=30)
    assert (caught.value.job_id, caught.value.status) == (job_id, "failed")


@pytest.mark.anyio
async def test_wait_gives_up_at_the_timeout_naming_the_job_async(
    client: SketricGenClient, sketricgen_emulator: Emulator
) -> None:
    job_id = _job(client)
    started = time.monotonic()
    with pytest.raises(SketricGenJobTimeoutError) as caught:
        # One poll now, one at the deadline (the pause never runs past it), then out of time.
        await client.jobs.wait(job_id, poll_interval=60, timeout=0.5)
    elapsed = time.monotonic() - started
    error = caught.value
    assert isinstance(error, SketricGenTimeoutError)
    assert (error.job_id, error.status) == (job_id, "crawled")
    assert job_id in str(error)
    assert "'crawled'" in str(error)
    assert 0.5 <= elapsed < 5
    assert _polls(sketricgen_emulator, job_id) == 2


def test_wait_gives_up_at_the_timeout_sync(
    client: SketricGenClient, sketricgen_emulator: Emulator
) -> None:
    job_id = _job(client)
    started = time.monotonic()
    with pytest.raises(SketricGenTimeoutError, match=job_id):
        client.jobs.wait_sync(job_id, poll_interval=60, timeout=0.5)
    assert 0.5 <= time.monotonic() - started < 5
    assert _polls(sketricgen_emulator, job_id) == 2


@pytest.mark.parametrize(
    ("options", "field"),
    [
        ({"poll_interval": 0}, "poll_interval"),
        ({"poll_interval": 61}, "poll_interval"),
        ({"poll_interval": float("nan")}, "poll_interval"),
        ({"timeout": 0}, "timeout"),
        ({"timeout": float("inf")}, "timeout"),
    ],
)
@pytest.mark.anyio
async def test_wait_refuses_bad_timing_before_any_request(
    client: SketricGenClient,
    sketricgen_emulator: Emulator,
    options: dict[str, float],
    field: str,
) -> None:
    with pytest.raises(SketricGenValidationError) as caught:
        await client.jobs.wait("job-x", **options)
    assert caught.value.field == field
    with pytest.raises(SketricGenValidationError):
        client.jobs.wait_sync("job-x", **options)
    assert sketricgen_emulator.requests_to("admin") == []


def test_an_unknown_job_is_not_found(client: SketricGenClient) -> None:
    with pytest.raises(SketricGenNotFoundError) as caught:
        client.jobs.get_sync("job-does-not-exist")
    assert isinstance(caught.value, SketricGenAdminError)
    assert caught.value.code == "not_found"
    with pytest.raises(SketricGenNotFoundError):
        client.jobs.wait_sync("job-does-not-exist", poll_interval=FAST)


@pytest.mark.anyio
async def test_an_empty_job_id_is_refused_before_any_request(
    client: SketricGenClient, sketricgen_emulator: Emulator
) -> None:
    with pytest.raises(SketricGenValidationError):
        await client.jobs.get("")
    with pytest.raises(SketricGenValidationError):
        client.jobs.wait_sync("")
    assert sketricgen_emulator.requests_to("admin") == []
