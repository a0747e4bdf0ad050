"""A multipart/form-data body as an ordered list of parts, bytes untouched."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from python_multipart.multipart import MultipartParser, parse_options_header

__all__ = ["FormPart", "parse_form"]


@dataclass
class FormPart:
    """One part: its field name, file name and content type when given, and its bytes."""

    name: str
    filename: Optional[str]
    content_type: Optional[str]
    data: bytes

    @property
    def text(self) -> str:
        """The part's bytes as UTF-8 text."""
        return self.data.decode("utf-8", "replace")


def parse_form(content_type: str, body: bytes) -> list[FormPart]:
    """The parts of `body`, in the order sent; ValueError if it is not multipart/form-data."""
    kind, options = parse_options_header(content_type)
    boundary = options.get(b"boundary")
    if kind != b"multipart/form-data" or not boundary:
        raise ValueError("not a multipart/form-data body")

    parts: list[FormPart] = []
    headers: dict[bytes, bytes] = {}
    field: list[bytes] = []
    value: list[bytes] = []
    data: list[bytes] = []

    def on_header_field(buf: bytes, start: int, end: int) -> None:
        field.append(buf[start:end])

    def on_header_value(buf: bytes, start: int, end: int) -> None:
        value.append(buf[start:end])

    def on_header_end() -> None:
        headers[b"".join(field).lower()] = b"".join(value)
        field.clear()
        value.clear()

    def on_part_data(buf: bytes, start: int, end: int) -> None:
        data.append(buf[start:end])

    def on_part_end() -> None:
        _, disposition = parse_options_header(headers.get(b"content-disposition"))
        filename = disposition.get(b"filename")
        part_type = headers.get(b"content-type")
        parts.append(
            FormPart(
                name=disposition.get(b"name", b"").decode("utf-8", "replace"),
                filename=None if filename is None else filename.decode("utf-8", "replace"),
                content_type=None if part_type is None else part_type.decode("latin-1"),
                data=b"".join(data),
            )
        )
        headers.clear()
        data.clear()

    parser = MultipartParser(
        boundary,
        {
            "on_header_field": on_header_field,
            "on_header_value": on_header_value,
            "on_header_end": on_header_end,
            "on_part_data": on_part_data,
            "on_part_end": on_part_end,
        },
    )
    parser.write(body)
    parser.finalize()
    return parts
