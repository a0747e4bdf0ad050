"""One large file through init, presigned POST (streamed from disk) and complete."""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any

import httpx

from .. import wire
from ..probe import Probe, UnavailableError
from .common import Context, httpx_headers, sdk_client

_CONTENT_TYPE = "application/pdf"


def _init_body(path: str) -> dict[str, str]:
    return {"agent_id": wire.UPLOAD_AGENT, "file_name": os.path.basename(path)}


def _complete_body(path: str, file_id: str) -> dict[str, str]:
    return {"agent_id": wire.UPLOAD_AGENT, "file_id": file_id, "file_name": os.path.basename(path)}


def _sent(path: str, done: dict[str, Any]) -> dict[str, float]:
    """Check the sink's byte count (echoed by complete) against the file's size."""
    size = os.path.getsize(path)
    # The sink counts the whole multipart body: the file plus the form's framing.
    received = done.get("file_size_bytes", done.get("size"))
    if received is not None and not size < received < size + 4096:
        raise RuntimeError(f"the sink received {received} bytes for a {size}-byte file")
    return {}


async def _httpx_upload_async(http: httpx.AsyncClient, ctx: Context, path: str) -> dict[str, Any]:
    base = ctx.upload_base_url
    headers = httpx_headers(upload=True)
    init = await http.post(f"{base}/publicAssetsUploadInit", json=_init_body(path), headers=headers)
    target = init.raise_for_status().json()["upload"]
    # httpx reads a multipart file part synchronously in any case.
    with open(path, "rb") as file:  # noqa: ASYNC230
        name = os.path.basename(path)
        files = {"file": (name, file, target["fields"].get("Content-Type", _CONTENT_TYPE))}
        posted = await http.post(target["url"], data=target["fields"], files=files)
    posted.raise_for_status()
    body = _complete_body(path, init.json()["file_id"])
    done = await http.post(f"{base}/publicAssetsUploadComplete", json=body, headers=headers)
    return dict(done.raise_for_status().json())


def _httpx_upload_sync(http: httpx.Client, ctx: Context, path: str) -> dict[str, Any]:
    base = ctx.upload_base_url
    headers = httpx_headers(upload=True)
    init = http.post(f"{base}/publicAssetsUploadInit", json=_init_body(path), headers=headers)
    target = init.raise_for_status().json()["upload"]
    with open(path, "rb") as file:
        name = os.path.basename(path)
        files = {"file": (name, file, target["fields"].get("Content-Type", _CONTENT_TYPE))}
        posted = http.post(target["url"], data=target["fields"], files=files)
    posted.raise_for_status()
    body = _complete_body(path, init.json()["file_id"])
    done = http.post(f"{base}/publicAssetsUploadComplete", json=body, headers=headers)
    return dict(done.raise_for_status().json())


async def httpx_async(ctx: Context, probe: Probe) -> dict[str, float]:
    """The three calls with one `httpx.AsyncClient`, the file part streamed from disk."""
    async with httpx.AsyncClient() as http:
        await _httpx_upload_async(http, ctx, ctx.warm_file)
        with probe.timed():
            done = await _httpx_upload_async(http, ctx, ctx.file)
    return _sent(ctx.file, done)


def httpx_sync(ctx: Context, probe: Probe) -> dict[str, float]:
    """The three calls with one `httpx.Client`, the file part streamed from disk."""
    with httpx.Client() as http:
        _httpx_upload_sync(http, ctx, ctx.warm_file)
        with probe.timed():
            done = _httpx_upload_sync(http, ctx, ctx.file)
    return _sent(ctx.file, done)


def _method(client: Any, name: str) -> Any:
    method = getattr(client, name, None)
    if method is None:
        raise UnavailableError(f"SketricGenClient has no {name}() yet (issue 6)")
    return method


def _as_dict(result: Any) -> dict[str, Any]:
    """The completed upload's fields, whatever type the SDK returns them in."""
    if isinstance(result, Mapping):
        return dict(result)
    if hasattr(result, "model_dump"):
        return dict(result.model_dump())
    return {
        key: getattr(result, key) for key in ("file_size_bytes", "size") if hasattr(result, key)
    }


async def sdk_async(ctx: Context, probe: Probe) -> dict[str, float]:
    """`await client.upload_file(agent_id, path)`."""
    async with sdk_client(ctx) as client:
        upload = _method(client, "upload_file")
        await upload(wire.UPLOAD_AGENT, ctx.warm_file)
        with probe.timed():
            done = await upload(wire.UPLOAD_AGENT, ctx.file)
    return _sent(ctx.file, _as_dict(done))


def sdk_sync(ctx: Context, probe: Probe) -> dict[str, float]:
    """`client.upload_file_sync(agent_id, path)`."""
    with sdk_client(ctx) as client:
        upload = _method(client, "upload_file_sync")
        upload(wire.UPLOAD_AGENT, ctx.warm_file)
        with probe.timed():
            done = upload(wire.UPLOAD_AGENT, ctx.file)
    return _sent(ctx.file, _as_dict(done))
