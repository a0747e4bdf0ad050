"""The presigned upload target and the presigned downloads: an emulated S3 bucket."""

from __future__ import annotations

import hashlib
from typing import Optional
from urllib.parse import quote

from starlette.requests import Request
from starlette.responses import Response

from ._exchange import Exchange, s3_answer
from ._multipart import FormPart, parse_form
from ._s3 import BUCKET, S3Error, verify_get, verify_post
from ._state import EmulatorState

__all__ = ["STORAGE_PREFIX", "download", "presigned_post"]

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
