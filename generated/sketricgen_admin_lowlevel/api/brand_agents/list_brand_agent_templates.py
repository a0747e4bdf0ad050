"""One page of the Brand Agent templates: `GET /brand-agent-templates` without I/O.

`build_request` gives the request to send; `parse_response` reads the answer.
"""

from typing import Any, Optional, Union

from ...models.admin_error_body import AdminErrorBody
from ...models.brand_agent_template_list import BrandAgentTemplateList
from ...types import OperationRequest

__all__ = ["METHOD", "PATH", "build_request", "parse_response"]

METHOD = "GET"
PATH = "/brand-agent-templates"


def build_request(
    *,
    limit: Optional[int] = None,
    offset: Optional[int] = None,
) -> OperationRequest:
    """The request of `GET /brand-agent-templates`."""
    path = PATH
    params: dict[str, Any] = {}
    if limit is not None:
        params["limit"] = limit
    if offset is not None:
        params["offset"] = offset
    headers: dict[str, str] = {}
    return OperationRequest(METHOD, path, headers, params)


def parse_response(
    status_code: int, content: bytes
) -> Optional[Union[AdminErrorBody, BrandAgentTemplateList]]:
    """The answer of status `status_code` with body `content`, as its typed model.

    Raises `UnexpectedStatus` for a status the spec does not describe, and
    `pydantic.ValidationError` (or `ValueError` for bad JSON) for a body that
    does not fit the shape described.
    """
    if status_code == 200:
        return BrandAgentTemplateList.model_validate_json(content)
    return AdminErrorBody.model_validate_json(content)
