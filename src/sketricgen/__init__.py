"""Python SDK for SketricGen's Chat Server API."""

import importlib
from typing import TYPE_CHECKING, Any

from ._exceptions import (
    AdminErrorCode,
    SketricGenAdminAuthenticationError,
    SketricGenAdminBadRequestError,
    SketricGenAdminConflictError,
    SketricGenAdminError,
    SketricGenAdminNotFoundError,
    SketricGenAdminPermissionDeniedError,
    SketricGenAdminRateLimitError,
    SketricGenAdminServerError,
    SketricGenAPIError,
    SketricGenAuthenticationError,
    SketricGenBadRequestError,
    SketricGenClosedError,
    SketricGenConflictError,
    SketricGenConnectionError,
    SketricGenContentTypeError,
    SketricGenError,
    SketricGenEventDecodeError,
    SketricGenFileError,
    SketricGenFileNotFoundError,
    SketricGenFileSizeError,
    SketricGenIncompleteStreamError,
    SketricGenJobError,
    SketricGenJobTimeoutError,
    SketricGenNetworkError,
    SketricGenNotFoundError,
    SketricGenOutOfCreditsError,
    SketricGenPayloadTooLargeError,
    SketricGenPermissionDeniedError,
    SketricGenRateLimitError,
    SketricGenRedirectError,
    SketricGenResponseTooLargeError,
    SketricGenRunError,
    SketricGenServerError,
    SketricGenStreamError,
    SketricGenTimeoutError,
    SketricGenUnexpectedResponseError,
    SketricGenUnprocessableEntityError,
    SketricGenUploadError,
    SketricGenValidationError,
)
from ._version import __version__

if TYPE_CHECKING:
    from sketricgen_models import (
        ChatResponse,
        GeneratedAsset,
        HitlActionRequest,
        HitlDecision,
        HitlRequest,
        HitlResume,
        HitlReviewConfig,
        UploadCompleteResponse,
    )

    from ._client import SketricGenClient
    from ._streaming.event import StreamEvent
    from ._streaming.result import StreamResult, ToolCall
    from ._streaming.shells import AsyncStream, Stream

# The client and the models load on first use: `import sketricgen` stays cheap.
_LAZY = {
    "SketricGenClient": "sketricgen._client",
    "ChatResponse": "sketricgen_models",
    "GeneratedAsset": "sketricgen_models",
    "HitlActionRequest": "sketricgen_models",
    "HitlDecision": "sketricgen_models",
    "HitlRequest": "sketricgen_models",
    "HitlResume": "sketricgen_models",
    "HitlReviewConfig": "sketricgen_models",
    "UploadCompleteResponse": "sketricgen_models",
    "AsyncStream": "sketricgen._streaming.shells",
    "Stream": "sketricgen._streaming.shells",
    "StreamEvent": "sketricgen._streaming.event",
    "StreamResult": "sketricgen._streaming.result",
    "ToolCall": "sketricgen._streaming.result",
}

__all__ = [
    "AdminErrorCode",
    "AsyncStream",
    "ChatResponse",
    "GeneratedAsset",
    "HitlActionRequest",
    "HitlDecision",
    "HitlRequest",
    "HitlResume",
    "HitlReviewConfig",
    "SketricGenAPIError",
    "SketricGenAdminAuthenticationError",
    "SketricGenAdminBadRequestError",
    "SketricGenAdminConflictError",
    "SketricGenAdminError",
    "SketricGenAdminNotFoundError",
    "SketricGenAdminPermissionDeniedError",
    "SketricGenAdminRateLimitError",
    "SketricGenAdminServerError",
    "SketricGenAuthenticationError",
    "SketricGenBadRequestError",
    "SketricGenClient",
    "SketricGenClosedError",
    "SketricGenConflictError",
    "SketricGenConnectionError",
    "SketricGenContentTypeError",
    "SketricGenError",
    "SketricGenEventDecodeError",
    "SketricGenFileError",
    "SketricGenFileNotFoundError",
    "SketricGenFileSizeError",
    "SketricGenIncompleteStreamError",
    "SketricGenJobError",
    "SketricGenJobTimeoutError",
    "SketricGenNetworkError",
    "SketricGenNotFoundError",
    "SketricGenOutOfCreditsError",
    "SketricGenPayloadTooLargeError",
    "SketricGenPermissionDeniedError",
    "SketricGenRateLimitError",
    "SketricGenRedirectError",
    "SketricGenResponseTooLargeError",
    "SketricGenRunError",
    "SketricGenServerError",
    "SketricGenStreamError",
    "SketricGenTimeoutError",
    "SketricGenUnexpectedResponseError",
    "SketricGenUnprocessableEntityError",
    "SketricGenUploadError",
    "SketricGenValidationError",
    "Stream",
    "StreamEvent",
    "StreamResult",
    "ToolCall",
    "UploadCompleteResponse",
    "__version__",
]


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
