"""Files that change under the SDK between pre-flight and the last byte sent.

Each fails with a typed error naming the file, and no run is sent; a file's
bytes never appear in a repr.
"""

from __future__ import annotations

import asyncio
import io
import json
import os
import socket
from pathlib import Path
from typing import Any, Callable

import pytest

from sketricgen import (
    SketricGenClient,
    SketricGenError,
    SketricGenFileError,
    SketricGenUploadError,
)
from sketricgen._transport.core import TransportCore
from sketricgen._uploads.files import CHUNK_SIZE, inspect_file, inspect_paths
from sketricgen._uploads.flow import UploadFlow
from sketricgen._uploads.form import PresignedForm
from sketricgen.testing import Emulator
from tests.helpers.clients import ClientFactory
from tests.helpers.hostile_server import HostileServer, Received, answer, response_head

pytestmark = pytest.mark.emulator
AGENT = "agent-123"
MODES = ["sync", "async"]


def _run(mode: str, client: SketricGenClient, call: Callable[[SketricGenClient], Any]) -> None:
    """`call(client)` with the sync methods, or awaited with the async ones."""
    if mode == "sync":
        call(client)
        return

    async def main() -> None:
        async with client:
            await call(client)

    asyncio.run(main())


# -- deleted after pre-flight, before its bytes are read ----------------------------------


def _deleting_upload_host(path: Path) -> Callable[[socket.socket, Received], None]:
    """An upload host whose init deletes `path` (pre-flight is over), then answers it."""

    def handle(conn: socket.socket, request: Received) -> None:
        if "UploadInit" in request.request_line:
            path.unlink()
            body = {
                "success": True, "file_id": "file-1", "content_type": "text/plain",
                "upload": {"url": f"http://{request.header('host')}/s3", "fields": {"key": "k"}},
            }  # fmt: skip
            data = json.dumps(body).encode()
            head = {"Content-Type": "application/json", "Content-Length": str(len(data))}
            conn.sendall(response_head("200 OK", head) + data)
        else:
            answer("204 No Content")(conn, request)

    return handle


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("how", ["upload_file", "run_workflow"])
def test_a_file_deleted_after_pre_flight(
    make_client: ClientFactory, sketricgen_emulator: Emulator, tmp_path: Path, mode: str, how: str
) -> None:
    path = tmp_path / "notes.txt"
    path.write_bytes(b"some notes\n")
    with HostileServer(_deleting_upload_host(path)) as server:
        client = make_client(upload_base_url=server.base_url)

        def call(c: SketricGenClient) -> Any:
            if how == "upload_file":
                return (c.upload_file_sync if mode == "sync" else c.upload_file)(AGENT, path)
            run = c.run_workflow_sync if mode == "sync" else c.run_workflow
            return run(AGENT, "Read", file_paths=[path])

        with pytest.raises(SketricGenUploadError) as caught:
            _run(mode, client, call)
        lines = [r.request_line for r in server.received]
    error = caught.value
    assert str(path) in str(error)
    assert "could not be opened (No such file or directory)" in str(error)
    assert (error.file_name, error.step) == ("notes.txt", "upload")
    assert lines == ["POST /publicAssetsUploadInit HTTP/1.1"]  # no byte sent to storage
    assert sketricgen_emulator.requests_to("run") == []


# -- changed while being sent -------------------------------------------------------------

BIG = CHUNK_SIZE + CHUNK_SIZE // 2  # two reads


def _changing(path: Path, change: Callable[[Path], None]) -> Callable[[int, int], None]:
    """An `on_progress` that changes `path` once its first chunk has gone out."""
    done: list[bool] = []

    def progress(sent: int, total: int) -> None:
        if sent and not done:
            done.append(True)
            change(path)

    return progress


def _grow(path: Path) -> None:
    with path.open("ab") as handle:
        handle.write(b"appended while sending\n")


def _shrink(path: Path) -> None:
    os.truncate(path, CHUNK_SIZE + 10)


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize(
    ("change", "what"),
    [(_grow, "grew while being sent"), (_shrink, "ended 524,278 bytes early")],
    ids=["grows", "shrinks"],
)
def test_a_file_that_changes_size_while_being_sent(
    make_client: ClientFactory,
    sketricgen_emulator: Emulator,
    tmp_path: Path,
    mode: str,
    change: Callable[[Path], None],
    what: str,
) -> None:
    path = tmp_path / "big.txt"
    path.write_bytes(b"a line of text\n" * (BIG // 15) + b"x" * (BIG % 15))
    progress = _changing(path, change)

    def call(c: SketricGenClient) -> Any:
        upload = c.upload_file_sync if mode == "sync" else c.upload_file
        return upload(AGENT, path, on_progress=progress)

    with pytest.raises(SketricGenUploadError) as caught:
        _run(mode, make_client(), call)
    error = caught.value
    assert str(error).startswith(f"{str(path)!r}: ")
    assert what in str(error)
    assert (error.file_name, error.step) == ("big.txt", "upload")
    emu = sketricgen_emulator
    # Not retried (the file is not the one checked), and storage never got a whole body.
    assert [r.status for r in emu.requests_to("presigned")] == []
    assert emu.requests_to("upload_complete") == []
    assert not any(upload.completed for upload in emu.uploads)


@pytest.mark.parametrize("mode", MODES)
def test_a_file_object_that_changes_while_being_sent(
    make_client: ClientFactory, sketricgen_emulator: Emulator, mode: str
) -> None:
    stream = io.BytesIO(b"y" * BIG)

    def grow(_: Path) -> None:
        at = stream.tell()
        stream.seek(0, io.SEEK_END)
        stream.write(b"more")
        stream.seek(at)

    progress = _changing(Path(), grow)

    def call(c: SketricGenClient) -> Any:
        upload = c.upload_file_sync if mode == "sync" else c.upload_file
        return upload(AGENT, stream, file_name="data.csv", on_progress=progress)

    with pytest.raises(SketricGenUploadError, match=r"^'data\.csv': .*grew while being sent"):
        _run(mode, make_client(), call)
    assert sketricgen_emulator.requests_to("upload_complete") == []


# -- opened in text mode --------------------------------------------------------------------


def test_a_file_opened_in_text_mode_names_the_file(
    make_client: ClientFactory, sketricgen_emulator: Emulator, tmp_path: Path
) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("some notes\n")
    with path.open() as text, pytest.raises(SketricGenFileError) as caught:
        make_client().upload_file_sync(AGENT, text)
    assert str(caught.value) == "'notes.txt': the file is open in text mode: open it with 'rb'"
    assert (caught.value.field, caught.value.file_name) == ("file", "notes.txt")
    assert sketricgen_emulator.requests == []


class _TextReader:
    """A file-like object that is not an io.TextIOBase but whose read() gives str."""

    name = "report.md"

    def __init__(self) -> None:
        self._data = io.StringIO("# Report\n")

    def read(self, size: int = -1) -> str:
        return self._data.read(size)

    def seekable(self) -> bool:
        return True

    def tell(self) -> int:
        return self._data.tell()

    def seek(self, offset: int, whence: int = 0) -> int:
        return self._data.seek(offset, whence)


@pytest.mark.parametrize("mode", MODES)
def test_a_file_like_object_that_reads_text_is_refused_before_any_request(
    make_client: ClientFactory, sketricgen_emulator: Emulator, mode: str
) -> None:
    def call(c: SketricGenClient) -> Any:
        upload = c.upload_file_sync if mode == "sync" else c.upload_file
        return upload(AGENT, _TextReader())

    with pytest.raises(SketricGenFileError) as caught:
        _run(mode, make_client(), call)
    assert str(caught.value) == (
        "'report.md': the file object's read() gives str, not bytes: open the file with 'rb'"
    )
    assert sketricgen_emulator.requests == []


# -- a file's bytes never appear in a repr ---------------------------------------------------

SECRET_BYTES = b"CONFIDENTIAL-payload-7f3a9c"


def test_no_repr_shows_a_files_bytes(tmp_path: Path) -> None:
    path = tmp_path / "secret.txt"
    path.write_bytes(SECRET_BYTES)
    core = TransportCore(SketricGenClient("sk-test-key-0000")._config)
    files = [
        inspect_file(SECRET_BYTES, file_name="secret.txt"),
        inspect_file(bytearray(SECRET_BYTES), file_name="secret.txt"),
        inspect_file(io.BytesIO(SECRET_BYTES), file_name="secret.txt"),
        inspect_file(path),
        *inspect_paths([path]),
    ]
    shown: list[object] = []
    for local in files:
        flow = UploadFlow(core, AGENT, local)
        with local.open() as reader:
            shown += [local, flow, reader, reader.chunks()]
    fields = {"policy": "eyJleHBpcmF0aW9uIjo", "x-amz-signature": "SIGNATURE-0f9e8d"}
    form = PresignedForm.build(
        fields, file_name="secret.txt", content_type="text/plain", file_size=len(SECRET_BYTES)
    )
    assert "SIGNATURE" not in repr(form)
    shown.append(form)
    for thing in shown:
        assert "CONFIDENTIAL" not in repr(thing), type(thing)
        assert "CONFIDENTIAL" not in str(thing), type(thing)
    assert repr(files[0]).startswith(
        "LocalFile(name='secret.txt', content_type='text/plain', size="
    )


def test_an_upload_error_about_a_file_shows_none_of_its_bytes(
    make_client: ClientFactory, sketricgen_emulator: Emulator
) -> None:
    client = make_client(api_key="sk-wrong-key-0000")
    with pytest.raises(SketricGenError) as caught:
        client.upload_file_sync(AGENT, SECRET_BYTES, file_name="secret.txt")
    for shown in (str(caught.value), repr(caught.value), repr(vars(caught.value))):
        assert "CONFIDENTIAL" not in shown
