"""Create a project: `POST /projects` without I/O.

`build_request` gives the request to send; `parse_response` reads the answer.
"""

from typing import Any, Optional, Union

from ...models.admin_error_body import AdminErrorBody
from ...models.project import Project
from ...models.project_create import ProjectCreate
from ...types import OperationRequest

__all__ = ["METHOD", "PATH", "build_request", "parse_response"]

METHOD = "POST"
PATH = "/projects"


def build_request(
    *,
    body: ProjectCreate,
) -> OperationRequest:
    """The request of `POST /projects`: `body` as JSON, fields left as None omitted."""
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
) -> Optional[Union[AdminErrorBody, Project]]:
    """The answer of status `status_code` with body `content`, as its typed model.

    Raises `UnexpectedStatus` for a status the spec does not describe, and
    `pydantic.ValidationError` (or `ValueError` for bad JSON) for a body that
    does not fit the shape described.
    """
    if status_code == 201:
        return Project.model_validate_json(content)
    return AdminErrorBody.model_validate_json(content)
