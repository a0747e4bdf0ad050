"""The upload API and the presigned storage target, over real HTTP."""

from __future__ import annotations

import base64
import json
from datetime import datetime, timedelta
from typing import Any, Callable
from urllib.parse import urlsplit

import httpx
import pytest
from sketricgen_models import UploadCompleteResponse, UploadInitResponse

from sketricgen.testing import Emulator, Fault
from tests.helpers.emulator import (
    complete_upload,
    init_upload,
    multipart,
    presigned_post,
    run,
    upload_headers,
)

pytestmark = pytest.mark.emulator

PDF = b"%PDF-1.4\n% a tiny test document\n"
FIELD_ORDER = [
    "Content-Type", "key", "x-amz-algorithm", "x-amz-credential", "x-amz-date",
    "x-amz-security-token", "policy", "x-amz-signature",
]  # fmt: skip


def _upload(http: httpx.Client, emu: Emulator, file_name: str = "report.pdf") -> dict[str, Any]:
    answer = init_upload(http, emu, file_name)
    assert answer.status_code == 200, answer.text
    found: dict[str, Any] = answer.json()
    return found


def _s3_error(response: httpx.Response, status: int, code: str) -> str:
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/xml"
    assert response.text.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<Error>')
    assert f"<Code>{code}</Code>" in response.text
    return response.text


def test_the_three_calls_then_the_file_as_an_asset(emu: Emulator, http: httpx.Client) -> None:
    init = UploadInitResponse.model_validate(_upload(http, emu))
    assert init.success is True
    assert init.content_type == "application/pdf"
    assert init.upload.url == emu.storage_url
    assert urlsplit(init.upload.url).hostname != urlsplit(emu.base_url).hostname
    assert list(init.upload.fields) == FIELD_ORDER
    assert init.upload.max_file_bytes == 20 * 1024 * 1024
    assert init.upload.expires_at == "2025-01-01T01:00:00.000Z"
    policy = json.loads(base64.b64decode(init.upload.fields["policy"]))
    assert policy["expiration"] == init.upload.expires_at
    assert ["content-length-range", 1, 20 * 1024 * 1024] in policy["conditions"]

    stored = presigned_post(http, init.model_dump()["upload"], PDF)
    assert stored.status_code == 204
    assert stored.headers["etag"].startswith('"')
    assert complete_upload(http, emu, init.file_id).status_code == 200

    (upload,) = emu.uploads
    assert (upload.file_id, upload.agent_id, upload.file_name) == (
        init.file_id, "agent-123", "report.pdf",
    )  # fmt: skip
    assert (upload.data, upload.size, upload.completed) == (PDF, len(PDF), True)
    assert upload.part_content_type == "application/pdf"
    assert emu.key_leaks == []

    answer = run(http, emu, user_input="Summarize this document", assets=[init.file_id])
    assert answer.status_code == 201
    assert (
        "I received 1 file(s): report.pdf (application/pdf, 32 bytes)" in answer.json()["response"]
    )


def test_complete_answers_the_stored_file(emu: Emulator, http: httpx.Client) -> None:
    upload = _upload(http, emu, "chart.png")
    presigned_post(http, upload["upload"], b"\x89PNG")
    done = UploadCompleteResponse.model_validate(
        complete_upload(http, emu, upload["file_id"]).json()
    )
    assert (done.file_size_bytes, done.content_type, done.file_name) == (
        4,
        "image/png",
        "chart.png",
    )
    assert done.created_at == "2025-01-01T00:00:00.000Z"
    assert done.url is not None
    assert http.get(done.url).content == b"\x89PNG"
    emu.advance_clock(timedelta(days=3, seconds=1).total_seconds())
    _s3_error(http.get(done.url), 403, "AccessDenied")


@pytest.mark.parametrize(
    ("file_name", "content_type"),
    [("photo.JPG", "image/jpeg"), ("scan.webp", "image/webp"), ("anim.gif", "image/gif"),
     ("data.csv", "text/csv"), ("notes.md", "text/markdown"), ("main.py", "text/x-python"),
     ("sheet.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")],
)  # fmt: skip
def test_the_extension_decides_the_content_type(
    emu: Emulator, http: httpx.Client, file_name: str, content_type: str
) -> None:
    upload = _upload(http, emu, file_name)
    assert upload["content_type"] == content_type
    assert upload["upload"]["fields"]["Content-Type"] == content_type


@pytest.mark.parametrize("file_name", ["archive.zip", "README", "dir/report.pdf", "report."])
def test_refused_file_names(emu: Emulator, http: httpx.Client, file_name: str) -> None:
    answer = init_upload(http, emu, file_name)
    assert answer.status_code == 400
    body = answer.json()
    assert body["success"] is False
    assert body["message"]
    if "/" not in file_name:
        assert "application/pdf" in body["allowed_types"]
    assert emu.uploads == []


def test_init_for_an_unknown_agent_is_404(emu: Emulator, http: httpx.Client) -> None:
    answer = init_upload(http, emu, agent_id="nobody")
    assert answer.status_code == 404
    assert answer.json() == {"success": False, "message": "Agent 'nobody' not found"}


@pytest.mark.parametrize("endpoint", ["publicAssetsUploadInit", "publicAssetsUploadComplete"])
@pytest.mark.parametrize(
    "headers", [{}, {"X-API-KEY": "wrong"}, {"API-KEY": "<right key, chat header name>"}]
)
def test_the_upload_api_wants_its_own_key_header(
    emu: Emulator, http: httpx.Client, endpoint: str, headers: dict[str, str]
) -> None:
    headers = {k: emu.api_key if v.startswith("<") else v for k, v in headers.items()}
    answer = http.post(
        f"{emu.upload_base_url}/{endpoint}",
        json={"agent_id": "agent-123", "file_name": "a.pdf", "file_id": "x"},
        headers=headers,
    )
    assert answer.status_code == 401
    assert answer.json()["success"] is False


def test_malformed_upload_requests_are_400(emu: Emulator, http: httpx.Client) -> None:
    answer = http.post(
        emu.upload_base_url + "/publicAssetsUploadInit", json={"agent_id": "agent-123"},
        headers=upload_headers(emu),
    )  # fmt: skip
    assert answer.status_code == 400
    assert "file_name" in answer.json()["message"]


def test_complete_needs_a_stored_file_of_that_agent(emu: Emulator, http: httpx.Client) -> None:
    upload = _upload(http, emu)
    early = complete_upload(http, emu, upload["file_id"])
    assert early.status_code == 400
    assert "not been uploaded" in early.json()["message"]
    assert complete_upload(http, emu, "no-such-file").status_code == 404
    presigned_post(http, upload["upload"], PDF)
    assert complete_upload(http, emu, upload["file_id"], agent_id="demo-agent").status_code == 404
    assert complete_upload(http, emu, upload["file_id"]).status_code == 200


def test_assets_must_be_completed_and_of_the_agent(emu: Emulator, http: httpx.Client) -> None:
    upload = _upload(http, emu)
    presigned_post(http, upload["upload"], PDF)
    assert run(http, emu, assets=[upload["file_id"]]).status_code == 400  # stored, not completed
    complete_upload(http, emu, upload["file_id"])
    other = run(http, emu, agent_id="demo-agent", assets=[upload["file_id"]])
    assert other.status_code == 400
    assert "not a completed upload of agent 'demo-agent'" in other.json()["detail"]
    assert run(http, emu, user_input="", assets=[upload["file_id"]]).status_code == 201


# -- what S3 enforces on a presigned POST ----------------------------------------


def _without(upload: dict[str, Any], name: str) -> list[tuple[str, str]]:
    return [(k, v) for k, v in upload["upload"]["fields"].items() if k != name]


def _changed(upload: dict[str, Any], name: str, value: str) -> list[tuple[str, str]]:
    return [(k, value if k == name else v) for k, v in upload["upload"]["fields"].items()]


Case = Callable[[dict[str, Any]], dict[str, Any]]
REFUSALS: list[tuple[str, Case, int, str, str]] = [
    ("missing-field", lambda u: {"fields": _without(u, "x-amz-security-token")}, 403,
     "AccessDenied", 'Policy Condition failed: ["eq", "$x-amz-security-token"'),
    ("missing-key", lambda u: {"fields": _without(u, "key")}, 400, "InvalidArgument",
     "must contain a field named 'key'"),
    ("missing-policy", lambda u: {"fields": _without(u, "policy")}, 403, "AccessDenied",
     "Access Denied"),
    ("missing-signature", lambda u: {"fields": _without(u, "x-amz-signature")}, 400,
     "InvalidArgument", "'x-amz-signature'"),
    ("changed-key", lambda u: {"fields": _changed(u, "key", "uploads/elsewhere.pdf")}, 403,
     "AccessDenied", 'Policy Condition failed: ["eq", "$key"'),
    ("changed-policy", lambda u: {"fields": _changed(u, "policy", "e30=")}, 403,
     "SignatureDoesNotMatch", "signature"),
    ("changed-date", lambda u: {"fields": _changed(u, "x-amz-date", "20250101T000001Z")}, 403,
     "SignatureDoesNotMatch", "signature"),
    ("wrong-content-type", lambda u: {"fields": _changed(u, "Content-Type", "image/png")}, 403,
     "AccessDenied", 'Policy Condition failed: ["eq", "$Content-Type", "application/pdf"]'),
    ("extra-field", lambda u: {"fields": [("acl", "public-read"), *u["upload"]["fields"].items()]},
     403, "AccessDenied", "Extra input fields: acl"),
    ("file-first", lambda u: {"file_first": True}, 400, "InvalidArgument",
     "please check the order of the fields"),
    ("empty-file", lambda u: {"content": b""}, 400, "EntityTooSmall", "smaller than the minimum"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("case", "status", "code", "message"),
    [
        pytest.param(case, status, code, message, id=name)
        for name, case, status, code, message in REFUSALS
    ],
)
def test_the_presigned_target_refuses_like_s3(
    emu: Emulator, http: httpx.Client, case: Case, status: int, code: str, message: str
) -> None:
    upload = _upload(http, emu)
    options = {"content": PDF, **case(upload)}
    answer = presigned_post(http, upload["upload"], **options)
    assert message in _s3_error(answer, status, code)
    assert "<RequestId>" in answer.text
    assert emu.uploads[0].data is None


def test_an_oversize_file_is_entity_too_large(emu: Emulator, http: httpx.Client) -> None:
    emu.add_fault(Fault.max_file_bytes(10, times=1))
    upload = _upload(http, emu)
    assert upload["upload"]["max_file_bytes"] == 10
    text = _s3_error(presigned_post(http, upload["upload"], b"x" * 11), 400, "EntityTooLarge")
    assert "<ProposedSize>11</ProposedSize>" in text
    assert "<MaxSizeAllowed>10</MaxSizeAllowed>" in text
    assert presigned_post(http, upload["upload"], b"x" * 10).status_code == 204


def test_an_expired_policy_is_refused(emu: Emulator, http: httpx.Client) -> None:
    upload = _upload(http, emu)
    emu.advance_clock(3601)
    text = _s3_error(presigned_post(http, upload["upload"], PDF), 403, "AccessDenied")
    assert "Policy expired" in text


def test_an_init_can_hand_out_an_expired_policy(emu: Emulator, http: httpx.Client) -> None:
    emu.add_fault(Fault.expired_policy(times=1))
    upload = _upload(http, emu)
    assert datetime.fromisoformat(upload["upload"]["expires_at"][:-1]) < emu.now.replace(
        tzinfo=None
    )
    _s3_error(presigned_post(http, upload["upload"], PDF), 403, "AccessDenied")
    fresh = _upload(http, emu)
    assert presigned_post(http, fresh["upload"], PDF).status_code == 204


def test_a_request_without_a_file_or_not_multipart(emu: Emulator, http: httpx.Client) -> None:
    upload = _upload(http, emu)["upload"]
    body, headers = multipart(list(upload["fields"].items()))
    no_file = http.post(upload["url"], content=body, headers=headers)
    assert "exactly one file upload" in _s3_error(no_file, 400, "InvalidArgument")
    as_json = http.post(upload["url"], json=upload["fields"])
    assert "multipart/form-data" in _s3_error(as_json, 412, "PreconditionFailed")
    wrong_bucket = http.post(upload["url"] + "-other", content=body, headers=headers)
    _s3_error(wrong_bucket, 404, "NoSuchBucket")


@pytest.mark.parametrize("header", ["X-API-KEY", "API-KEY", "Authorization"])
def test_an_api_key_sent_to_storage_is_recorded_as_a_leak(
    emu: Emulator, http: httpx.Client, header: str
) -> None:
    upload = _upload(http, emu)
    stored = presigned_post(http, upload["upload"], PDF, headers={header: emu.api_key})
    assert stored.status_code == 204  # S3 would not care; the test does
    (leak,) = emu.key_leaks
    assert leak.endpoint == "presigned"
    assert leak.headers[header.lower()] == "***"
    assert emu.api_key not in json.dumps([r.headers for r in emu.requests])


def test_slow_down_once_then_stored(emu: Emulator, http: httpx.Client) -> None:
    active = emu.add_fault(Fault.s3_error("SlowDown", 503, times=1), agent_id="agent-123")
    upload = _upload(http, emu)
    text = _s3_error(presigned_post(http, upload["upload"], PDF), 503, "SlowDown")
    assert "Please reduce your request rate." in text
    assert presigned_post(http, upload["upload"], PDF).status_code == 204
    assert active.hits == 1


def test_an_s3_error_for_another_agent_does_not_act(emu: Emulator, http: httpx.Client) -> None:
    emu.add_fault(Fault.s3_error("EntityTooLarge", 400), agent_id="demo-agent")
    upload = _upload(http, emu)
    assert presigned_post(http, upload["upload"], PDF).status_code == 204
