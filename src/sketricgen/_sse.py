"""Incremental, sans-IO decoder for Server-Sent Events (``text/event-stream``).

Feed it bytes as they arrive, get back the events those bytes completed. It
follows the WHATWG HTML standard, "Server-sent events" / "Interpreting an event
stream": lines end in CRLF, LF or CR; a leading UTF-8 BOM is dropped; the text
is UTF-8 with invalid bytes replaced by U+FFFD; a blank line dispatches; an
unterminated last event is dropped at end of stream.
"""

from __future__ import annotations

import contextlib
from typing import NoReturn, Optional

from ._exceptions import SketricGenError

__all__ = [
    "DEFAULT_MAX_EVENT_SIZE",
    "SSEDecodeError",
    "SSEDecoder",
    "ServerSentEvent",
    "SketricGenStreamError",
]

DEFAULT_MAX_EVENT_SIZE = 16 * 1024 * 1024
"""Default limit, in bytes, for one line or for the data of one event."""

_BOM = b"\xef\xbb\xbf"


class SketricGenStreamError(SketricGenError, ValueError):
    """The event stream cannot be decoded (a line or an event is too large)."""


SSEDecodeError = SketricGenStreamError


class ServerSentEvent:
    """One dispatched event.

    ``event`` is the event type (``"message"`` unless an ``event:`` line set
    it); ``data`` is the data lines joined with ``"\\n"``; ``id`` is the last
    event ID in force when the event was dispatched, or ``None`` when it is
    empty (never set, or reset by an empty ``id:`` line); ``retry`` is the
    reconnection time in milliseconds if this event's block set it, else
    ``None``. Treat instances as read-only.
    """

    __slots__ = ("data", "event", "id", "retry")

    def __init__(
        self,
        event: str = "message",
        data: str = "",
        id: Optional[str] = None,
        retry: Optional[int] = None,
    ) -> None:
        self.event = event
        self.data = data
        self.id = id
        self.retry = retry

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, ServerSentEvent):
            return NotImplemented
        return (self.event, self.data, self.id, self.retry) == (
            other.event,
            other.data,
            other.id,
            other.retry,
        )

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return (
            f"ServerSentEvent(event={self.event!r}, data={self.data!r}, "
            f"id={self.id!r}, retry={self.retry!r})"
        )


class SSEDecoder:
    """Turns the bytes of one event stream into :class:`ServerSentEvent` objects.

    ``max_event_size`` bounds, in bytes, any single line and the data of any
    single event; going past it raises :class:`SSEDecodeError`. After that
    error the decoder keeps raising it until :meth:`end` is called.
    """

    def __init__(self, *, max_event_size: int = DEFAULT_MAX_EVENT_SIZE) -> None:
        if max_event_size < 1:
            raise ValueError("max_event_size must be a positive number of bytes")
        self._max = max_event_size
        self._last_id = ""
        self._retry: Optional[int] = None
        self._comments = 0
        self._reset()

    def _reset(self) -> None:
        """Forget the unfinished line and event; start a new stream."""
        self._line = bytearray()  # the unfinished line, terminator not yet seen
        self._after_cr = False  # last chunk ended in CR: a leading LF ends nothing
        self._at_start = True  # a BOM may still be (partly) ahead
        self._data: list[bytes] = []
        self._size = 0  # bytes in self._data
        self._type = ""
        self._id = self._last_id  # the spec's "last event ID buffer"
        self._block_retry: Optional[int] = None
        self._in_block = False  # a non-data field line since the last blank line
        self._error: Optional[SSEDecodeError] = None
        self._error_raised = False

    @property
    def last_event_id(self) -> str:
        """The last event ID as of the latest blank line ("" if none); for ``Last-Event-ID``."""
        return self._last_id

    @property
    def retry(self) -> Optional[int]:
        """The reconnection time in milliseconds last set by a ``retry:`` line, or ``None``."""
        return self._retry

    @property
    def pending(self) -> bool:
        """True if an unfinished line or event is buffered (the stream would end mid-event)."""
        return bool(self._line or self._data or self._in_block)

    @property
    def comments_seen(self) -> int:
        """How many comment lines (``:`` first, e.g. heartbeats) were read so far."""
        return self._comments

    def feed(self, chunk: bytes) -> list[ServerSentEvent]:
        """Decode the next bytes of the stream; return the events they completed, in order."""
        if self._error is not None:
            self._error_raised = True
            raise self._error
        if not chunk:
            return []
        if self._after_cr:
            self._after_cr = False
            if chunk[0] == 10:  # the LF of a CRLF split across two chunks
                chunk = chunk[1:]
                if not chunk:
                    return []
        line = self._line
        if self._at_start:
            head = bytes(line) + chunk
            if len(head) < 3 and _BOM.startswith(head):
                line += chunk  # wait for the rest of a possible BOM
                return []
            self._at_start = False
            line.clear()
            chunk = head[3:] if head.startswith(_BOM) else head
            if not chunk:
                return []

        if b"\r" in chunk:
            lines = chunk.splitlines()  # on bytes: splits at CRLF, CR and LF only
            last = chunk[-1]
            tail = b""
            if last == 13:
                self._after_cr = True
            elif last != 10:
                tail = lines.pop()
        else:
            lines = chunk.split(b"\n")
            tail = lines.pop()
        if not lines:  # no line ending in this chunk
            line += tail
            if len(line) > self._max:
                self._fail("a line")
            return []
        self._line = bytearray(tail)
        if line:
            lines[0] = bytes(line) + lines[0]
        out: list[ServerSentEvent] = []
        try:
            if len(line) + len(chunk) <= self._max:
                self._process(lines, out)
            else:  # one of these lines may be too long: check each before using it
                for one in lines:
                    if len(one) > self._max:
                        self._fail("a line")
                    self._process([one], out)
                if len(tail) > self._max:
                    self._fail("a line")
        except SSEDecodeError:
            if not out:
                raise
            self._error_raised = False  # deliver these events; raise on the next call
        return out

    def _process(self, lines: list[bytes], out: list[ServerSentEvent]) -> None:
        # The hot loop: state lives in locals and is written back once, at the end.
        data = self._data
        size = self._size
        etype = self._type
        last_id = self._id
        dispatched_id = self._last_id
        retry = self._block_retry
        in_block = self._in_block
        maximum = self._max
        append = out.append
        try:
            for ln in lines:
                if not ln:  # blank line: dispatch
                    dispatched_id = last_id
                    if data:
                        if len(data) == 1:
                            text = data[0].decode("utf-8", "replace")
                        else:
                            # LF never occurs inside a UTF-8 sequence: joining
                            # before decoding gives the same text, in one pass.
                            text = b"\n".join(data).decode("utf-8", "replace")
                        append(ServerSentEvent(etype or "message", text, last_id or None, retry))
                        data = []
                        size = 0
                    etype = ""
                    retry = None
                    in_block = False
                    continue
                if ln[:6] == b"data: ":
                    value = ln[6:]
                elif ln[:5] == b"data:":
                    value = ln[5:]
                else:
                    name, _, value = ln.partition(b":")
                    if not name:  # a comment
                        self._comments += 1
                        continue
                    if value[:1] == b" ":
                        value = value[1:]
                    if name != b"data":
                        in_block = True
                        if name == b"event":
                            etype = value.decode("utf-8", "replace")
                        elif name == b"id":
                            if b"\0" not in value:
                                last_id = value.decode("utf-8", "replace")
                        elif name == b"retry" and value.isdigit():  # bytes.isdigit: ASCII only
                            # More digits than int() accepts (over 4300): ignore the field.
                            with contextlib.suppress(ValueError):
                                self._retry = retry = int(value)
                        continue
                data.append(value)
                size += len(value)
                if size > maximum:
                    self._fail("the data of one event")
        finally:
            self._data = data
            self._size = size
            self._type = etype
            self._id = last_id
            self._block_retry = retry
            self._in_block = in_block
            self._last_id = dispatched_id

    def _fail(self, what: str) -> NoReturn:
        self._error = SSEDecodeError(
            f"event stream: {what} exceeds max_event_size ({self._max} bytes); the rest "
            "of the stream cannot be decoded (raise max_event_size if the server "
            "legitimately sends events this large)"
        )
        self._error_raised = True
        raise self._error

    def end(self) -> list[ServerSentEvent]:
        """Signal the end of the stream and reset for a new one; always returns ``[]``.

        An unfinished line or event is discarded, as the standard requires.
        ``last_event_id`` and ``retry`` are kept (they are what a reconnection
        needs). Raises the pending :class:`SSEDecodeError`, if ``feed`` deferred
        one to deliver the events decoded before it.
        """
        error = None if self._error_raised else self._error
        self._reset()
        if error is not None:
            raise error
        return []
