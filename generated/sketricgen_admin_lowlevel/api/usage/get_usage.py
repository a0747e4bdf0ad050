"""The plan and credit usage of the Teamspace: `GET /usage` without I/O.

`build_request` gives the request to send; `parse_response` reads the answer.
"""

from typing import Any, Optional, Union

from ...models.admin_error_body import AdminErrorBody
from ...models.usage import Usage
from ...types import OperationRequest

__all__ = ["METHOD", "PATH", "build_request", "parse_response"]

METHOD = "GET"
PATH = "/usage"


def build_request() -> OperationRequest:
    """The request of `GET /usage`."""
    path = PATH
    params: dict[str, Any] = {}
    headers: dict[str, str] = {}
    return OperationRequest(METHOD, path, headers, params)


def parse_response(
    status_code: int, content: bytes
) -> Optional[Union[AdminErrorBody, Usage]]:
    """The answer of status `status_code` with body `content`, as its typed model.

    Raises `UnexpectedStatus` for a status the spec does not describe, and
    `pydantic.ValidationError` (or `ValueError` for bad JSON) for a body that
    does not fit the shape described.
    """
    if status_code == 200:
        return Usage.model_validate_json(content)
    return AdminErrorBody.model_validate_json(content)
