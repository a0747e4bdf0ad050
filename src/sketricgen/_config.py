"""Client settings: defaults, validation, and reading them from the environment."""

from __future__ import annotations

import math
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Optional, Union
from urllib.parse import urlsplit

from ._exceptions import SketricGenValidationError
from ._streaming.sse import DEFAULT_MAX_EVENT_SIZE

__all__ = [
    "ADMIN_KEY_HEADER",
    "CHAT_KEY_HEADER",
    "DEFAULT_ADMIN_BASE_URL",
    "DEFAULT_BASE_URL",
    "DEFAULT_MAX_CONCURRENT_UPLOADS",
    "DEFAULT_MAX_CONNECTIONS",
    "DEFAULT_MAX_EVENT_SIZE",
    "DEFAULT_MAX_RESPONSE_SIZE",
    "DEFAULT_MAX_RETRIES",
    "DEFAULT_TIMEOUT",
    "DEFAULT_UPLOAD_BASE_URL",
    "ENV_VARS",
    "KEY_HEADERS",
    "UPLOAD_KEY_HEADER",
    "ClientConfig",
    "check_seconds",
    "config_from_env",
]

DEFAULT_BASE_URL = "https://chat-v2.sketricgen.ai"
DEFAULT_UPLOAD_BASE_URL = "https://v9xof9ohlg.execute-api.us-east-1.amazonaws.com/dev"
DEFAULT_ADMIN_BASE_URL = "https://krjavjkt27.execute-api.us-east-1.amazonaws.com/dev/admin/v1"
"""The Admin API's base URL, as the service's Admin API documentation gives it."""
DEFAULT_TIMEOUT = 300.0
DEFAULT_MAX_RETRIES = 3
DEFAULT_MAX_CONCURRENT_UPLOADS = 4
DEFAULT_MAX_RESPONSE_SIZE = 32 * 1024 * 1024
"""Bytes of a non-streamed answer's body, once decompressed, the client accepts."""
DEFAULT_MAX_CONNECTIONS = 100
"""Connections a client's pool opens at once (httpx's own default)."""

ENV_VARS = {
    "api_key": "SKETRICGEN_API_KEY",
    "timeout": "SKETRICGEN_TIMEOUT",
    "upload_timeout": "SKETRICGEN_UPLOAD_TIMEOUT",
    "max_retries": "SKETRICGEN_MAX_RETRIES",
    "base_url": "SKETRICGEN_BASE_URL",
    "upload_base_url": "SKETRICGEN_UPLOAD_BASE_URL",
    "admin_base_url": "SKETRICGEN_ADMIN_BASE_URL",
}
"""Each setting `from_env` reads, and the variable it reads it from."""
ADMIN_URL_ALIAS = "SKETRICGEN_ADMIN_API_URL"
"""The variable the Admin API's own documentation names; read when ours is unset."""

CHAT_KEY_HEADER = "API-KEY"
"""The header that carries the key to the chat API."""
UPLOAD_KEY_HEADER = "X-API-KEY"
"""The header that carries the key to the upload API."""
ADMIN_KEY_HEADER = "Authorization"
"""The header that carries the key (`Bearer <key>`) to the Admin API."""
KEY_HEADERS = frozenset(
    {CHAT_KEY_HEADER.lower(), UPLOAD_KEY_HEADER.lower(), ADMIN_KEY_HEADER.lower()}
)
"""Header names (lower case) that carry the key: only `api_key` may set them."""
# The docs write the chat base with its path prefix; endpoints already carry it.
_API_PREFIX = "/api/v1"

Number = Union[int, float]


@dataclass(frozen=True)
class ClientConfig:
    """Validated settings of one client. The key is kept out of `repr`."""

    api_key: str = field(repr=False)
    timeout: float = DEFAULT_TIMEOUT
    upload_timeout: float = DEFAULT_TIMEOUT
    max_retries: int = DEFAULT_MAX_RETRIES
    base_url: str = DEFAULT_BASE_URL
    upload_base_url: str = DEFAULT_UPLOAD_BASE_URL
    admin_base_url: str = DEFAULT_ADMIN_BASE_URL
    default_headers: Mapping[str, str] = field(default_factory=dict)
    max_concurrent_uploads: int = DEFAULT_MAX_CONCURRENT_UPLOADS
    max_response_size: int = DEFAULT_MAX_RESPONSE_SIZE
    max_event_size: int = DEFAULT_MAX_EVENT_SIZE
    max_connections: Optional[int] = DEFAULT_MAX_CONNECTIONS

    @classmethod
    def create(
        cls,
        api_key: Any,
        timeout: Any = DEFAULT_TIMEOUT,
        upload_timeout: Any = DEFAULT_TIMEOUT,
        max_retries: Any = DEFAULT_MAX_RETRIES,
        base_url: Any = None,
        upload_base_url: Any = None,
        default_headers: Any = None,
        *,
        max_concurrent_uploads: Any = DEFAULT_MAX_CONCURRENT_UPLOADS,
        max_response_size: Any = DEFAULT_MAX_RESPONSE_SIZE,
        max_event_size: Any = DEFAULT_MAX_EVENT_SIZE,
        max_connections: Any = DEFAULT_MAX_CONNECTIONS,
        admin_base_url: Any = None,
        source: Optional[Mapping[str, str]] = None,
    ) -> ClientConfig:
        """Validate every setting; raise `SketricGenValidationError` naming the first bad one.

        `source` maps a setting to where its value came from (an environment
        variable), so the error can name that instead. A host left as `None`
        is read from `SKETRICGEN_BASE_URL` / `SKETRICGEN_UPLOAD_BASE_URL` /
        `SKETRICGEN_ADMIN_BASE_URL` (else `SKETRICGEN_ADMIN_API_URL`) when set
        (so an application can be pointed elsewhere without a code change),
        else it is SketricGen's own.
        """
        names = dict(source or {})
        base_url = _host_from_env(base_url, "base_url", names)
        upload_base_url = _host_from_env(upload_base_url, "upload_base_url", names)
        admin_base_url = _host_from_env(admin_base_url, "admin_base_url", names)
        return cls(
            api_key=_api_key(api_key, names.get("api_key", "api_key")),
            timeout=check_seconds(timeout, names.get("timeout", "timeout"), text=True),
            upload_timeout=check_seconds(
                upload_timeout, names.get("upload_timeout", "upload_timeout"), text=True
            ),
            max_retries=_retries(max_retries, names.get("max_retries", "max_retries")),
            base_url=_url(base_url, DEFAULT_BASE_URL, names.get("base_url", "base_url"), chat=True),
            upload_base_url=_url(
                upload_base_url,
                DEFAULT_UPLOAD_BASE_URL,
                names.get("upload_base_url", "upload_base_url"),
                chat=False,
            ),
            admin_base_url=_url(
                admin_base_url,
                DEFAULT_ADMIN_BASE_URL,
                names.get("admin_base_url", "admin_base_url"),
                chat=False,
            ),
            default_headers=_headers(default_headers),
            max_concurrent_uploads=_count(max_concurrent_uploads, "max_concurrent_uploads"),
            max_response_size=_count(max_response_size, "max_response_size", "bytes"),
            max_event_size=_count(max_event_size, "max_event_size", "bytes"),
            max_connections=(
                None if max_connections is None else _count(max_connections, "max_connections")
            ),
        )


def config_from_env(
    overrides: Mapping[str, Any], environ: Optional[Mapping[str, str]] = None
) -> tuple[dict[str, Any], dict[str, str]]:
    """Merge the `SKETRICGEN_*` variables under `overrides`.

    Returns the constructor keywords and, for each setting read from the
    environment, the variable's name (for error messages). Empty variables
    count as unset.
    """
    env = os.environ if environ is None else environ
    kwargs: dict[str, Any] = {}
    source: dict[str, str] = {}
    for setting, variable in ENV_VARS.items():
        if setting in overrides:
            continue
        value = env.get(variable, "").strip()
        if value:
            kwargs[setting] = value
            source[setting] = variable
    if "api_key" not in overrides and "api_key" not in kwargs:
        raise SketricGenValidationError(
            f"no API key: set the {ENV_VARS['api_key']} environment variable, "
            "or pass api_key= to from_env()",
            field="api_key",
        )
    kwargs.update(overrides)
    return kwargs, source


def _host_from_env(value: Any, setting: str, names: dict[str, str]) -> Any:
    if value is not None:
        return value
    variables = [ENV_VARS[setting]] + ([ADMIN_URL_ALIAS] if setting == "admin_base_url" else [])
    for variable in variables:
        found = os.environ.get(variable, "").strip()
        if found:
            names[setting] = variable
            return found
    return None


def _api_key(value: Any, name: str) -> str:
    if value is None or (isinstance(value, str) and not value.strip()):
        raise SketricGenValidationError(
            f"{name} is required: pass your SketricGen API key "
            f"(or set {ENV_VARS['api_key']} and use SketricGenClient.from_env())",
            field="api_key",
        )
    if not isinstance(value, str):
        raise SketricGenValidationError(
            f"{name} must be a string, got {type(value).__name__}", field="api_key"
        )
    key = value.strip()
    # The value is never echoed: it may be a real key with a typo in it.
    if not key.isascii() or not key.isprintable() or any(c.isspace() for c in key):
        raise SketricGenValidationError(
            f"{name} contains spaces or characters an HTTP header cannot carry; "
            "check that it was copied whole and alone",
            field="api_key",
        )
    return key


def check_seconds(value: Any, name: str, *, text: bool = False, or_none: bool = False) -> float:
    """`value` as a positive, finite number of seconds; else an error naming `name`.

    `text` also reads a string (an environment variable's value); `or_none`
    says in the error that None is allowed too (the caller handles None).
    """
    number: Any = value
    if text and isinstance(value, str):
        try:
            number = float(value.strip())
        except ValueError:
            number = None
    if (
        isinstance(number, bool)
        or not isinstance(number, (int, float))
        or not math.isfinite(number)
        or number <= 0
    ):
        what = "a positive number of seconds" + (" or None" if or_none else "")
        raise SketricGenValidationError(f"{name} must be {what}, got {value!r}", field=_field(name))
    return float(number)


def _retries(value: Any, name: str) -> int:
    number: Any = value
    if isinstance(value, str):
        try:
            number = int(value.strip())
        except ValueError:
            number = None
    if isinstance(number, bool) or not isinstance(number, int) or number < 0:
        raise SketricGenValidationError(
            f"{name} must be a whole number of retries, 0 or more, got {value!r}",
            field=_field(name),
        )
    return number


def _count(value: Any, name: str, unit: str = "") -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        what = f"a whole number of {unit}" if unit else "a whole number"
        raise SketricGenValidationError(
            f"{name} must be {what}, 1 or more, got {value!r}", field=name
        )
    return value


def _url(value: Any, default: str, name: str, *, chat: bool) -> str:
    if value is None:
        return default
    text = value.strip() if isinstance(value, str) else value
    parts = urlsplit(text) if isinstance(text, str) else None
    if parts is None or parts.scheme not in ("http", "https") or not parts.netloc:
        raise SketricGenValidationError(
            f"{name} must be an http:// or https:// URL, got {value!r}", field=_field(name)
        )
    if parts.query or parts.fragment:
        raise SketricGenValidationError(
            f"{name} must not carry a query or fragment, got {value!r}", field=_field(name)
        )
    url: str = text.rstrip("/")
    if chat and url.endswith(_API_PREFIX):
        url = url[: -len(_API_PREFIX)]
    return url


def _headers(value: Any) -> dict[str, str]:
    if value is None:
        return {}
    if not isinstance(value, Mapping):
        raise SketricGenValidationError(
            "default_headers must be a mapping of header names to values", field="default_headers"
        )
    headers: dict[str, str] = {}
    for name, text in value.items():
        if not isinstance(name, str) or not isinstance(text, str):
            raise SketricGenValidationError(
                "default_headers names and values must be strings", field="default_headers"
            )
        if any(c in "\r\n" for c in name + text) or not name.strip():
            raise SketricGenValidationError(
                f"default_headers[{name!r}] is not a valid header", field="default_headers"
            )
        if name.lower() in KEY_HEADERS:
            raise SketricGenValidationError(
                f"default_headers may not set {name!r}: pass the key as api_key, so that it "
                "goes only to SketricGen's hosts",
                field="default_headers",
            )
        headers[name] = text
    return headers


def _field(name: str) -> str:
    """The setting an environment variable name stands for."""
    for setting, variable in ENV_VARS.items():
        if name == variable:
            return setting
    return "admin_base_url" if name == ADMIN_URL_ALIAS else name
