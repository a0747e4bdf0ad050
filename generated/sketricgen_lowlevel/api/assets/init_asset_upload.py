"""Start an asset upload: `POST /publicAssetsUploadInit` without I/O.

`build_request` gives the request to send; `parse_response` reads the answer.
"""

from typing import Any, Optional, Union

from ...errors import UnexpectedStatus
from ...models.upload_failure_body import UploadFailureBody
from ...models.upload_init_request import UploadInitRequest
from ...models.upload_init_response import UploadInitResponse
from ...types import OperationRequest

__all__ = ["METHOD", "PATH", "build_request", "parse_response"]

METHOD = "POST"
PATH = "/publicAssetsUploadInit"


def build_request(
    *,
    body: UploadInitRequest,
) -> OperationRequest:
    """The request of `POST /publicAssetsUploadInit`: `body` as JSON, fields left as None omitted."""
    path = PATH
    params: dict[str, Any] = {}
    headers: dict[str, str] = {}
    headers["Content-Type"] = "application/json"
    return OperationRequest(
        METHOD,
        path,
        headers,
        params,
        body.model_dump(mode="json", by_alias=True, exclude_none=True),
    )


def parse_response(
    status_code: int, content: bytes
) -> Optional[Union[UploadFailureBody, UploadInitResponse]]:
    """The answer of status `status_code` with body `content`, as its typed model.

    Raises `UnexpectedStatus` for a status the spec does not describe, and
    `pydantic.ValidationError` (or `ValueError` for bad JSON) for a body that
    does not fit the shape described.
    """
    if status_code == 200:
        return UploadInitResponse.model_validate_json(content)
    if status_code == 400:
        return UploadFailureBody.model_validate_json(content)
    if status_code == 401:
        return UploadFailureBody.model_validate_json(content)
    if status_code == 403:
        return UploadFailureBody.model_validate_json(content)
    if status_code == 404:
        return UploadFailureBody.model_validate_json(content)
    if status_code == 413:
        return UploadFailureBody.model_validate_json(content)
    if status_code == 429:
        return UploadFailureBody.model_validate_json(content)
    if 500 <= status_code <= 599:
        return UploadFailureBody.model_validate_json(content)
    raise UnexpectedStatus(status_code, content)
