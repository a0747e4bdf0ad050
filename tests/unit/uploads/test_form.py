"""The presigned form's layout (sans-IO): read back by a real multipart parser."""

from __future__ import annotations

import asyncio

import pytest

from sketricgen._uploads.form import PresignedForm
from sketricgen.testing._s3 import parse_form

FIELDS = {"Content-Type": "image/png", "key": "uploads/a/b/chart.png", "policy": "eyJ9", "x": ""}


def _body(form: PresignedForm, content: bytes, chunk: int = 3) -> bytes:
    pieces = [content[i : i + chunk] for i in range(0, len(content), chunk)]
    return b"".join(form.stream_sync(pieces, lambda _: None))


def test_fields_in_order_then_the_file_last() -> None:
    content = b"\x89PNG\r\n\x1a\n--not-a-boundary\r\n"
    form = PresignedForm.build(
        FIELDS, file_name="chart.png", content_type="image/png", file_size=len(content)
    )
    body = _body(form, content)
    assert len(body) == form.content_length
    parts = parse_form(form.headers()["Content-Type"], body)
    assert [(p.name, p.text) for p in parts[:-1]] == list(FIELDS.items())
    last = parts[-1]
    assert (last.name, last.filename, last.content_type, last.data) == (
        "file", "chart.png", "image/png", content,
    )  # fmt: skip


def test_the_headers_describe_the_body() -> None:
    form = PresignedForm.build({}, file_name="a.txt", content_type="text/plain", file_size=5)
    headers = form.headers()
    assert headers["Content-Type"] == f"multipart/form-data; boundary={form.boundary}"
    assert headers["Content-Length"] == str(len(_body(form, b"hello")))


def test_each_form_gets_its_own_boundary() -> None:
    one = PresignedForm.build({}, file_name="a.txt", content_type="text/plain", file_size=1)
    two = PresignedForm.build({}, file_name="a.txt", content_type="text/plain", file_size=1)
    assert one.boundary != two.boundary


@pytest.mark.parametrize("name", ['say "hi".txt', "naïve résumé.pdf", "line\r\nbreak.md"])
def test_names_are_escaped_as_browsers_do(name: str) -> None:
    form = PresignedForm.build({"key": "k"}, file_name=name, content_type="text/plain", file_size=2)
    (_, file_part) = parse_form(form.headers()["Content-Type"], _body(form, b"ok"))
    expected = name.replace('"', "%22").replace("\r", "%0D").replace("\n", "%0A")
    assert file_part.filename == expected
    assert file_part.data == b"ok"


def test_progress_follows_the_chunks_taken() -> None:
    form = PresignedForm.build({}, file_name="a.txt", content_type="text/plain", file_size=7)
    sent: list[int] = []
    stream = form.stream_sync([b"abc", b"defg"], sent.append)
    assert next(stream) == form.head
    assert next(stream) == b"abc"
    assert sent == []  # not counted until the connection asks for more
    assert next(stream) == b"defg"
    assert sent == [3]
    assert next(stream) == form.tail
    assert sent == [3, 4]


def test_the_async_stream_yields_the_same_bytes() -> None:
    form = PresignedForm.build(FIELDS, file_name="c.png", content_type="image/png", file_size=6)

    async def collect() -> bytes:
        return b"".join([piece async for piece in form.stream([b"ab", b"cdef"], lambda _: None)])

    assert asyncio.run(collect()) == _body(form, b"abcdef")


def test_the_async_stream_reports_progress_too() -> None:
    form = PresignedForm.build({}, file_name="a.txt", content_type="text/plain", file_size=6)
    sent: list[int] = []

    async def collect() -> None:
        async for _ in form.stream([b"ab", b"cdef"], sent.append):
            pass

    asyncio.run(collect())
    assert sent == [2, 4]


def test_the_repr_hides_the_signed_fields_and_the_boundary_is_32_hex_digits() -> None:
    form = PresignedForm.build(FIELDS, file_name="c.png", content_type="image/png", file_size=6)
    assert "eyJ9" not in repr(form)
    assert "uploads/a/b" not in repr(form)
    assert len(form.boundary) == 32
    int(form.boundary, 16)
