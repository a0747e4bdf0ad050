"""Reading an answer's body within bounds, without I/O: a size cap and a deadline.

The transport's shells read a body chunk by chunk (decompressed, so the cap
holds whatever the compression ratio) and feed each chunk to a `BodyReader`,
which says when to stop. Memory stays bounded by the cap, whatever the
server sends.
"""

from __future__ import annotations

import time
from typing import Optional

__all__ = ["ERROR_BODY_LIMIT", "BodyReader"]

ERROR_BODY_LIMIT = 1024 * 1024
"""Bytes kept of an error answer's body: enough for any error document, never a flood."""


class BodyReader:
    """Collects one body up to `limit` bytes, before `deadline` (a `time.monotonic()` value).

    `feed` returns True when reading must stop: the body grew past the limit
    (`overflow`; with `truncate` the first `limit` bytes are kept) or the
    deadline passed (`expired`). `expire()` marks it expired from a timer.
    """

    __slots__ = ("_chunks", "_deadline", "_limit", "_size", "_truncate", "expired", "overflow")

    def __init__(self, limit: int, deadline: Optional[float], *, truncate: bool = False) -> None:
        self._limit = limit
        self._deadline = deadline
        self._truncate = truncate
        self._chunks: list[bytes] = []
        self._size = 0
        self.expired = False
        self.overflow = False

    def feed(self, chunk: bytes) -> bool:
        """Keep `chunk`; True when the reading must stop here."""
        if self.expired or (self._deadline is not None and time.monotonic() > self._deadline):
            self.expired = True
            return True
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

    @property
    def size(self) -> int:
        """Bytes kept so far."""
        return self._size

    def content(self) -> bytes:
        """The bytes kept, as one string."""
        chunks = self._chunks
        if len(chunks) == 1:
            return chunks[0]
        return b"".join(chunks)
