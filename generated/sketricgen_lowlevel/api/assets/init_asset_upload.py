from http import HTTPStatus
from typing import Any, Optional, Union

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.upload_failure_body import UploadFailureBody
from ...models.upload_init_request import UploadInitRequest
from ...models.upload_init_response import UploadInitResponse
from ...types import Response


def _get_kwargs(
    *,
    body: UploadInitRequest,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/publicAssetsUploadInit",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: Union[AuthenticatedClient, Client], response: httpx.Response
) -> Optional[Union[UploadFailureBody, UploadInitResponse]]:
    if response.status_code == 200:
        response_200 = UploadInitResponse.from_dict(response.json())

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

    if response.status_code == 413:
        response_413 = UploadFailureBody.from_dict(response.json())

        return response_413

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
) -> Response[Union[UploadFailureBody, UploadInitResponse]]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: UploadInitRequest,
) -> Response[Union[UploadFailureBody, UploadInitResponse]]:
    """Start an asset upload

     Reserves a file id and answers a presigned POST (`upload`) to which the
    file's bytes are sent, with no API key, before `completeAssetUpload`.

    Args:
        body (UploadInitRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Union[UploadFailureBody, UploadInitResponse]]
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
    body: UploadInitRequest,
) -> Optional[Union[UploadFailureBody, UploadInitResponse]]:
    """Start an asset upload

     Reserves a file id and answers a presigned POST (`upload`) to which the
    file's bytes are sent, with no API key, before `completeAssetUpload`.

    Args:
        body (UploadInitRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Union[UploadFailureBody, UploadInitResponse]
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: UploadInitRequest,
) -> Response[Union[UploadFailureBody, UploadInitResponse]]:
    """Start an asset upload

     Reserves a file id and answers a presigned POST (`upload`) to which the
    file's bytes are sent, with no API key, before `completeAssetUpload`.

    Args:
        body (UploadInitRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Union[UploadFailureBody, UploadInitResponse]]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: UploadInitRequest,
) -> Optional[Union[UploadFailureBody, UploadInitResponse]]:
    """Start an asset upload

     Reserves a file id and answers a presigned POST (`upload`) to which the
    file's bytes are sent, with no API key, before `completeAssetUpload`.

    Args:
        body (UploadInitRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Union[UploadFailureBody, UploadInitResponse]
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
