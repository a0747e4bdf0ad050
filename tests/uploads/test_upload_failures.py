"""Uploads that meet trouble: retried when it is transient, a clear error naming the file if not.

Whatever fails, no run is sent with a partial set of files.
"""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

import pytest

from sketricgen import (
    SketricGenAuthenticationError,
    SketricGenFileSizeError,
    SketricGenServerError,
    SketricGenTimeoutError,
    SketricGenUploadError,
)
from sketricgen.testing import Emulator, Fault
from tests.helpers.clients import ClientFactory
from tests.helpers.uploads import posted_parts, steps

pytestmark = pytest.mark.emulator
AGENT = "agent-123"


# -- transient failures are retried, the file re-read from its start ---------------------


def test_a_503_from_storage_once_then_success(
    make_client: ClientFactory, sketricgen_emulator: Emulator, files: Path
) -> None:
    emu = sketricgen_emulator
    emu.add_fault(Fault.s3_error("SlowDown", 503, times=1))
    response = make_client().run_workflow_sync(
        AGENT, "Summarize this document", file_paths=[files / "document1.pdf"]
    )
    assert "document1.pdf" in response.response
    assert [r.status for r in emu.requests_to("presigned")] == [503, 204]
    assert emu.uploads[0].data == (files / "document1.pdf").read_bytes()
    # The retry sent the whole body again, from the file's first byte.
    first, second = emu.requests_to("presigned")
    assert posted_parts(emu, 0)[-1].data == posted_parts(emu, 1)[-1].data
    assert len(first.body) == len(second.body)


@pytest.mark.anyio
async def test_a_503_from_storage_once_then_success_async(
    make_client: ClientFactory, sketricgen_emulator: Emulator, files: Path
) -> None:
    emu = sketricgen_emulator
    emu.add_fault(Fault.status(503, times=1, retry_after=0, endpoint="presigned"))
    async with make_client() as client:
        upload = await client.upload_file(AGENT, files / "image.png")
    assert upload.file_size_bytes == 73
    assert [r.status for r in emu.requests_to("presigned")] == [503, 204]


def test_progress_starts_over_on_a_retry(
    make_client: ClientFactory, sketricgen_emulator: Emulator
) -> None:
    sketricgen_emulator.add_fault(Fault.status(503, times=1, retry_after=0, endpoint="presigned"))
    seen: list[tuple[int, int]] = []
    make_client().upload_file_sync(
        AGENT, b"z" * 50, file_name="notes.txt", on_progress=lambda n, t: seen.append((n, t))
    )
    assert seen == [(0, 50), (50, 50), (0, 50), (50, 50)]


def test_a_dropped_connection_to_storage_is_retried(
    make_client: ClientFactory, sketricgen_emulator: Emulator, files: Path
) -> None:
    emu = sketricgen_emulator
    emu.add_fault(Fault.close_before_answer(times=1, endpoint="presigned"))
    upload = make_client().upload_file_sync(AGENT, files / "document2.pdf")
    assert upload.file_size_bytes == 605
    assert [r.status for r in emu.requests_to("presigned")] == [None, 204]


@pytest.mark.parametrize("endpoint", ["upload_init", "upload_complete"])
def test_init_and_complete_are_retried_after_5xx(
    make_client: ClientFactory, sketricgen_emulator: Emulator, files: Path, endpoint: str
) -> None:
    emu = sketricgen_emulator
    emu.add_fault(Fault.status(500, times=1, retry_after=0, endpoint=endpoint))  # type: ignore[arg-type]
    upload = make_client().upload_file_sync(AGENT, files / "image.png")
    assert upload.file_name == "image.png"
    assert [r.status for r in emu.requests_to(endpoint)] == [500, 200]


def test_giving_up_after_max_retries(
    make_client: ClientFactory, sketricgen_emulator: Emulator, files: Path
) -> None:
    emu = sketricgen_emulator
    emu.add_fault(Fault.status(503, retry_after=0, endpoint="presigned"))
    with pytest.raises(SketricGenUploadError) as caught:
        make_client(max_retries=2).run_workflow_sync(
            AGENT, "Summarize", file_paths=[files / "document1.pdf"]
        )
    error = caught.value
    assert (error.status_code, error.step, error.file_name) == (503, "upload", "document1.pdf")
    assert error.code == "ServiceUnavailable"
    assert len(emu.requests_to("presigned")) == 3
    assert emu.requests_to("upload_complete") == []
    assert emu.requests_to("run") == []


# -- what storage refuses ------------------------------------------------------------------


def test_entity_too_large_carries_s3s_code_and_message(
    make_client: ClientFactory, sketricgen_emulator: Emulator, files: Path
) -> None:
    emu = sketricgen_emulator
    emu.add_fault(
        Fault.s3_error(
            "EntityTooLarge", 400, message="Your proposed upload exceeds the maximum allowed size"
        )
    )
    with pytest.raises(SketricGenUploadError) as caught:
        make_client().run_workflow_sync(AGENT, "Read", file_paths=[files / "document1.pdf"])
    error = caught.value
    assert "EntityTooLarge" in str(error)
    assert "Your proposed upload exceeds the maximum allowed size" in str(error)
    assert "document1.pdf" in str(error)
    assert (error.code, error.status_code, error.step) == ("EntityTooLarge", 400, "upload")
    assert len(emu.requests_to("presigned")) == 1  # a 400 is not retried
    assert emu.requests_to("run") == []


@pytest.mark.anyio
async def test_an_expired_policy_carries_s3s_code(
    make_client: ClientFactory, sketricgen_emulator: Emulator, files: Path
) -> None:
    emu = sketricgen_emulator
    emu.add_fault(Fault.expired_policy())
    async with make_client() as client:
        with pytest.raises(SketricGenUploadError) as caught:
            await client.run_workflow(AGENT, "Look", file_paths=[files / "image.png"])
    error = caught.value
    assert "AccessDenied" in str(error)
    assert "Policy expired" in str(error)
    assert "expired before the file was sent" in str(error)
    assert (error.code, error.status_code) == ("AccessDenied", 403)
    assert emu.requests_to("run") == []


def test_a_policy_smaller_than_the_file_stops_before_the_bytes(
    make_client: ClientFactory, sketricgen_emulator: Emulator, files: Path
) -> None:
    emu = sketricgen_emulator
    emu.add_fault(Fault.max_file_bytes(100))
    with pytest.raises(SketricGenFileSizeError) as caught:
        make_client().upload_file_sync(AGENT, files / "document1.pdf")
    assert (caught.value.file_size, caught.value.max_size) == (606, 100)
    assert caught.value.step == "init"
    assert steps(emu) == ["upload_init"]


def test_the_upload_api_refusing_the_key(
    make_client: ClientFactory, sketricgen_emulator: Emulator, files: Path
) -> None:
    with pytest.raises(SketricGenUploadError, match=r"X-API-KEY|API key") as caught:
        make_client(api_key="sk-wrong-key-0000").upload_file_sync(AGENT, files / "image.png")
    assert caught.value.step == "init"
    assert caught.value.status_code == 401
    assert isinstance(caught.value.__cause__, SketricGenAuthenticationError)
    assert sketricgen_emulator.requests_to("presigned") == []


def test_an_unknown_agent(
    make_client: ClientFactory, sketricgen_emulator: Emulator, files: Path
) -> None:
    with pytest.raises(SketricGenUploadError, match="no-such-agent") as caught:
        make_client().run_workflow_sync("no-such-agent", "Hi", file_paths=[files / "image.png"])
    assert caught.value.status_code == 404
    assert sketricgen_emulator.requests_to("run") == []


def test_complete_failing_names_the_step(
    make_client: ClientFactory, sketricgen_emulator: Emulator, files: Path
) -> None:
    sketricgen_emulator.add_fault(Fault.status(409, endpoint="upload_complete"))
    with pytest.raises(SketricGenUploadError, match="completing the upload failed") as caught:
        make_client().upload_file_sync(AGENT, files / "image.png")
    assert (caught.value.step, caught.value.status_code) == ("complete", 409)


# -- upload_timeout governs the upload calls ---------------------------------------------


def test_upload_timeout_not_timeout_governs_the_post(
    make_client: ClientFactory, sketricgen_emulator: Emulator, files: Path
) -> None:
    emu = sketricgen_emulator
    emu.add_fault(Fault.stall(0.3, times=1, endpoint="presigned"))
    upload = make_client(timeout=0.1, upload_timeout=5).upload_file_sync(AGENT, files / "image.png")
    assert upload.file_size_bytes == 73


def test_a_storage_host_slower_than_upload_timeout(
    make_client: ClientFactory, sketricgen_emulator: Emulator, files: Path
) -> None:
    emu = sketricgen_emulator
    emu.add_fault(Fault.stall(2.0, endpoint="presigned"))
    client = make_client(upload_timeout=0.2, max_retries=0)
    started = time.monotonic()
    with pytest.raises(SketricGenUploadError) as caught:
        client.upload_file_sync(AGENT, files / "image.png")
    assert time.monotonic() - started < 1.5
    assert isinstance(caught.value.__cause__, SketricGenTimeoutError)
    assert caught.value.step == "upload"
    assert "image.png" in str(caught.value)


# -- one file of a set fails ---------------------------------------------------------------


def _sized(files: Path) -> list[Path]:
    small, big = files / "small.txt", files / "big.txt"
    small.write_text("small\n")
    big.write_text("big\n" * 100)
    return [files / "image.png", big, small]


def test_files_after_a_failure_never_start(
    make_client: ClientFactory, sketricgen_emulator: Emulator, files: Path
) -> None:
    emu = sketricgen_emulator
    emu.add_fault(Fault.max_file_bytes(200))  # image.png fits, big.txt does not
    client = make_client(max_concurrent_uploads=1)
    with pytest.raises(SketricGenFileSizeError) as caught:
        client.run_workflow_sync(AGENT, "Read", file_paths=_sized(files))
    assert caught.value.file_name == "big.txt"
    assert "file_paths[1]" in str(caught.value)
    assert [u.file_name for u in emu.uploads] == ["image.png", "big.txt"]  # small.txt: never
    assert emu.requests_to("run") == []


@pytest.mark.anyio
async def test_files_after_a_failure_never_start_async(
    make_client: ClientFactory, sketricgen_emulator: Emulator, files: Path
) -> None:
    emu = sketricgen_emulator
    emu.add_fault(Fault.max_file_bytes(200))
    async with make_client(max_concurrent_uploads=1) as client:
        with pytest.raises(SketricGenFileSizeError, match=r"big\.txt"):
            await client.run_workflow(AGENT, "Read", file_paths=_sized(files))
    assert [u.file_name for u in emu.uploads] == ["image.png", "big.txt"]
    assert emu.requests_to("run") == []


@pytest.mark.parametrize("mode", ["sync", "async"])
def test_files_waiting_for_a_slot_never_start_after_a_failure(
    make_client: ClientFactory, sketricgen_emulator: Emulator, files: Path, mode: str
) -> None:
    emu = sketricgen_emulator
    emu.add_fault(Fault.max_file_bytes(200))
    # image.png holds its slot until big.txt has failed, even on a loaded machine (async
    # cancels the stalled POST; a sync thread waits it out, so its stall is shorter).
    emu.add_fault(Fault.stall(5.0 if mode == "async" else 1.0, endpoint="presigned"))
    client = make_client(max_concurrent_uploads=2)
    paths = _sized(files)  # image.png and big.txt start; small.txt waits for a slot

    async def main() -> None:
        async with client:
            await client.run_workflow(AGENT, "Read", file_paths=paths)

    def sync() -> None:
        client.run_workflow_sync(AGENT, "Read", file_paths=paths)

    with pytest.raises(SketricGenFileSizeError, match=r"big\.txt"):
        sync() if mode == "sync" else asyncio.run(main())
    assert "small.txt" not in [u.file_name for u in emu.uploads]
    assert emu.requests_to("upload_complete") == []
    assert emu.requests_to("run") == []


@pytest.mark.anyio
async def test_uploads_in_flight_are_cancelled_async(
    make_client: ClientFactory, sketricgen_emulator: Emulator, files: Path
) -> None:
    emu = sketricgen_emulator
    emu.add_fault(Fault.max_file_bytes(200))
    emu.add_fault(Fault.stall(5.0, endpoint="presigned"))  # image.png's POST hangs
    started = time.monotonic()
    async with make_client() as client:
        with pytest.raises(SketricGenFileSizeError, match=r"big\.txt"):
            await client.run_workflow(AGENT, "Read", file_paths=_sized(files))
    assert time.monotonic() - started < 3.0  # not waiting out the stall
    assert emu.requests_to("upload_complete") == []
    assert emu.requests_to("run") == []


def test_uploads_in_flight_stop_before_their_next_call_sync(
    make_client: ClientFactory, sketricgen_emulator: Emulator, files: Path
) -> None:
    emu = sketricgen_emulator
    emu.add_fault(Fault.max_file_bytes(200))
    emu.add_fault(Fault.stall(0.3, endpoint="presigned"))
    with pytest.raises(SketricGenFileSizeError, match=r"big\.txt"):
        make_client().run_workflow_sync(AGENT, "Read", file_paths=_sized(files))
    # The POSTs under way finished (a thread cannot be interrupted mid-request),
    # but none of those files was completed, and no run was sent.
    assert emu.requests_to("upload_complete") == []
    assert emu.requests_to("run") == []


def test_a_server_error_names_the_file_among_several(
    make_client: ClientFactory, sketricgen_emulator: Emulator, files: Path
) -> None:
    emu = sketricgen_emulator
    emu.add_fault(Fault.status(500, retry_after=0, endpoint="upload_init"))
    with pytest.raises(SketricGenUploadError) as caught:
        make_client(max_retries=0, max_concurrent_uploads=1).run_workflow_sync(
            AGENT, "Read", file_paths=[files / "document1.pdf", files / "image.png"]
        )
    assert caught.value.file_name == "document1.pdf"
    assert "starting the upload failed" in str(caught.value)
    assert isinstance(caught.value.__cause__, SketricGenServerError)
    assert steps(emu) == ["upload_init"]
