"""The transport's three hosts, over real HTTP: which key header each one gets.

Uploads are built on this (a later issue); here the transport is driven
directly with `RequestSpec`s, the way the upload flow will drive it.
"""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from sketricgen import SketricGenClient
from sketricgen._transport.core import Host, RequestSpec
from sketricgen.testing import Emulator, Fault
from tests.helpers.clients import ClientFactory

pytestmark = pytest.mark.emulator


def _headers(request: Any) -> dict[str, str]:
    return {name.lower(): value for name, value in request.headers.items()}


def _init(client: SketricGenClient) -> dict[str, Any]:
    spec = RequestSpec(
        "POST", "/publicAssetsUploadInit", host=Host.UPLOAD, idempotent=True,
        json={"agent_id": "agent-123", "file_name": "notes.txt"},
    )  # fmt: skip
    upload: dict[str, Any] = client._sync.send(spec).json()
    return upload


def _presigned(upload: dict[str, Any]) -> RequestSpec:
    fields = upload["upload"]["fields"]
    return RequestSpec(
        "POST", upload["upload"]["url"], host=Host.EXTERNAL, idempotent=True,
        body=lambda: {"data": fields, "files": {"file": ("notes.txt", b"hello", "text/plain")}},
    )  # fmt: skip


@pytest.mark.parametrize("own_http_client", [False, True])
def test_each_host_gets_only_its_own_key_header(
    make_client: ClientFactory, sketricgen_emulator: Emulator, own_http_client: bool
) -> None:
    # A user's httpx client that (wrongly) carries the key by default: it must
    # still never reach the storage host.
    http = (
        httpx.Client(headers={"API-KEY": sketricgen_emulator.api_key}) if own_http_client else None
    )
    try:
        client = make_client(http_client=http)
        client.run_workflow_sync("agent-123", "Hi")
        upload = _init(client)
        stored = client._sync.send(_presigned(upload))
    finally:
        if http is not None:
            http.close()
    assert stored.status_code == 204
    (run,) = sketricgen_emulator.requests_to("run")
    (init,) = sketricgen_emulator.requests_to("upload_init")
    (post,) = sketricgen_emulator.requests_to("presigned")
    assert "api-key" in _headers(run)
    assert "x-api-key" not in _headers(run)
    assert "x-api-key" in _headers(init)
    assert "api-key" not in _headers(init)
    assert "api-key" not in _headers(post)
    assert "x-api-key" not in _headers(post)
    assert sketricgen_emulator.key_leaks == []


def test_idempotent_calls_are_retried_after_a_500(
    make_client: ClientFactory, sketricgen_emulator: Emulator
) -> None:
    client = make_client()
    upload = _init(client)
    sketricgen_emulator.add_fault(Fault.s3_error("InternalError", 500, times=1))
    stored = client._sync.send(_presigned(upload))
    assert stored.status_code == 204
    assert [r.status for r in sketricgen_emulator.requests_to("presigned")] == [500, 204]


@pytest.mark.anyio
async def test_the_async_shell_routes_hosts_the_same_way(
    make_client: ClientFactory, sketricgen_emulator: Emulator
) -> None:
    async with make_client() as client:
        spec = RequestSpec(
            "POST", "/publicAssetsUploadInit", host=Host.UPLOAD,
            json={"agent_id": "agent-123", "file_name": "notes.txt"},
        )  # fmt: skip
        upload = (await client._async.send(spec)).json()
        stored = await client._async.send(_presigned(upload))
    assert stored.status_code == 204
    (init,) = sketricgen_emulator.requests_to("upload_init")
    assert "x-api-key" in _headers(init)
    assert "api-key" not in _headers(init)
    assert sketricgen_emulator.key_leaks == []


def test_default_headers_stay_on_sketricgens_hosts(
    make_client: ClientFactory, sketricgen_emulator: Emulator
) -> None:
    client = make_client(default_headers={"X-Tenant-Token": "tenant-secret"})
    upload = client.upload_file_sync("agent-123", b"hello", file_name="notes.txt")
    client.run_workflow_sync("agent-123", "Hi", assets=[upload.file_id])
    (init,) = sketricgen_emulator.requests_to("upload_init")
    (post,) = sketricgen_emulator.requests_to("presigned")
    (run,) = sketricgen_emulator.requests_to("run")
    assert _headers(init)["x-tenant-token"] == _headers(run)["x-tenant-token"] == "tenant-secret"
    assert "x-tenant-token" not in _headers(post)
