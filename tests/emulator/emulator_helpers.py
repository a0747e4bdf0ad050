"""Small helpers shared by the emulator's tests (plain HTTP, no SDK)."""

from __future__ import annotations

import json
from typing import Any, Optional

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
