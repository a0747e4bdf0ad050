"""Create a workflow agent: `POST /agents` without I/O.

`build_request` gives the request to send; `parse_response` reads the answer.
"""

from typing import Any, Optional, Union

from ...models.admin_error_body import AdminErrorBody
from ...models.agent import Agent
from ...models.agent_create import AgentCreate
from ...types import OperationRequest

__all__ = ["METHOD", "PATH", "build_request", "parse_response"]

METHOD = "POST"
PATH = "/agents"


def build_request(
    *,
    body: AgentCreate,
) -> OperationRequest:
    """The request of `POST /agents`: `body` as JSON, fields left as None omitted."""
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
) -> Optional[Union[AdminErrorBody, Agent]]:
    """The answer of status `status_code` with body `content`, as its typed model.

    Raises `UnexpectedStatus` for a status the spec does not describe, and
    `pydantic.ValidationError` (or `ValueError` for bad JSON) for a body that
    does not fit the shape described.
    """
    if status_code == 201:
        return Agent.model_validate_json(content)
    return AdminErrorBody.model_validate_json(content)
