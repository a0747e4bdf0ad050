"""Fault specifications and the book that decides which ones act on a request."""

from __future__ import annotations

import ast
import email.utils
import time
from collections.abc import AsyncGenerator, AsyncIterator
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from typing import Any, Literal, Optional, TypeVar, Union

__all__ = [
    "FAULT_HEADER", "ActiveFault", "AppliedFaults", "Endpoint", "Fault", "FaultBook", "reordered",
]  # fmt: skip

FAULT_HEADER = "X-Emulator-Fault"
"""Request header that selects faults for that request: `status(503, times=2); heartbeat()`."""

Endpoint = Literal["run", "upload_init", "upload_complete", "presigned", "admin", "any"]
RetryAfter = Union[int, float, str, datetime, timedelta]

# Faults that answer in place of the endpoint; the others shape its answer.
_REPLACING = frozenset({"status", "close", "s3_error"})
# Faults that only make sense on an event stream.
_STREAM_ONLY = frozenset(
    {"reset", "disconnect", "truncate", "bad_json", "heartbeat", "line_endings", "sse_fields"}
    | {"bom"}
    | {"reorder"}
)
_FACTORIES = (
    "status", "html_page", "close_before_answer", "reset_after", "disconnect_after", "stall",
    "truncate", "bad_json", "heartbeat", "line_endings", "sse_fields", "bom", "trickle",
    "s3_error", "expired_policy", "max_file_bytes",
    "reorder",
)  # fmt: skip


def _spec(name: str, *args: Any, **kwargs: Any) -> str:
    shown = [repr(a) for a in args]
    shown += [f"{k}={v!r}" for k, v in kwargs.items() if v is not None]
    return f"{name}({', '.join(shown)})"


@dataclass(frozen=True)
class Fault:
    """One misbehaviour of the service; build it with the class methods.

    `times` is how many requests it acts on (None: every one). `spec` is the
    same fault written for the `X-Emulator-Fault` request header.
    """

    kind: str
    spec: str
    endpoint: Endpoint = "run"
    times: Optional[int] = None
    status_code: int = 0
    retry_after: Optional[RetryAfter] = None
    retry_after_ms: Optional[int] = None
    html: bool = False
    message: Optional[str] = None
    after_events: Optional[int] = None
    seconds: float = 0.0
    reset: bool = False
    line_ending: str = "\n"
    text: str = ""
    delay: float = 0.0
    limit: Optional[int] = None

    # -- answers in place of the endpoint ---------------------------------

    @classmethod
    def status(
        cls,
        code: int,
        *,
        times: Optional[int] = None,
        retry_after: Optional[RetryAfter] = None,
        retry_after_ms: Optional[int] = None,
        message: Optional[str] = None,
        endpoint: Endpoint = "run",
    ) -> Fault:
        """Answer `code` with a JSON error body (429, 500, 503...).

        `retry_after`: seconds, a ready header value, a `datetime` (sent as an
        HTTP date), or a `timedelta` (an HTTP date that far from the real
        clock when answering). `retry_after_ms` sets `retry-after-ms`.
        """
        spec = _spec(
            "status", code, times=times, retry_after=retry_after,
            retry_after_ms=retry_after_ms, message=message,
            endpoint=None if endpoint == "run" else endpoint,
        )  # fmt: skip
        return cls(
            "status", spec, endpoint, times, status_code=code, retry_after=retry_after,
            retry_after_ms=retry_after_ms, message=message,
        )  # fmt: skip

    @classmethod
    def html_page(
        cls, code: int = 502, *, times: Optional[int] = None, endpoint: Endpoint = "run"
    ) -> Fault:
        """Answer `code` with an HTML page, as a proxy in front of the service does."""
        shown_endpoint = None if endpoint == "run" else endpoint
        spec = _spec("html_page", code, times=times, endpoint=shown_endpoint)
        return cls("status", spec, endpoint, times, status_code=code, html=True)

    @classmethod
    def close_before_answer(
        cls, *, reset: bool = False, times: Optional[int] = None, endpoint: Endpoint = "run"
    ) -> Fault:
        """Close the connection without answering a byte (`reset=True`: a TCP reset)."""
        spec = _spec(
            "close_before_answer", reset=reset or None, times=times,
            endpoint=None if endpoint == "run" else endpoint,
        )  # fmt: skip
        return cls("close", spec, endpoint, times, reset=reset)

    # -- shape a streamed answer ------------------------------------------

    @classmethod
    def reset_after(cls, events: int, *, times: Optional[int] = None) -> Fault:
        """Reset the connection (TCP RST) after `events` events of a stream."""
        spec = _spec("reset_after", events, times=times)
        return cls("reset", spec, times=times, after_events=events)

    @classmethod
    def disconnect_after(cls, events: int, *, times: Optional[int] = None) -> Fault:
        """Close the connection (FIN) after `events` events, mid-body."""
        spec = _spec("disconnect_after", events, times=times)
        return cls("disconnect", spec, times=times, after_events=events)

    @classmethod
    def stall(
        cls,
        seconds: float,
        *,
        after_events: Optional[int] = None,
        times: Optional[int] = None,
        endpoint: Endpoint = "run",
    ) -> Fault:
        """Go silent for `seconds`: before answering, or after `after_events` events of a stream."""
        spec = _spec(
            "stall", seconds, after_events=after_events, times=times,
            endpoint=None if endpoint == "run" else endpoint,
        )  # fmt: skip
        return cls("stall", spec, endpoint, times, after_events=after_events, seconds=seconds)

    @classmethod
    def truncate(cls, *, after_events: Optional[int] = None, times: Optional[int] = None) -> Fault:
        """End the stream cleanly without its terminal event (or after `after_events` events)."""
        spec = _spec("truncate", after_events=after_events, times=times)
        return cls("truncate", spec, times=times, after_events=after_events)

    @classmethod
    def bad_json(
        cls, *, after_events: int = 0, data: str = "{not json", times: Optional[int] = None
    ) -> Fault:
        """Send one event whose `data` is not JSON, after `after_events` events."""
        spec = _spec("bad_json", after_events=after_events, data=data, times=times)
        return cls("bad_json", spec, times=times, after_events=after_events, text=data)

    @classmethod
    def heartbeat(cls, comment: str = "ping", *, times: Optional[int] = None) -> Fault:
        """Send a comment line (`: ping`) and a blank line before every event."""
        return cls("heartbeat", _spec("heartbeat", comment, times=times), times=times, text=comment)

    @classmethod
    def line_endings(
        cls, style: Literal["crlf", "cr", "lf"], *, times: Optional[int] = None
    ) -> Fault:
        """End the stream's lines in CRLF or CR instead of LF."""
        ending = {"crlf": "\r\n", "cr": "\r", "lf": "\n"}[style]
        spec = _spec("line_endings", style, times=times)
        return cls("line_endings", spec, times=times, line_ending=ending)

    @classmethod
    def sse_fields(cls, *, times: Optional[int] = None) -> Fault:
        """Precede each `data:` line with `id: N` and `event: TYPE` lines."""
        return cls("sse_fields", _spec("sse_fields", times=times), times=times)

    @classmethod
    def bom(cls, *, times: Optional[int] = None) -> Fault:
        """Start the stream with a UTF-8 byte order mark."""
        return cls("bom", _spec("bom", times=times), times=times)

    @classmethod
    def reorder(cls, *, after_events: int = 1, times: Optional[int] = None) -> Fault:
        """Send the event after `after_events` events one place late (swapped with the next).

        The default swaps a run's first TEXT_MESSAGE_START and its first content:
        an out-of-order stream, which `sketricgen.verify` refuses.
        """
        spec = _spec("reorder", after_events=after_events, times=times)
        return cls("reorder", spec, times=times, after_events=after_events)

    @classmethod
    def trickle(
        cls, *, delay: float = 0.0, times: Optional[int] = None, endpoint: Endpoint = "run"
    ) -> Fault:
        """Send the answer's body one byte per write (a flush each), `delay` seconds apart."""
        spec = _spec(
            "trickle", delay=delay, times=times, endpoint=None if endpoint == "run" else endpoint
        )
        return cls("trickle", spec, endpoint, times, delay=delay)

    # -- uploads ------------------------------------------------------------

    @classmethod
    def s3_error(
        cls,
        code: str = "SlowDown",
        status: int = 503,
        *,
        message: Optional[str] = None,
        times: Optional[int] = None,
    ) -> Fault:
        """The presigned target answers an S3 XML error (`SlowDown` 503, `EntityTooLarge` 400)."""
        spec = _spec("s3_error", code, status, message=message, times=times)
        return cls(
            "s3_error", spec, "presigned", times, status_code=status, text=code, message=message
        )

    @classmethod
    def expired_policy(cls, *, times: Optional[int] = None) -> Fault:
        """The upload init answers a presigned POST whose policy has already expired."""
        return cls("expired_policy", _spec("expired_policy", times=times), "upload_init", times)

    @classmethod
    def max_file_bytes(cls, limit: int, *, times: Optional[int] = None) -> Fault:
        """The upload init answers a policy that allows at most `limit` bytes."""
        spec = _spec("max_file_bytes", limit, times=times)
        return cls("max_file_bytes", spec, "upload_init", times, limit=limit)

    # -- the request header -------------------------------------------------

    @classmethod
    def parse(cls, text: str) -> list[Fault]:
        """Faults written as in the `X-Emulator-Fault` header: `;`-separated factory calls.

        Only the factory names and literal arguments are accepted, e.g.
        `status(503, times=2, retry_after=1); heartbeat()`.
        """
        faults: list[Fault] = []
        for part in text.split(";"):
            source = part.strip()
            if not source:
                continue
            try:
                node = ast.parse(source, mode="eval").body
                if not (
                    isinstance(node, ast.Call)
                    and isinstance(node.func, ast.Name)
                    and node.func.id in _FACTORIES
                ):
                    raise ValueError(f"expected one of {', '.join(_FACTORIES)}")
                args = [ast.literal_eval(arg) for arg in node.args]
                kwargs = {str(kw.arg): ast.literal_eval(kw.value) for kw in node.keywords}
                faults.append(getattr(cls, node.func.id)(*args, **kwargs))
            except (SyntaxError, ValueError, TypeError, KeyError) as exc:
                raise ValueError(f"bad {FAULT_HEADER} entry {source!r}: {exc}") from exc
        return faults

    @staticmethod
    def header(*faults: Fault) -> dict[str, str]:
        """The request header that selects `faults` for one request."""
        return {FAULT_HEADER: "; ".join(f.spec for f in faults)}

    def retry_after_header(self) -> Optional[str]:
        """The `Retry-After` value to send, if any."""
        value = self.retry_after
        if value is None or isinstance(value, str):
            return value
        if isinstance(value, timedelta):
            return email.utils.formatdate(time.time() + value.total_seconds(), usegmt=True)
        if isinstance(value, datetime):
            return email.utils.format_datetime(value, usegmt=True)
        return str(int(value)) if float(value).is_integer() else str(value)

    @property
    def replaces_answer(self) -> bool:
        """Whether the fault answers instead of the endpoint."""
        return self.kind in _REPLACING

    @property
    def stream_only(self) -> bool:
        """Whether the fault only acts on streamed answers."""
        return self.kind in _STREAM_ONLY


@dataclass
class ActiveFault:
    """A fault put in force: `hits` counts the requests it acted on."""

    fault: Fault
    agent_id: Optional[str] = None
    hits: int = 0

    @property
    def exhausted(self) -> bool:
        """Whether it acted `times` times already."""
        return self.fault.times is not None and self.hits >= self.fault.times


@dataclass
class AppliedFaults:
    """The faults that act on one request."""

    replacement: Optional[Fault] = None
    shaping: list[Fault] = field(default_factory=list)

    def first(self, kind: str) -> Optional[Fault]:
        """The first shaping fault of `kind`, if any."""
        return next((f for f in self.shaping if f.kind == kind), None)

    @property
    def specs(self) -> tuple[str, ...]:
        """What acted, as header specs (recorded with the request)."""
        acting = [self.replacement] if self.replacement else self.shaping
        return tuple(f.spec for f in acting)


class FaultBook:
    """Faults in force, per agent or for all, and those named by request headers.

    Not thread-safe: callers hold the emulator's lock.
    """

    def __init__(self) -> None:
        self._registered: list[ActiveFault] = []
        self._by_header: dict[str, ActiveFault] = {}

    def add(self, fault: Fault, agent_id: Optional[str] = None) -> ActiveFault:
        """Put `fault` in force for `agent_id` (None: every agent)."""
        active = ActiveFault(fault, agent_id)
        self._registered.append(active)
        return active

    def clear(self) -> None:
        """Forget every fault and every header counter."""
        self._registered.clear()
        self._by_header.clear()

    def take(
        self,
        endpoint: Endpoint,
        agent_id: Optional[str],
        *,
        stream: bool,
        header: Optional[str] = None,
    ) -> AppliedFaults:
        """Pick the faults that act on this request and count them as used.

        The header's faults come first, then those in force in the order they
        were added. One answer-replacing fault wins; otherwise every shaping
        fault acts. A header fault with `times` counts the requests that
        carried the same header text. Raises ValueError for a bad header.
        """
        candidates: list[ActiveFault] = []
        if header:
            for parsed in Fault.parse(header):
                fault = parsed
                if endpoint == "admin" and parsed.endpoint == "run":
                    # A header names faults of the request it rides on: no endpoint means this one.
                    fault = replace(parsed, endpoint="admin")
                key = f"{fault.spec}@{header}"
                candidates.append(self._by_header.setdefault(key, ActiveFault(fault)))
        candidates += [a for a in self._registered if a.agent_id in (None, agent_id)]
        usable = [
            a
            for a in candidates
            if a.fault.endpoint in (endpoint, "any")
            and not a.exhausted
            and (stream or not a.fault.stream_only)
        ]
        applied = AppliedFaults()
        replacing = next((a for a in usable if a.fault.replaces_answer), None)
        if replacing is not None:
            replacing.hits += 1
            applied.replacement = replacing.fault
            return applied
        for active in usable:
            active.hits += 1
            applied.shaping.append(active.fault)
        return applied


_T = TypeVar("_T")


async def reordered(events: AsyncIterator[_T], fault: Fault) -> AsyncGenerator[_T, None]:
    """`events` with the one at index `fault.after_events` sent after the one that follows it."""
    late: list[_T] = []
    try:
        index = 0
        async for item in events:
            if index == fault.after_events:
                late.append(item)
            else:
                yield item
                while late:
                    yield late.pop()
            index += 1
        while late:
            yield late.pop()
    finally:
        aclose = getattr(events, "aclose", None)
        if aclose is not None:
            await aclose()
