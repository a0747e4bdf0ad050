"""Python SDK for SketricGen's Chat Server API."""

import importlib
from typing import TYPE_CHECKING, Any

from ._exceptions import (
    SketricGenAPIError,
    SketricGenAuthenticationError,
    SketricGenBadRequestError,
    SketricGenClosedError,
    SketricGenConflictError,
    SketricGenConnectionError,
    SketricGenContentTypeError,
    SketricGenError,
    SketricGenFileError,
    SketricGenFileNotFoundError,
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

if TYPE_CHECKING:
    from sketricgen_models import (
        ChatResponse,
        GeneratedAsset,
        HitlDecision,
        HitlRequest,
        HitlResume,
        UploadCompleteResponse,
    )

    from ._client import SketricGenClient

# The client and the models load on first use: `import sketricgen` stays cheap.
_LAZY = {
    "SketricGenClient": "sketricgen._client",
    "ChatResponse": "sketricgen_models",
    "GeneratedAsset": "sketricgen_models",
    "HitlDecision": "sketricgen_models",
    "HitlRequest": "sketricgen_models",
    "HitlResume": "sketricgen_models",
    "UploadCompleteResponse": "sketricgen_models",
}

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
    "SketricGenFileError",
    "SketricGenFileNotFoundError",
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
