"""Send a file's bytes to the presigned storage target: `POST /` without I/O.

`build_request` gives the request to send; `parse_response` reads the answer.
The body is a multipart form the caller streams itself (its parts: `PresignedPostForm`).
"""

from typing import Any, Optional

from ...errors import UnexpectedStatus
from ...types import OperationRequest

__all__ = ["METHOD", "PATH", "build_request", "parse_response"]

METHOD = "POST"
PATH = "/"


def build_request() -> OperationRequest:
    """The request of `POST /`."""
    path = PATH
    params: dict[str, Any] = {}
    headers: dict[str, str] = {}
    return OperationRequest(METHOD, path, headers, params)


def parse_response(status_code: int, content: bytes) -> Optional[Any]:
    """The answer of status `status_code` with body `content`, as its typed model.

    Raises `UnexpectedStatus` for a status the spec does not describe, and
    `pydantic.ValidationError` (or `ValueError` for bad JSON) for a body that
    does not fit the shape described.
    """
    if status_code == 200:
        return None
    if status_code == 204:
        return None
    raise UnexpectedStatus(status_code, content)
