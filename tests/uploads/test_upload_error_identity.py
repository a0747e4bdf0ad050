"""The same failure has the same exception with or without files.

A failed upload step raises an error that is a `SketricGenUploadError` (with
`file_name`, `step`, `code`) and also the class the same failure has without
files (a `SketricGenAuthenticationError`, a `SketricGenConnectionError`...,
with `status_code`, `response_body`, `request_id`, `retry_after`).
"""

from __future__ import annotations

import asyncio
import copy
import pickle
import socket
from pathlib import Path
from typing import Any, Callable

import pytest

from sketricgen import (
    SketricGenAPIError,
    SketricGenAuthenticationError,
    SketricGenBadRequestError,
    SketricGenClient,
    SketricGenConnectionError,
    SketricGenContentTypeError,
    SketricGenError,
    SketricGenNetworkError,
    SketricGenRateLimitError,
    SketricGenServerError,
    SketricGenTimeoutError,
    SketricGenUploadError,
)
from sketricgen._transport.core import TransportCore
from sketricgen._transport.errors import api_error
from sketricgen._uploads.files import inspect_file
from sketricgen._uploads.flow import UploadFlow
from sketricgen.testing import Emulator, Fault
from tests.helpers.clients import ClientFactory

pytestmark = pytest.mark.emulator
AGENT = "agent-123"
WRONG_KEY = "sk-wrong-key-0000"
UNAUTHORIZED = {"success": False, "message": "Unauthorized: missing or invalid X-API-KEY header"}


def _refused_url() -> str:
    with socket.socket() as probe:  # a port nobody listens on once this closes
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"http://127.0.0.1:{port}"


def _fail(client: Any, how: str, mode: str, path: Path) -> SketricGenError:
    """Run the upload `how` (`upload_file` or `run_workflow`) in `mode`; the error it raised."""

    async def main() -> None:
        async with client:
            if how == "upload_file":
                await client.upload_file(AGENT, path)
            else:
                await client.run_workflow(AGENT, "Read this", file_paths=[path])

    def sync() -> None:
        if how == "upload_file":
            client.upload_file_sync(AGENT, path)
        else:
            client.run_workflow_sync(AGENT, "Read this", file_paths=[path])

    call: Callable[[], None] = sync if mode == "sync" else lambda: asyncio.run(main())
    with pytest.raises(SketricGenUploadError) as caught:
        call()
    return caught.value


WAYS = [
    pytest.param(how, mode, id=f"{how}-{mode}")
    for how in ("upload_file", "run_workflow")
    for mode in ("sync", "async")
]


@pytest.mark.parametrize(("how", "mode"), WAYS)
def test_a_wrong_key_during_an_upload_is_an_authentication_error(
    make_client: ClientFactory, sketricgen_emulator: Emulator, files: Path, how: str, mode: str
) -> None:
    error = _fail(make_client(api_key=WRONG_KEY), how, mode, files / "image.png")
    assert isinstance(error, SketricGenAuthenticationError)
    assert isinstance(error, SketricGenAPIError)
    assert (error.status_code, error.response_body) == (401, UNAUTHORIZED)
    assert (error.request_id, error.retry_after) == (None, None)
    assert (error.file_name, error.step, error.code) == ("image.png", "init", None)
    assert "image.png" in str(error)
    assert "starting the upload failed: POST " in str(error)
    assert str(error).endswith(
        "answered 401 Unauthorized: Unauthorized: missing or invalid X-API-KEY header. "
        "Check the API key (api_key=, or SKETRICGEN_API_KEY with from_env())."
    )
    assert isinstance(error.__cause__, SketricGenAuthenticationError)
    assert sketricgen_emulator.requests_to("presigned") == []
    assert sketricgen_emulator.requests_to("run") == []


@pytest.mark.parametrize(("how", "mode"), WAYS)
def test_an_unreachable_upload_host_is_a_connection_error(
    make_client: ClientFactory, sketricgen_emulator: Emulator, files: Path, how: str, mode: str
) -> None:
    client = make_client(upload_base_url=_refused_url(), max_retries=0)
    error = _fail(client, how, mode, files / "document1.pdf")
    assert isinstance(error, SketricGenConnectionError)
    assert isinstance(error, SketricGenNetworkError)
    assert not isinstance(error, SketricGenAPIError)
    assert (error.file_name, error.step, error.status_code) == ("document1.pdf", "init", None)
    assert "could not connect" in str(error)
    assert sketricgen_emulator.requests_to("run") == []


def test_the_same_failure_without_files_has_the_same_class(
    make_client: ClientFactory, sketricgen_emulator: Emulator, files: Path
) -> None:
    client = make_client(api_key=WRONG_KEY)
    with pytest.raises(SketricGenAuthenticationError) as without_files:
        client.run_workflow_sync(AGENT, "Hi")
    with pytest.raises(SketricGenAuthenticationError) as with_files:
        client.run_workflow_sync(AGENT, "Hi", file_paths=[files / "image.png"])
    assert without_files.value.status_code == with_files.value.status_code == 401
    assert isinstance(with_files.value, SketricGenUploadError)
    assert not isinstance(without_files.value, SketricGenUploadError)


def test_a_rate_limited_upload_keeps_retry_after(
    make_client: ClientFactory, sketricgen_emulator: Emulator, files: Path
) -> None:
    fault = Fault.status(429, retry_after=3600, message="Slow down", endpoint="upload_init")
    sketricgen_emulator.add_fault(fault)
    with pytest.raises(SketricGenRateLimitError) as caught:
        make_client().upload_file_sync(AGENT, files / "image.png")
    error = caught.value
    assert isinstance(error, SketricGenUploadError)
    assert (error.status_code, error.retry_after, error.step) == (429, 3600, "init")


@pytest.mark.parametrize(
    ("fault", "cls", "status", "code"),
    [
        (Fault.s3_error("EntityTooLarge", 400), SketricGenBadRequestError, 400, "EntityTooLarge"),
        (Fault.s3_error("SlowDown", 503), SketricGenServerError, 503, "SlowDown"),
    ],
    ids=["EntityTooLarge", "SlowDown"],
)
def test_a_storage_refusal_is_both_with_s3s_code(
    make_client: ClientFactory,
    sketricgen_emulator: Emulator,
    files: Path,
    fault: Fault,
    cls: type[SketricGenAPIError],
    status: int,
    code: str,
) -> None:
    sketricgen_emulator.add_fault(fault)
    with pytest.raises(cls) as caught:
        make_client(max_retries=0).upload_file_sync(AGENT, files / "image.png")
    error = caught.value
    assert isinstance(error, SketricGenUploadError)
    assert (error.status_code, error.code, error.step) == (status, code, "upload")
    assert f"<Code>{code}</Code>" in error.response_body


def test_a_storage_host_too_slow_is_a_timeout_error(
    make_client: ClientFactory, sketricgen_emulator: Emulator, files: Path
) -> None:
    sketricgen_emulator.add_fault(Fault.stall(2.0, endpoint="presigned"))
    client = make_client(upload_timeout=0.2, max_retries=0)
    with pytest.raises(SketricGenTimeoutError) as caught:
        client.upload_file_sync(AGENT, files / "image.png")
    assert isinstance(caught.value, SketricGenUploadError)
    assert caught.value.step == "upload"


def test_the_joined_classes_are_made_once_named_plainly_and_pickle(
    make_client: ClientFactory, sketricgen_emulator: Emulator, files: Path
) -> None:
    client = make_client(api_key=WRONG_KEY)
    first = _fail(client, "upload_file", "sync", files / "image.png")
    second = _fail(client, "run_workflow", "sync", files / "document1.pdf")
    assert type(first) is type(second)
    assert type(first).__name__ == "SketricGenUploadAuthenticationError"
    for again in (pickle.loads(pickle.dumps(first)), copy.copy(first), copy.deepcopy(first)):
        assert type(again) is type(first)
        assert str(again) == str(first)
        assert vars(again) == vars(first)


def test_a_type_the_service_refuses_is_a_content_type_error_and_a_bad_request() -> None:
    core = TransportCore(SketricGenClient("sk-test-key-0000")._config)
    flow = UploadFlow(core, AGENT, inspect_file(b"a,b\n", file_name="data.csv"))
    body = b'{"success": false, "message": "Unsupported file type", "allowed_types": ["text/csv"]}'
    refused = api_error(400, {"content-type": "application/json"}, body, target="POST /init")
    error = flow.failure(refused)
    assert isinstance(error, SketricGenContentTypeError)
    assert isinstance(error, SketricGenBadRequestError)
    assert type(error).__name__ == "SketricGenContentTypeBadRequestError"
    assert (error.status_code, error.step, error.allowed_types) == (400, "init", ("text/csv",))
    assert error.field == "file_paths"  # the upload error's own attributes win
    assert error.response_body["message"] == "Unsupported file type"
