"""Give an agent a connector's tools: `POST /agents/{agent_id}/connectors` without I/O.

`build_request` gives the request to send; `parse_response` reads the answer.
"""

from typing import Any, Optional, Union
from urllib.parse import quote

from ...models.admin_error_body import AdminErrorBody
from ...models.connector_attach_request import ConnectorAttachRequest
from ...models.connector_attachment import ConnectorAttachment
from ...types import OperationRequest

__all__ = ["METHOD", "PATH", "build_request", "parse_response"]

METHOD = "POST"
PATH = "/agents/{agent_id}/connectors"


def build_request(
    *,
    agent_id: str,
    body: ConnectorAttachRequest,
) -> OperationRequest:
    """The request of `POST /agents/{agent_id}/connectors`: `body` as JSON, fields left as None omitted."""
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


def parse_response(
    status_code: int, content: bytes
) -> Optional[Union[AdminErrorBody, ConnectorAttachment]]:
    """The answer of status `status_code` with body `content`, as its typed model.

    Raises `UnexpectedStatus` for a status the spec does not describe, and
    `pydantic.ValidationError` (or `ValueError` for bad JSON) for a body that
    does not fit the shape described.
    """
    if status_code == 200:
        return ConnectorAttachment.model_validate_json(content)
    return AdminErrorBody.model_validate_json(content)
