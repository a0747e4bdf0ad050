"""Python SDK for SketricGen's Chat Server API."""

from sketricgen_models import ChatResponse, GeneratedAsset, HitlDecision, HitlRequest, HitlResume

from ._client import SketricGenClient
from ._exceptions import (
    SketricGenAPIError,
    SketricGenAuthenticationError,
    SketricGenBadRequestError,
    SketricGenClosedError,
    SketricGenConflictError,
    SketricGenConnectionError,
    SketricGenContentTypeError,
    SketricGenError,
    SketricGenFileSizeError,
    SketricGenNetworkError,
    SketricGenNotFoundError,
    SketricGenPayloadTooLargeError,
    SketricGenPermissionDeniedError,
    SketricGenRateLimitError,
    SketricGenServerError,
    SketricGenTimeoutError,
    SketricGenUnexpectedResponseError,
    SketricGenUnprocessableEntityError,
    SketricGenUploadError,
    SketricGenValidationError,
)
from ._version import __version__

__all__ = [
    "ChatResponse",
    "GeneratedAsset",
    "HitlDecision",
    "HitlRequest",
    "HitlResume",
    "SketricGenAPIError",
    "SketricGenAuthenticationError",
    "SketricGenBadRequestError",
    "SketricGenClient",
    "SketricGenClosedError",
    "SketricGenConflictError",
    "SketricGenConnectionError",
    "SketricGenContentTypeError",
    "SketricGenError",
    "SketricGenFileSizeError",
    "SketricGenNetworkError",
    "SketricGenNotFoundError",
    "SketricGenPayloadTooLargeError",
    "SketricGenPermissionDeniedError",
    "SketricGenRateLimitError",
    "SketricGenServerError",
    "SketricGenTimeoutError",
    "SketricGenUnexpectedResponseError",
    "SketricGenUnprocessableEntityError",
    "SketricGenUploadError",
    "SketricGenValidationError",
    "__version__",
]
