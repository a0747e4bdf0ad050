"""The retry policy: after a failed attempt, retry after N seconds, or not (sans-IO).

Only failures that are safe to replay are retried. A run-workflow call is not
idempotent: once the service may have acted on it (a `500`, a read timeout, a
connection lost after the request was sent) it is not sent again. Calls marked
idempotent (the upload steps) are also retried on those.
"""

from __future__ import annotations

import email.utils
import math
import random
import re
import sys
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import timezone
from typing import Callable, Optional

import httpx

__all__ = ["RetryDecision", "RetryPolicy", "parse_retry_after"]

# Statuses that say the request was not acted on (or that the proxy gave up
# before the service answered): safe to send again.
RETRYABLE_STATUSES = frozenset({408, 429, 502, 503, 504})
# Failures that prove the request never left: nothing was sent.
_NOT_SENT = (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout)
# Failures after the request may have been sent: replayed only when idempotent.
_TRANSIENT = (httpx.TimeoutException, httpx.NetworkError, httpx.RemoteProtocolError)


@dataclass(frozen=True)
class RetryDecision:
    """What to do after a failed attempt.

    `delay` is the wait before the next attempt, or None to give up;
    `retry_after` is the wait the service asked for, if it asked.
    """

    delay: Optional[float]
    retry_after: Optional[float] = None
    reason: str = ""

    @property
    def retry(self) -> bool:
        """True if another attempt should follow after `delay` seconds."""
        return self.delay is not None


@dataclass(frozen=True)
class RetryPolicy:
    """`max_retries` extra attempts, exponential backoff with jitter, `Retry-After` honoured.

    Backoff before retry n (0-based) is `min(initial_backoff * 2**n,
    max_backoff)`, shortened by up to `jitter` of itself at random. A wait
    the service asks for replaces the backoff when it is at most
    `max_retry_after`; a longer one gives up at once (the error carries it).
    """

    max_retries: int = 3
    initial_backoff: float = 0.5
    max_backoff: float = 8.0
    jitter: float = 0.25
    max_retry_after: float = 60.0
    random: Callable[[], float] = field(default=random.random, repr=False, compare=False)

    def backoff(self, retry: int) -> float:
        """The wait before retry number `retry` (0-based) when the service asked for none."""
        base = min(self.initial_backoff * 2.0 ** min(retry, 32), self.max_backoff)
        return base * (1.0 - self.jitter * self.random())

    def after_status(
        self, attempt: int, status_code: int, headers: Mapping[str, str], *, idempotent: bool
    ) -> RetryDecision:
        """Decide after attempt number `attempt` (0-based) got an error status."""
        retry_after = parse_retry_after(headers)
        if status_code not in RETRYABLE_STATUSES and not (idempotent and status_code >= 500):
            return RetryDecision(None, retry_after, f"HTTP {status_code} is not retried")
        return self._next(attempt, retry_after, f"HTTP {status_code}")

    def after_error(self, attempt: int, error: BaseException, *, idempotent: bool) -> RetryDecision:
        """Decide after attempt number `attempt` (0-based) failed with a transport error."""
        name = type(error).__name__
        if isinstance(error, _NOT_SENT) or (idempotent and isinstance(error, _TRANSIENT)):
            return self._next(attempt, None, name)
        return RetryDecision(None, None, f"{name} after the request may have been sent")

    def _next(self, attempt: int, retry_after: Optional[float], what: str) -> RetryDecision:
        if attempt >= self.max_retries:
            return RetryDecision(None, retry_after, f"{what}, no retries left")
        if retry_after is None:
            return RetryDecision(self.backoff(attempt), None, what)
        if retry_after > self.max_retry_after:
            return RetryDecision(
                None, retry_after, f"{what}, asked to wait longer than {self.max_retry_after:g} s"
            )
        return RetryDecision(retry_after, retry_after, what)


def parse_retry_after(headers: Mapping[str, str], now: Optional[float] = None) -> Optional[float]:
    """Seconds to wait from `retry-after-ms`, or `Retry-After` (seconds or an HTTP date).

    As HTTP defines it, `Retry-After` is digits only (`-5`, `+3`, `1.5`,
    `1e9`, `nan` are ignored) or an HTTP date, read in UTC whatever the
    machine's time zone (a date without a zone is GMT). `retry-after-ms` is
    digits with an optional decimal fraction (`250`, `12.5`). None when
    neither header is present and valid; a date in the past gives 0.
    """
    value = headers.get("retry-after-ms")
    if value is not None and _MILLIS.fullmatch(value.strip()):
        return _finite(float(value) / 1000.0)
    value = headers.get("retry-after")
    if value is None:
        return None
    value = value.strip()
    if _SECONDS.fullmatch(value):
        return _finite(float(value))
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    if when.tzinfo is None:  # no zone, or "-0000": HTTP dates are GMT
        when = when.replace(tzinfo=timezone.utc)
    return max(when.timestamp() - (time.time() if now is None else now), 0.0)


_SECONDS = re.compile(r"[0-9]+", re.ASCII)
_MILLIS = re.compile(r"[0-9]+(?:\.[0-9]+)?", re.ASCII)


def _finite(seconds: float) -> float:
    # Hundreds of digits overflow a float: still "longer than anyone waits".
    return seconds if math.isfinite(seconds) else sys.float_info.max
