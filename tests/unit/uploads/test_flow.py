"""`UploadFlow` on its own (no I/O): the answers of init and complete, and what fails."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from sketricgen import SketricGenClosedError, SketricGenFileSizeError, SketricGenUploadError
from sketricgen._config import ClientConfig
from sketricgen._transport.core import TransportCore
from sketricgen._uploads.files import inspect_file
from sketricgen._uploads.flow import UploadFlow
from sketricgen._uploads.form import PresignedForm

DATA = b"name,score\nada,10\n"


def _flow() -> UploadFlow:
    core = TransportCore(ClientConfig.create("sk-unit-test-key"))
    return UploadFlow(core, "agent-123", inspect_file(DATA, file_name="scores.csv"))


def _init_answer(flow: UploadFlow, body: Any) -> Any:
    spec = flow.init_spec()
    return flow.presigned(spec, httpx.Response(200, json=body))


def _upload(**presigned: Any) -> dict[str, Any]:
    return {"url": "https://bucket.example/", "fields": {"key": "k"}, **presigned}


@pytest.mark.parametrize(
    ("message", "why"), [("agent is gone", "agent is gone"), (None, "no reason given")]
)
def test_success_false_at_init_is_an_upload_error_with_the_reason(message: Any, why: str) -> None:
    body = {"success": False, "file_id": "f1", "upload": _upload(), "message": message}
    with pytest.raises(SketricGenUploadError) as caught:
        _init_answer(_flow(), body)
    assert str(caught.value).endswith(f"answered success=false at init: {why}")
    assert (caught.value.step, caught.value.file_name) == ("init", "scores.csv")


def test_a_file_exactly_at_the_policys_limit_passes() -> None:
    answer = {"success": True, "file_id": "f1", "upload": _upload(max_file_bytes=len(DATA))}
    assert _init_answer(_flow(), answer).url == "https://bucket.example/"
    answer["upload"]["max_file_bytes"] = len(DATA) - 1
    with pytest.raises(SketricGenFileSizeError):
        _init_answer(_flow(), answer)


@pytest.mark.parametrize(
    ("fields", "sent"),
    [({"key": "k", "Content-Type": "application/octet-stream"}, "application/octet-stream"),
     ({"key": "k"}, "text/csv")],
)  # fmt: skip
def test_the_storage_policy_may_demand_the_content_type(fields: dict[str, str], sent: str) -> None:
    flow = _flow()
    target = _init_answer(
        flow, {"success": True, "file_id": "f1", "upload": _upload(fields=fields)}
    )
    forms: list[PresignedForm] = []

    def stream(form: PresignedForm, _: Any) -> Iterator[bytes]:
        forms.append(form)
        return iter(())

    spec = flow.post_spec(target, stream)
    assert spec.body is not None
    spec.body()
    assert f"Content-Type: {sent}".encode() in forms[0].head


def _past_init() -> UploadFlow:
    flow = _flow()
    _init_answer(flow, {"success": True, "file_id": "f1", "upload": _upload()})
    return flow


def test_success_false_at_complete_is_an_upload_error() -> None:
    flow = _past_init()
    spec = flow.complete_spec()
    answer = httpx.Response(200, json={"success": False, "file_id": "f1", "message": "late"})
    with pytest.raises(SketricGenUploadError, match="success=false at complete: late"):
        flow.completed(spec, answer)


def test_an_upload_error_is_completed_with_the_file_and_the_step() -> None:
    flow = _past_init()
    flow.complete_spec()
    bare = SketricGenUploadError("it broke")
    assert flow.failure(bare) is bare
    assert (bare.file_name, bare.step) == ("scores.csv", "complete")
    named = SketricGenUploadError("it broke", file_name="other.csv", step="init")
    flow.failure(named)
    assert (named.file_name, named.step) == ("other.csv", "init")


def test_an_error_that_is_not_about_the_upload_passes_through() -> None:
    closed = SketricGenClosedError("the client was closed")
    assert _past_init().failure(closed) is closed
