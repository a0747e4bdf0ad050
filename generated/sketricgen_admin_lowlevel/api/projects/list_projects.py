"""One page of the projects: `GET /projects` without I/O.

`build_request` gives the request to send; `parse_response` reads the answer.
"""

from typing import Any, Optional, Union

from ...models.admin_error_body import AdminErrorBody
from ...models.project_list import ProjectList
from ...types import OperationRequest

__all__ = ["METHOD", "PATH", "build_request", "parse_response"]

METHOD = "GET"
PATH = "/projects"


def build_request(
    *,
    limit: Optional[int] = None,
    next_token: Optional[str] = None,
) -> OperationRequest:
    """The request of `GET /projects`."""
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
) -> Optional[Union[AdminErrorBody, ProjectList]]:
    """The answer of status `status_code` with body `content`, as its typed model.

    Raises `UnexpectedStatus` for a status the spec does not describe, and
    `pydantic.ValidationError` (or `ValueError` for bad JSON) for a body that
    does not fit the shape described.
    """
    if status_code == 200:
        return ProjectList.model_validate_json(content)
    return AdminErrorBody.model_validate_json(content)
