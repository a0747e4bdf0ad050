"""Delete a workflow agent: `DELETE /agents/{agent_id}` without I/O.

`build_request` gives the request to send; `parse_response` reads the answer.
"""

from typing import Any, Optional, Union
from urllib.parse import quote

from ...models.admin_error_body import AdminErrorBody
from ...models.agent_deletion import AgentDeletion
from ...types import OperationRequest

__all__ = ["METHOD", "PATH", "build_request", "parse_response"]

METHOD = "DELETE"
PATH = "/agents/{agent_id}"


def build_request(
    *,
    agent_id: str,
) -> OperationRequest:
    """The request of `DELETE /agents/{agent_id}`."""
    path = PATH.format(
        agent_id=quote(str(agent_id), safe=""),
    )
    params: dict[str, Any] = {}
    headers: dict[str, str] = {}
    return OperationRequest(METHOD, path, headers, params)


def parse_response(
    status_code: int, content: bytes
) -> Optional[Union[AdminErrorBody, AgentDeletion]]:
    """The answer of status `status_code` with body `content`, as its typed model.

    Raises `UnexpectedStatus` for a status the spec does not describe, and
    `pydantic.ValidationError` (or `ValueError` for bad JSON) for a body that
    does not fit the shape described.
    """
    if status_code == 200:
        return AgentDeletion.model_validate_json(content)
    return AdminErrorBody.model_validate_json(content)
