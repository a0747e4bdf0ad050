"""One conversation and its messages: `GET /conversations/{conversation_id}` without I/O.

`build_request` gives the request to send; `parse_response` reads the answer.
"""

from typing import Any, Optional, Union
from urllib.parse import quote

from ...models.admin_error_body import AdminErrorBody
from ...models.conversation import Conversation
from ...types import OperationRequest

__all__ = ["METHOD", "PATH", "build_request", "parse_response"]

METHOD = "GET"
PATH = "/conversations/{conversation_id}"


def build_request(
    *,
    conversation_id: str,
    agent_id: str,
) -> OperationRequest:
    """The request of `GET /conversations/{conversation_id}`."""
    path = PATH.format(
        conversation_id=quote(str(conversation_id), safe=""),
    )
    params: dict[str, Any] = {}
    if agent_id is not None:
        params["agent_id"] = agent_id
    headers: dict[str, str] = {}
    return OperationRequest(METHOD, path, headers, params)


def parse_response(
    status_code: int, content: bytes
) -> Optional[Union[AdminErrorBody, Conversation]]:
    """The answer of status `status_code` with body `content`, as its typed model.

    Raises `UnexpectedStatus` for a status the spec does not describe, and
    `pydantic.ValidationError` (or `ValueError` for bad JSON) for a body that
    does not fit the shape described.
    """
    if status_code == 200:
        return Conversation.model_validate_json(content)
    return AdminErrorBody.model_validate_json(content)
