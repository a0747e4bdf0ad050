"""The error mapping: status, body and headers → a typed, readable exception (no network)."""

from __future__ import annotations

import html
import json
import re
import urllib.parse
from typing import Optional

import httpx
import pytest

from sketricgen import (
    AdminErrorCode,
    SketricGenAdminServerError,
    SketricGenAPIError,
    SketricGenAuthenticationError,
    SketricGenBadRequestError,
    SketricGenConflictError,
    SketricGenConnectionError,
    SketricGenError,
    SketricGenNetworkError,
    SketricGenNotFoundError,
    SketricGenPayloadTooLargeError,
    SketricGenPermissionDeniedError,
    SketricGenRateLimitError,
    SketricGenServerError,
    SketricGenTimeoutError,
    SketricGenUnexpectedResponseError,
    SketricGenUnprocessableEntityError,
    SketricGenValidationError,
)
from sketricgen._transport.errors import admin_error, api_error, network_error, unexpected_body

TARGET = "POST https://chat-v2.sketricgen.ai/api/v1/run-workflow"
JSON = {"content-type": "application/json"}
REQUEST = httpx.Request("POST", "https://chat-v2.sketricgen.ai/api/v1/run-workflow")


def _error(
    status: int, body: object = None, headers: Optional[dict[str, str]] = None
) -> SketricGenAPIError:
    content = b"" if body is None else json.dumps(body).encode()
    return api_error(status, {**JSON, **(headers or {})}, content, target=TARGET)


@pytest.mark.parametrize(
    ("status", "cls"),
    [
        (400, SketricGenBadRequestError),
        (401, SketricGenAuthenticationError),
        (403, SketricGenPermissionDeniedError),
        (404, SketricGenNotFoundError),
        (409, SketricGenConflictError),
        (413, SketricGenPayloadTooLargeError),
        (422, SketricGenUnprocessableEntityError),
        (429, SketricGenRateLimitError),
        (500, SketricGenServerError),
        (502, SketricGenServerError),
        (503, SketricGenServerError),
        (504, SketricGenServerError),
        (418, SketricGenAPIError),
        (408, SketricGenAPIError),
    ],
)
def test_status_selects_the_class(status: int, cls: type[SketricGenAPIError]) -> None:
    error = _error(status, {"message": "nope"})
    assert type(error) is cls
    assert isinstance(error, SketricGenAPIError)
    assert isinstance(error, SketricGenError)
    assert error.status_code == status
    assert error.response_body == {"message": "nope"}
    assert "nope" in str(error)
    assert str(status) in str(error)


@pytest.mark.parametrize("status", [400, 409, 413, 422])
def test_input_refusals_are_also_validation_errors(status: int) -> None:
    assert isinstance(_error(status, {"detail": "bad"}), SketricGenValidationError)


@pytest.mark.parametrize("status", [401, 403, 404, 429, 500, 503])
def test_other_refusals_are_not_validation_errors(status: int) -> None:
    assert not isinstance(_error(status, {"detail": "x"}), SketricGenValidationError)


def test_message_comes_from_message_or_detail_and_says_what_to_do() -> None:
    assert "Invalid API key" in str(_error(401, {"message": "Invalid API key"}))
    assert "SKETRICGEN_API_KEY" in str(_error(401, {"message": "Invalid API key"}))
    error = _error(404, {"detail": "Agent 'ghost' not found"})
    assert "Agent 'ghost' not found" in str(error)
    assert "agent_id" in str(error)


def test_a_422_list_is_summarized_field_by_field() -> None:
    body = {
        "detail": [
            {"loc": ["body", "user_input"], "msg": "String should have at most 10000 characters",
             "type": "string_too_long"},
        ]
    }  # fmt: skip
    error = _error(422, body)
    assert isinstance(error, SketricGenUnprocessableEntityError)
    assert "user_input: String should have at most 10000 characters" in str(error)
    assert "{" not in str(error)  # no raw JSON dump
    assert error.field == "user_input"
    assert error.response_body == body


def test_a_long_422_list_is_capped() -> None:
    body = {"detail": [{"loc": ["body", "assets", i], "msg": "not a file id"} for i in range(9)]}
    text = str(_error(422, body))
    assert "9 invalid fields" in text
    assert "assets[0]: not a file id" in text
    assert "and 4 more" in text
    assert "assets[8]" not in text


def test_an_html_error_page_is_summarized_not_dumped() -> None:
    page = (
        "<!DOCTYPE html><html><head><title>502 Bad Gateway</title><style>"
        + "body{margin:0}" * 500
        + "</style></head><body><h1>Bad Gateway</h1><p>cloudflare</p></body></html>"
    )
    error = api_error(502, {"content-type": "text/html"}, page.encode(), target=TARGET)
    assert isinstance(error, SketricGenServerError)
    assert "HTML page (502 Bad Gateway)" in str(error)
    assert "<" not in str(error)
    assert "margin" not in str(error)
    assert len(str(error)) < 400
    assert error.response_body == page


def test_html_without_a_content_type_or_title_is_still_recognized() -> None:
    page = b"<html><body><h1>Service &amp; Co unavailable</h1></body></html>"
    error = api_error(503, {}, page, target=TARGET)
    assert "Service & Co unavailable" in str(error)


def test_plain_text_bodies_are_collapsed_and_truncated() -> None:
    body = b"boom\n\n  " + b"x" * 5000
    error = api_error(500, {"content-type": "text/plain"}, body, target=TARGET)
    assert "boom x" in str(error)
    assert len(str(error)) < 600


def test_an_empty_body_still_gives_a_useful_message() -> None:
    text = str(api_error(503, {}, b"", target=TARGET))
    assert "503 Service Unavailable" in text
    assert "try again later" in text


def test_s3_xml_errors_keep_their_code() -> None:
    xml = (
        b'<?xml version="1.0" encoding="UTF-8"?><Error><Code>EntityTooLarge</Code>'
        b"<Message>Your proposed upload exceeds the maximum allowed size</Message></Error>"
    )
    error = api_error(400, {"content-type": "application/xml"}, xml, target="POST https://s3/")
    assert "EntityTooLarge: Your proposed upload exceeds the maximum allowed size" in str(error)


def test_request_id_and_retry_after_are_kept() -> None:
    error = api_error(
        429, {**JSON, "x-request-id": "req_42"}, b'{"message": "slow down"}',
        target=TARGET, retry_after=3.0,
    )  # fmt: skip
    assert isinstance(error, SketricGenRateLimitError)
    assert error.request_id == "req_42"
    assert error.retry_after == 3.0
    assert "req_42" in str(error)
    assert "retry after 3 s" in str(error)


def test_attempts_are_reported_when_retries_were_made() -> None:
    assert "gave up after 4 attempts" in str(api_error(503, {}, b"", target=TARGET, attempts=4))


def test_the_api_key_is_scrubbed_from_what_the_error_keeps() -> None:
    secret = "sk-live-abcdef0123456789"
    body = json.dumps({"message": f"key {secret} is revoked"}).encode()
    error = api_error(401, JSON, body, target=TARGET, secret=secret)
    assert secret not in str(error)
    assert secret not in json.dumps(error.response_body)


def test_a_success_with_an_unreadable_body() -> None:
    page = b"<html><title>Login</title></html>"
    error = unexpected_body(
        201, {"content-type": "text/html"}, page, target=TARGET, expected="a ChatResponse object"
    )
    assert isinstance(error, SketricGenUnexpectedResponseError)
    assert isinstance(error, SketricGenAPIError)
    assert error.status_code == 201
    assert "Login" in str(error)


@pytest.mark.parametrize(
    ("error", "cls"),
    [
        (httpx.ConnectError("[Errno 111] Connection refused", request=REQUEST),
         SketricGenConnectionError),
        (httpx.ConnectTimeout("timed out", request=REQUEST), SketricGenTimeoutError),
        (httpx.ReadTimeout("timed out", request=REQUEST), SketricGenTimeoutError),
        (httpx.PoolTimeout("timed out", request=REQUEST), SketricGenTimeoutError),
        (httpx.ReadError("reset", request=REQUEST), SketricGenConnectionError),
        (httpx.RemoteProtocolError("Server disconnected", request=REQUEST),
         SketricGenConnectionError),
        (httpx.DecodingError("bad gzip", request=REQUEST), SketricGenNetworkError),
    ],
)  # fmt: skip
def test_transport_failures_become_network_errors(error: Exception, cls: type) -> None:
    mapped = network_error(error, target=TARGET)
    assert type(mapped) is cls
    assert isinstance(mapped, SketricGenNetworkError)
    assert not isinstance(mapped, httpx.HTTPError)
    assert TARGET in str(mapped)


# -- each kind of error body, summarized: the whole message ------------------------------


def test_whole_message_html_title() -> None:
    page = b"<html><head><title>502 Bad Gateway</title></head><body><h1>nginx</h1></body></html>"
    error = api_error(502, {"content-type": "text/html"}, page, target=TARGET)
    assert str(error) == (
        f"{TARGET} answered 502 Bad Gateway: an HTML page (502 Bad Gateway), likely from a "
        "proxy. A proxy in front of the service could not reach it; try again later."
    )


def test_whole_message_s3_code_and_message() -> None:
    xml = (
        b'<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>AccessDenied</Code>'
        b"<Message>Invalid according to Policy: Policy expired.</Message>"
        b"<RequestId>4442587FB7D0A2F9</RequestId></Error>"
    )
    error = api_error(403, {"content-type": "application/xml"}, xml, target="POST https://s3/")
    assert str(error) == (
        "POST https://s3/ answered 403 Forbidden: AccessDenied: Invalid according to Policy: "
        "Policy expired. This API key may not do this (for example, use this agent)."
    )


def test_whole_message_json_without_message_detail_or_error() -> None:
    assert str(_error(418, {"status": "teapot", "retry": False})) == (
        f'{TARGET} answered 418 I\'m a Teapot: {{"status":"teapot","retry":false}}.'
    )


def test_whole_message_json_error_field() -> None:
    assert str(_error(403, {"error": "Key revoked", "code": "key_revoked"})) == (
        f"{TARGET} answered 403 Forbidden: Key revoked. "
        "This API key may not do this (for example, use this agent)."
    )


def test_whole_message_fastapi_detail() -> None:
    assert str(_error(404, {"detail": "Agent 'ghost' not found"})) == (
        f"{TARGET} answered 404 Not Found: Agent 'ghost' not found. "
        "Check agent_id and conversation_id."
    )


def test_whole_message_nested_422_loc() -> None:
    body = {
        "detail": [
            {"loc": ["body", "hitl_resume", "decisions", 0, "type"],
             "msg": "Input should be 'respond', 'approve' or 'reject'", "type": "literal_error"},
            {"loc": ["body", "contact_id"], "msg": "String should have at most 255 characters"},
        ]
    }  # fmt: skip
    error = _error(422, body)
    assert str(error) == (
        f"{TARGET} answered 422 Unprocessable Content: 2 invalid fields: "
        "hitl_resume.decisions[0].type: Input should be 'respond', 'approve' or 'reject'; "
        "contact_id: String should have at most 255 characters. Fix the fields named above."
    )
    assert error.field is None  # two fields: none singled out


@pytest.mark.parametrize(
    ("status", "body", "expected", "cls"),
    [
        (499, None, "answered 499: no details given.", SketricGenAPIError),
        (499, {"message": "Client Closed Request"}, "answered 499: Client Closed Request.",
         SketricGenAPIError),
        (599, None, "answered 599: no details given. The service failed while handling the "
         "request, and may have acted on it.", SketricGenServerError),
    ],
)  # fmt: skip
def test_whole_message_unknown_status_codes(
    status: int, body: object, expected: str, cls: type[SketricGenAPIError]
) -> None:
    error = _error(status, body)
    assert str(error) == f"{TARGET} {expected}"
    assert type(error) is cls
    assert error.status_code == status


# -- the API key, echoed back by a proxy, is never kept -----------------------------------

KEY = "sk_api_live-0123456789abcdef"


def _leaks(value: object) -> bool:
    """Whether `value` shows the key in any form a reader (or a browser) would decode."""
    text = json.dumps(value) if not isinstance(value, str) else value
    decoded = html.unescape(urllib.parse.unquote(text))
    decoded = re.sub(r"\\u([0-9a-fA-F]{4})", lambda m: chr(int(m.group(1), 16)), decoded)
    return KEY in decoded


@pytest.mark.parametrize(
    ("status", "headers", "content", "expected"),
    [
        (502, {"content-type": "text/html"},
         f"<html><title>Bad key {KEY}</title><p>API-KEY: {KEY}</p></html>".encode(),
         "answered 502 Bad Gateway: an HTML page (Bad key ***), likely from a proxy. A proxy in "
         "front of the service could not reach it; try again later."),
        (401, {"content-type": "text/html"},
         b"<html><title>Denied for sk&#95;api&lowbar;live&#x2D;0123456789abcdef</title></html>",
         "answered 401 Unauthorized: an HTML page (Denied for ***), likely from a proxy. Check "
         "the API key (api_key=, or SKETRICGEN_API_KEY with from_env())."),
        (403, {"content-type": "application/xml"},
         f"<Error><Code>AccessDenied</Code><Message>Key {KEY} refused</Message></Error>".encode(),
         "answered 403 Forbidden: AccessDenied: Key *** refused. This API key may not do this "
         "(for example, use this agent)."),
        (401, JSON, json.dumps({"message": f"Invalid key {KEY}"}).encode(),
         "answered 401 Unauthorized: Invalid key ***. Check the API key (api_key=, or "
         "SKETRICGEN_API_KEY with from_env())."),
        (401, JSON, b'{"detail": "bad \\u0073k_api_live-0123456789abcdef"}',
         "answered 401 Unauthorized: bad ***. Check the API key (api_key=, or SKETRICGEN_API_KEY "
         "with from_env())."),
        (418, JSON, json.dumps({"echo": {"headers": {"API-KEY": KEY}}}).encode(),
         'answered 418 I\'m a Teapot: {"echo":{"headers":{"API-KEY":"***"}}}.'),
        (500, {"content-type": "text/plain"}, f"upstream said: key={KEY}".encode(),
         "answered 500 Internal Server Error: upstream said: key=***. The service failed while "
         "handling the request, and may have acted on it."),
        (307, {"location": f"https://proxy.example/login?key={urllib.parse.quote(KEY)}&x=1"}, b"",
         "answered 307 Temporary Redirect: no details given. Unexpected redirect to "
         "https://proxy.example/login?key=***&x=1; check base_url."),
        (401, {"x-request-id": f"req-{KEY}"}, b"",
         "answered 401 Unauthorized: no details given. Check the API key (api_key=, or "
         "SKETRICGEN_API_KEY with from_env()). [request id req-***]"),
    ],
    ids=["html", "html-entities", "s3-xml", "json", "json-escape", "json-dump", "text",
         "location", "request-id"],
)  # fmt: skip
def test_an_echoed_key_is_removed_from_the_message_and_the_body(
    status: int, headers: dict[str, str], content: bytes, expected: str
) -> None:
    error = api_error(status, headers, content, target=TARGET, secret=KEY)
    assert str(error) == f"{TARGET} {expected}"
    assert not _leaks(str(error))
    assert not _leaks(error.response_body)
    assert not _leaks(error.request_id or "")
    assert not _leaks(repr(error.args))


def test_an_echoed_key_is_removed_from_an_unexpected_success_body() -> None:
    page = f"<html><title>Sign in ({KEY})</title></html>".encode()
    headers = {"content-type": "text/html", "x-request-id": KEY}
    error = unexpected_body(
        201, headers, page, target=TARGET, expected="a ChatResponse", secret=KEY
    )
    assert str(error) == (
        f"{TARGET} answered 201 Created but not with a ChatResponse: an HTML page (Sign in "
        "(***)), likely from a proxy. A proxy may be in the way; check base_url. [request id ***]"
    )
    assert error.response_body == "<html><title>Sign in (***)</title></html>"
    assert error.request_id == "***"


def test_a_short_key_is_not_scrubbed_from_ordinary_words() -> None:
    error = api_error(401, JSON, b'{"message": "test key refused"}', target=TARGET, secret="test")
    assert "test key refused" in str(error)


@pytest.mark.parametrize(
    ("status", "phrase"),
    [(413, "Content Too Large"), (414, "URI Too Long"), (416, "Range Not Satisfiable"),
     (422, "Unprocessable Content")],
)  # fmt: skip
def test_status_phrases_are_rfc_9110s_on_every_python(status: int, phrase: str) -> None:
    assert str(_error(status)).startswith(f"{TARGET} answered {status} {phrase}: no details given.")


def test_a_network_error_names_the_settings_of_its_host_and_hides_the_key() -> None:
    url = "POST https://uploads.example/dev/publicAssetsUploadInit"
    slow = httpx.ReadTimeout("timed out", request=REQUEST)
    refused = httpx.ConnectError(f"refused by proxy (key {KEY})", request=REQUEST)
    mapped = network_error(slow, target=url, timeout_setting="upload_timeout")
    assert str(mapped) == (
        f"{url}: timed out waiting for the service (timed out). Raise upload_timeout= if the "
        "service legitimately takes this long."
    )
    mapped = network_error(refused, target=url, url_setting="upload_base_url", secret=KEY)
    assert str(mapped) == (
        f"{url}: could not connect (refused by proxy (key ***)). Check upload_base_url and the "
        "network."
    )


# -- each part of the message, pinned ---------------------------------------------------


@pytest.mark.parametrize(
    ("status", "hint"),
    [
        (400, "The service refused the request as malformed; fix what it names."),
        (403, "This API key may not do this (for example, use this agent)."),
        (404, "Check agent_id and conversation_id."),
        (
            409,
            "The conversation's state refuses this request (e.g. a HITL request already resolved).",
        ),
        (413, "The request is too large: send a shorter user_input or smaller files."),
        (422, "Fix the fields named above."),
        (500, "The service failed while handling the request, and may have acted on it."),
        (502, "A proxy in front of the service could not reach it; try again later."),
        (503, "The service is unavailable; try again later."),
        (504, "A proxy in front of the service timed out; the request may have been acted on."),
    ],
)
def test_each_status_says_what_to_do(status: int, hint: str) -> None:
    assert str(_error(status, {"message": "nope"})).endswith(f"nope. {hint}")


def test_a_long_detail_is_cut_to_300_characters_ending_in_an_ellipsis() -> None:
    error = api_error(500, {"content-type": "text/plain"}, b"y" * 1000, target=TARGET)
    assert error.detail == "y" * 299 + "…"
    exact = api_error(500, {"content-type": "text/plain"}, b"y" * 300, target=TARGET)
    assert exact.detail == "y" * 300


def test_json_is_known_by_its_content_type_or_by_its_first_byte() -> None:
    untyped = api_error(400, {"content-type": "text/plain"}, b' {"message": "bad"}', target=TARGET)
    assert untyped.response_body == {"message": "bad"}
    assert untyped.detail == "bad"
    a_string = api_error(400, JSON, b'"just words"', target=TARGET)
    assert a_string.response_body == "just words"


def test_an_html_page_with_neither_title_nor_heading() -> None:
    page = b"<html><body><p>oops</p></body></html>"
    error = api_error(502, {"content-type": "text/html"}, page, target=TARGET)
    assert error.detail == "an HTML page, likely from a proxy"


def test_a_json_escaped_key_in_a_text_body_is_removed() -> None:
    escaped = "".join(f"\\u{ord(char):04x}" for char in KEY)
    body = f"echo: {escaped}".encode()
    error = api_error(500, {"content-type": "text/plain"}, body, target=TARGET, secret=KEY)
    assert error.response_body == "echo: ***"
    assert not _leaks(str(error))


@pytest.mark.parametrize("status", [300, 308])
def test_a_redirect_of_any_3xx_says_to_check_base_url(status: int) -> None:
    error = api_error(status, {"location": "https://elsewhere.example/"}, b"", target=TARGET)
    assert str(error).endswith("Unexpected redirect to https://elsewhere.example/; check base_url.")


def test_two_attempts_are_reported_too() -> None:
    assert str(api_error(503, {}, b"", target=TARGET, attempts=2)).endswith(
        "(gave up after 2 attempts)"
    )


def test_a_secret_of_eight_characters_is_scrubbed() -> None:
    error = api_error(500, {}, b"echo: abcd1234", target=TARGET, secret="abcd1234")
    assert error.response_body == "echo: ***"


def test_a_percent_encoded_key_in_a_text_body_is_removed() -> None:
    encoded = "".join(f"%{ord(char):02X}" for char in KEY)
    body = f"login?key={encoded}".encode()
    error = api_error(500, {"content-type": "text/plain"}, body, target=TARGET, secret=KEY)
    assert error.response_body == "login?key=***"


def test_json_numbers_are_kept_when_a_key_is_scrubbed() -> None:
    error = api_error(400, JSON, b'[1, {"n": 2}]', target=TARGET, secret=KEY)
    assert error.response_body == [1, {"n": 2}]


@pytest.mark.parametrize(
    ("page", "expected"),
    [
        (b"<HTML><TITLE>Bad\n Gateway</TITLE></HTML>", "an HTML page (Bad Gateway)"),
        (b"<html><body><H1>Service\nDown</H1></body></html>", "an HTML page (Service Down)"),
        (b"<body><h1>Oops</h1></body>", "an HTML page (Oops)"),
    ],
    ids=["title-upper-multiline", "h1-upper-multiline", "by-content-type"],
)
def test_an_html_title_is_found_in_any_case_across_lines(page: bytes, expected: str) -> None:
    error = api_error(502, {"content-type": "text/html"}, page, target=TARGET)
    assert error.detail == f"{expected}, likely from a proxy"


def test_an_xml_error_keeps_its_code_and_may_have_only_a_message() -> None:
    xml = b"<Error><Code>AccessDenied</Code><Message>No</Message></Error>"
    coded = api_error(403, {"content-type": "application/xml"}, xml, target=TARGET)
    assert (coded.code, coded.detail) == ("AccessDenied", "AccessDenied: No")
    only = b"<Error><Message>Only a message</Message></Error>"
    error = api_error(403, {"content-type": "application/xml"}, only, target=TARGET)
    assert (error.code, error.detail) == (None, "Only a message")


def test_a_detail_equal_to_the_message_is_said_once() -> None:
    assert _error(400, {"message": "bad", "detail": "bad"}).detail == "bad"


def test_a_json_summary_is_cut_at_600_characters() -> None:
    assert _error(400, {"message": "m" * 1000}).detail == "m" * 599 + "…"


def test_json_without_known_fields_is_shown_as_written() -> None:
    assert _error(400, {"café": "crème"}).detail == '{"café":"crème"}'


def test_a_422_item_without_a_location_and_two_on_one_field() -> None:
    body = {
        "detail": [
            {"loc": [], "msg": "the body is wrong"},
            {"loc": ["body", "assets", 0], "msg": "not a file id"},
            {"loc": ["body", "assets", 1], "msg": "not a file id"},
        ]
    }
    error = _error(422, body)
    assert error.detail == (
        "3 invalid fields: the body is wrong; assets[0]: not a file id; assets[1]: not a file id"
    )
    assert error.field == "assets"


def test_a_422_list_of_six_names_five_and_one_more() -> None:
    body = {"detail": [{"loc": ["body", f"f{i}"], "msg": "bad"} for i in range(6)]}
    assert _error(422, body).detail.endswith("f4: bad (and 1 more)")


def _admin(status: int, body: object, retry_after: Optional[float] = None) -> SketricGenAPIError:
    return admin_error(
        status,
        {"content-type": "application/json"},
        json.dumps(body).encode(),
        target="GET https://admin.example/admin/v1/agents",
        retry_after=retry_after,
    )


def test_an_admin_429_says_when_to_retry() -> None:
    error = _admin(429, {"error": "slow down", "code": "rate_limited"}, retry_after=2)
    assert "Rate limited: retry after 2 s." in error.message


def test_an_admin_500_is_a_server_error_and_says_the_service_may_have_acted() -> None:
    error = _admin(500, {"error": "boom", "code": "internal"})
    assert isinstance(error, SketricGenAdminServerError)
    assert "may have acted on it" in error.message


def test_an_admin_body_with_only_a_code_keeps_it() -> None:
    error = _admin(403, {"code": "key_expired"})
    assert error.code is AdminErrorCode.KEY_EXPIRED
    assert "no details given" in error.message
