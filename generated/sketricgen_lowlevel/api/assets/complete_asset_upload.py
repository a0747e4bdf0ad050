from http import HTTPStatus
from typing import Any, Optional, Union

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.upload_complete_request import UploadCompleteRequest
from ...models.upload_complete_response import UploadCompleteResponse
from ...models.upload_failure_body import UploadFailureBody
from ...types import Response


def _get_kwargs(
    *,
    body: UploadCompleteRequest,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/publicAssetsUploadComplete",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: Union[AuthenticatedClient, Client], response: httpx.Response
) -> Optional[Union[UploadCompleteResponse, UploadFailureBody]]:
    if response.status_code == 200:
        response_200 = UploadCompleteResponse.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = UploadFailureBody.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = UploadFailureBody.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = UploadFailureBody.from_dict(response.json())

        return response_403

    if response.status_code == 404:
        response_404 = UploadFailureBody.from_dict(response.json())

        return response_404

    if response.status_code == 409:
        response_409 = UploadFailureBody.from_dict(response.json())

        return response_409

    if response.status_code == 429:
        response_429 = UploadFailureBody.from_dict(response.json())

        return response_429

    if 500 <= response.status_code <= 599:
        response_5xx = UploadFailureBody.from_dict(response.json())

        return response_5xx

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: Union[AuthenticatedClient, Client], response: httpx.Response
) -> Response[Union[UploadCompleteResponse, UploadFailureBody]]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: UploadCompleteRequest,
) -> Response[Union[UploadCompleteResponse, UploadFailureBody]]:
    """Finish an asset upload

     Confirms that the presigned POST stored the file; the answered
    `file_id` can then be passed in `assets` to `runWorkflow`.

    Args:
        body (UploadCompleteRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Union[UploadCompleteResponse, UploadFailureBody]]
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
    body: UploadCompleteRequest,
) -> Optional[Union[UploadCompleteResponse, UploadFailureBody]]:
    """Finish an asset upload

     Confirms that the presigned POST stored the file; the answered
    `file_id` can then be passed in `assets` to `runWorkflow`.

    Args:
        body (UploadCompleteRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Union[UploadCompleteResponse, UploadFailureBody]
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: UploadCompleteRequest,
) -> Response[Union[UploadCompleteResponse, UploadFailureBody]]:
    """Finish an asset upload

     Confirms that the presigned POST stored the file; the answered
    `file_id` can then be passed in `assets` to `runWorkflow`.

    Args:
        body (UploadCompleteRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Union[UploadCompleteResponse, UploadFailureBody]]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: UploadCompleteRequest,
) -> Optional[Union[UploadCompleteResponse, UploadFailureBody]]:
    """Finish an asset upload

     Confirms that the presigned POST stored the file; the answered
    `file_id` can then be passed in `assets` to `runWorkflow`.

    Args:
        body (UploadCompleteRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Union[UploadCompleteResponse, UploadFailureBody]
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
