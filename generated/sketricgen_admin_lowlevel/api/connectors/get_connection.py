"""Whether an account is connected: `GET /connectors/{app_slug}/connection` without I/O.

`build_request` gives the request to send; `parse_response` reads the answer.
"""

from typing import Any, Optional, Union
from urllib.parse import quote

from ...models.admin_error_body import AdminErrorBody
from ...models.connection_status import ConnectionStatus
from ...types import OperationRequest

__all__ = ["METHOD", "PATH", "build_request", "parse_response"]

METHOD = "GET"
PATH = "/connectors/{app_slug}/connection"


def build_request(
    *,
    app_slug: str,
    agent_type: Optional[str] = None,
    project_id: Optional[str] = None,
) -> OperationRequest:
    """The request of `GET /connectors/{app_slug}/connection`."""
    path = PATH.format(
        app_slug=quote(str(app_slug), safe=""),
    )
    params: dict[str, Any] = {}
    if agent_type is not None:
        params["agent_type"] = agent_type
    if project_id is not None:
        params["project_id"] = project_id
    headers: dict[str, str] = {}
    return OperationRequest(METHOD, path, headers, params)


def parse_response(
    status_code: int, content: bytes
) -> Optional[Union[AdminErrorBody, ConnectionStatus]]:
    """The answer of status `status_code` with body `content`, as its typed model.

    Raises `UnexpectedStatus` for a status the spec does not describe, and
    `pydantic.ValidationError` (or `ValueError` for bad JSON) for a body that
    does not fit the shape described.
    """
    if status_code == 200:
        return ConnectionStatus.model_validate_json(content)
    return AdminErrorBody.model_validate_json(content)
