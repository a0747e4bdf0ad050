"""`BodyReader`, the transport's bounded body reading (sans-IO): inflating, capping, deadlines."""

from __future__ import annotations

import gzip
import time
import zlib

import httpx
import pytest

from sketricgen._transport.body import ERROR_BODY_LIMIT, BodyReader, _Inflater, complete_chunks

TEXT = b'{"response": "Hello!"}' * 1000


def _deflate(data: bytes, *, wrapped: bool) -> bytes:
    packer = zlib.compressobj(6, zlib.DEFLATED, zlib.MAX_WBITS if wrapped else -zlib.MAX_WBITS)
    return packer.compress(data) + packer.flush()


def _feed(reader: BodyReader, data: bytes, size: int) -> bool:
    """Feed `data` in chunks of `size` bytes; True if the reader asked to stop."""
    return any(reader.feed(data[i : i + size]) for i in range(0, len(data), size))


@pytest.mark.parametrize(
    ("encoding", "packed"),
    [
        ("", TEXT),
        ("identity", TEXT),
        ("gzip", gzip.compress(TEXT)),
        ("x-gzip", gzip.compress(TEXT)),
        ("deflate", _deflate(TEXT, wrapped=True)),
        ("deflate", _deflate(TEXT, wrapped=False)),
    ],
)
@pytest.mark.parametrize("size", [1, 7, 65536])
def test_every_encoding_comes_out_whole_however_it_is_cut(
    encoding: str, packed: bytes, size: int
) -> None:
    reader = BodyReader(len(TEXT), None, encoding=encoding)
    assert reader.raw
    assert not _feed(reader, packed, size)
    assert reader.content() == TEXT
    assert not reader.overflow


def test_other_encodings_are_left_to_httpx() -> None:
    assert not BodyReader(10, None, encoding="br").raw


def test_a_bomb_stops_at_the_limit_without_inflating_the_rest() -> None:
    bomb = gzip.compress(bytes(64 * 1024 * 1024))  # 64 MiB of zeros in about 64 KiB
    reader = BodyReader(1024 * 1024, None, encoding="gzip")
    assert reader.feed(bomb)
    assert reader.overflow
    assert reader.content() == b""  # a success body past the limit is not kept


def test_an_error_body_past_the_limit_keeps_its_start() -> None:
    reader = BodyReader(10, None, truncate=True)
    assert not reader.feed(b"0123")
    assert reader.feed(b"456789abc")
    assert reader.content() == b"0123456789"
    assert reader.overflow


def test_a_corrupt_compressed_body_is_an_httpx_decoding_error() -> None:
    reader = BodyReader(1024, None, encoding="gzip")
    with pytest.raises(httpx.DecodingError):
        reader.feed(b"\x1f\x8b this is not gzip")


def test_the_deadline_stops_the_reading() -> None:
    reader = BodyReader(1024, time.monotonic() - 1)
    assert reader.feed(b"late")
    assert reader.expired
    timed = BodyReader(1024, None)
    timed.expire()
    assert timed.feed(b"x")
    assert timed.expired


def test_an_error_body_keeps_at_most_one_mebibyte() -> None:
    assert ERROR_BODY_LIMIT == 1024 * 1024


def test_the_last_byte_of_room_is_kept_when_truncating() -> None:
    reader = BodyReader(10, None, truncate=True)
    assert reader.feed(b"012345678") is False
    assert reader.feed(b"9abc") is True
    assert reader.content() == b"0123456789"


def test_inflating_goes_a_quarter_mebibyte_at_a_time() -> None:
    inflater = _Inflater(zlib.MAX_WBITS | 16)
    pieces = list(inflater.slices(gzip.compress(bytes(3 * 256 * 1024 + 5))))
    assert [len(piece) for piece in pieces] == [256 * 1024] * 3 + [5]


def test_a_body_corrupt_past_its_first_slice_is_a_decoding_error() -> None:
    packed = bytearray(gzip.compress(bytes(range(256)) * 8192))  # 2 MiB: inflated in slices
    packed[len(packed) // 2 : len(packed) // 2 + 64] = bytes(64)
    reader = BodyReader(4 * 1024 * 1024, None, encoding="gzip")
    with pytest.raises(httpx.DecodingError, match="corrupt"):
        reader.feed(bytes(packed))


# -- complete_chunks: the framing of a chunked body, for the stream shells' fast path


def _framed(*pieces: bytes) -> bytes:
    return b"".join(b"%x\r\n%s\r\n" % (len(piece), piece) for piece in pieces)


def test_whole_chunks_come_out_joined_with_where_they_end() -> None:
    data = bytearray(_framed(b"data: 1\n\n", b"data: 2\r\n\r\n", b"x" * 300))
    assert complete_chunks(data) == (b"data: 1\n\ndata: 2\r\n\r\n" + b"x" * 300, len(data))
    assert data == _framed(b"data: 1\n\n", b"data: 2\r\n\r\n", b"x" * 300)  # left as it was


def test_the_scan_begins_at_start() -> None:
    data = bytearray(b"\r\n" + _framed(b"ab", b"cd"))
    assert complete_chunks(data, 2) == (b"abcd", len(data))
    assert complete_chunks(data) == (b"", 0)  # a CRLF is no size line


@pytest.mark.parametrize(
    "rest",
    [
        b"5",  # a size line not finished
        b"5\r",
        b"5\r\nabc",  # a chunk not wholly there
        b"5\r\nabcde",  # ... nor its closing CRLF
        b"5\r\nabcde\r",
        b"5\r\nabcdeXY",  # a malformed end: h11's to report
        b"0\r\n\r\n",  # the last chunk: h11 reads the trailers and ends the body
        b"00\r\n\r\n",
        b"5;name=value\r\nabcde\r\n",  # an extension
        b"5 \r\nabcde\r\n",  # whitespace
        b" 5\r\nabcde\r\n",
        b"+5\r\nabcde\r\n",  # what int() would take, HTTP not
        b"0x5\r\nabcde\r\n",
        b"5\nabcde\r\n",  # a bare LF
        b"g\r\nabcde\r\n",
        b"%021x\r\n" % 5,  # more digits than h11 takes
    ],
)
def test_anything_but_a_plain_whole_chunk_stops_the_scan(rest: bytes) -> None:
    head = _framed(b"first", b"second")
    data = bytearray(head + rest + _framed(b"after"))
    assert complete_chunks(data) == (b"firstsecond", len(head))


def test_sizes_are_hex_in_either_case_and_up_to_twenty_digits() -> None:
    piece = bytes(range(256)) * 2  # CR, LF and every other byte inside the data
    for size_line in (b"200", b"00000000000000000200"):
        data = bytearray(size_line + b"\r\n" + piece + b"\r\n")
        assert complete_chunks(data) == (piece, len(data))
    data = bytearray(b"1A\r\n" + piece[:26] + b"\r\n" + b"1a\r\n" + piece[:26] + b"\r\n")
    assert complete_chunks(data) == (piece[:26] * 2, len(data))


def test_nothing_whole_gives_nothing() -> None:
    assert complete_chunks(bytearray()) == (b"", 0)
    assert complete_chunks(bytearray(b"a\r\n0123456"), 0) == (b"", 0)
