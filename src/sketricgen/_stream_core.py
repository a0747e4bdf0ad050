"""Every decision a streamed run makes, shared by the sync and async shells (no I/O).

Bytes go in (`feed`), events come out; the core remembers how far the stream
got, tells a complete stream from a cut one, and turns each failure into the
SDK's exception. The shells in `_streaming` only read, yield and close.
"""

from __future__ import annotations

import dataclasses
import logging
import math
import time
from collections.abc import Iterator
from typing import TYPE_CHECKING, Optional, Union, cast

from ._errors import network_error, unexpected_body
from ._exceptions import (
    SketricGenError,
    SketricGenIncompleteStreamError,
    SketricGenTimeoutError,
    SketricGenUnexpectedResponseError,
    SketricGenValidationError,
)
from ._logging import logger
from ._sse import DEFAULT_MAX_EVENT_SIZE, SSEDecoder
from ._stream_event import DataEvent, StreamEvent
from ._stream_result import ResultBuilder, StreamResult

if TYPE_CHECKING:
    import httpx

    from ._transport import RequestSpec, TransportCore

__all__ = ["MAX_ERROR_BODY", "Item", "StreamCore", "check_stream_timeout", "stream_request"]

EVENT_STREAM = "text/event-stream"
MAX_ERROR_BODY = 64 * 1024
"""Bytes read of a success answer that is not an event stream, to say what it was."""


Item = Union[str, StreamEvent]
"""What the decoder gives the core: an event, or the data string of a plain one."""


def _as_event(item: Item) -> StreamEvent:
    return DataEvent(item) if isinstance(item, str) else item


def stream_request(spec: RequestSpec) -> RequestSpec:
    """`spec` asking for an event stream (`Accept: text/event-stream`)."""
    return dataclasses.replace(spec, headers={**(spec.headers or {}), "Accept": EVENT_STREAM})


class StreamCore:
    """The state of one streamed answer: decoding, progress, outcome, errors.

    `stream_timeout` (seconds, None for no limit) bounds the whole call from
    the moment the core is made; the shells arm a timer that calls `expire`.
    """

    def __init__(
        self,
        transport: TransportCore,
        spec: RequestSpec,
        *,
        stream_timeout: Optional[float] = None,
        max_event_size: int = DEFAULT_MAX_EVENT_SIZE,
    ) -> None:
        self._transport = transport
        self._spec = spec
        self._decoder: SSEDecoder[Item] = SSEDecoder(
            max_event_size=max_event_size, factory=self._built, plain=str
        )
        self._mixed = False  # the last chunk completed an event that is not plain
        self._decode = self._decoder.feed
        self.stream_timeout = stream_timeout
        self.deadline = None if stream_timeout is None else time.monotonic() + stream_timeout
        self.expired = False
        self.received = 0
        self._last: Optional[Item] = None
        self._builder: Optional[ResultBuilder] = None

    # -- opening -------------------------------------------------------------------

    @staticmethod
    def is_event_stream(response: httpx.Response) -> bool:
        """Whether a success answer is an event stream (else: `not_an_event_stream`)."""
        content_type: str = response.headers.get("content-type", "")
        return content_type.split(";", 1)[0].strip().lower() == EVENT_STREAM

    def not_an_event_stream(
        self, response: httpx.Response, content: bytes
    ) -> SketricGenUnexpectedResponseError:
        """The error for a success answer that is not an event stream (`content`: its start)."""
        return unexpected_body(
            response.status_code,
            response.headers,
            content,
            target=self._transport.target(self._spec),
            expected="an event stream (text/event-stream)",
            secret=self._transport.config.api_key,
        )

    def remaining(self) -> Optional[float]:
        """Seconds left before `stream_timeout` (None without one; never negative)."""
        if self.deadline is None:
            return None
        return max(self.deadline - time.monotonic(), 0.0)

    def expire(self) -> None:
        """`stream_timeout` passed: the next read ends the stream with a timeout error."""
        self.expired = True

    # -- reading -------------------------------------------------------------------

    def events(self, chunk: bytes) -> Iterator[StreamEvent]:
        """The events `chunk` completed, in order, each made as it is taken.

        However many events one read completes, they are not all alive at
        once: the garbage collector never finds a burst of them to promote
        (which costs full collections in a process with a large heap).
        """
        if self.expired:
            raise self.timed_out()
        self._mixed = False
        items = self._decode(chunk)
        if items:
            self.received += len(items)
            self._last = items[-1]
        if self._mixed:
            return map(_as_event, items)
        return map(DataEvent, cast("list[str]", items))  # plain events only: their data

    def _built(
        self, event_type: str, data: str, id: Optional[str], retry: Optional[int]
    ) -> StreamEvent:
        self._mixed = True
        return StreamEvent(event_type, data, id, retry)

    @property
    def last(self) -> Optional[StreamEvent]:
        """The last event received, None before the first."""
        last = self._last
        if isinstance(last, str):
            last = self._last = DataEvent(last)
        return last

    def finish(self) -> None:
        """The body ended cleanly: raise if the stream stopped before its run did."""
        if self.expired:
            raise self.timed_out()
        self._decoder.end()  # an event too large that `feed` deferred
        last = self.last
        if last is None or not last.is_terminal:
            raise self.incomplete()
        if logger.isEnabledFor(logging.DEBUG):
            logger.debug(
                "%s: stream ended with %s after %d events",
                self._transport.target(self._spec),
                last.type,
                self.received,
            )

    def failed(self, error: Exception) -> SketricGenError:
        """The SDK's exception for a transport failure while reading the stream."""
        if self.expired:
            return self.timed_out()
        mapped = network_error(error, target=self._transport.target(self._spec))
        mapped.message += f" {self._progress()}"
        return mapped

    def timed_out(self) -> SketricGenTimeoutError:
        """The error for a stream that outlived `stream_timeout`."""
        return SketricGenTimeoutError(
            f"{self._transport.target(self._spec)}: the stream took longer than "
            f"stream_timeout={self.stream_timeout:g} s. {self._progress()} "
            "Raise stream_timeout (or pass None) if runs legitimately take this long."
        )

    def incomplete(self, *, closed: bool = False) -> SketricGenIncompleteStreamError:
        """The error for a stream that ended before RUN_FINISHED, RUN_ERROR or RUN_PAUSED_HITL."""
        how = "was closed" if closed else "ended"
        return SketricGenIncompleteStreamError(
            f"{self._transport.target(self._spec)}: the stream {how} before the run did "
            f"(no RUN_FINISHED, RUN_ERROR or RUN_PAUSED_HITL). {self._progress()} "
            "The run's outcome is unknown; the connection was probably cut on the way.",
            events_received=self.received,
        )

    def _progress(self) -> str:
        count = self.received
        if count == 0:
            return "No event had arrived."
        return f"The {count} event{'s' if count != 1 else ''} received before were delivered."

    # -- conveniences ----------------------------------------------------------------

    @property
    def builder(self) -> ResultBuilder:
        """The result builder the conveniences feed (made on first use)."""
        if self._builder is None:
            self._builder = ResultBuilder()
        return self._builder

    def conclude(self) -> StreamResult:
        """After the stream was read to its end: the result, or the run's error raised."""
        builder = self.builder
        last = self.last
        if builder.outcome is None and last is not None and last.is_terminal:
            builder.add(last)  # the caller iterated over it before asking for the result
        if builder.outcome is None:
            raise self.incomplete(closed=True)
        error = builder.run_error()
        if error is not None:
            raise error
        return builder.result()


def check_stream_timeout(stream_timeout: object, *, stream: object) -> Optional[float]:
    """`stream_timeout` validated: positive seconds or None, and only with `stream=True`."""
    if stream_timeout is None:
        return None
    if stream is not True:
        raise SketricGenValidationError(
            "stream_timeout bounds a streamed run: pass it with stream=True (the client's "
            "timeout= bounds the other calls)",
            field="stream_timeout",
        )
    if (
        isinstance(stream_timeout, bool)
        or not isinstance(stream_timeout, (int, float))
        or not math.isfinite(stream_timeout)
        or stream_timeout <= 0
    ):
        raise SketricGenValidationError(
            f"stream_timeout must be a positive number of seconds or None, got {stream_timeout!r}",
            field="stream_timeout",
        )
    return float(stream_timeout)
