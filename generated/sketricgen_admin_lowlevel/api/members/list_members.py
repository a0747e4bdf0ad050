"""One page of the Teamspace's members: `GET /members` without I/O.

`build_request` gives the request to send; `parse_response` reads the answer.
"""

from typing import Any, Optional, Union

from ...models.admin_error_body import AdminErrorBody
from ...models.member_list import MemberList
from ...types import OperationRequest

__all__ = ["METHOD", "PATH", "build_request", "parse_response"]

METHOD = "GET"
PATH = "/members"


def build_request(
    *,
    limit: Optional[int] = None,
    next_token: Optional[str] = None,
) -> OperationRequest:
    """The request of `GET /members`."""
    path = PATH
    params: dict[str, Any] = {}
    if limit is not None:
        params["limit"] = limit
    if next_token is not None:
        params["next_token"] = next_token
    headers: dict[str, str] = {}
    return OperationRequest(METHOD, path, headers, params)


def parse_response(
    status_code: int, content: bytes
) -> Optional[Union[AdminErrorBody, MemberList]]:
    """The answer of status `status_code` with body `content`, as its typed model.

    Raises `UnexpectedStatus` for a status the spec does not describe, and
    `pydantic.ValidationError` (or `ValueError` for bad JSON) for a body that
    does not fit the shape described.
    """
    if status_code == 200:
        return MemberList.model_validate_json(content)
    return AdminErrorBody.model_validate_json(content)
