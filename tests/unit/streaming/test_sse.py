"""The SSE decoder against the WHATWG "Interpreting an event stream" rules.

Every vector is a byte stream and the events it must produce; each is fed
whole, byte by byte, and in seeded random chunks (empty chunks included).
"""

from __future__ import annotations

import random
from collections.abc import Callable
from typing import Optional

import pytest

from sketricgen import SketricGenError, SketricGenEventDecodeError, SketricGenStreamError
from sketricgen._streaming.sse import (
    DEFAULT_MAX_EVENT_SIZE,
    ServerSentEvent,
    SSEDecoder,
)

BOM = b"\xef\xbb\xbf"


def ev(
    data: str, event: str = "message", id: Optional[str] = None, retry: Optional[int] = None
) -> ServerSentEvent:
    return ServerSentEvent(event=event, data=data, id=id, retry=retry)


Vector = tuple[str, bytes, list[ServerSentEvent]]

VECTORS: list[Vector] = [
    # Line endings: CRLF, LF, CR, and nothing else.
    ("lf", b"data: a\n\n", [ev("a")]),
    ("crlf", b"data: a\r\n\r\n", [ev("a")]),
    ("cr", b"data: a\r\r", [ev("a")]),
    ("mixed-endings", b"data: a\r\ndata: b\rdata: c\n\r\n", [ev("a\nb\nc")]),
    ("cr-cr-is-two-endings", b"data: a\r\rdata: b\n\n", [ev("a"), ev("b")]),
    ("lf-cr-is-two-endings", b"data: a\n\rdata: b\r\n\n", [ev("a"), ev("b")]),
    ("crlf-then-lines", b"data: a\r\ndata: b\r\n\r\ndata: c\r\n\r\n", [ev("a\nb"), ev("c")]),
    (
        "other-line-breaks-are-data",
        "data: a\u2028b\u2029c\u0085d\x0ce\x0bf\x1cg\x1dh\x1ei\n\n".encode(),
        [ev("a\u2028b\u2029c\u0085d\x0ce\x0bf\x1cg\x1dh\x1ei")],
    ),
    ("lone-0x85-byte-is-data", b"data: a\x85b\n\n", [ev("a\ufffdb")]),
    # Byte order mark.
    ("bom-dropped", BOM + b"data: a\n\n", [ev("a")]),
    ("bom-then-blank-line", BOM + b"\ndata: a\n\n", [ev("a")]),
    ("bom-only", BOM, []),
    ("second-bom-kept", BOM + BOM + b"data: a\n\ndata: b\n\n", [ev("b")]),
    ("bom-later-is-data", b"data: a\n\n" + BOM + b"data: b\n\ndata: c\n\n", [ev("a"), ev("c")]),
    ("bom-inside-data", b"data: " + BOM + b"x\n\n", [ev("\ufeffx")]),
    ("bom-prefix-not-bom", b"\xef\xbbdata: a\n\ndata: b\n\n", [ev("b")]),
    # UTF-8 decoding.
    ("multibyte", "data: é€😀ß\n\n".encode(), [ev("é€😀ß")]),
    ("invalid-utf8-replaced", b"data: a\xffb\xc3(c\n\n", [ev("a\ufffdb\ufffd(c")]),
    ("truncated-sequence-at-line-end", b"data: \xe2\x82\n\n", [ev("\ufffd")]),
    ("surrogate-bytes-replaced", b"data: \xed\xa0\x80\n\n", [ev("\ufffd\ufffd\ufffd")]),
    ("nul-in-data-kept", b"data: a\x00b\n\n", [ev("a\x00b")]),
    ("multibyte-event-and-id", "event: ünï\nid: ид\ndata: x\n\n".encode(), [ev("x", "ünï", "ид")]),
    # Field and value.
    ("one-space-stripped", b"data:  x\n\n", [ev(" x")]),
    ("no-space", b"data:x\n\n", [ev("x")]),
    ("trailing-space-kept", b"data: x \n\n", [ev("x ")]),
    ("tab-not-stripped", b"data:\tx\n\n", [ev("\tx")]),
    ("colon-in-value", b"data: a:b: c\n\n", [ev("a:b: c")]),
    ("no-colon-is-empty-value", b"data\n\n", [ev("")]),
    ("empty-value", b"data:\n\n", [ev("")]),
    ("space-before-colon-is-another-field", b"data : x\n\n", []),
    ("field-names-case-sensitive", b"Data: x\nDATA: y\n\n", []),
    ("unknown-fields-ignored", b"foo: bar\nfoo\ndata: a\nbaz:\n\n", [ev("a")]),
    # Comments.
    ("comment-ignored", b": hello\ndata: a\n: mid\n\n", [ev("a")]),
    ("bare-colon-comment", b":\ndata: a\n:\n\n", [ev("a")]),
    ("comments-only", b": ping\n\n: ping\n\n:\n\n", []),
    ("comment-looking-like-field", b":data: x\n\n", []),
    # Data buffer.
    ("multiple-data-lines", b"data: a\ndata: b\ndata: c\n\n", [ev("a\nb\nc")]),
    ("data-ends-with-empty-line", b"data: a\ndata\n\n", [ev("a\n")]),
    ("data-ends-with-empty-value", b"data: a\ndata:\n\n", [ev("a\n")]),
    ("data-starts-with-empty-line", b"data\ndata: a\n\n", [ev("\na")]),
    ("two-empty-data-lines", b"data\ndata\n\n", [ev("\n")]),
    ("extra-blank-lines", b"\n\n\ndata: a\n\n\n\ndata: b\n\n\n", [ev("a"), ev("b")]),
    # Event type.
    ("event-type", b"event: add\ndata: 1\n\n", [ev("1", "add")]),
    (
        "event-type-reset-after-dispatch",
        b"event: add\ndata: 1\n\ndata: 2\n\n",
        [ev("1", "add"), ev("2")],
    ),
    ("empty-event-type-is-message", b"event:\ndata: a\n\n", [ev("a")]),
    ("event-type-last-wins", b"event: a\nevent: b\ndata: x\n\n", [ev("x", "b")]),
    ("event-type-spaces", b"event:  x \ndata: y\n\n", [ev("y", " x ")]),
    ("event-only-block-dispatches-nothing", b"event: x\n\ndata: a\n\n", [ev("a")]),
    # Last event ID.
    ("id", b"id: 1\ndata: a\n\n", [ev("a", id="1")]),
    ("id-after-data", b"data: a\nid: 1\n\n", [ev("a", id="1")]),
    ("id-persists", b"id: 1\ndata: a\n\ndata: b\n\n", [ev("a", id="1"), ev("b", id="1")]),
    ("id-only-block-sets-id", b"id: 7\n\ndata: a\n\n", [ev("a", id="7")]),
    (
        "id-with-nul-ignored",
        b"id: 1\ndata: a\n\nid: 2\x003\ndata: b\n\n",
        [ev("a", id="1"), ev("b", id="1")],
    ),
    ("empty-id-resets", b"id: 1\ndata: a\n\nid\ndata: b\n\n", [ev("a", id="1"), ev("b")]),
    (
        "empty-id-with-colon-resets",
        b"id: 1\ndata: a\n\nid:\ndata: b\n\n",
        [ev("a", id="1"), ev("b")],
    ),
    ("id-spaces-kept", b"id:  1 \ndata: a\n\n", [ev("a", id=" 1 ")]),
    # Reconnection time.
    ("retry", b"retry: 1500\ndata: a\n\n", [ev("a", retry=1500)]),
    ("retry-no-space", b"retry:25\ndata: a\n\n", [ev("a", retry=25)]),
    ("retry-leading-zeros", b"retry: 007\ndata: a\n\n", [ev("a", retry=7)]),
    ("retry-per-block", b"retry: 5\ndata: a\n\ndata: b\n\n", [ev("a", retry=5), ev("b")]),
    ("retry-not-digits-ignored", b"retry: 12a\ndata: a\n\n", [ev("a")]),
    ("retry-two-spaces-ignored", b"retry:  1\ndata: a\n\n", [ev("a")]),
    ("retry-empty-ignored", b"retry:\nretry\ndata: a\n\n", [ev("a")]),
    ("retry-negative-ignored", b"retry: -1\nretry: 1.5\nretry: 1e3\ndata: a\n\n", [ev("a")]),
    ("retry-non-ascii-digits-ignored", "retry: ١٢\ndata: a\n\n".encode(), [ev("a")]),
    ("retry-huge-no-crash", b"retry: " + b"9" * 5000 + b"\n\n", []),
    # End of stream.
    ("unterminated-event-dropped", b"data: a\n\ndata: b\n", [ev("a")]),
    ("trailing-partial-line-dropped", b"data: a\n\ndata: b", [ev("a")]),
    ("unterminated-after-cr-dropped", b"data: a\r\rdata: b\r", [ev("a")]),
    ("empty-stream", b"", []),
    ("only-blank-lines", b"\n\r\n\r", []),
    # The examples of the HTML standard's section.
    ("spec-stock", b"data: YHOO\ndata: +2\ndata: 10\n\n", [ev("YHOO\n+2\n10")]),
    (
        "spec-ids",
        b": test stream\n\ndata: first event\nid: 1\n\ndata:second event\nid\n\n"
        b"data:  third event\n",
        [ev("first event", id="1"), ev("second event")],
    ),
    ("spec-empty-data", b"data\n\ndata\ndata\n\ndata:", [ev(""), ev("\n")]),
    ("spec-space", b"data:test\n\ndata: test\n\n", [ev("test"), ev("test")]),
    (
        "spec-event-types",
        b"event: add\ndata: 73857293\n\nevent: remove\ndata: 2153\n\nevent: add\ndata: 113411\n\n",
        [ev("73857293", "add"), ev("2153", "remove"), ev("113411", "add")],
    ),
    (
        "spec-multiline",
        b"data: This is the first message.\n\n"
        b"data: This is the second message, it\ndata: has two lines.\n\n"
        b"data: This is the third message.\n\n",
        [
            ev("This is the first message."),
            ev("This is the second message, it\nhas two lines."),
            ev("This is the third message."),
        ],
    ),
    # Runs of one-line blocks (the decoder's fast path) mixed with every other shape.
    ("one-line-blocks", b"data: a\n\ndata: b\n\ndata: c\n\n", [ev("a"), ev("b"), ev("c")]),
    ("one-line-blocks-no-space", b"data:a\n\ndata: b\n\ndata:c\n\n", [ev("a"), ev("b"), ev("c")]),
    ("one-line-empty-values", b"data: \n\ndata:\n\ndata\n\n", [ev(""), ev(""), ev("")]),
    (
        "one-line-value-looks-like-field",
        b"data: data: x\n\ndata: id: 1\n\n",
        [ev("data: x"), ev("id: 1")],
    ),
    (
        "one-line-blocks-around-others",
        b"data: a\n\nevent: x\ndata: b\n\ndata: c\n\n: ping\n\ndata: d\ndata: e\n\ndata: f\n\n",
        [ev("a"), ev("b", "x"), ev("c"), ev("d\ne"), ev("f")],
    ),
    (
        "id-carries-into-one-line-blocks",
        b"data: a\n\nid: 9\n\ndata: b\n\ndata: c\n\nid\n\ndata: d\n\n",
        [ev("a"), ev("b", id="9"), ev("c", id="9"), ev("d")],
    ),
    (
        "retry-block-between-one-line-blocks",
        b"data: a\n\nretry: 5\ndata: b\n\ndata: c\n\n",
        [ev("a"), ev("b", retry=5), ev("c")],
    ),
    (
        "one-line-blocks-then-unfinished",
        b"data: a\n\ndata: b\n\ndata: c\ndata: d\n",
        [ev("a"), ev("b")],
    ),
    (
        "crlf-one-line-blocks",
        b"data: a\r\n\r\ndata: b\r\n\r\ndata: c\r\n\r\n",
        [ev("a"), ev("b"), ev("c")],
    ),
    (
        "cr-one-line-blocks-invalid-utf8",
        b"data: \xff\r\rdata: \xe2\x82\xac\r\r",
        [ev("\ufffd"), ev("\u20ac")],
    ),
    # What the SketricGen service sends: AG-UI events as bare data lines.
    (
        "ag-ui",
        b'data: {"type":"RUN_STARTED","thread_id":"t","run_id":"r"}\n\n'
        b": keep-alive\n\n"
        b'data: {"type":"TEXT_MESSAGE_CONTENT","message_id":"m","delta":" h\\u00e9 "}\n\n',
        [
            ev('{"type":"RUN_STARTED","thread_id":"t","run_id":"r"}'),
            ev('{"type":"TEXT_MESSAGE_CONTENT","message_id":"m","delta":" h\\u00e9 "}'),
        ],
    ),
]


def _whole(stream: bytes) -> list[bytes]:
    return [stream]


def _bytewise(stream: bytes) -> list[bytes]:
    return [stream[i : i + 1] for i in range(len(stream))]


def _random(seed: int) -> Callable[[bytes], list[bytes]]:
    def split(stream: bytes) -> list[bytes]:
        rng = random.Random(seed)
        cuts = sorted(rng.randint(0, len(stream)) for _ in range(rng.randint(0, 12)))
        bounds = [0, *cuts, len(stream)]
        return [stream[a:b] for a, b in zip(bounds, bounds[1:])]

    return split


FEEDERS: dict[str, Callable[[bytes], list[bytes]]] = {
    "whole": _whole,
    "bytewise": _bytewise,
    **{f"random{seed}": _random(seed) for seed in range(5)},
}


def decode(chunks: list[bytes], decoder: Optional[SSEDecoder] = None) -> list[ServerSentEvent]:
    decoder = decoder or SSEDecoder()
    events: list[ServerSentEvent] = []
    for chunk in chunks:
        events.extend(decoder.feed(chunk))
    assert decoder.end() == []
    return events


@pytest.mark.parametrize("mode", list(FEEDERS))
@pytest.mark.parametrize(
    ("stream", "expected"), [v[1:] for v in VECTORS], ids=[v[0] for v in VECTORS]
)
def test_vector(stream: bytes, expected: list[ServerSentEvent], mode: str) -> None:
    assert decode(FEEDERS[mode](stream)) == expected


def test_vector_names_are_unique() -> None:
    names = [v[0] for v in VECTORS]
    assert len(names) == len(set(names))


# Chunk boundaries that matter, spelled out.


@pytest.mark.parametrize(
    ("chunks", "expected"),
    [
        # CR ends one chunk, LF starts the next: one line ending, no phantom blank line.
        ([b"data: a\r", b"\n", b"data: b\r\n\r\n"], [ev("a\nb")]),
        ([b"data: a\r", b"\ndata: b\r", b"\n\r", b"\n"], [ev("a\nb")]),
        ([b"data: a\r\n\r", b"\n", b"data: b\r\n\r\n"], [ev("a"), ev("b")]),
        # CR at the end of a chunk followed by something else than LF.
        ([b"data: a\r", b"data: b\r\r"], [ev("a\nb")]),
        ([b"data: a\r", b"\r"], [ev("a")]),
        ([b"data: a\r", b"", b"\n", b"\n"], [ev("a")]),
        # A BOM split across feeds, then data; a BOM after the start is data.
        ([b"\xef", b"\xbb", b"\xbfdata: a\n\n"], [ev("a")]),
        ([b"\xef\xbb", b"\xbf", b"data: a\n\n"], [ev("a")]),
        ([b"\xef", b"\xbb", b"\xbf", BOM, b"data: a\n\ndata: b\n\n"], [ev("b")]),
        ([b"\xef", b"\xbbdata: a\n\ndata: b\n\n"], [ev("b")]),
        # A multi-byte character split across feeds is not replaced.
        ([b"data: \xe2", b"\x82", b"\xac\n\n"], [ev("€")]),
        ([b"data: \xf0\x9f", b"\x98\x80\n", b"\n"], [ev("😀")]),
    ],
)
def test_chunk_boundaries(chunks: list[bytes], expected: list[ServerSentEvent]) -> None:
    assert decode(chunks) == expected


def test_event_is_returned_by_the_feed_that_completes_it() -> None:
    decoder = SSEDecoder()
    assert decoder.feed(b"data: a\n") == []
    assert decoder.feed(b"\n") == [ev("a")]
    assert decoder.feed(b"data: b\r\n") == []
    assert decoder.feed(b"\r") == [ev("b")]  # a CR ends the line without waiting for LF
    assert decoder.feed(b"\ndata: c\r\r") == [ev("c")]
    assert decoder.feed(b"data: d\n\ndata: e\n\ndata: f") == [ev("d"), ev("e")]
    assert decoder.feed(b"\n\n") == [ev("f")]
    assert decoder.end() == []


@pytest.mark.parametrize("mode", list(FEEDERS))
def test_events_arrive_at_their_blank_line(mode: str) -> None:
    stream = b"data: a\n\n: c\n\nevent: x\ndata: b\r\n\r\nid: 1\ndata: c\r\rdata: d"
    # Where each blank line's last byte ends (a CR ends a line without waiting for LF).
    ends = [stream.index(b"\n\n") + 2, stream.index(b"\r\n\r\n") + 3, stream.index(b"\r\r") + 2]
    decoder = SSEDecoder()
    position = 0
    boundaries: list[int] = []
    seen: list[tuple[int, ServerSentEvent]] = []
    for chunk in FEEDERS[mode](stream):
        position += len(chunk)
        boundaries.append(position)
        seen.extend((position, event) for event in decoder.feed(chunk))
    assert [event for _, event in seen] == [ev("a"), ev("b", "x"), ev("c", id="1")]
    # Each event comes from the feed call that delivered its blank line, not later.
    assert [p for p, _ in seen] == [min(b for b in boundaries if b >= end) for end in ends]
    assert decoder.pending
    assert decoder.end() == []


# Decoder state.


def test_last_event_id_changes_at_blank_lines() -> None:
    decoder = SSEDecoder()
    assert decoder.last_event_id == ""
    decoder.feed(b"id: 5\n")
    assert decoder.last_event_id == ""
    decoder.feed(b"\n")
    assert decoder.last_event_id == "5"
    assert decoder.feed(b"data: a\n\n") == [ev("a", id="5")]
    decoder.feed(b"id\n\n")
    assert decoder.last_event_id == ""


def test_last_event_id_and_retry_survive_end() -> None:
    decoder = SSEDecoder()
    decoder.feed(b"id: 5\nretry: 300\ndata: a\n\nid: 6\ndata: b\n")
    assert decoder.end() == []  # the unterminated event, and its id, are dropped
    assert decoder.last_event_id == "5"
    assert decoder.retry == 300
    # A new stream (a reconnection) starts with that id; its BOM is dropped again.
    assert decoder.feed(BOM + b"data: c\n\n") == [ev("c", id="5")]


def test_retry_property() -> None:
    decoder = SSEDecoder()
    assert decoder.retry is None
    decoder.feed(b"retry: 10\n\n")
    assert decoder.retry == 10
    decoder.feed(b"retry: x\n\nretry:\n\n")
    assert decoder.retry == 10
    assert decoder.feed(b"data: a\n\n") == [ev("a")]  # the event's retry is per block
    decoder.feed(b"retry: 2000\n")
    assert decoder.retry == 2000


def test_pending() -> None:
    decoder = SSEDecoder()
    assert not decoder.pending
    decoder.feed(b"\xef")
    assert decoder.pending  # a possible BOM is buffered
    decoder.feed(b"\xbb\xbf")
    assert not decoder.pending
    decoder.feed(b": ping\n")
    assert not decoder.pending  # a comment is not an unfinished event
    decoder.feed(b"data: a")
    assert decoder.pending
    decoder.feed(b"\n")
    assert decoder.pending
    decoder.feed(b"\n")
    assert not decoder.pending
    for line in (b"event: x\n", b"id: 1\n", b"retry: 1\n", b"foo: bar\n", b"data\n"):
        decoder.feed(line)
        assert decoder.pending, line
        decoder.feed(b"\n")
        assert not decoder.pending
    decoder.feed(b"data: a\n")
    decoder.end()
    assert not decoder.pending


def test_comments_seen() -> None:
    decoder = SSEDecoder()
    decoder.feed(b": ping\n\n:\n")
    assert decoder.comments_seen == 2
    decoder.feed(b":data: x\n\ndata: a\n\n")
    assert decoder.comments_seen == 3


def test_end_always_returns_nothing_and_resets() -> None:
    decoder = SSEDecoder()
    assert decoder.feed(b"event: x\ndata: a\n") == []
    assert decoder.end() == []
    assert decoder.feed(b"data: b\n\n") == [ev("b")]  # no leftover data or type
    assert decoder.end() == []
    assert decoder.end() == []


# Size limits and big events.


def test_big_event_decodes() -> None:
    payload = b"x" * (8 * 1024 * 1024)
    stream = b"data: " + payload + b"\n\n"
    for size in (len(stream), 65536, 4096):
        events = decode([stream[i : i + size] for i in range(0, len(stream), size)])
        assert len(events) == 1
        assert events[0].data == payload.decode()


def test_big_multiline_event_decodes() -> None:
    line = b"data: " + "é".encode() * 500 + b"\n"
    stream = line * 8000 + b"\n"  # 8 MB of data in 8,000 lines
    events = decode([stream[i : i + 65536] for i in range(0, len(stream), 65536)])
    assert events == [ev("\n".join(["é" * 500] * 8000))]


def test_many_events_in_one_chunk() -> None:
    stream = b"".join(b'data: {"type":"TEXT_MESSAGE_CONTENT","i":%d}\n\n' % i for i in range(50000))
    events = decode([stream])
    assert len(events) == 50000
    assert events[-1].data == '{"type":"TEXT_MESSAGE_CONTENT","i":49999}'


@pytest.mark.parametrize("mode", list(FEEDERS))
@pytest.mark.parametrize(
    "stream",
    [
        b"data: " + b"x" * 20 + b"\n\n",  # one long data line
        b": " + b"x" * 20 + b"\n\n",  # a long comment is still a long line
        b"data: a\n\ndata: " + b"x" * 20,  # unterminated, yet too long
        b"data:1234\ndata:5678\ndata:90\n\n",  # lines within the limit, the event not
    ],
    ids=["line", "comment", "partial-line", "multi-line-event"],
)
def test_max_event_size_exceeded(stream: bytes, mode: str) -> None:
    with pytest.raises(SketricGenEventDecodeError, match="max_event_size"):
        decode(FEEDERS[mode](stream), SSEDecoder(max_event_size=9))


@pytest.mark.parametrize("mode", list(FEEDERS))
def test_max_event_size_is_inclusive(mode: str) -> None:
    stream = b"data:1234\ndata:5678\n\n: 4567\n\ndata:9\n\n"
    assert decode(FEEDERS[mode](stream), SSEDecoder(max_event_size=9)) == [
        ev("1234\n5678"),
        ev("9"),
    ]


@pytest.mark.parametrize("mode", list(FEEDERS))
def test_the_first_event_may_fill_max_event_size_exactly(mode: str) -> None:
    # 9 bytes of data in lines of at most 9 bytes: the joining newlines are not counted.
    stream = b"data:1234\ndata:5678\ndata:9\n\n"
    assert decode(FEEDERS[mode](stream), SSEDecoder(max_event_size=9)) == [ev("1234\n5678\n9")]


def test_the_smallest_limit_is_one_byte() -> None:
    decoder = SSEDecoder(max_event_size=1)
    assert decode([b":\n\n"], decoder) == []
    assert decoder.comments_seen == 1


def test_default_limit_applies_to_a_line() -> None:
    assert DEFAULT_MAX_EVENT_SIZE == 16 * 1024 * 1024
    decoder = SSEDecoder()
    decoder.feed(b"data: " + b"x" * (DEFAULT_MAX_EVENT_SIZE - 6))  # exactly the limit
    with pytest.raises(SketricGenEventDecodeError):
        decoder.feed(b"x")


def test_events_before_the_error_are_delivered_first() -> None:
    decoder = SSEDecoder(max_event_size=10)
    assert decoder.feed(b"data: a\n\ndata: " + b"x" * 20 + b"\n\n") == [ev("a")]
    with pytest.raises(SketricGenEventDecodeError):
        decoder.feed(b"data: b\n\n")
    with pytest.raises(SketricGenEventDecodeError):  # it keeps failing until reset
        decoder.feed(b"data: b\n\n")
    assert decoder.end() == []  # already reported: end() does not raise it again
    assert decoder.feed(b"data: c\n\n") == [ev("c")]


def test_deferred_error_is_raised_by_end() -> None:
    decoder = SSEDecoder(max_event_size=10)
    assert decoder.feed(b"data: a\n\ndata:12345\ndata:67890\ndata:1\n") == [ev("a")]
    with pytest.raises(SketricGenEventDecodeError):
        decoder.end()
    assert decoder.feed(b"data: b\n\n") == [ev("b")]


def test_error_types() -> None:
    assert issubclass(SketricGenEventDecodeError, SketricGenStreamError)
    assert issubclass(SketricGenEventDecodeError, SketricGenError)
    assert issubclass(SketricGenEventDecodeError, ValueError)
    with pytest.raises(ValueError, match="max_event_size"):
        SSEDecoder(max_event_size=0)


def test_server_sent_event_value_semantics() -> None:
    event = ServerSentEvent(data="x", id="1")
    assert event == ServerSentEvent("message", "x", "1", None)
    assert event != ServerSentEvent(data="x")
    assert event != ("message", "x", "1", None)
    assert repr(event) == "ServerSentEvent(event='message', data='x', id='1', retry=None)"
    assert ServerSentEvent().event == "message"


@pytest.mark.parametrize("mode", list(FEEDERS))
def test_plain_events_can_stay_their_data(mode: str) -> None:
    stream = (
        b"data: a\n\ndata: b\n\nevent: x\ndata: c\n\nid: 1\ndata: d\n\ndata: e\n\nid\n\ndata: f\n\n"
    )
    decoder = SSEDecoder(factory=ServerSentEvent, plain=str)
    found = [event for chunk in FEEDERS[mode](stream) for event in decoder.feed(chunk)]
    assert found == ["a", "b", ev("c", "x"), ev("d", id="1"), ev("e", id="1"), "f"]


def test_plain_events_after_an_id_carry_it() -> None:
    decoder = SSEDecoder(factory=ServerSentEvent, plain=str)
    assert decoder.feed(b"data: a\n\nid: 7\n\n") == ["a"]
    assert decoder.feed(b"data: b\n\ndata: c\n\n") == [ev("b", id="7"), ev("c", id="7")]


def test_plain_events_by_their_own_factory() -> None:
    decoder = SSEDecoder(factory=ServerSentEvent, plain=lambda data: ev(data.upper()))
    assert decoder.feed(b"data: a\n\ndata: b\n\nretry: 1\ndata: c\n\n") == [
        ev("A"), ev("B"), ev("c", retry=1),
    ]  # fmt: skip
