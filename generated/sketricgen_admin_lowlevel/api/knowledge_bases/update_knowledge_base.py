"""Rename a knowledge base: `PATCH /knowledge-bases/{knowledge_base_id}` without I/O.

`build_request` gives the request to send; `parse_response` reads the answer.
"""

from typing import Any, Optional, Union
from urllib.parse import quote

from ...models.admin_error_body import AdminErrorBody
from ...models.knowledge_base import KnowledgeBase
from ...models.knowledge_base_update import KnowledgeBaseUpdate
from ...types import OperationRequest

__all__ = ["METHOD", "PATH", "build_request", "parse_response"]

METHOD = "PATCH"
PATH = "/knowledge-bases/{knowledge_base_id}"


def build_request(
    *,
    knowledge_base_id: str,
    body: KnowledgeBaseUpdate,
) -> OperationRequest:
    """The request of `PATCH /knowledge-bases/{knowledge_base_id}`: `body` as JSON, fields left as None omitted."""
    path = PATH.format(
        knowledge_base_id=quote(str(knowledge_base_id), safe=""),
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
) -> Optional[Union[AdminErrorBody, KnowledgeBase]]:
    """The answer of status `status_code` with body `content`, as its typed model.

    Raises `UnexpectedStatus` for a status the spec does not describe, and
    `pydantic.ValidationError` (or `ValueError` for bad JSON) for a body that
    does not fit the shape described.
    """
    if status_code == 200:
        return KnowledgeBase.model_validate_json(content)
    return AdminErrorBody.model_validate_json(content)
