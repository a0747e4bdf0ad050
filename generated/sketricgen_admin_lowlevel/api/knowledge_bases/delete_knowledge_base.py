"""Delete a knowledge base: `DELETE /knowledge-bases/{knowledge_base_id}` without I/O.

`build_request` gives the request to send; `parse_response` reads the answer.
"""

from typing import Any, Optional, Union
from urllib.parse import quote

from ...models.admin_error_body import AdminErrorBody
from ...models.knowledge_base_deletion import KnowledgeBaseDeletion
from ...types import OperationRequest

__all__ = ["METHOD", "PATH", "build_request", "parse_response"]

METHOD = "DELETE"
PATH = "/knowledge-bases/{knowledge_base_id}"


def build_request(
    *,
    knowledge_base_id: str,
) -> OperationRequest:
    """The request of `DELETE /knowledge-bases/{knowledge_base_id}`."""
    path = PATH.format(
        knowledge_base_id=quote(str(knowledge_base_id), safe=""),
    )
    params: dict[str, Any] = {}
    headers: dict[str, str] = {}
    return OperationRequest(METHOD, path, headers, params)


def parse_response(
    status_code: int, content: bytes
) -> Optional[Union[AdminErrorBody, KnowledgeBaseDeletion]]:
    """The answer of status `status_code` with body `content`, as its typed model.

    Raises `UnexpectedStatus` for a status the spec does not describe, and
    `pydantic.ValidationError` (or `ValueError` for bad JSON) for a body that
    does not fit the shape described.
    """
    if status_code == 200:
        return KnowledgeBaseDeletion.model_validate_json(content)
    return AdminErrorBody.model_validate_json(content)
