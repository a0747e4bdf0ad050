"""Change a Brand Agent's chat widget settings: `PATCH /brand-agents/{agent_id}/widget-config` without I/O.

`build_request` gives the request to send; `parse_response` reads the answer.
"""

from typing import Any, Optional, Union
from urllib.parse import quote

from ...models.admin_error_body import AdminErrorBody
from ...models.widget_config_update import WidgetConfigUpdate
from ...models.widget_config_update_result import WidgetConfigUpdateResult
from ...types import OperationRequest

__all__ = ["METHOD", "PATH", "build_request", "parse_response"]

METHOD = "PATCH"
PATH = "/brand-agents/{agent_id}/widget-config"


def build_request(
    *,
    agent_id: str,
    body: WidgetConfigUpdate,
) -> OperationRequest:
    """The request of `PATCH /brand-agents/{agent_id}/widget-config`: `body` as JSON, fields left as None omitted."""
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
) -> Optional[Union[AdminErrorBody, WidgetConfigUpdateResult]]:
    """The answer of status `status_code` with body `content`, as its typed model.

    Raises `UnexpectedStatus` for a status the spec does not describe, and
    `pydantic.ValidationError` (or `ValueError` for bad JSON) for a body that
    does not fit the shape described.
    """
    if status_code == 200:
        return WidgetConfigUpdateResult.model_validate_json(content)
    return AdminErrorBody.model_validate_json(content)
