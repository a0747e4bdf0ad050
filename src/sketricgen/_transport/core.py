"""The one transport's decisions: headers, timeouts, retries, error mapping and logging.

`TransportCore` makes every decision and does no I/O; `Transport` and
`AsyncTransport` (`shells.py`) only send, read, sleep and close.

Four hosts: the chat API (`API-KEY`, `timeout`), the upload API
(`X-API-KEY`, `upload_timeout`), the Admin API (`Authorization: Bearer`,
`timeout`) and external hosts such as the presigned storage target, which
never receive the API key. Each SketricGen host gets the key under its own
header name only. Redirects are never
followed, whatever client is used: a 3xx is a `SketricGenRedirectError`.

Bodies are read chunk by chunk, decompressed, into a `BodyReader`: a
non-streamed answer must fit in `max_response_size` bytes and arrive before
its attempt's deadline (`timeout` from sending the request).
"""

from __future__ import annotations

import contextlib
import enum
import logging
import platform
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Callable, Optional, Protocol, TypeVar, Union

import httpx

from .._config import (
    ADMIN_KEY_HEADER,
    CHAT_KEY_HEADER,
    KEY_HEADERS,
    UPLOAD_KEY_HEADER,
    ClientConfig,
)
from .._exceptions import (
    SketricGenClosedError,
    SketricGenRedirectError,
    SketricGenResponseTooLargeError,
)
from .._logging import logger
from .._version import __version__
from .body import ERROR_BODY_LIMIT, BodyReader
from .errors import admin_error, api_error, network_error, redact, request_id_of, unexpected_body
from .retry import RetryDecision, RetryPolicy

if TYPE_CHECKING:
    from pydantic import BaseModel

__all__ = ["Host", "OperationCall", "RequestSpec", "TransportCore", "closed_error", "nothing"]

CONNECT_TIMEOUT = 10.0
"""Seconds allowed to open a connection (the other phases use the configured timeout)."""
KEEPALIVE_CONNECTIONS = 20
"""Idle connections a pool keeps open at most (httpx's default)."""

_DEBUG = logging.DEBUG
Model = TypeVar("Model", bound="BaseModel")
HttpClient = Union[httpx.Client, httpx.AsyncClient]


class Host(enum.Enum):
    """Which host a request goes to; it decides the base URL, the key header and the timeout."""

    CHAT = "chat"
    UPLOAD = "upload"
    ADMIN = "admin"
    EXTERNAL = "external"


class OperationCall(Protocol):
    """What a generated operation's `build_request(...)` returns (any spec's `OperationRequest`)."""

    @property
    def method(self) -> str: ...
    @property
    def url(self) -> str: ...
    @property
    def headers(self) -> Mapping[str, str]: ...
    @property
    def json(self) -> Any: ...


@dataclass(frozen=True)
class RequestSpec:
    """One call, independent of sync/async and of the attempt.

    `url` is a path on the CHAT, UPLOAD and ADMIN hosts, an absolute URL on
    EXTERNAL. `body`, when given, is called before each attempt and returns
    body keywords for `httpx.Client.build_request` (`content=`, `files=`,
    `data=`), so a streamed file body starts again from its beginning.
    `idempotent` allows retrying failures after which the service may
    already have acted (a `500`, a read timeout).
    """

    method: str
    url: str
    host: Host = Host.CHAT
    json: Any = None
    headers: Optional[Mapping[str, str]] = None
    idempotent: bool = False
    body: Optional[Callable[[], Mapping[str, Any]]] = None
    timeout: Optional[httpx.Timeout] = None

    @classmethod
    def of(
        cls, call: OperationCall, *, host: Host = Host.CHAT, idempotent: bool = False
    ) -> RequestSpec:
        """The spec that sends `call`, a generated operation's `build_request(...)`."""
        return cls(
            call.method, call.url, host=host, json=call.json, headers=call.headers,
            idempotent=idempotent,
        )  # fmt: skip


@dataclass(frozen=True)
class _HostSettings:
    base_url: str
    headers: dict[str, str] = field(repr=False)  # holds the key
    timeout: httpx.Timeout


def nothing(*_: object) -> None:
    """Do nothing: the default of an optional callback (progress, a stop check, a disarm)."""


def user_agent() -> str:
    """The `User-Agent` the SDK sends: itself, its version, Python's."""
    return (
        f"sketricgen-python/{__version__} {platform.python_implementation()}/"
        f"{platform.python_version()} httpx/{httpx.__version__}"
    )


def _timeout(seconds: float) -> httpx.Timeout:
    return httpx.Timeout(seconds, connect=min(CONNECT_TIMEOUT, seconds))


class TransportCore:
    """Every decision of the transport, shared by the sync and async shells (no I/O)."""

    def __init__(self, config: ClientConfig, policy: Optional[RetryPolicy] = None) -> None:
        self.config = config
        self.policy = policy or RetryPolicy(max_retries=config.max_retries)
        self._secret = config.api_key
        self._private_headers = (*KEY_HEADERS, *config.default_headers)
        agent = {"User-Agent": user_agent()}
        common = {**agent, "Accept": "application/json", **config.default_headers}
        # Built once: a call only merges its own few headers into these.
        self._hosts = {
            Host.CHAT: _HostSettings(
                config.base_url,
                {**common, CHAT_KEY_HEADER: config.api_key},
                _timeout(config.timeout),
            ),
            Host.UPLOAD: _HostSettings(
                config.upload_base_url,
                {**common, UPLOAD_KEY_HEADER: config.api_key},
                _timeout(config.upload_timeout),
            ),
            Host.ADMIN: _HostSettings(
                config.admin_base_url,
                {**common, ADMIN_KEY_HEADER: f"Bearer {config.api_key}"},
                _timeout(config.timeout),
            ),
            Host.EXTERNAL: _HostSettings("", agent, _timeout(config.upload_timeout)),
        }

    def client_options(self) -> dict[str, Any]:
        """Keywords for the httpx client the SDK creates itself.

        It carries the chat host's headers and timeout as its defaults, so a
        chat call merges nothing (see `build` for the other hosts).
        """
        chat = self._hosts[Host.CHAT]
        most = self.config.max_connections
        keep = KEEPALIVE_CONNECTIONS if most is None else min(most, KEEPALIVE_CONNECTIONS)
        return {
            "headers": chat.headers,
            "timeout": chat.timeout,
            "follow_redirects": False,
            "limits": httpx.Limits(max_connections=most, max_keepalive_connections=keep),
        }

    def build(self, client: HttpClient, spec: RequestSpec, *, own: bool) -> httpx.Request:
        """The httpx request for one attempt of `spec`.

        `own`: `client` was made with `client_options()` (else it is the
        user's, and every header and the timeout are given per request).
        """
        host = self._hosts[spec.host]
        extra: Mapping[str, Any] = spec.body() if spec.body is not None else {}
        if own and spec.host is Host.CHAT:
            request = client.build_request(
                spec.method,
                host.base_url + spec.url,
                json=spec.json,
                headers=spec.headers,
                timeout=spec.timeout or httpx.USE_CLIENT_DEFAULT,
                **extra,
            )
        else:
            headers = {**host.headers, **spec.headers} if spec.headers else host.headers
            request = client.build_request(
                spec.method,
                host.base_url + spec.url,
                json=spec.json,
                headers=headers,
                timeout=spec.timeout or host.timeout,
                **extra,
            )
        if spec.host is Host.UPLOAD or spec.host is Host.ADMIN:
            request.headers.pop(CHAT_KEY_HEADER, None)  # the chat host's name for the key
        elif spec.host is Host.EXTERNAL:
            # Whatever set it (the client's defaults, a header in `spec`, the
            # user's own httpx client), the key never goes to a third party;
            # nor do `default_headers`, which are meant for SketricGen's hosts.
            for name in self._private_headers:
                request.headers.pop(name, None)
        return request

    def target(self, spec: RequestSpec) -> str:
        """`METHOD url` for messages and logs (no query string: it may hold a signature)."""
        return f"{spec.method.upper()} {self._hosts[spec.host].base_url}{spec.url.split('?')[0]}"

    def seconds(self, spec: RequestSpec) -> float:
        """How long one attempt of `spec` may take as a whole (its host's timeout)."""
        timeout = spec.timeout or self._hosts[spec.host].timeout
        return timeout.read if timeout.read is not None else self.config.timeout

    def deadline(self, spec: RequestSpec, *, stream: bool) -> Optional[float]:
        """When an attempt started now must be over (None for a stream: it has its own)."""
        return None if stream else time.monotonic() + self.seconds(spec)

    def reader(self, response: httpx.Response, deadline: Optional[float]) -> BodyReader:
        """What collects `response`'s body: up to `max_response_size` (a summary's worth of
        an error body), until `deadline`."""
        limit = self.config.max_response_size
        encoding: str = response.headers.get("content-encoding", "")
        if response.is_success:
            return BodyReader(limit, deadline, encoding=encoding)
        limit = min(limit, ERROR_BODY_LIMIT)
        return BodyReader(limit, deadline, truncate=True, encoding=encoding)

    def timed_out(self, spec: RequestSpec) -> httpx.TimeoutException:
        """The failure of an attempt whose answer did not arrive whole before its deadline."""
        name = "upload_timeout" if spec.host in _UPLOAD_TIMED else "timeout"
        return httpx.ReadTimeout(
            f"the answer did not arrive whole within {name}={self.seconds(spec):g} s"
        )

    def answered(
        self,
        spec: RequestSpec,
        attempt: int,
        response: httpx.Response,
        reader: BodyReader,
        error: Optional[Exception],
    ) -> Optional[float]:
        """After reading an answer's body: None if `response` is the result (its body set),
        else the wait before the next attempt; or raise the mapped error.

        `error` is the transport failure that stopped the reading, if one did.
        """
        if not response.is_success:
            return self.after_status(spec, attempt, response, reader.content())
        if reader.expired:
            return self.after_error(spec, attempt, self.timed_out(spec))
        if error is not None:
            return self.after_error(spec, attempt, error)
        if reader.overflow:
            raise self._too_large(spec, response)
        response._content = reader.content()  # what `read()` would have kept
        self.succeeded(spec, attempt, response)
        return None

    def after_status(
        self, spec: RequestSpec, attempt: int, response: httpx.Response, content: bytes
    ) -> float:
        """After an error status: the wait before the next attempt, or raise the mapped error.

        `content` is the start of the body. A redirect is never followed nor retried.
        """
        if 300 <= response.status_code < 400:
            self._giving_up(spec, attempt, _REDIRECT)
            raise self._redirect(spec, response, content)
        decision = self.policy.after_status(
            attempt, response.status_code, response.headers, idempotent=spec.idempotent
        )
        if decision.retry:
            return self._retrying(spec, attempt, decision)
        self._giving_up(spec, attempt, decision)
        mapping = admin_error if spec.host is Host.ADMIN else api_error
        raise mapping(
            response.status_code,
            response.headers,
            content,
            target=self.target(spec),
            retry_after=decision.retry_after,
            attempts=attempt + 1,
            secret=self._secret,
        )

    def after_error(self, spec: RequestSpec, attempt: int, error: Exception) -> float:
        """After a transport failure: the wait before the next attempt, or raise its mapping."""
        decision = self.policy.after_error(attempt, error, idempotent=spec.idempotent)
        if decision.retry:
            return self._retrying(spec, attempt, decision)
        self._giving_up(spec, attempt, decision)
        setting = {"url_setting": "admin_base_url"} if spec.host is Host.ADMIN else {}
        raise network_error(
            error, target=self.target(spec), attempts=attempt + 1, **setting
        ) from error

    def succeeded(self, spec: RequestSpec, attempt: int, response: httpx.Response) -> None:
        """Log a successful attempt (only when debug logging is on)."""
        if logger.isEnabledFor(_DEBUG):
            logger.debug(
                "%s -> %s (attempt %d of %d)",
                self.target(spec),
                response.status_code,
                attempt + 1,
                self.policy.max_retries + 1,
            )

    def parse(
        self,
        spec: RequestSpec,
        response: httpx.Response,
        model: type[Model],
        read: Callable[[int, bytes], object],
    ) -> Model:
        """The success body as `model`, or a `SketricGenUnexpectedResponseError`.

        `read` is the generated operation's `parse_response`: it validates the
        body once, as the spec describes the answer of its status. Any 2xx is
        a success (API.md): one the spec does not give this answer (a `200` for
        a documented `201`) is read as `model` directly.
        """
        # Loaded with `read` already.
        from sketricgen_lowlevel.errors import UnexpectedStatus  # noqa: PLC0415

        status, content = response.status_code, response.content
        answer: object = None
        try:
            with contextlib.suppress(UnexpectedStatus):
                answer = read(status, content)
            if not isinstance(answer, model) and 200 <= status < 300:
                answer = model.model_validate_json(content)
        except ValueError:  # pydantic's ValidationError, or bad JSON
            answer = None
        if not isinstance(answer, model):
            raise unexpected_body(
                response.status_code,
                response.headers,
                response.content,
                target=self.target(spec),
                expected=f"a {model.__name__} JSON object",
                secret=self._secret,
            ) from None
        return answer

    def _redirect(
        self, spec: RequestSpec, response: httpx.Response, content: bytes
    ) -> SketricGenRedirectError:
        location = redact(response.headers.get("location"), self._secret)
        if location is not None:
            with contextlib.suppress(httpx.InvalidURL):
                location = str(response.request.url.join(location))
        headers = httpx.Headers(response.headers)
        if location is not None:
            headers["location"] = location.split("?")[0]  # a query may hold a signature
        mapped = api_error(
            response.status_code, headers, content, target=self.target(spec), secret=self._secret
        )
        return SketricGenRedirectError(
            f"{mapped.message} The SDK never follows redirects, so that nothing (the API key "
            "included) goes to another host: nothing was sent there.",
            status_code=response.status_code,
            location=location,
            response_body=mapped.response_body,
            request_id=mapped.request_id,
        )

    def _too_large(
        self, spec: RequestSpec, response: httpx.Response
    ) -> SketricGenResponseTooLargeError:
        limit = self.config.max_response_size
        request_id = request_id_of(response.headers)
        message = (
            f"{self.target(spec)} answered {response.status_code} with a body larger than "
            f"max_response_size={limit} bytes (decompressed); it was not read further. "
            "Pass a larger max_response_size= to SketricGenClient if answers are "
            "legitimately this large."
        )
        if request_id:
            message += f" [request id {request_id}]"
        return SketricGenResponseTooLargeError(
            message, status_code=response.status_code, max_size=limit, request_id=request_id
        )

    def _retrying(self, spec: RequestSpec, attempt: int, decision: RetryDecision) -> float:
        delay = decision.delay
        assert delay is not None
        if logger.isEnabledFor(logging.INFO):
            logger.info(
                "%s: %s; retrying in %.2f s (attempt %d of %d)",
                self.target(spec),
                decision.reason,
                delay,
                attempt + 2,
                self.policy.max_retries + 1,
            )
        return delay

    def _giving_up(self, spec: RequestSpec, attempt: int, decision: RetryDecision) -> None:
        if logger.isEnabledFor(_DEBUG):
            logger.debug(
                "%s: %s; not retried (attempt %d of %d)",
                self.target(spec),
                decision.reason,
                attempt + 1,
                self.policy.max_retries + 1,
            )


_REDIRECT = RetryDecision(None, None, "a redirect is never followed")
_UPLOAD_TIMED = (Host.UPLOAD, Host.EXTERNAL)


def closed_error(what: str) -> SketricGenClosedError:
    return SketricGenClosedError(
        f"{what} is closed: create a new SketricGenClient (or use it in a `with` block)"
    )
