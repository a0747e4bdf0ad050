"""Incremental, sans-IO decoder for Server-Sent Events (``text/event-stream``).

Feed it bytes as they arrive, get back the events those bytes completed. It
follows the WHATWG HTML standard, "Server-sent events" / "Interpreting an event
stream": lines end in CRLF, LF or CR; a leading UTF-8 BOM is dropped; the text
is UTF-8 with invalid bytes replaced by U+FFFD; a blank line dispatches; an
unterminated last event is dropped at end of stream.

Speed: CRs are turned into LFs once per chunk; then every run of complete
events in a chunk is decoded in one pass and split at its blank lines, and a
block that is a single ``data:`` line (what AG-UI servers send) becomes an
event without going through the line-by-line state machine, which handles
every other block.
"""

from __future__ import annotations

import contextlib
import functools
from typing import Any, Callable, Generic, NoReturn, Optional, TypeVar, cast, overload

from .._exceptions import SketricGenEventDecodeError

__all__ = [
    "DEFAULT_MAX_EVENT_SIZE",
    "SSEDecoder",
    "ServerSentEvent",
]

DEFAULT_MAX_EVENT_SIZE = 16 * 1024 * 1024
"""Default limit, in bytes, for one line or for the data of one event."""

_BOM = b"\xef\xbb\xbf"

E = TypeVar("E")
EventFactory = Callable[[str, str, Optional[str], Optional[int]], E]
"""Builds one event from (type, data, last event id or None, retry or None)."""


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


class SSEDecoder(Generic[E]):
    """Turns the bytes of one event stream into events (:class:`ServerSentEvent` by default).

    ``max_event_size`` bounds, in bytes, any single line and the data of any
    single event; going past it raises :class:`SketricGenEventDecodeError`. After that
    error the decoder keeps raising it until :meth:`end` is called.
    ``factory`` builds each event from ``(type, data, id, retry)``; ``plain``,
    if given, builds from its data alone an event of type "message" with no id
    and no retry (the common case, made faster by one call with one argument);
    ``plain=str`` leaves such an event as its data string.
    """

    @overload
    def __init__(
        self: SSEDecoder[ServerSentEvent], *, max_event_size: int = DEFAULT_MAX_EVENT_SIZE
    ) -> None: ...

    @overload
    def __init__(
        self,
        *,
        max_event_size: int = DEFAULT_MAX_EVENT_SIZE,
        factory: EventFactory[E],
        plain: Optional[Callable[[str], E]] = None,
    ) -> None: ...

    def __init__(
        self,
        *,
        max_event_size: int = DEFAULT_MAX_EVENT_SIZE,
        factory: Callable[..., Any] = ServerSentEvent,
        plain: Optional[Callable[[str], Any]] = None,
    ) -> None:
        if max_event_size < 1:
            raise ValueError("max_event_size must be a positive number of bytes")
        self._max = max_event_size
        self._factory = factory
        self._plain = plain or functools.partial(factory, "message")
        self._last_id = ""
        self._retry: Optional[int] = None
        self._comments = 0
        self._reset()

    def _reset(self) -> None:
        """Forget the unfinished line and event; start a new stream."""
        self._line = bytearray()  # the unfinished line, terminator not yet seen
        self._bom = b""  # the first bytes while they may still be a BOM
        self._after_cr = False  # last chunk ended in CR: a leading LF ends nothing
        self._at_start = True  # a BOM may still be (partly) ahead
        self._data: list[bytes] = []
        self._size = 0  # bytes in self._data
        self._type = ""
        self._id = self._last_id  # the spec's "last event ID buffer"
        self._block_retry: Optional[int] = None
        self._in_block = False  # a non-data field line since the last blank line
        self._error: Optional[SketricGenEventDecodeError] = None
        self._error_raised = False
        self._clean = False  # nothing pending, no error, past the start: `feed` may go fast

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
        return bool(self._line or self._bom or self._data or self._in_block)

    @property
    def comments_seen(self) -> int:
        """How many comment lines (``:`` first, e.g. heartbeats) were read so far."""
        return self._comments

    def feed(self, chunk: bytes) -> list[E]:
        """Decode the next bytes of the stream; return the events they completed, in order."""
        if self._clean and 13 not in chunk:  # no CR to turn into LF, nothing pending
            end = len(chunk) - 2
            # The whole chunk is one event of one data line.
            if (
                chunk.find(b"\n") == end
                and chunk[-1] == 10
                and chunk[:5] == b"data:"
                and end <= self._max
            ):
                data = chunk[6:end] if chunk[5] == 32 else chunk[5:end]
                text = data.decode("utf-8", "replace")
                if self._last_id:
                    return [self._factory("message", text, self._last_id, None)]
                return [self._plain(text)]
            out: list[E] = []
            self._guarded(self._feed, chunk, out)
            return out
        return self._feed_slowly(chunk)

    def _guarded(self, step: Callable[[bytes, list[E]], None], chunk: bytes, out: list[E]) -> None:
        """Run `step`; an error after some events is raised by the next call instead."""
        try:
            step(chunk, out)
        except SketricGenEventDecodeError:
            if not out:
                raise
            self._error_raised = False  # deliver these events; raise on the next call
        finally:
            self._clean = not (
                self._error or self._at_start or self._after_cr or self._line or self._data
                or self._in_block
            )  # fmt: skip

    def _feed_slowly(self, chunk: bytes) -> list[E]:
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
        if self._at_start:
            head = self._bom + chunk
            if len(head) < 3 and _BOM.startswith(head):
                self._bom = head  # wait for the rest of a possible BOM
                return []
            self._at_start = False
            self._bom = b""
            chunk = head[3:] if head.startswith(_BOM) else head
            if not chunk:
                return []
        if 13 in chunk:
            # Every line ending becomes one LF (CRLF pairs first, then lone CRs).
            self._after_cr = chunk[-1] == 13
            chunk = chunk.replace(b"\r\n", b"\n").replace(b"\r", b"\n")
        out: list[E] = []
        self._guarded(self._feed, chunk, out)
        return out

    def _feed(self, chunk: bytes, out: list[E]) -> None:
        line = self._line
        if line:  # finish the unfinished line first
            end = chunk.find(b"\n")
            if end < 0:
                line += chunk
                if len(line) > self._max:
                    self._fail("a line")
                return
            line += chunk[:end]
            if len(line) > self._max:
                self._fail("a line")
            first = bytes(line)
            line.clear()
            self._process([first], out)
            chunk = chunk[end + 1 :]
        if self._data or self._in_block:  # finish the unfinished block
            if chunk[:1] == b"\n":  # a blank line right away
                self._process([b""], out)
                chunk = chunk[1:]
            else:
                end = chunk.find(b"\n\n")
                if end < 0:
                    self._lines(chunk, out)
                    return
                lines = chunk[:end].split(b"\n")
                lines.append(b"")
                self._checked(lines, out)
                chunk = chunk[end + 2 :]
        end = chunk.rfind(b"\n\n")
        if end >= 0:
            self._blocks(chunk[:end], out)
            chunk = chunk[end + 2 :]
        if chunk:
            self._lines(chunk, out)

    def _blocks(self, head: bytes, out: list[E]) -> None:
        """Complete blocks, each followed by a blank line; no block is pending before them."""
        if len(head) > self._max:  # some line or event may be too long: the careful way
            self._checked(head.split(b"\n"), out)
            self._process([b""], out)
            return
        # LF never occurs inside a UTF-8 sequence: decoding these lines in one
        # pass gives the same text as decoding each line alone.
        text = head.decode("utf-8", "replace")
        factory = self._factory
        ident = self._last_id or None
        if text[:6] == "data: ":
            values = text.split("\n\ndata: ")
            values[0] = values[0][6:]
            # No LF left once the separators are out: each block is one data line.
            # (A joined copy searched with memchr costs less than counting LFs.)
            if "\n" not in "".join(values):
                if ident is None and self._plain is str:  # str(value) is value: no calls
                    out += cast("list[E]", values)
                elif ident is None:
                    out += map(self._plain, values)
                else:
                    out += [factory("message", value, ident, None) for value in values]
                return
        pieces = text.split("\n\n")
        append = out.append
        plain = self._plain
        raw: Optional[list[bytes]] = None
        for index, piece in enumerate(pieces):
            if piece[:5] == "data:" and "\n" not in piece:
                value = piece[6:] if piece[5:6] == " " else piece[5:]
                append(plain(value) if ident is None else factory("message", value, ident, None))
            else:  # any other block: line by line, from its bytes
                if raw is None:
                    raw = head.split(b"\n\n")
                lines = raw[index].split(b"\n")
                lines.append(b"")
                self._process(lines, out)
                ident = self._last_id or None

    def _lines(self, chunk: bytes, out: list[E]) -> None:
        """Lines with no blank line among them, the last one maybe unfinished."""
        lines = chunk.split(b"\n")
        tail = lines.pop()
        if lines:
            self._checked(lines, out)
        if tail:
            if len(tail) > self._max:
                self._fail("a line")
            self._line += tail

    def _checked(self, lines: list[bytes], out: list[E]) -> None:
        """`_process`, checking first each line that may be longer than the limit."""
        if sum(map(len, lines)) <= self._max:
            self._process(lines, out)
            return
        for one in lines:  # the events before a line too long are still delivered
            if len(one) > self._max:
                self._fail("a line")
            self._process([one], out)

    def _process(self, lines: list[bytes], out: list[E]) -> None:
        # The state machine: state lives in locals and is written back once, at the end.
        data = self._data
        size = self._size
        etype = self._type
        last_id = self._id
        dispatched_id = self._last_id
        retry = self._block_retry
        in_block = self._in_block
        maximum = self._max
        factory = self._factory
        append = out.append
        try:
            for ln in lines:
                if not ln:  # blank line: dispatch
                    dispatched_id = last_id
                    if data:
                        if len(data) == 1:
                            text = data[0].decode("utf-8", "replace")
                        else:
                            text = b"\n".join(data).decode("utf-8", "replace")
                        if etype or last_id or retry is not None:
                            append(factory(etype or "message", text, last_id or None, retry))
                        else:
                            append(self._plain(text))
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
        self._error = SketricGenEventDecodeError(
            f"event stream: {what} exceeds max_event_size ({self._max} bytes); the rest "
            "of the stream cannot be decoded (pass a larger max_event_size= to "
            "SketricGenClient if the server legitimately sends events this large)"
        )
        self._error_raised = True
        raise self._error

    def end(self) -> list[E]:
        """Signal the end of the stream and reset for a new one; always returns ``[]``.

        An unfinished line or event is discarded, as the standard requires.
        ``last_event_id`` and ``retry`` are kept (they are what a reconnection
        needs). Raises the pending :class:`SketricGenEventDecodeError`, if ``feed`` deferred
        one to deliver the events decoded before it.
        """
        error = None if self._error_raised else self._error
        self._reset()
        if error is not None:
            raise error
        return []
