"""Reading an answer's body within bounds, without I/O: a size cap and a deadline.

The transport's shells read a body chunk by chunk and feed each chunk to a
`BodyReader`, which says when to stop. It inflates gzip and deflate itself,
a slice at a time, so the cap holds on the decompressed size and a
compression bomb never inflates at once: memory stays bounded whatever the
server sends. Other encodings (br, zstd) are decoded by httpx before the
reader sees them (`raw` is False then).

`complete_chunks` reads the framing of a chunked body (RFC 9112, 7.1), for
the stream shells' fast path over bytes that h11 has buffered (see
`buffered_chunks` in `shells.py`).
"""

from __future__ import annotations

import re
import time
import zlib
from collections.abc import Iterator
from typing import Optional

import httpx

__all__ = ["ERROR_BODY_LIMIT", "BodyReader", "complete_chunks"]

ERROR_BODY_LIMIT = 1024 * 1024
"""Bytes kept of an error answer's body: enough for any error document, never a flood."""

_SLICE = 256 * 1024  # bytes inflated at a time
_GZIP = zlib.MAX_WBITS | 16
_ZLIB = zlib.MAX_WBITS
_DEFLATE = -zlib.MAX_WBITS  # deflate without its zlib wrapper, which some servers send


class _Inflater:
    """gzip or deflate, inflated in slices of at most `_SLICE` bytes."""

    __slots__ = ("_seen", "_unpack", "_wbits")

    def __init__(self, wbits: int) -> None:
        self._wbits = wbits
        self._unpack = zlib.decompressobj(wbits)
        self._seen: Optional[bytes] = b""  # the bytes before the first output (None after)

    def slices(self, data: bytes) -> Iterator[bytes]:
        seen = self._seen
        try:
            piece = self._unpack.decompress(data, _SLICE)
        except zlib.error as exc:
            if seen is None or self._wbits != _ZLIB:
                raise httpx.DecodingError(f"the compressed body is corrupt ({exc})") from exc
            # Not zlib-wrapped: raw deflate, from the start.
            self._wbits = _DEFLATE
            self._unpack = zlib.decompressobj(_DEFLATE)
            self._seen = b""
            yield from self.slices(seen + data)
            return
        if seen is not None:
            self._seen = None if piece else seen + data
        yield piece
        while self._unpack.unconsumed_tail or len(piece) == _SLICE:
            try:
                piece = self._unpack.decompress(self._unpack.unconsumed_tail, _SLICE)
            except zlib.error as exc:
                raise httpx.DecodingError(f"the compressed body is corrupt ({exc})") from exc
            if not piece:
                return
            yield piece


def _inflater(encoding: str) -> Optional[_Inflater]:
    if encoding in ("gzip", "x-gzip"):
        return _Inflater(_GZIP)
    if encoding == "deflate":
        return _Inflater(_ZLIB)
    return None


class BodyReader:
    """Collects one body up to `limit` bytes, before `deadline` (a `time.monotonic()` value).

    `encoding` is the answer's `Content-Encoding`. When `raw` is True the
    shell feeds the body as it came off the wire (`iter_raw`), else decoded
    by httpx (`iter_bytes`). `feed` returns True when reading must stop: the
    decoded body grew past the limit (`overflow`; with `truncate` the first
    `limit` bytes are kept) or the deadline passed (`expired`). `expire()`
    marks it expired from a timer. A corrupt compressed body raises
    `httpx.DecodingError`, as httpx's own decoders do.
    """

    __slots__ = (
        "_chunks",
        "_deadline",
        "_inflater",
        "_limit",
        "_size",
        "_truncate",
        "expired",
        "overflow",
        "raw",
    )

    def __init__(
        self, limit: int, deadline: Optional[float], *, truncate: bool = False, encoding: str = ""
    ) -> None:
        encoding = encoding.strip().lower()
        self._inflater = _inflater(encoding)
        self.raw = self._inflater is not None or encoding in ("", "identity")
        self._limit = limit
        self._deadline = deadline
        self._truncate = truncate
        self._chunks: list[bytes] = []
        self._size = 0
        self.expired = False
        self.overflow = False

    def feed(self, chunk: bytes) -> bool:
        """Keep `chunk` (inflated if need be); True when the reading must stop here."""
        if self.expired or (self._deadline is not None and time.monotonic() > self._deadline):
            self.expired = True
            return True
        if self._inflater is None:
            return self._keep(chunk)
        return any(self._keep(piece) for piece in self._inflater.slices(chunk))

    def _keep(self, chunk: bytes) -> bool:
        room = self._limit - self._size
        if len(chunk) > room:
            self.overflow = True
            if self._truncate and room > 0:
                self._chunks.append(chunk[:room])
                self._size = self._limit
            self._chunks = self._chunks if self._truncate else []
            return True
        if chunk:
            self._chunks.append(chunk)
            self._size += len(chunk)
        return False

    def expire(self) -> None:
        """The deadline passed (called by a timer): the reading stops at the next chunk."""
        self.expired = True

    def content(self) -> bytes:
        """The bytes kept, as one string."""
        chunks = self._chunks
        if len(chunks) == 1:
            return chunks[0]
        return b"".join(chunks)


# A chunk's size line, in the one form taken here: hex digits (as many as h11
# allows), no extension, no whitespace. Any other form is left to h11.
_CHUNK_SIZE = re.compile(rb"([0-9A-Fa-f]{1,20})\r\n")


def complete_chunks(data: bytearray, start: int = 0) -> tuple[bytes, int]:
    """The data of the whole chunks of a chunked body that `data` holds from `start`, joined.

    Also returns where the first chunk not taken begins. Stops before the
    last chunk (size 0), a chunk not wholly in `data` (its closing CRLF
    included), and anything that is not a plain `<hex size>CRLF<data>CRLF`
    frame: those stay for the full parser, which knows trailers, extensions
    and errors.
    """
    size_line = _CHUNK_SIZE.match
    pieces: list[bytearray] = []
    at = start
    while True:
        line = size_line(data, at)
        if line is None:
            break
        size = int(line.group(1), 16)
        begin = line.end()
        end = begin + size
        if not size or not data.startswith(b"\r\n", end):
            break
        pieces.append(data[begin:end])
        at = end + 2
    return b"".join(pieces), at
