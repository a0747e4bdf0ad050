"""One page of a connector's tools: `GET /connectors/{app_slug}/tools` without I/O.

`build_request` gives the request to send; `parse_response` reads the answer.
"""

from typing import Any, Optional, Union
from urllib.parse import quote

from ...models.admin_error_body import AdminErrorBody
from ...models.connector_tools import ConnectorTools
from ...types import OperationRequest

__all__ = ["METHOD", "PATH", "build_request", "parse_response"]

METHOD = "GET"
PATH = "/connectors/{app_slug}/tools"


def build_request(
    *,
    app_slug: str,
    limit: Optional[int] = None,
    offset: Optional[int] = None,
) -> OperationRequest:
    """The request of `GET /connectors/{app_slug}/tools`."""
    path = PATH.format(
        app_slug=quote(str(app_slug), safe=""),
    )
    params: dict[str, Any] = {}
    if limit is not None:
        params["limit"] = limit
    if offset is not None:
        params["offset"] = offset
    headers: dict[str, str] = {}
    return OperationRequest(METHOD, path, headers, params)


def parse_response(
    status_code: int, content: bytes
) -> Optional[Union[AdminErrorBody, ConnectorTools]]:
    """The answer of status `status_code` with body `content`, as its typed model.

    Raises `UnexpectedStatus` for a status the spec does not describe, and
    `pydantic.ValidationError` (or `ValueError` for bad JSON) for a body that
    does not fit the shape described.
    """
    if status_code == 200:
        return ConnectorTools.model_validate_json(content)
    return AdminErrorBody.model_validate_json(content)
