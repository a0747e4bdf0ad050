"""Change a Brand Agent: `PATCH /brand-agents/{agent_id}` without I/O.

`build_request` gives the request to send; `parse_response` reads the answer.
"""

from typing import Any, Optional, Union
from urllib.parse import quote

from ...models.admin_error_body import AdminErrorBody
from ...models.brand_agent_update import BrandAgentUpdate
from ...models.brand_agent_update_result import BrandAgentUpdateResult
from ...types import OperationRequest

__all__ = ["METHOD", "PATH", "build_request", "parse_response"]

METHOD = "PATCH"
PATH = "/brand-agents/{agent_id}"


def build_request(
    *,
    agent_id: str,
    body: BrandAgentUpdate,
) -> OperationRequest:
    """The request of `PATCH /brand-agents/{agent_id}`: `body` as JSON, fields left as None omitted."""
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
) -> Optional[Union[AdminErrorBody, BrandAgentUpdateResult]]:
    """The answer of status `status_code` with body `content`, as its typed model.

    Raises `UnexpectedStatus` for a status the spec does not describe, and
    `pydantic.ValidationError` (or `ValueError` for bad JSON) for a body that
    does not fit the shape described.
    """
    if status_code == 200:
        return BrandAgentUpdateResult.model_validate_json(content)
    return AdminErrorBody.model_validate_json(content)
