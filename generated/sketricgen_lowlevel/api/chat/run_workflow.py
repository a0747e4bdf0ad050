"""Run an agent workflow: `POST /api/v1/run-workflow` without I/O.

`build_request` gives the request to send; `parse_response` reads the answer.
"""

from typing import Any, Optional, Union

from ...errors import UnexpectedStatus
from ...models.chat_response import ChatResponse
from ...models.error_body import ErrorBody
from ...models.run_workflow_request import RunWorkflowRequest
from ...types import OperationRequest

__all__ = ["METHOD", "PATH", "build_request", "parse_response"]

METHOD = "POST"
PATH = "/api/v1/run-workflow"


def build_request(
    *,
    body: RunWorkflowRequest,
) -> OperationRequest:
    """The request of `POST /api/v1/run-workflow`: `body` as JSON, fields left as None omitted."""
    path = PATH
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
) -> Optional[Union[ChatResponse, ErrorBody, str]]:
    """The answer of status `status_code` with body `content`, as its typed model.

    Raises `UnexpectedStatus` for a status the spec does not describe, and
    `pydantic.ValidationError` (or `ValueError` for bad JSON) for a body that
    does not fit the shape described.
    """
    if status_code == 200:
        return content.decode("utf-8")
    if status_code == 201:
        return ChatResponse.model_validate_json(content)
    if status_code == 400:
        return ErrorBody.model_validate_json(content)
    if status_code == 401:
        return ErrorBody.model_validate_json(content)
    if status_code == 403:
        return ErrorBody.model_validate_json(content)
    if status_code == 404:
        return ErrorBody.model_validate_json(content)
    if status_code == 409:
        return ErrorBody.model_validate_json(content)
    if status_code == 413:
        return ErrorBody.model_validate_json(content)
    if status_code == 422:
        return ErrorBody.model_validate_json(content)
    if status_code == 429:
        return ErrorBody.model_validate_json(content)
    if 500 <= status_code <= 599:
        return ErrorBody.model_validate_json(content)
    raise UnexpectedStatus(status_code, content)
