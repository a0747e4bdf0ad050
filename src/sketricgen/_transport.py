"""The one transport: headers, timeouts, retries, error mapping and logging for every call.

`TransportCore` makes every decision and does no I/O; `SyncTransport` and
`AsyncTransport` are thin shells that only send, read, sleep and close. Each
shell holds one pooled httpx client for its lifetime (created on first use,
or the one the user passed, which the user keeps ownership of).

Three hosts: the chat API (`API-KEY`, `timeout`), the upload API
(`X-API-KEY`, `upload_timeout`) and external hosts such as the presigned
storage target, which never receive the API key.
"""

from __future__ import annotations

import asyncio
import contextlib
import enum
import logging
import platform
import threading
import time
from collections.abc import AsyncGenerator, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Callable, Optional, TypeVar, Union

import httpx

from ._config import ClientConfig
from ._errors import api_error, network_error, unexpected_body
from ._exceptions import SketricGenClosedError
from ._logging import logger
from ._retry import RetryDecision, RetryPolicy
from ._version import __version__

if TYPE_CHECKING:
    from pydantic import BaseModel

__all__ = ["AsyncTransport", "Host", "RequestSpec", "SyncTransport", "TransportCore", "user_agent"]

CONNECT_TIMEOUT = 10.0
"""Seconds allowed to open a connection (the other phases use the configured timeout)."""

_KEY_HEADERS = ("api-key", "x-api-key")
_DEBUG = logging.DEBUG
Model = TypeVar("Model", bound="BaseModel")
HttpClient = Union[httpx.Client, httpx.AsyncClient]


class Host(enum.Enum):
    """Which host a request goes to; it decides the base URL, the key header and the timeout."""

    CHAT = "chat"
    UPLOAD = "upload"
    EXTERNAL = "external"


@dataclass(frozen=True)
class RequestSpec:
    """One call, independent of sync/async and of the attempt.

    `url` is a path on the CHAT and UPLOAD hosts, an absolute URL on
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


@dataclass(frozen=True)
class _HostSettings:
    base_url: str
    headers: dict[str, str] = field(repr=False)  # holds the key
    timeout: httpx.Timeout


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
        self._private_headers = (*_KEY_HEADERS, *config.default_headers)
        agent = {"User-Agent": user_agent()}
        common = {**agent, "Accept": "application/json", **config.default_headers}
        # Built once: a call only merges its own few headers into these.
        self._hosts = {
            Host.CHAT: _HostSettings(
                config.base_url, {**common, "API-KEY": config.api_key}, _timeout(config.timeout)
            ),
            Host.UPLOAD: _HostSettings(
                config.upload_base_url,
                {**common, "X-API-KEY": config.api_key},
                _timeout(config.upload_timeout),
            ),
            Host.EXTERNAL: _HostSettings("", agent, _timeout(config.upload_timeout)),
        }

    def client_options(self) -> dict[str, Any]:
        """Keywords for the httpx client the SDK creates itself.

        It carries the chat host's headers and timeout as its defaults, so a
        chat call merges nothing (see `build` for the other hosts).
        """
        chat = self._hosts[Host.CHAT]
        return {"headers": chat.headers, "timeout": chat.timeout, "follow_redirects": False}

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
            headers = host.headers if spec.headers is None else {**host.headers, **spec.headers}
            request = client.build_request(
                spec.method,
                host.base_url + spec.url,
                json=spec.json,
                headers=headers,
                timeout=spec.timeout or host.timeout,
                **extra,
            )
        if spec.host is Host.UPLOAD:
            request.headers.pop("api-key", None)  # the chat host's name for the key
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

    def after_status(self, spec: RequestSpec, attempt: int, response: httpx.Response) -> float:
        """After an error status: the wait before the next attempt, or raise the mapped error."""
        decision = self.policy.after_status(
            attempt, response.status_code, response.headers, idempotent=spec.idempotent
        )
        if decision.retry:
            return self._retrying(spec, attempt, decision)
        self._giving_up(spec, attempt, decision)
        raise api_error(
            response.status_code,
            response.headers,
            _content(response),
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
        raise network_error(error, target=self.target(spec), attempts=attempt + 1) from error

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

    def parse(self, spec: RequestSpec, response: httpx.Response, model: type[Model]) -> Model:
        """The success body as `model`, or a `SketricGenUnexpectedResponseError`."""
        try:
            return model.model_validate_json(response.content)
        except ValueError:  # pydantic's ValidationError (importing it costs import time)
            raise unexpected_body(
                response.status_code,
                response.headers,
                response.content,
                target=self.target(spec),
                expected=f"a {model.__name__} JSON object",
                secret=self._secret,
            ) from None

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


def _content(response: httpx.Response) -> bytes:
    try:
        return response.content
    except httpx.ResponseNotRead:  # reading the error body failed: map the status alone
        return b""


def _closed(what: str) -> SketricGenClosedError:
    return SketricGenClosedError(
        f"{what} is closed: create a new SketricGenClient (or use it in a `with` block)"
    )


class SyncTransport:
    """The blocking shell: one pooled `httpx.Client`."""

    def __init__(self, core: TransportCore, http_client: Optional[httpx.Client] = None) -> None:
        self._core = core
        self._client = http_client
        self._owned = http_client is None
        self._closed = False
        self._lock = threading.Lock()

    def _http(self) -> httpx.Client:
        client = self._client
        if client is not None and not self._closed and not client.is_closed:
            return client
        with self._lock:
            if self._closed:
                raise _closed("this client")
            if self._client is None:
                self._client = httpx.Client(**self._core.client_options())
            elif self._client.is_closed:
                raise _closed("the httpx.Client passed as http_client=")
            return self._client

    def send(self, spec: RequestSpec, *, stream: bool = False) -> httpx.Response:
        """Send `spec` with retries; return a 2xx response (its body unread when `stream`).

        A streamed response must be closed by the caller. Every failure is
        raised as a SketricGen exception.
        """
        core = self._core
        client = self._http()
        own = self._owned
        attempt = 0
        while True:
            try:
                response = client.send(core.build(client, spec, own=own), stream=stream)
            except (httpx.HTTPError, httpx.InvalidURL) as exc:
                delay = core.after_error(spec, attempt, exc)
            except RuntimeError:
                if client.is_closed:  # closed by another thread meanwhile
                    raise _closed("this client") from None
                raise
            else:
                if response.is_success:
                    core.succeeded(spec, attempt, response)
                    return response
                if stream:
                    try:
                        response.read()
                    except httpx.HTTPError:
                        pass
                    finally:
                        response.close()
                delay = core.after_status(spec, attempt, response)
            time.sleep(delay)
            attempt += 1

    def close(self) -> None:
        """Close the pooled connections (a user's own httpx client is left open)."""
        with self._lock:
            self._closed = True
            client = self._client
        if client is not None and self._owned:
            client.close()


class AsyncTransport:
    """The asyncio shell: one pooled `httpx.AsyncClient`."""

    def __init__(
        self, core: TransportCore, http_client: Optional[httpx.AsyncClient] = None
    ) -> None:
        self._core = core
        self._client = http_client
        self._owned = http_client is None
        self._closed = False
        self._loop: Optional[asyncio.AbstractEventLoop] = None
        self._closer: Optional[AsyncGenerator[None, None]] = None

    @property
    def is_open(self) -> bool:
        """True while an httpx client the SDK created holds connections to close."""
        return self._owned and self._client is not None and not self._client.is_closed

    def _http(self) -> httpx.AsyncClient:
        client = self._client
        loop = asyncio.get_running_loop()
        if client is not None and loop is self._loop and not self._closed and not client.is_closed:
            return client
        if self._closed:
            raise _closed("this client")
        if not self._owned:
            assert client is not None
            if client.is_closed:
                raise _closed("the httpx.AsyncClient passed as async_http_client=")
            self._loop = loop
            return client
        if client is not None and not client.is_closed:
            # Pooled connections belong to the loop that opened them (a script
            # calling asyncio.run() per request): this loop gets its own pool.
            logger.debug("event loop changed: opening a new connection pool")
        # No await between the check and the assignment: safe among tasks.
        self._client = client = httpx.AsyncClient(**self._core.client_options())
        self._loop = loop
        self._closer = _close_with_loop(client)
        return client

    async def send(self, spec: RequestSpec, *, stream: bool = False) -> httpx.Response:
        """Send `spec` with retries; return a 2xx response (its body unread when `stream`).

        A streamed response must be closed by the caller. Every failure is
        raised as a SketricGen exception.
        """
        core = self._core
        client = self._http()
        own = self._owned
        attempt = 0
        while True:
            try:
                response = await client.send(core.build(client, spec, own=own), stream=stream)
            except (httpx.HTTPError, httpx.InvalidURL) as exc:
                delay = core.after_error(spec, attempt, exc)
            except RuntimeError:
                if client.is_closed:
                    raise _closed("this client") from None
                raise
            else:
                if response.is_success:
                    core.succeeded(spec, attempt, response)
                    return response
                if stream:
                    try:
                        await response.aread()
                    except httpx.HTTPError:
                        pass
                    finally:
                        await response.aclose()
                delay = core.after_status(spec, attempt, response)
            await asyncio.sleep(delay)
            attempt += 1

    def mark_closed(self) -> None:
        """Refuse further calls without awaiting anything (see `aclose`)."""
        self._closed = True

    async def aclose(self) -> None:
        """Close the pooled connections (a user's own httpx client is left open)."""
        self._closed = True
        closer = self._closer
        # A pool opened by another loop cannot be closed from this one; that
        # loop's shutdown closes it (see `_close_with_loop`).
        if closer is not None and self._loop is asyncio.get_running_loop():
            self._closer = None
            await closer.aclose()


def _close_with_loop(client: httpx.AsyncClient) -> AsyncGenerator[None, None]:
    """Tie `client` to the running loop: it is closed when the loop shuts down.

    `asyncio.run()` closes every started async generator before closing its
    loop; this one then closes the pool, inside that loop, so a program that
    never calls `aclose()` (or calls `asyncio.run` once per request) leaves
    no socket open. `aclose()` on the generator closes the pool at once.
    """

    async def closer() -> AsyncGenerator[None, None]:
        try:
            yield
        finally:
            await client.aclose()

    generator = closer()
    # Run it to its `yield` now: that registers it with the loop's hooks. Up to
    # there it awaits nothing, so one synchronous step is enough.
    with contextlib.suppress(StopIteration):
        generator.asend(None).__await__().send(None)
    return generator
