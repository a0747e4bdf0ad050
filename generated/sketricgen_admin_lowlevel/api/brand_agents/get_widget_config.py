"""A Brand Agent's chat widget settings: `GET /brand-agents/{agent_id}/widget-config` without I/O.

`build_request` gives the request to send; `parse_response` reads the answer.
"""

from typing import Any, Optional, Union
from urllib.parse import quote

from ...models.admin_error_body import AdminErrorBody
from ...models.widget_config import WidgetConfig
from ...types import OperationRequest

__all__ = ["METHOD", "PATH", "build_request", "parse_response"]

METHOD = "GET"
PATH = "/brand-agents/{agent_id}/widget-config"


def build_request(
    *,
    agent_id: str,
) -> OperationRequest:
    """The request of `GET /brand-agents/{agent_id}/widget-config`."""
    path = PATH.format(
        agent_id=quote(str(agent_id), safe=""),
    )
    params: dict[str, Any] = {}
    headers: dict[str, str] = {}
    return OperationRequest(METHOD, path, headers, params)


def parse_response(
    status_code: int, content: bytes
) -> Optional[Union[AdminErrorBody, WidgetConfig]]:
    """The answer of status `status_code` with body `content`, as its typed model.

    Raises `UnexpectedStatus` for a status the spec does not describe, and
    `pydantic.ValidationError` (or `ValueError` for bad JSON) for a body that
    does not fit the shape described.
    """
    if status_code == 200:
        return WidgetConfig.model_validate_json(content)
    return AdminErrorBody.model_validate_json(content)
