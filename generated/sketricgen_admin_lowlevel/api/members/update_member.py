"""Change a member's role: `PATCH /members/{user_uuid}` without I/O.

`build_request` gives the request to send; `parse_response` reads the answer.
"""

from typing import Any, Optional, Union
from urllib.parse import quote

from ...models.admin_error_body import AdminErrorBody
from ...models.member import Member
from ...models.member_update import MemberUpdate
from ...types import OperationRequest

__all__ = ["METHOD", "PATH", "build_request", "parse_response"]

METHOD = "PATCH"
PATH = "/members/{user_uuid}"


def build_request(
    *,
    user_uuid: str,
    body: MemberUpdate,
) -> OperationRequest:
    """The request of `PATCH /members/{user_uuid}`: `body` as JSON, fields left as None omitted."""
    path = PATH.format(
        user_uuid=quote(str(user_uuid), safe=""),
    )
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
) -> Optional[Union[AdminErrorBody, Member]]:
    """The answer of status `status_code` with body `content`, as its typed model.

    Raises `UnexpectedStatus` for a status the spec does not describe, and
    `pydantic.ValidationError` (or `ValueError` for bad JSON) for a body that
    does not fit the shape described.
    """
    if status_code == 200:
        return Member.model_validate_json(content)
    return AdminErrorBody.model_validate_json(content)
