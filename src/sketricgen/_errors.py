"""The error mapping: HTTP answers and transport failures → SketricGen exceptions (sans-IO)."""

from __future__ import annotations

import html
import json
import re
from collections.abc import Mapping, Sequence
from http import HTTPStatus
from typing import TYPE_CHECKING, Any, Optional

import httpx

from ._exceptions import (
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

__all__ = ["REQUEST_ID_HEADERS", "api_error", "network_error", "summarize_body", "unexpected_body"]

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
    401: "Check the API key (api_key=, or SKETRICGEN_API_KEY with from_env()).",
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

_MAX_DETAIL = 300
_MIN_SECRET = 8  # shorter "keys" (tests, typos) would blank out ordinary words
_MAX_VALIDATION_ITEMS = 5
_TITLE = re.compile(rb"<title[^>]*>(.*?)</title\s*>", re.IGNORECASE | re.DOTALL)
_H1 = re.compile(rb"<h1[^>]*>(.*?)</h1\s*>", re.IGNORECASE | re.DOTALL)
_TAG = re.compile(r"<[^>]*>")
_XML_CODE = re.compile(rb"<Code>(.*?)</Code>", re.DOTALL)
_XML_MESSAGE = re.compile(rb"<Message>(.*?)</Message>", re.DOTALL)


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
    `secret` is removed from everything kept.
    """
    body, detail, fields = summarize_body(headers, content, secret=secret)
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
    message = f"{target} answered {_status_text(status_code)}: {detail}"
    message = _sentence(message) + (f" {hint}" if hint else "")
    if attempts > 1:
        message += f" (gave up after {attempts} attempts)"
    request_id = request_id_of(headers)
    if request_id:
        message += f" [request id {request_id}]"
    cls = _CLASSES.get(status_code) or (
        SketricGenServerError if status_code >= 500 else SketricGenAPIError
    )
    error = cls(
        message,
        status_code=status_code,
        response_body=body,
        request_id=request_id,
        retry_after=retry_after,
    )
    if isinstance(error, SketricGenUnprocessableEntityError) and len(fields) == 1:
        error.field = fields[0]
    return error


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
    body, detail, _ = summarize_body(headers, content, secret=secret)
    request_id = request_id_of(headers)
    message = (
        f"{target} answered {_status_text(status_code)} but not with {expected}: {detail}. "
        "A proxy may be in the way; check base_url."
    )
    if request_id:
        message += f" [request id {request_id}]"
    return SketricGenUnexpectedResponseError(
        message, status_code=status_code, response_body=body, request_id=request_id
    )


def network_error(error: Exception, *, target: str, attempts: int = 1) -> SketricGenNetworkError:
    """The exception for a transport failure (never a raw httpx one)."""
    text = str(error) or type(error).__name__
    cls: type[SketricGenNetworkError]
    if isinstance(error, httpx.ConnectTimeout):
        cls, what = SketricGenTimeoutError, "could not connect in time"
        hint = "Check base_url and the network."
    elif isinstance(error, httpx.PoolTimeout):
        cls, what = SketricGenTimeoutError, "no free connection in time"
        hint = "Too many requests are in flight on this client at once."
    elif isinstance(error, httpx.TimeoutException):
        cls, what = SketricGenTimeoutError, "timed out waiting for the service"
        hint = "Raise timeout= if the service legitimately takes this long."
    elif isinstance(error, httpx.ConnectError):
        cls, what = SketricGenConnectionError, "could not connect"
        hint = "Check base_url and the network."
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
    if attempts > 1:
        message += f" (gave up after {attempts} attempts)"
    return cls(message)


def request_id_of(headers: Mapping[str, str]) -> Optional[str]:
    """The service's request id from the answer's headers, if it sent one."""
    for name in REQUEST_ID_HEADERS:
        value = headers.get(name)
        if value:
            return value
    return None


def summarize_body(
    headers: Mapping[str, str], content: bytes, *, secret: Optional[str] = None
) -> tuple[Any, str, list[str]]:
    """Read an error body: (kept body, one-line summary, top-level fields a 422 names).

    The kept body is the parsed JSON when it is JSON, else the text (None
    when empty); the summary never dumps a whole page.
    """
    if not content.strip():
        return None, "no details given", []
    text = content.decode("utf-8", "replace")
    if secret and len(secret) >= _MIN_SECRET and secret in text:
        text = text.replace(secret, "***")
        content = text.encode()
    content_type = headers.get("content-type", "").lower()
    head = content.lstrip()[:100].lower()
    if "json" in content_type or head[:1] in (b"{", b"["):
        try:
            data = json.loads(text)
        except ValueError:
            pass
        else:
            detail, fields = _summarize_json(data)
            return data, detail, fields
    if "html" in content_type or head.startswith((b"<!doctype html", b"<html")):
        return text, _summarize_html(content), []
    if "xml" in content_type or head.startswith(b"<?xml"):
        code, xml_message = _XML_CODE.search(content), _XML_MESSAGE.search(content)
        if code or xml_message:
            found = (m for m in (code, xml_message) if m)
            parts = [_clean(m.group(1).decode("utf-8", "replace")) for m in found]
            return text, _truncate(": ".join(parts)), []
    return text, _truncate(" ".join(text.split())), []


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
    return " ".join(html.unescape(_TAG.sub(" ", fragment)).split())


def _truncate(text: str, limit: int = _MAX_DETAIL) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _status_text(status_code: int) -> str:
    try:
        return f"{status_code} {HTTPStatus(status_code).phrase}"
    except ValueError:
        return str(status_code)


def _sentence(text: str) -> str:
    return text if text.endswith((".", "!", "?", "…")) else text + "."
