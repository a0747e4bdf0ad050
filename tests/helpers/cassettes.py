"""The cassettes' one vcrpy configuration, and a client that replays them.

scripts/record_cassettes.py records its scenarios with `recorder(scrubber, "all")`;
the replay tests play the committed cassettes back with `replaying(name)` and
`client()`. Both take from here what a cassette keeps of the headers, how the key is
redacted, how requests are matched, and the hosts a replay targets.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Optional

import httpx
import vcr
from vcr.request import Request as VcrRequest

from sketricgen import (
    SketricGenClient,
    SketricGenConflictError,
    SketricGenError,
    SketricGenPayloadTooLargeError,
    SketricGenPermissionDeniedError,
    SketricGenRateLimitError,
    SketricGenServerError,
    SketricGenUnprocessableEntityError,
)

ROOT = Path(__file__).resolve().parents[2]
CASSETTES = ROOT / "cassettes"
REPLAY_BASE_URL = "http://emulator.test"
REPLAY_STORAGE_URL = "http://storage.emulator.test"
REPLAY_ADMIN_BASE_URL = f"{REPLAY_BASE_URL}/admin/v1"
REDACTED = "REDACTED"

# What a cassette keeps of the headers; everything else (dates, hosts, request
# ids, user agents, connection details) changes from run to run.
KEPT_REQUEST_HEADERS = {"content-type", "accept"}
KEY_HEADERS = {"api-key", "x-api-key", "authorization"}
KEPT_RESPONSE_HEADERS = {"content-type", "retry-after", "retry-after-ms", "etag", "location"}
BOUNDARY = "recorded-boundary"


@dataclass(frozen=True)
class Target:
    """Where the scenarios run: the service's URLs, the key, the agents to talk to."""

    base_url: str
    upload_base_url: str
    api_key: str
    agent_id: str = "agent-123"
    hitl_agent_id: Optional[str] = "hitl-agent"
    admin_base_url: Optional[str] = None  # None: the SDK's own (or its variables')


# Every other error status the client maps, as the emulator's faults answer them.
ERROR_STATUSES: dict[int, type[SketricGenError]] = {
    403: SketricGenPermissionDeniedError,
    409: SketricGenConflictError,
    413: SketricGenPayloadTooLargeError,
    422: SketricGenUnprocessableEntityError,
    429: SketricGenRateLimitError,
    500: SketricGenServerError,
    502: SketricGenServerError,
    503: SketricGenServerError,
}


class Scrubber:
    """Rewrites requests and responses before vcrpy writes them."""

    def __init__(self, replacements: dict[str, str], api_key: str) -> None:
        # Longest first, so that a URL is replaced before a prefix of it.
        self._replacements = sorted(replacements.items(), key=lambda kv: -len(kv[0]))
        self._api_key = api_key

    def text(self, value: str) -> str:
        for old, new in self._replacements:
            value = value.replace(old, new)
        return value.replace(self._api_key, REDACTED) if self._api_key else value

    def _bytes(self, value: bytes) -> bytes:
        try:
            return self.text(value.decode("utf-8")).encode("utf-8")
        except UnicodeDecodeError:
            return value

    def request(self, request: VcrRequest) -> VcrRequest:
        request.uri = self.text(request.uri)
        body = request.body or b""
        content_type = request.headers.get("content-type", "")
        boundary = re.search(r"boundary=([^;\s]+)", content_type)
        if boundary:
            body = body.replace(boundary.group(1).encode(), BOUNDARY.encode())
            request.headers["content-type"] = content_type.replace(boundary.group(1), BOUNDARY)
        request.body = self._bytes(body) if body else body
        for name in list(request.headers):
            if name.lower() in KEY_HEADERS:
                request.headers[name] = REDACTED
            elif name.lower() not in KEPT_REQUEST_HEADERS:
                del request.headers[name]
        return request

    def response(self, response: dict[str, Any]) -> dict[str, Any]:
        body = self._bytes(response["body"]["string"])
        response["body"]["string"] = body
        headers = {}
        for name, values in response["headers"].items():
            if name.lower() in KEPT_RESPONSE_HEADERS:
                headers[name.lower()] = [self.text(v) for v in values]
        if body:
            headers["content-length"] = [str(len(body))]
        response["headers"] = dict(sorted(headers.items()))
        # Reason phrases change between Python versions (422, 413...): keep the code only.
        response["status"]["message"] = ""
        return response


def json_body(left: VcrRequest, right: VcrRequest) -> None:
    """vcrpy matcher: JSON bodies must be equal (other bodies are not compared)."""
    try:
        ours, theirs = json.loads(left.body or b"null"), json.loads(right.body or b"null")
    except ValueError:
        return
    assert ours == theirs, f"{ours!r} != {theirs!r}"


def _vcrpy7_compat() -> None:
    """Make vcrpy 7 handle bodies as vcrpy 8 does: request bodies as bytes, responses streamable.

    vcrpy 7.0 is the last release for Python 3.9, the SDK's floor. Its httpx
    stub reads a request body synchronously and decodes it as UTF-8, which
    breaks on an upload (the SDK streams the presigned POST, an async stream
    with `httpx.AsyncClient`, and a PNG is not text); and it reads a recorded
    response through httpx, which leaves it impossible to stream again (the
    SDK streams a run's events). Newer vcrpy needs none of this.
    """
    if int(vcr.__version__.split(".")[0]) >= 8:
        return
    from vcr.stubs import httpx_stubs  # noqa: PLC0415

    send_async, record = httpx_stubs._async_vcr_send, httpx_stubs._record_responses
    if getattr(send_async, "_compat", False):
        return

    def make_request(request: httpx.Request, **_: Any) -> VcrRequest:
        return VcrRequest(request.method, str(request.url), request.read(), dict(request.headers))

    async def send_async_reading_first(
        cassette: Any, real_send: Any, *args: Any, **kwargs: Any
    ) -> Any:
        await args[1].aread()  # the body in memory: the sync reader then finds it
        return await send_async(cassette, real_send, *args, **kwargs)

    async def record_then_rewind(
        cassette: Any, vcr_request: Any, response: httpx.Response, aread: bool
    ) -> httpx.Response:
        await record(cassette, vcr_request, response, aread)
        response.stream = httpx.ByteStream(response.content)
        response.is_stream_consumed = response.is_closed = False
        return response

    send_async_reading_first._compat = True  # type: ignore[attr-defined]
    httpx_stubs._make_vcr_request = make_request
    httpx_stubs._async_vcr_send = send_async_reading_first
    httpx_stubs._record_responses = record_then_rewind


def recorder(scrubber: Optional[Scrubber], record_mode: str) -> vcr.VCR:
    """A vcrpy configuration: record (scrubbing) or replay, matching JSON bodies too."""
    _vcrpy7_compat()
    options: dict[str, Any] = {
        "record_mode": record_mode,
        "match_on": ["method", "scheme", "host", "port", "path", "query", "json_body"],
        "decode_compressed_response": True,
    }
    if scrubber is not None:
        options["before_record_request"] = scrubber.request
        options["before_record_response"] = scrubber.response
    config = vcr.VCR(**options)
    config.register_matcher("json_body", json_body)
    return config


def replay_target() -> Target:
    """The target a replay of the committed cassettes uses."""
    return Target(
        base_url=REPLAY_BASE_URL,
        upload_base_url=f"{REPLAY_BASE_URL}/dev",
        api_key=REDACTED,
        admin_base_url=REPLAY_ADMIN_BASE_URL,
    )


@contextmanager
def replaying(name: str, *, all_played: bool = True) -> Iterator[None]:
    """Replay `cassettes/<name>.yaml`; any request it does not hold fails the test."""
    path = CASSETTES / f"{name}.yaml"
    with recorder(None, "none").use_cassette(str(path)) as tape:
        yield
    if all_played:
        assert tape.all_played, f"{name}: some recorded requests were not sent"


def client(**options: Any) -> SketricGenClient:
    """A client of the replay target (its hosts and redacted key), as the cassettes recorded."""
    target = replay_target()
    return SketricGenClient(
        **{
            "api_key": target.api_key,
            "base_url": target.base_url,
            "upload_base_url": target.upload_base_url,
            "admin_base_url": target.admin_base_url,
            **options,
        }
    )
