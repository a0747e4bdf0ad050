"""A presigned POST's multipart/form-data body, streamed: framing computed once, file read as sent.

`PresignedForm` lays out the body without I/O: every policy field in the
order given, then the file as the part named `file`, last. Its length is
known up front (storage hosts refuse a chunked POST), and `stream_sync` /
`stream` yield the framing around chunks of the file, so memory does not
grow with the file's size.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import AsyncIterator, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Callable, Optional

__all__ = ["PresignedForm"]

# WHATWG's multipart/form-data encoding of names in Content-Disposition.
_ESCAPES = {'"': "%22", "\r": "%0D", "\n": "%0A"}
_ESCAPED = re.compile('["\r\n]')


def _quoted(value: str) -> str:
    return '"' + _ESCAPED.sub(lambda match: _ESCAPES[match.group(0)], value) + '"'


def _part_head(boundary: bytes, disposition: str, content_type: Optional[str] = None) -> bytes:
    head = b"--" + boundary + b"\r\nContent-Disposition: form-data; " + disposition.encode()
    if content_type is not None:
        head += b"\r\nContent-Type: " + content_type.encode("latin-1")
    return head + b"\r\n\r\n"


@dataclass(frozen=True)
class PresignedForm:
    """One presigned POST body: `head` (the fields, the file part's headers), the file, `tail`.

    The repr leaves out `head`: the policy's fields hold its signature.
    """

    head: bytes = field(repr=False)
    tail: bytes = field(repr=False)
    file_size: int
    boundary: str

    @classmethod
    def build(
        cls,
        fields: Mapping[str, str],
        *,
        file_name: str,
        content_type: str,
        file_size: int,
        boundary: Optional[str] = None,
    ) -> PresignedForm:
        """Lay out `fields` (in order, unchanged), then the file part named `file`."""
        mark = boundary or secrets.token_hex(16)
        raw = mark.encode("ascii")
        parts = [
            _part_head(raw, f"name={_quoted(name)}") + value.encode() + b"\r\n"
            for name, value in fields.items()
        ]
        disposition = f"name={_quoted('file')}; filename={_quoted(file_name)}"
        parts.append(_part_head(raw, disposition, content_type))
        return cls(b"".join(parts), b"\r\n--" + raw + b"--\r\n", file_size, mark)

    @property
    def content_length(self) -> int:
        """The body's exact size in bytes."""
        return len(self.head) + self.file_size + len(self.tail)

    def headers(self) -> dict[str, str]:
        """`Content-Type` (with the boundary) and `Content-Length` of the body."""
        return {
            "Content-Type": f"multipart/form-data; boundary={self.boundary}",
            "Content-Length": str(self.content_length),
        }

    def stream_sync(self, chunks: Iterable[bytes], sent: Callable[[int], None]) -> Iterator[bytes]:
        """The body; `sent(n)` after each chunk of `n` file bytes was taken by the connection."""
        yield self.head
        for chunk in chunks:
            yield chunk
            sent(len(chunk))
        yield self.tail

    async def stream(
        self, chunks: Iterable[bytes], sent: Callable[[int], None]
    ) -> AsyncIterator[bytes]:
        """`stream_sync` for an `httpx.AsyncClient`.

        The file is read in the event loop, a chunk at a time, as httpx
        itself reads a multipart file part: a local read of one chunk is far
        shorter than sending it.
        """
        yield self.head
        for chunk in chunks:
            yield chunk
            sent(len(chunk))
        yield self.tail
