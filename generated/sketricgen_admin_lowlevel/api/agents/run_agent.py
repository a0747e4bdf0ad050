"""Run an agent (not available): `POST /agents/{agent_id}/run` without I/O.

`build_request` gives the request to send; `parse_response` reads the answer.
"""

from typing import Any, Optional
from urllib.parse import quote

from ...models.admin_error_body import AdminErrorBody
from ...models.agent_run_request import AgentRunRequest
from ...types import OperationRequest

__all__ = ["METHOD", "PATH", "build_request", "parse_response"]

METHOD = "POST"
PATH = "/agents/{agent_id}/run"


def build_request(
    *,
    agent_id: str,
    body: AgentRunRequest,
) -> OperationRequest:
    """The request of `POST /agents/{agent_id}/run`: `body` as JSON, fields left as None omitted."""
    path = PATH.format(
        agent_id=quote(str(agent_id), safe=""),
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


def parse_response(status_code: int, content: bytes) -> Optional[AdminErrorBody]:
    """The answer of status `status_code` with body `content`, as its typed model.

    Raises `UnexpectedStatus` for a status the spec does not describe, and
    `pydantic.ValidationError` (or `ValueError` for bad JSON) for a body that
    does not fit the shape described.
    """
    if status_code == 501:
        return AdminErrorBody.model_validate_json(content)
    return AdminErrorBody.model_validate_json(content)
