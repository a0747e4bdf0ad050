"""One page of a knowledge base's data sources: `GET /knowledge-bases/{knowledge_base_id}/data-sources` without I/O.

`build_request` gives the request to send; `parse_response` reads the answer.
"""

from typing import Any, Optional, Union
from urllib.parse import quote

from ...models.admin_error_body import AdminErrorBody
from ...models.data_source_list import DataSourceList
from ...types import OperationRequest

__all__ = ["METHOD", "PATH", "build_request", "parse_response"]

METHOD = "GET"
PATH = "/knowledge-bases/{knowledge_base_id}/data-sources"


def build_request(
    *,
    knowledge_base_id: str,
    limit: Optional[int] = None,
    next_token: Optional[str] = None,
) -> OperationRequest:
    """The request of `GET /knowledge-bases/{knowledge_base_id}/data-sources`."""
    path = PATH.format(
        knowledge_base_id=quote(str(knowledge_base_id), safe=""),
    )
    params: dict[str, Any] = {}
    if limit is not None:
        params["limit"] = limit
    if next_token is not None:
        params["next_token"] = next_token
    headers: dict[str, str] = {}
    return OperationRequest(METHOD, path, headers, params)


def parse_response(
    status_code: int, content: bytes
) -> Optional[Union[AdminErrorBody, DataSourceList]]:
    """The answer of status `status_code` with body `content`, as its typed model.

    Raises `UnexpectedStatus` for a status the spec does not describe, and
    `pydantic.ValidationError` (or `ValueError` for bad JSON) for a body that
    does not fit the shape described.
    """
    if status_code == 200:
        return DataSourceList.model_validate_json(content)
    return AdminErrorBody.model_validate_json(content)
