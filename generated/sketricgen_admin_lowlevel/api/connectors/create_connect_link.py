"""A link where a person connects their account: `POST /connectors/{app_slug}/connect-link` without I/O.

`build_request` gives the request to send; `parse_response` reads the answer.
"""

from typing import Any, Optional, Union
from urllib.parse import quote

from ...models.admin_error_body import AdminErrorBody
from ...models.connect_link import ConnectLink
from ...models.connect_link_request import ConnectLinkRequest
from ...types import OperationRequest

__all__ = ["METHOD", "PATH", "build_request", "parse_response"]

METHOD = "POST"
PATH = "/connectors/{app_slug}/connect-link"


def build_request(
    *,
    app_slug: str,
    body: ConnectLinkRequest,
) -> OperationRequest:
    """The request of `POST /connectors/{app_slug}/connect-link`: `body` as JSON, fields left as None omitted."""
    path = PATH.format(
        app_slug=quote(str(app_slug), safe=""),
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
) -> Optional[Union[AdminErrorBody, ConnectLink]]:
    """The answer of status `status_code` with body `content`, as its typed model.

    Raises `UnexpectedStatus` for a status the spec does not describe, and
    `pydantic.ValidationError` (or `ValueError` for bad JSON) for a body that
    does not fit the shape described.
    """
    if status_code == 200:
        return ConnectLink.model_validate_json(content)
    return AdminErrorBody.model_validate_json(content)
