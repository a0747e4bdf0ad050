"""The error mapping: HTTP answers and transport failures → SketricGen exceptions (sans-IO)."""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Mapping, Sequence
from http import HTTPStatus
from typing import TYPE_CHECKING, Any, NamedTuple, Optional, overload

import httpx

from .._config import ENV_VARS
from .._exceptions import (
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
    SketricGenConflictError,
    SketricGenConnectionError,
    SketricGenNetworkError,
    SketricGenNotFoundError,
    SketricGenPayloadTooLargeError,
    SketricGenPermissionDeniedError,
    SketricGenRateLimitError,
    SketricGenServerError,
    SketricGenTimeoutError,
    SketricGenUnexpectedResponseError,
    SketricGenUnprocessableEntityError,
)

if TYPE_CHECKING:
    from sketricgen_models import ValidationErrorItem

__all__ = [
    "admin_error",
    "api_error",
    "gave_up",
    "network_error",
    "redact",
    "unexpected_body",
]

REQUEST_ID_HEADERS = ("x-request-id", "request-id", "x-amzn-requestid", "x-amz-request-id")
"""Response headers read, in order, for the service's request id."""

_CLASSES: dict[int, type[SketricGenAPIError]] = {
    400: SketricGenBadRequestError,
    401: SketricGenAuthenticationError,
    403: SketricGenPermissionDeniedError,
    404: SketricGenNotFoundError,
    409: SketricGenConflictError,
    413: SketricGenPayloadTooLargeError,
    422: SketricGenUnprocessableEntityError,
    429: SketricGenRateLimitError,
}

_HINTS = {
    400: "The service refused the request as malformed; fix what it names.",
    401: f"Check the API key (api_key=, or {ENV_VARS['api_key']} with from_env()).",
    403: "This API key may not do this (for example, use this agent).",
    404: "Check agent_id and conversation_id.",
    409: "The conversation's state refuses this request (e.g. a HITL request already resolved).",
    413: "The request is too large: send a shorter user_input or smaller files.",
    422: "Fix the fields named above.",
    500: "The service failed while handling the request, and may have acted on it.",
    502: "A proxy in front of the service could not reach it; try again later.",
    503: "The service is unavailable; try again later.",
    504: "A proxy in front of the service timed out; the request may have been acted on.",
}

_ADMIN_CLASSES: dict[int, type[SketricGenAdminError]] = {
    400: SketricGenAdminBadRequestError,
    401: SketricGenAdminAuthenticationError,
    403: SketricGenAdminPermissionDeniedError,
    404: SketricGenAdminNotFoundError,
    409: SketricGenAdminConflictError,
    429: SketricGenAdminRateLimitError,
}

_ADMIN_HINTS = {
    AdminErrorCode.MISSING_TOKEN: "The API key was not sent as `Authorization: Bearer <key>`.",
    AdminErrorCode.INVALID_KEY: _HINTS[401],
    AdminErrorCode.KEY_EXPIRED: "The API key has expired: create a new one in the Teamspace.",
    AdminErrorCode.KEY_REVOKED: "The API key was revoked: create a new one in the Teamspace.",
    AdminErrorCode.PROJECT_SCOPE_MISMATCH: (
        "The key covers selected projects only, and this resource is in another one."
    ),
    AdminErrorCode.INSUFFICIENT_ROLE: (
        "The key's role may not do this (Viewers read; Editors change agents, knowledge bases "
        "and connectors; Admins with an all-Project key also projects and members)."
    ),
    AdminErrorCode.PLAN_DOWNGRADED: "The Teamspace's plan no longer allows this.",
    AdminErrorCode.WORKFLOW_NOT_READY: (
        "The agent's workflow is not ready yet: wait for its job to succeed, then try again."
    ),
    AdminErrorCode.RUN_NOT_AVAILABLE: "Run agents with run_workflow() instead.",
    AdminErrorCode.PROJECT_ID_REQUIRED: (
        "The key covers several projects: pass project_id= to say which one."
    ),
    AdminErrorCode.NOT_FOUND: "Check the id; a key scoped to other projects cannot see it.",
}

# RFC 9110's names, which Python's HTTPStatus gives only from 3.13 on: the same
# message on every Python.
_PHRASES = {
    413: "Content Too Large",
    414: "URI Too Long",
    416: "Range Not Satisfiable",
    422: "Unprocessable Content",
}
_MAX_DETAIL = 300
_MIN_SECRET = 8  # shorter "keys" (tests, typos) would blank out ordinary words
_MASK = "***"
_MAY_BE_ENCODED = re.compile(r"[%&\\]")  # only then can an encoded key be present
_MAX_VALIDATION_ITEMS = 5
_TITLE = re.compile(rb"<title[^>]*>(.*?)</title\s*>", re.IGNORECASE | re.DOTALL)
_H1 = re.compile(rb"<h1[^>]*>(.*?)</h1\s*>", re.IGNORECASE | re.DOTALL)
_TAG = re.compile(r"<[^>]*>")
_XML_TAGS = ("Code", "Message")


class BodySummary(NamedTuple):
    """An error body read once: what the exception keeps and says about it."""

    body: Any
    """The parsed JSON when it is JSON, else the text (None when empty)."""
    detail: str
    """One line: the service's own words, never a whole page."""
    fields: list[str]
    """The top-level fields a 422 names."""
    code: Optional[str] = None
    """The `<Code>` of an XML error document (S3's `AccessDenied`...)."""


def api_error(
    status_code: int,
    headers: Mapping[str, str],
    content: bytes,
    *,
    target: str,
    retry_after: Optional[float] = None,
    attempts: int = 1,
    secret: Optional[str] = None,
) -> SketricGenAPIError:
    """The exception for an error answer to `target` (e.g. "POST /api/v1/run-workflow").

    The message says what failed, the service's own words (`message`,
    `detail`, a 422 list summarized, an HTML page's title) and what to do.
    `secret` is removed from everything kept (message, body, request id),
    in whatever form a server echoed it: as is, URL- or HTML-encoded.
    """
    body, detail, fields, code = summarize_body(headers, content, secret=secret)
    if status_code == 429:
        hint = (
            f"Rate limited: retry after {retry_after:g} s."
            if retry_after is not None
            else "Rate limited: slow down, then retry."
        )
    else:
        hint = _HINTS.get(status_code, "")
        if not hint and status_code >= 500:
            hint = _HINTS[500]
        elif not hint and 300 <= status_code < 400:
            location = headers.get("location")
            hint = f"Unexpected redirect{f' to {location}' if location else ''}; check base_url."
    message, request_id = _message(target, status_code, detail, hint, attempts, headers, secret)
    cls = _CLASSES.get(status_code) or (
        SketricGenServerError if status_code >= 500 else SketricGenAPIError
    )
    error = cls(
        message,
        status_code=status_code,
        response_body=body,
        request_id=request_id,
        retry_after=retry_after,
        attempts=attempts,
        code=code,
        detail=detail,
    )
    if isinstance(error, SketricGenUnprocessableEntityError) and len(fields) == 1:
        error.field = fields[0]
    return error


def admin_error(
    status_code: int,
    headers: Mapping[str, str],
    content: bytes,
    *,
    target: str,
    retry_after: Optional[float] = None,
    attempts: int = 1,
    secret: Optional[str] = None,
) -> SketricGenAPIError:
    """The exception for an Admin API error answer: a `SketricGenAdminError` subclass.

    Its `code` is the body's `code` (an `AdminErrorCode` when documented),
    `detail` the body's `error` text; a body that is not `{error, code}` (a
    proxy's HTML page) is summarized as `api_error` does. `secret` is removed
    from everything kept.
    """
    found = _admin_body(content, secret)
    if found is None:
        body, detail, _, _ = summarize_body(headers, content, secret=secret)
        code: Optional[str] = None
    else:
        body, text, code = found
        detail = _truncate(" ".join(text.split())) if text else "no details given"
    known = AdminErrorCode.of(code)
    hint = _ADMIN_HINTS.get(known) if isinstance(known, AdminErrorCode) else None
    if hint is None and status_code == 429:
        hint = f"Rate limited: retry after {retry_after:g} s." if retry_after is not None else ""
    elif hint is None:
        hint = _HINTS[500] if status_code >= 500 else ""
    said = f"{detail} (code {code})" if code else detail
    message, request_id = _message(target, status_code, said, hint, attempts, headers, secret)
    cls = _ADMIN_CLASSES.get(status_code) or (
        SketricGenAdminServerError if status_code >= 500 else SketricGenAdminError
    )
    return cls(
        status_code,
        redact(code, secret),
        message,
        response_body=body,
        request_id=request_id,
        retry_after=retry_after,
        attempts=attempts,
        detail=detail,
    )


def _message(
    target: str,
    status_code: int,
    detail: str,
    hint: str,
    attempts: int,
    headers: Mapping[str, str],
    secret: Optional[str],
) -> tuple[str, Optional[str]]:
    """An error answer's message (what failed, the service's words, what to do, how many
    attempts, the request id) and its request id, both with `secret` removed."""
    message = f"{target} answered {_status_text(status_code)}: {detail}"
    message = _sentence(message) + (f" {hint}" if hint else "") + gave_up(attempts)
    request_id = redact(request_id_of(headers), secret)
    if request_id:
        message += f" [request id {request_id}]"
    return redact(message, secret), request_id


def _admin_body(content: bytes, secret: Optional[str]) -> Optional[tuple[Any, str, Optional[str]]]:
    """The parsed body, its `error` text and its `code`, if it is an `{error, code}` object."""
    text = redact(content.decode("utf-8", "replace"), secret)
    if not text.lstrip().startswith("{"):
        return None
    try:
        data = _redact_json(json.loads(text), secret)
    except ValueError:
        return None
    # Only error answers need the wire model: it loads with the admin operations.
    from sketricgen_admin_models import AdminErrorBody  # noqa: PLC0415

    try:
        parsed = AdminErrorBody.model_validate(data)
    except ValueError:  # pydantic's ValidationError (a non-string code...)
        return None
    if parsed.error is None and parsed.code is None:
        return None
    return data, parsed.error or "", parsed.code


def unexpected_body(
    status_code: int,
    headers: Mapping[str, str],
    content: bytes,
    *,
    target: str,
    expected: str,
    secret: Optional[str] = None,
) -> SketricGenUnexpectedResponseError:
    """The exception for a success status whose body is not the `expected` shape."""
    body, detail, _, code = summarize_body(headers, content, secret=secret)
    request_id = redact(request_id_of(headers), secret)
    message = (
        f"{target} answered {_status_text(status_code)} but not with {expected}: {detail}. "
        "A proxy may be in the way; check base_url."
    )
    if request_id:
        message += f" [request id {request_id}]"
    return SketricGenUnexpectedResponseError(
        redact(message, secret), status_code=status_code, response_body=body,
        request_id=request_id, code=code, detail=detail,
    )  # fmt: skip


def network_error(
    error: Exception,
    *,
    target: str,
    attempts: int = 1,
    url_setting: str = "base_url",
    timeout_setting: str = "timeout",
    secret: Optional[str] = None,
) -> SketricGenNetworkError:
    """The exception for a transport failure (never a raw httpx one).

    `url_setting` and `timeout_setting` name what the hint tells to check or
    raise (`upload_base_url`, `upload_timeout` for the upload calls);
    `secret` is removed from the message.
    """
    text = str(error) or type(error).__name__
    cls: type[SketricGenNetworkError]
    if isinstance(error, httpx.ConnectTimeout):
        cls, what = SketricGenTimeoutError, "could not connect in time"
        hint = f"Check {url_setting} and the network."
    elif isinstance(error, httpx.PoolTimeout):
        cls, what = SketricGenTimeoutError, "no free connection in time"
        hint = "Too many requests are in flight on this client at once."
    elif isinstance(error, httpx.TimeoutException):
        cls, what = SketricGenTimeoutError, "timed out waiting for the service"
        hint = f"Raise {timeout_setting}= if the service legitimately takes this long."
    elif isinstance(error, httpx.ConnectError):
        cls, what = SketricGenConnectionError, "could not connect"
        hint = f"Check {url_setting} and the network."
    elif isinstance(error, (httpx.NetworkError, httpx.RemoteProtocolError)):
        cls, what = SketricGenConnectionError, "the connection failed"
        hint = "The service may have acted on the request."
    elif isinstance(error, httpx.UnsupportedProtocol):
        cls, what = SketricGenConnectionError, "unsupported URL"
        hint = "Only http:// and https:// URLs can be used."
    else:
        cls, what, hint = SketricGenNetworkError, "the request failed", ""
    message = f"{target}: {what} ({text})."
    if hint:
        message += f" {hint}"
    return cls(redact(message + gave_up(attempts), secret), attempts=attempts)


def gave_up(attempts: int) -> str:
    """The note a message ends with when the transport tried more than once."""
    return f" (gave up after {attempts} attempts)" if attempts > 1 else ""


def request_id_of(headers: Mapping[str, str]) -> Optional[str]:
    """The service's request id from the answer's headers, if it sent one."""
    for name in REQUEST_ID_HEADERS:
        value = headers.get(name)
        if value:
            return value
    return None


def summarize_body(
    headers: Mapping[str, str], content: bytes, *, secret: Optional[str] = None
) -> BodySummary:
    """Read an error body once: what to keep, a one-line summary, a 422's fields, a code.

    `secret` is removed from everything, before and after decoding (JSON
    escapes, HTML and XML entities).
    """
    if not content.strip():
        return BodySummary(None, "no details given", [])
    raw = content.decode("utf-8", "replace")
    text = redact(raw, secret)
    if text is not raw:
        content = text.encode()
    content_type = headers.get("content-type", "").lower()
    head = content.lstrip()[:100].lower()
    if "json" in content_type or head[:1] in (b"{", b"["):
        try:
            data = _redact_json(json.loads(text), secret)
        except ValueError:
            pass
        else:
            detail, fields = _summarize_json(data)
            return BodySummary(data, redact(detail, secret), fields)
    if "html" in content_type or head.startswith((b"<!doctype html", b"<html")):
        return BodySummary(text, redact(_summarize_html(content), secret), [])
    if "xml" in content_type or head.startswith(b"<?xml"):
        found = _xml_error(content)
        if found is not None:
            code, xml_message = (redact(part, secret) for part in found)
            detail = _truncate(": ".join(part for part in (code, xml_message) if part))
            return BodySummary(text, detail, [], code or None)
    return BodySummary(text, _truncate(" ".join(text.split())), [])


def _xml_error(content: bytes) -> Optional[tuple[str, str]]:
    """The `<Code>` and `<Message>` of an XML error document (a storage host's), if any."""
    # Error paths only: ElementTree and html (with its entity table) cost ~0.9 MB at import.
    import xml.etree.ElementTree as ET  # noqa: PLC0415

    try:
        root = ET.fromstring(content)  # the body is bounded (ERROR_BODY_LIMIT)
    except ET.ParseError:
        return None
    code, message = (" ".join((root.findtext(f".//{tag}") or "").split()) for tag in _XML_TAGS)
    return (code, message) if code or message else None


@overload
def redact(text: str, secret: Optional[str]) -> str: ...
@overload
def redact(text: None, secret: Optional[str]) -> None: ...
def redact(text: Optional[str], secret: Optional[str]) -> Optional[str]:
    """`text` with every occurrence of `secret` replaced by `***` (`text` itself if none).

    An occurrence may be written with any of its characters URL-encoded
    (`%2D`), as an HTML character reference (`&#45;`, `&#x2d;`, `&lowbar;`)
    or a JSON escape (`\\u002d`), as proxies echoing a header do. A secret
    shorter than 8 characters is left alone: it would blank ordinary words.
    """
    if not text or not secret or len(secret) < _MIN_SECRET:
        return text
    if secret in text:
        text = text.replace(secret, _MASK)
    if not _MAY_BE_ENCODED.search(text):
        return text
    return _secret_pattern(secret).sub(_MASK, text)


def _redact_json(data: Any, secret: Optional[str]) -> Any:
    """Parsed JSON with `secret` removed from every string, keys included."""
    if isinstance(data, str):
        return redact(data, secret)
    if isinstance(data, list):
        return [_redact_json(item, secret) for item in data]
    if isinstance(data, dict):
        return {redact(k, secret): _redact_json(v, secret) for k, v in data.items()}
    return data


@functools.lru_cache(maxsize=4)
def _secret_pattern(secret: str) -> re.Pattern[str]:
    names = _entity_names()
    return re.compile("".join(_char_forms(char, names.get(char, ())) for char in secret))


def _char_forms(char: str, entity_names: Sequence[str]) -> str:
    code = ord(char)
    forms = [re.escape(char), f"&#0*{code};?", f"&#[xX]0*(?i:{code:x});?"]
    forms += [re.escape(f"&{name}") for name in entity_names]
    if code < 0x80:
        forms.append(f"%(?i:{code:02x})")
    if code < 0x10000:
        forms.append(f"\\\\u(?i:{code:04x})")
    return f"(?:{'|'.join(forms)})"


@functools.lru_cache(maxsize=1)
def _entity_names() -> dict[str, list[str]]:
    """Named HTML character references by the one character each stands for."""
    import html.entities  # noqa: PLC0415

    names: dict[str, list[str]] = {}
    for name, value in html.entities.html5.items():
        if len(value) == 1:
            names.setdefault(value, []).append(name)
    return names


def _summarize_json(data: Any) -> tuple[str, list[str]]:
    if isinstance(data, list) and data and all(isinstance(item, dict) for item in data):
        data = {"detail": data}
    if isinstance(data, dict):
        # Only error answers need the wire models: keep them off the import path.
        from sketricgen_models import ErrorBody  # noqa: PLC0415

        try:
            body = ErrorBody.model_validate(data)
        except ValueError:  # pydantic's ValidationError
            body = None
        if body is not None:
            parts: list[str] = []
            fields: list[str] = []
            if body.message:
                parts.append(body.message)
            if isinstance(body.detail, str) and body.detail and body.detail != body.message:
                parts.append(body.detail)
            elif isinstance(body.detail, list) and body.detail:
                summary, fields = _summarize_validation(body.detail)
                parts.append(summary)
            if not parts and isinstance(body.error, str) and body.error:
                parts.append(body.error)
            if parts:
                return _truncate("; ".join(parts), _MAX_DETAIL * 2), fields
    return _truncate(json.dumps(data, ensure_ascii=False, separators=(",", ":"))), []


def _summarize_validation(items: Sequence[ValidationErrorItem]) -> tuple[str, list[str]]:
    lines: list[str] = []
    fields: list[str] = []
    for item in items:
        loc = list(item.loc or ())
        if loc and loc[0] == "body":  # FastAPI puts the request part first
            loc = loc[1:]
        name = ""
        for part in loc:
            name += f"[{part}]" if isinstance(part, int) else (f".{part}" if name else str(part))
        if loc and isinstance(loc[0], str) and loc[0] not in fields:
            fields.append(loc[0])
        if len(lines) < _MAX_VALIDATION_ITEMS:
            lines.append(f"{name}: {item.msg}" if name else item.msg)
    more = len(items) - len(lines)
    summary = "; ".join(lines) + (f" (and {more} more)" if more > 0 else "")
    count = f"{len(items)} invalid field{'s' if len(items) != 1 else ''}"
    return f"{count}: {summary}", fields


def _summarize_html(content: bytes) -> str:
    for pattern in (_TITLE, _H1):
        found = pattern.search(content)
        if found:
            title = _clean(found.group(1).decode("utf-8", "replace"))
            if title:
                return f"an HTML page ({_truncate(title, 120)}), likely from a proxy"
    return "an HTML page, likely from a proxy"


def _clean(fragment: str) -> str:
    import html  # noqa: PLC0415

    return " ".join(html.unescape(_TAG.sub(" ", fragment)).split())


def _truncate(text: str, limit: int = _MAX_DETAIL) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _status_text(status_code: int) -> str:
    phrase = _PHRASES.get(status_code)
    if phrase is None:
        try:
            phrase = HTTPStatus(status_code).phrase
        except ValueError:
            return str(status_code)
    return f"{status_code} {phrase}"


def _sentence(text: str) -> str:
    return text if text.endswith((".", "!", "?", "…")) else text + "."
