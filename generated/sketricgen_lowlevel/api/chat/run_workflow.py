from http import HTTPStatus
from typing import Any, Optional, Union

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.chat_response import ChatResponse
from ...models.error_body import ErrorBody
from ...models.run_workflow_request import RunWorkflowRequest
from ...types import Response


def _get_kwargs(
    *,
    body: RunWorkflowRequest,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/run-workflow",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: Union[AuthenticatedClient, Client], response: httpx.Response
) -> Optional[Union[ChatResponse, ErrorBody, str]]:
    if response.status_code == 200:
        response_200 = response.text
        return response_200

    if response.status_code == 201:
        response_201 = ChatResponse.from_dict(response.json())

        return response_201

    if response.status_code == 400:
        response_400 = ErrorBody.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = ErrorBody.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = ErrorBody.from_dict(response.json())

        return response_403

    if response.status_code == 404:
        response_404 = ErrorBody.from_dict(response.json())

        return response_404

    if response.status_code == 409:
        response_409 = ErrorBody.from_dict(response.json())

        return response_409

    if response.status_code == 413:
        response_413 = ErrorBody.from_dict(response.json())

        return response_413

    if response.status_code == 422:
        response_422 = ErrorBody.from_dict(response.json())

        return response_422

    if response.status_code == 429:
        response_429 = ErrorBody.from_dict(response.json())

        return response_429

    if 500 <= response.status_code <= 599:
        response_5xx = ErrorBody.from_dict(response.json())

        return response_5xx

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: Union[AuthenticatedClient, Client], response: httpx.Response
) -> Response[Union[ChatResponse, ErrorBody, str]]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: RunWorkflowRequest,
) -> Response[Union[ChatResponse, ErrorBody, str]]:
    """Run an agent workflow

     Sends one user turn to an agent. With `stream: false` (the default) the
    answer is a `201` JSON `ChatResponse`; with `stream: true` it is a
    `200` `text/event-stream` whose events each carry one AG-UI event as
    JSON in their `data` field.

    Args:
        body (RunWorkflowRequest): One user turn sent to an agent.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Union[ChatResponse, ErrorBody, str]]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    body: RunWorkflowRequest,
) -> Optional[Union[ChatResponse, ErrorBody, str]]:
    """Run an agent workflow

     Sends one user turn to an agent. With `stream: false` (the default) the
    answer is a `201` JSON `ChatResponse`; with `stream: true` it is a
    `200` `text/event-stream` whose events each carry one AG-UI event as
    JSON in their `data` field.

    Args:
        body (RunWorkflowRequest): One user turn sent to an agent.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Union[ChatResponse, ErrorBody, str]
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: RunWorkflowRequest,
) -> Response[Union[ChatResponse, ErrorBody, str]]:
    """Run an agent workflow

     Sends one user turn to an agent. With `stream: false` (the default) the
    answer is a `201` JSON `ChatResponse`; with `stream: true` it is a
    `200` `text/event-stream` whose events each carry one AG-UI event as
    JSON in their `data` field.

    Args:
        body (RunWorkflowRequest): One user turn sent to an agent.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Union[ChatResponse, ErrorBody, str]]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: RunWorkflowRequest,
) -> Optional[Union[ChatResponse, ErrorBody, str]]:
    """Run an agent workflow

     Sends one user turn to an agent. With `stream: false` (the default) the
    answer is a `201` JSON `ChatResponse`; with `stream: true` it is a
    `200` `text/event-stream` whose events each carry one AG-UI event as
    JSON in their `data` field.

    Args:
        body (RunWorkflowRequest): One user turn sent to an agent.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Union[ChatResponse, ErrorBody, str]
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
