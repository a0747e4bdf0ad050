"""Any 2xx is a success (API.md): a status the spec does not list for an answer still reads.

The spec documents `201` for a non-streamed run and `200` for the upload
calls; a service answering another success status (a proxy's `200`, a
`202`) must not turn a good answer into an error. Real HTTP on loopback.
"""

from __future__ import annotations

import json
import socket
from pathlib import Path

import pytest

from sketricgen import SketricGenClient, SketricGenUnexpectedResponseError
from tests.helpers.hostile_server import HostileServer, Received, answer, response_head

KEY = "sk-statuses-0123456789"
CHAT = {
    "agent_id": "agent-123", "user_id": "u-1", "conversation_id": "c-1",
    "response": "Hello!", "owner": "o",
}  # fmt: skip
JSON = {"Content-Type": "application/json"}


@pytest.mark.parametrize("status", ["200 OK", "201 Created", "202 Accepted"])
def test_a_run_answered_with_any_success_status_reads(status: str) -> None:
    with (
        HostileServer(answer(status, json.dumps(CHAT).encode(), JSON)) as server,
        SketricGenClient(KEY, base_url=server.base_url) as client,
    ):
        assert client.run_workflow_sync("agent-123", "Hi").response == "Hello!"


@pytest.mark.anyio
async def test_a_run_answered_200_reads_async() -> None:
    with HostileServer(answer("200 OK", json.dumps(CHAT).encode(), JSON)) as server:
        async with SketricGenClient(KEY, base_url=server.base_url) as client:
            assert (await client.run_workflow("agent-123", "Hi")).response == "Hello!"


def test_a_success_status_with_a_wrong_body_is_still_refused() -> None:
    with (
        HostileServer(answer("200 OK", b'{"unexpected": true}', JSON)) as server,
        SketricGenClient(KEY, base_url=server.base_url, max_retries=0) as client,
        pytest.raises(SketricGenUnexpectedResponseError),
    ):
        client.run_workflow_sync("agent-123", "Hi")


def test_an_upload_answered_201_at_init_and_complete_reads(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("hello")
    base: list[str] = []

    def handle(conn: socket.socket, request: Received) -> None:
        line = request.request_line
        if "/publicAssetsUploadInit" in line:
            body = {
                "success": True, "file_id": "f-1",
                "upload": {"url": base[0] + "/bucket", "fields": {"key": "k"}},
            }  # fmt: skip
            data = json.dumps(body).encode()
            status = "201 Created"
        elif "/bucket" in line:
            data, status = b"", "204 No Content"
        else:
            data = json.dumps({"success": True, "file_id": "f-1"}).encode()
            status = "201 Created"
        head = response_head(status, {**JSON, "Content-Length": str(len(data))})
        conn.sendall(head + data)

    with HostileServer(handle) as server:
        base.append(server.base_url)
        with SketricGenClient(KEY, upload_base_url=server.base_url) as client:
            assert client.upload_file_sync("agent-123", path).file_id == "f-1"
