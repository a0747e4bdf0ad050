"""One page of the workflow agents: `GET /agents` without I/O.

`build_request` gives the request to send; `parse_response` reads the answer.
"""

from typing import Any, Optional, Union

from ...models.admin_error_body import AdminErrorBody
from ...models.agent_list import AgentList
from ...types import OperationRequest

__all__ = ["METHOD", "PATH", "build_request", "parse_response"]

METHOD = "GET"
PATH = "/agents"


def build_request(
    *,
    limit: Optional[int] = None,
    next_token: Optional[str] = None,
    project_id: Optional[str] = None,
) -> OperationRequest:
    """The request of `GET /agents`."""
    path = PATH
    params: dict[str, Any] = {}
    if limit is not None:
        params["limit"] = limit
    if next_token is not None:
        params["next_token"] = next_token
    if project_id is not None:
        params["project_id"] = project_id
    headers: dict[str, str] = {}
    return OperationRequest(METHOD, path, headers, params)


def parse_response(
    status_code: int, content: bytes
) -> Optional[Union[AdminErrorBody, AgentList]]:
    """The answer of status `status_code` with body `content`, as its typed model.

    Raises `UnexpectedStatus` for a status the spec does not describe, and
    `pydantic.ValidationError` (or `ValueError` for bad JSON) for a body that
    does not fit the shape described.
    """
    if status_code == 200:
        return AgentList.model_validate_json(content)
    return AdminErrorBody.model_validate_json(content)
