"""The upload API and the storage it hands out: an emulated S3 bucket behind SketricGen's endpoints.

`/dev/publicAssetsUploadInit` reserves a file id and returns a presigned
POST, `/dev/publicAssetsUploadComplete` confirms it; the storage target
takes that POST and serves presigned GETs, checked as S3 checks them.
"""

from __future__ import annotations

import hashlib
import json
from datetime import timedelta
from typing import Any, Optional, TypeVar
from urllib.parse import quote

from pydantic import BaseModel, ValidationError
from sketricgen_models import (
    PresignedPost,
    UploadCompleteRequest,
    UploadCompleteResponse,
    UploadFailureBody,
    UploadInitRequest,
    UploadInitResponse,
)
from starlette.requests import Request
from starlette.responses import Response

from .._uploads.filetypes import ALLOWED_TYPES, MAX_FILE_BYTES, content_type_for
from ._exchange import Exchange, json_answer, s3_answer
from ._faults import Endpoint
from ._s3 import (
    BUCKET,
    POLICY_TTL,
    FormPart,
    S3Error,
    iso,
    issue_post_fields,
    parse_form,
    verify_get,
    verify_post,
)
from ._state import EmulatorState

__all__ = [
    "COMPLETE_PATH", "INIT_PATH", "STORAGE_PREFIX", "UPLOAD_PREFIX", "complete_upload",
    "download", "init_upload", "presigned_post",
]  # fmt: skip


# -- the upload API: init and complete -------------------------------------

UPLOAD_PREFIX = "/dev"
INIT_PATH = f"{UPLOAD_PREFIX}/publicAssetsUploadInit"
COMPLETE_PATH = f"{UPLOAD_PREFIX}/publicAssetsUploadComplete"

Model = TypeVar("Model", bound=BaseModel)


class _UploadError(Exception):
    def __init__(
        self, status: int, message: str, allowed_types: Optional[list[str]] = None
    ) -> None:
        super().__init__(message)
        self.answer = json_answer(
            status, UploadFailureBody(message=message, allowed_types=allowed_types)
        )


def _agent_hint(body: bytes) -> Optional[str]:
    try:
        payload: Any = json.loads(body)
    except ValueError:
        return None
    hint = payload.get("agent_id") if isinstance(payload, dict) else None
    return hint if isinstance(hint, str) else None


def _parse(model: type[Model], body: bytes) -> Model:
    try:
        return model.model_validate_json(body)
    except ValidationError as exc:
        where = "; ".join(
            f"{'.'.join(map(str, e['loc'])) or 'body'}: {e['msg']}" for e in exc.errors()
        )
        raise _UploadError(400, f"Invalid request: {where}") from None


async def _begin(
    state: EmulatorState, request: Request, endpoint: Endpoint
) -> tuple[Exchange, Optional[Response]]:
    """Record, apply faults, check the key; the exchange, and an early answer or None."""
    body = await request.body()
    exchange = Exchange(state, request, body, endpoint)
    instead = exchange.take_faults(endpoint, _agent_hint(body), "upload")
    if instead is not None:
        return exchange, instead
    await exchange.stall_before_answer()
    if request.headers.get("x-api-key") != state.api_key:
        failure = UploadFailureBody(message="Unauthorized: missing or invalid X-API-KEY header")
        return exchange, exchange.answer(json_answer(401, failure))
    return exchange, None


async def init_upload(state: EmulatorState, request: Request) -> Response:
    """Reserve a file id and answer the presigned POST that stores its bytes."""
    exchange, early = await _begin(state, request, "upload_init")
    if early is not None:
        return early
    try:
        parsed = _parse(UploadInitRequest, exchange.record.body)
        with state.lock:
            known = parsed.agent_id in state.agents
        if not known:
            raise _UploadError(404, f"Agent '{parsed.agent_id}' not found")
        name = parsed.file_name
        if "/" in name or "\\" in name:
            raise _UploadError(400, "file_name must be a base name, without folders")
        content_type = content_type_for(name)
        if content_type is None:
            raise _UploadError(400, f"Unsupported file type: {name!r}", list(ALLOWED_TYPES))
    except _UploadError as failed:
        return exchange.answer(failed.answer)

    limit = exchange.faults.first("max_file_bytes")
    max_bytes = limit.limit if limit is not None and limit.limit is not None else MAX_FILE_BYTES
    upload = state.new_upload(parsed.agent_id, name, content_type)
    with state.lock:
        now = state.det.now()
    expired = exchange.faults.first("expired_policy") is not None
    expires = now - timedelta(minutes=1) if expired else now + POLICY_TTL
    fields = issue_post_fields(
        key=upload.key, content_type=content_type, now=now, expires=expires,
        max_bytes=max_bytes, secret=state.secret,
    )  # fmt: skip
    answer = UploadInitResponse(
        success=True, file_id=upload.file_id, content_type=content_type,
        upload=PresignedPost(
            url=state.storage_url, fields=fields, expires_at=iso(expires), max_file_bytes=max_bytes
        ),
    )  # fmt: skip
    return exchange.answer(json_answer(200, answer))


async def complete_upload(state: EmulatorState, request: Request) -> Response:
    """Confirm a stored upload; its file id can then be passed as an asset."""
    exchange, early = await _begin(state, request, "upload_complete")
    if early is not None:
        return early
    try:
        parsed = _parse(UploadCompleteRequest, exchange.record.body)
        with state.changed:
            upload = state.uploads.get(parsed.file_id)
            if upload is None or upload.agent_id != parsed.agent_id or upload.generated:
                raise _UploadError(
                    404, f"Unknown file_id '{parsed.file_id}' for agent '{parsed.agent_id}'"
                )
            if upload.data is None:
                raise _UploadError(
                    400, "The file has not been uploaded yet: POST it to upload.url first"
                )
            upload.completed = True
            state.changed.notify_all()
    except _UploadError as failed:
        return exchange.answer(failed.answer)
    answer = UploadCompleteResponse(
        success=True, file_id=upload.file_id, file_size_bytes=upload.size,
        content_type=upload.content_type, file_name=upload.file_name,
        created_at=iso(upload.created_at), url=state.download_url(upload),
    )  # fmt: skip
    return exchange.answer(json_answer(200, answer))


# -- the presigned storage target ------------------------------------------

STORAGE_PREFIX = "/s3"


def _parts(request: Request, body: bytes) -> list[FormPart]:
    try:
        return parse_form(request.headers.get("content-type", ""), body)
    except ValueError:
        raise S3Error(
            412, "PreconditionFailed",
            "At least one of the pre-conditions you specified did not hold",
            Condition="Bucket POST must be of the enclosure-type multipart/form-data",
        ) from None  # fmt: skip


async def presigned_post(state: EmulatorState, request: Request) -> Response:
    """Store a file sent as S3 presigned POST: 204, or an S3 XML error."""
    body = await request.body()
    exchange = Exchange(state, request, body, "presigned")
    refusal: Optional[S3Error] = None
    try:
        parts = _parts(request, body)
    except S3Error as error:
        parts, refusal = [], error
    key = next((p.text for p in parts if p.name == "key"), None)
    upload = state.upload_by_key(key) if key else None
    instead = exchange.take_faults("presigned", upload.agent_id if upload else None, "s3")
    if instead is not None:
        return instead
    await exchange.stall_before_answer()
    with state.lock:
        now = state.det.now()
    try:
        if refusal is not None:
            raise refusal
        bucket = request.path_params["bucket"]
        if bucket != BUCKET:
            raise S3Error(404, "NoSuchBucket", "The specified bucket does not exist")
        fields, file_part = verify_post(parts, bucket=bucket, now=now, secret=state.secret)
        upload = state.upload_by_key(fields["key"])
        if upload is None:
            raise S3Error(403, "AccessDenied", "Access Denied")
    except S3Error as error:
        return exchange.answer(s3_answer(error, exchange.s3_id()))
    with state.changed:
        upload.data = file_part.data
        upload.part_content_type = file_part.content_type
        state.changed.notify_all()
    etag = hashlib.md5(file_part.data).hexdigest()  # an ETag, not security
    headers = {"etag": f'"{etag}"', "location": f"{state.storage_url}/{quote(upload.key)}"}
    return exchange.answer(Response(status_code=204, headers=headers))


async def download(state: EmulatorState, request: Request) -> Response:
    """Serve a stored file through a presigned GET URL."""
    exchange = Exchange(state, request, b"", "download")
    key = request.path_params["key"]
    with state.lock:
        now = state.det.now()
    try:
        verify_get(key, dict(request.query_params), now=now, secret=state.secret)
        upload = state.upload_by_key(key)
        if upload is None or upload.data is None:
            raise S3Error(404, "NoSuchKey", "The specified key does not exist.")
    except S3Error as error:
        return exchange.answer(s3_answer(error, exchange.s3_id()))
    return exchange.answer(Response(upload.data, 200, media_type=upload.content_type))
