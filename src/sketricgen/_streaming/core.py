"""Every decision a streamed run makes, shared by the sync and async shells (no I/O).

Bytes go in (`feed`), events come out; the core remembers how far the stream
got, tells a complete stream from a cut one, and turns each failure into the
SDK's exception. The shells (`shells.py`) only read, yield and close.

How a stream ends is decided by the HTTP framing, never guessed: a body cut
short (a reset, an incomplete chunked body or one short of its
Content-Length, an idle timeout) is a `SketricGenNetworkError`. A body that
ended cleanly (its last chunk, or its whole Content-Length) ends the
iteration normally even without a terminal event: the service has endings
this SDK may not know, so that is logged as a warning and reported as the
outcome "ended_without_terminal_event". A body delimited only by the
connection closing (no length, not chunked) cannot tell the two apart: it
ends without a terminal event as an incomplete stream, an error.
"""

from __future__ import annotations

import dataclasses
import logging
import time
from collections.abc import Iterator
from typing import TYPE_CHECKING, Optional, Union, cast

from .._config import check_seconds
from .._exceptions import (
    SketricGenError,
    SketricGenIncompleteStreamError,
    SketricGenTimeoutError,
    SketricGenUnexpectedResponseError,
    SketricGenValidationError,
)
from .._logging import logger
from .._transport.errors import network_error, unexpected_body
from .event import TERMINAL_OUTCOMES, DataEvent, StreamEvent, data_events
from .result import Outcome, ResultBuilder, StreamResult
from .sse import DEFAULT_MAX_EVENT_SIZE, SSEDecoder

if TYPE_CHECKING:
    import httpx

    from .._transport.core import RequestSpec, TransportCore

__all__ = ["MAX_ERROR_BODY", "StreamCore", "check_stream_timeout", "stream_request"]

EVENT_STREAM = "text/event-stream"
ENDED_WITHOUT_TERMINAL_EVENT: Outcome = "ended_without_terminal_event"
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
        self._ended: Optional[Outcome] = None  # a clean end without a terminal event

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

    @staticmethod
    def close_delimited(response: httpx.Response) -> bool:
        """Whether only the connection closing ends the body (HTTP/1, no length, not chunked).

        Such a body gives no evidence of a clean end: a cut looks the same.
        """
        if not response.http_version.upper().startswith("HTTP/1"):
            return False  # HTTP/2 and 3 mark the end of every stream
        headers = response.headers
        chunked = "chunked" in headers.get("transfer-encoding", "").lower()
        return not chunked and "content-length" not in headers

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
        return data_events(cast("list[str]", items))  # plain events only: their data

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

    @property
    def outcome(self) -> Optional[Outcome]:
        """How the stream ended: its last event's kind when that is terminal, else
        "ended_without_terminal_event" after a clean end, else None (still open, cut or closed).
        """
        last = self.last
        if last is not None and last.type in TERMINAL_OUTCOMES:
            return TERMINAL_OUTCOMES[last.type]
        return self._ended

    def finish(self, *, close_delimited: bool = False) -> None:
        """The body ended without an error from the transport.

        Without a terminal event: logs a warning and records the outcome
        "ended_without_terminal_event", or raises when the body was
        `close_delimited` (no evidence that it was complete).
        """
        if self.expired:
            raise self.timed_out()
        self._decoder.end()  # an event too large that `feed` deferred
        last = self.last
        if last is None or not last.is_terminal:
            if close_delimited:
                raise self.incomplete(close_delimited=True)
            self._ended = ENDED_WITHOUT_TERMINAL_EVENT
            logger.warning(
                "%s: the stream ended cleanly after %d event%s without a terminal event "
                "(the last was %s); the service may have ended the run in a way this SDK "
                "does not know",
                self._transport.target(self._spec),
                self.received,
                "" if self.received == 1 else "s",
                "none" if last is None else (last.type or last.event_type),
            )
            return
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

    def incomplete(
        self, *, close_delimited: bool = False, result: Optional[StreamResult] = None
    ) -> SketricGenIncompleteStreamError:
        """The error for a stream that gave no terminal event, by what is known of its end.

        `close_delimited`: the body ended with the connection; `result`: it
        ended cleanly (what arrived); neither: the caller closed it first.
        """
        target = self._transport.target(self._spec)
        if close_delimited:
            what = (
                f"{target}: the stream ended with its connection before a terminal event "
                f"(RUN_FINISHED, RUN_ERROR...). {self._progress()} The answer had no "
                "Content-Length and was not chunked, so a cut connection and a complete "
                "answer look the same: the run's outcome is unknown."
            )
        elif result is not None:
            last = self.last
            what = (
                f"{target}: the stream ended cleanly but without a terminal event "
                f"(RUN_FINISHED, RUN_ERROR...); the last was "
                f"{'none' if last is None else last.type or last.event_type}. "
                f"{self._progress()} The service may have ended the run in a way this SDK "
                "does not know; the error's `result` holds what arrived."
            )
        else:
            what = (
                f"{target}: the stream was closed before the run did (no terminal event "
                f"was read). {self._progress()}"
            )
        return SketricGenIncompleteStreamError(what, events_received=self.received, result=result)

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
        """After the stream was read to its end (`until_done()`): the result, or an error.

        The run's error for RUN_ERROR / RUN_HALTED_OUT_OF_CREDITS;
        `SketricGenIncompleteStreamError` when no terminal event came (a clean
        end without one included: the caller asked for an outcome).
        """
        builder = self._settled()
        if builder.outcome is None:
            ended = self._ended
            raise self.incomplete(result=None if ended is None else builder.result(ended))
        error = builder.run_error()
        if error is not None:
            raise error
        return builder.result()

    def conclude_text(self) -> None:
        """After `text_deltas()` read the stream to its end: raise the run's error, if any.

        A clean end without a terminal event is no error here (the caller
        asked for the text, not an outcome); a stream closed early is.
        """
        builder = self._settled()
        if builder.outcome is None:
            if self._ended is None:
                raise self.incomplete()
            return
        error = builder.run_error()
        if error is not None:
            raise error

    def _settled(self) -> ResultBuilder:
        builder = self.builder
        last = self.last
        if builder.outcome is None and last is not None and last.is_terminal:
            builder.add(last)  # the caller iterated over it before asking for the result
        return builder


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
    return check_seconds(stream_timeout, "stream_timeout", or_none=True)
