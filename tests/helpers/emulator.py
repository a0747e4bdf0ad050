"""Small helpers shared by the emulator's tests (plain HTTP, no SDK)."""

from __future__ import annotations

import json
from typing import Any, Optional, Union

import httpx

from sketricgen.testing import Emulator


def chat_headers(emu: Emulator, **extra: str) -> dict[str, str]:
    """The chat API's key header, plus `extra`."""
    return {"API-KEY": emu.api_key, **extra}


def upload_headers(emu: Emulator) -> dict[str, str]:
    """The upload API's key header."""
    return {"X-API-KEY": emu.api_key}


def run(
    http: httpx.Client, emu: Emulator, headers: Optional[dict[str, str]] = None, **body: Any
) -> httpx.Response:
    """POST run-workflow (non-streamed unless `stream=True`), reading the whole answer."""
    body.setdefault("agent_id", "agent-123")
    body.setdefault("user_input", "Hello")
    return http.post(emu.run_url, json=body, headers=headers or chat_headers(emu))


def data_lines(raw: bytes) -> list[str]:
    """The `data` of each event in an LF-framed stream (comments and other fields skipped)."""
    found = []
    for block in raw.decode("utf-8").split("\n\n"):
        data = [line[6:] for line in block.split("\n") if line.startswith("data: ")]
        if data:
            found.append("\n".join(data))
    return found


def events(raw: bytes) -> list[dict[str, Any]]:
    """Every event of an LF-framed stream, parsed."""
    return [json.loads(data) for data in data_lines(raw)]


def stream(http: httpx.Client, emu: Emulator, **body: Any) -> list[dict[str, Any]]:
    """Run streamed and parse every event."""
    response = run(http, emu, stream=True, **body)
    assert response.status_code == 200, response.text
    return events(response.content)


FilePart = tuple[str, bytes, str]  # file name, bytes, content type


def multipart(parts: list[tuple[str, Union[str, FilePart]]]) -> tuple[bytes, dict[str, str]]:
    """A multipart/form-data body with the parts in exactly the order given, and its header."""
    boundary = "emulator-test-boundary"
    chunks = []
    for name, value in parts:
        if isinstance(value, str):
            head = f'Content-Disposition: form-data; name="{name}"\r\n'
            payload = value.encode()
        else:
            file_name, payload, content_type = value
            head = (
                f'Content-Disposition: form-data; name="{name}"; filename="{file_name}"\r\n'
                f"Content-Type: {content_type}\r\n"
            )
        chunks.append(f"--{boundary}\r\n{head}\r\n".encode() + payload + b"\r\n")
    body = b"".join(chunks) + f"--{boundary}--\r\n".encode()
    return body, {"Content-Type": f"multipart/form-data; boundary={boundary}"}


def init_upload(
    http: httpx.Client, emu: Emulator, file_name: str = "report.pdf", agent_id: str = "agent-123"
) -> httpx.Response:
    """POST publicAssetsUploadInit with the right key."""
    return http.post(
        emu.upload_base_url + "/publicAssetsUploadInit",
        json={"agent_id": agent_id, "file_name": file_name},
        headers=upload_headers(emu),
    )


def complete_upload(
    http: httpx.Client, emu: Emulator, file_id: str, agent_id: str = "agent-123"
) -> httpx.Response:
    """POST publicAssetsUploadComplete with the right key."""
    return http.post(
        emu.upload_base_url + "/publicAssetsUploadComplete",
        json={"agent_id": agent_id, "file_id": file_id},
        headers=upload_headers(emu),
    )


def presigned_post(
    http: httpx.Client,
    upload: dict[str, Any],
    content: bytes,
    *,
    fields: Optional[list[tuple[str, str]]] = None,
    file_first: bool = False,
    headers: Optional[dict[str, str]] = None,
) -> httpx.Response:
    """POST the file to `upload["url"]` as the init answer says (or with `fields` instead)."""
    entries: list[tuple[str, Union[str, FilePart]]] = list(
        upload["fields"].items() if fields is None else fields
    )
    file_part: tuple[str, Union[str, FilePart]] = (
        "file", ("upload.bin", content, upload["fields"].get("Content-Type", "application/pdf"))
    )  # fmt: skip
    entries = [file_part, *entries] if file_first else [*entries, file_part]
    body, content_type = multipart(entries)
    return http.post(upload["url"], content=body, headers={**content_type, **(headers or {})})
