"""The error mapping: status, body and headers → a typed, readable exception (no network)."""

from __future__ import annotations

import json
from typing import Optional

import httpx
import pytest

from sketricgen import (
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
from sketricgen._errors import api_error, network_error, unexpected_body

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
