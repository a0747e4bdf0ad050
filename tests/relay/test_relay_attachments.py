"""Files from the browser: AG-UI media parts (and the legacy binary part) become assets."""

from __future__ import annotations

import base64
from typing import Any, Callable

import pytest

from sketricgen import SketricGenClient
from sketricgen.testing import Emulator, Fault

pytestmark = pytest.mark.emulator

Post = Callable[..., Any]
Input = Callable[..., dict[str, Any]]
NOTES = b"name,score\nada,10\n"
ECHO = {"agentId": "agent-123"}


def _message(*parts: dict[str, Any]) -> list[dict[str, Any]]:
    return [{"id": "u1", "role": "user", "content": [{"type": "text", "text": "Read"}, *parts]}]


def _data(value: bytes) -> str:
    return base64.b64encode(value).decode()


def _document(name: str, value: bytes, mime: str) -> dict[str, Any]:
    source = {"type": "data", "value": _data(value), "mimeType": mime}
    return {"type": "document", "metadata": {"filename": name}, "source": source}


@pytest.mark.parametrize(
    "part",
    [
        {"type": "document", "metadata": {"filename": "scores.csv"},
         "source": {"type": "data", "value": _data(NOTES), "mimeType": "text/csv"}},
        {"type": "binary", "mimeType": "text/csv", "filename": "scores.csv", "data": _data(NOTES)},
    ],
    ids=["media-part", "legacy-binary-part"],
)  # fmt: skip
def test_an_inline_file_is_uploaded_and_attached(
    post_run: Post,
    run_input: Input,
    sketricgen_emulator: Emulator,
    part: dict[str, Any],
) -> None:
    answer = post_run(run_input(messages=_message(part), forwardedProps=ECHO))

    assert answer.status == 200
    assert "I received 1 file(s): scores.csv (text/csv, 18 bytes)." in answer.text
    (upload,) = sketricgen_emulator.uploads
    assert (upload.file_name, upload.data) == ("scores.csv", NOTES)
    sent = sketricgen_emulator.requests_to("run")[-1].json()
    assert sent["assets"] == [upload.file_id]
    assert sent["user_input"] == "Read"
    assert sketricgen_emulator.key_leaks == []


def test_an_image_without_a_name_is_named_from_its_type(
    post_run: Post, run_input: Input, sketricgen_emulator: Emulator
) -> None:
    png = (
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00"
        b"\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N"
        b"\x00\x00\x00\x00IEND\xaeB`\x82"
    )
    part = {
        "type": "image",
        "source": {"type": "data", "value": _data(png), "mimeType": "image/png"},
    }

    answer = post_run(run_input(messages=_message(part), forwardedProps=ECHO))

    assert answer.status == 200
    (upload,) = sketricgen_emulator.uploads
    assert upload.file_name == "attachment-2.png"
    assert upload.content_type == "image/png"


def test_a_file_id_is_attached_as_it_is(
    post_run: Post, run_input: Input, sketricgen_emulator: Emulator
) -> None:
    with SketricGenClient(
        api_key=sketricgen_emulator.api_key,
        base_url=sketricgen_emulator.base_url,
        upload_base_url=sketricgen_emulator.upload_base_url,
    ) as client:
        file_id = client.upload_file_sync("agent-123", NOTES, file_name="scores.csv").file_id
    part = {"type": "document", "source": {"type": "file", "value": file_id}}

    answer = post_run(run_input(messages=_message(part), forwardedProps=ECHO))

    assert "I received 1 file(s): scores.csv" in answer.text
    assert len(sketricgen_emulator.uploads) == 1  # nothing uploaded again
    assert sketricgen_emulator.requests_to("run")[-1].json()["assets"] == [file_id]


@pytest.mark.parametrize(
    ("part", "code"),
    [
        ({"type": "document", "source": {"type": "url", "value": "http://169.254.169.254/"}},
         "unsupported_attachment"),
        ({"type": "document", "source": {"type": "data", "value": "not base64!",
                                         "mimeType": "text/plain"}}, "invalid_attachment"),
        ({"type": "document", "source": {"type": "data", "value": "", "mimeType": "text/plain"}},
         "invalid_attachment"),
        ({"type": "binary", "filename": "a.txt", "data": _data(b"x")}, "invalid_attachment"),
        ({"type": "document", "metadata": {"filename": "tool.exe"},
          "source": {"type": "data", "value": _data(b"MZ"), "mimeType": "application/x-dosexec"}},
         "invalid_attachment"),
    ],
    ids=["url", "bad-base64", "empty", "binary-without-type", "refused-type"],
)  # fmt: skip
def test_a_file_the_relay_cannot_attach_is_refused_before_the_run(
    post_run: Post,
    run_input: Input,
    sketricgen_emulator: Emulator,
    part: dict[str, Any],
    code: str,
) -> None:
    refused = post_run(run_input(messages=_message(part), forwardedProps=ECHO))

    assert refused.status == 400
    assert refused.json()["error"] == code
    assert sketricgen_emulator.requests == []


def test_files_are_checked_as_a_set_before_the_first_upload(
    post_run: Post, run_input: Input, sketricgen_emulator: Emulator
) -> None:
    good = _document("scores.csv", NOTES, "text/csv")
    refused = _document("tool.exe", b"MZ", "text/plain")

    answer = post_run(run_input(messages=_message(good, refused), forwardedProps=ECHO))

    assert answer.status == 400
    assert "tool.exe" in answer.json()["message"]
    assert sketricgen_emulator.requests == []


def test_a_failed_upload_answers_502_without_running(
    post_run: Post, run_input: Input, sketricgen_emulator: Emulator
) -> None:
    sketricgen_emulator.add_fault(Fault.s3_error("AccessDenied", status=403))
    part = _document("scores.csv", NOTES, "text/csv")

    answer = post_run(run_input(messages=_message(part), forwardedProps=ECHO))

    assert answer.status == 502
    assert answer.json()["error"] == "upload_failed"
    assert sketricgen_emulator.api_key.encode() not in answer.raw
    assert sketricgen_emulator.requests_to("run") == []
