"""Pre-flight: a file that cannot be attached stops everything before the first request.

Every test ends by checking that the emulator received no request at all:
not an init, not a presigned POST, not a run.
"""

from __future__ import annotations

import io
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from sketricgen import (
    SketricGenClient,
    SketricGenContentTypeError,
    SketricGenError,
    SketricGenFileError,
    SketricGenFileNotFoundError,
    SketricGenFileSizeError,
    SketricGenUploadError,
    SketricGenValidationError,
)
from sketricgen._uploads.files import CHUNK_SIZE, LocalFile, inspect_file
from sketricgen._uploads.filetypes import ALLOWED_TYPES, MAX_FILE_BYTES
from sketricgen.testing import Emulator
from tests.helpers.clients import ClientFactory
from tests.helpers.uploads import without_file_permissions

pytestmark = pytest.mark.emulator
AGENT = "agent-123"


@pytest.fixture
def emu(sketricgen_emulator: Emulator) -> Iterator[Emulator]:
    yield sketricgen_emulator
    assert sketricgen_emulator.requests == [], "a request reached the service"


def _run_sync(make_client: ClientFactory, paths: list[Any]) -> None:
    make_client().run_workflow_sync(AGENT, "Summarize", file_paths=paths)


async def _run_async(make_client: ClientFactory, paths: list[Any]) -> None:
    async with make_client() as client:
        await client.run_workflow(AGENT, "Summarize", file_paths=paths)


# -- a missing path ----------------------------------------------------------------


def test_a_missing_path_is_a_file_not_found_error_too(
    make_client: ClientFactory, emu: Emulator, files: Path
) -> None:
    missing = files / "nope.pdf"
    with pytest.raises(FileNotFoundError) as caught:
        _run_sync(make_client, [files / "document1.pdf", missing])
    error = caught.value
    assert isinstance(error, SketricGenFileNotFoundError)
    assert isinstance(error, SketricGenError)
    assert isinstance(error, SketricGenValidationError)
    assert isinstance(error, SketricGenUploadError)
    assert error.filename == str(missing)
    assert error.errno == 2
    assert error.field == "file_paths"
    assert "file_paths[1]" in str(error)
    assert "nope.pdf" in str(error)


@pytest.mark.anyio
async def test_a_missing_path_async(make_client: ClientFactory, emu: Emulator, files: Path) -> None:
    with pytest.raises(SketricGenFileNotFoundError, match="no such file"):
        await _run_async(make_client, [str(files / "document1.pdf"), str(files / "gone.png")])


def test_a_path_under_a_file_is_missing_too(
    make_client: ClientFactory, emu: Emulator, files: Path
) -> None:
    with pytest.raises(SketricGenFileNotFoundError):
        make_client().upload_file_sync(AGENT, files / "document1.pdf" / "inner.pdf")


# -- not a regular, readable file ---------------------------------------------------


def test_a_directory_is_refused(make_client: ClientFactory, emu: Emulator, files: Path) -> None:
    folder = files / "reports.pdf"
    folder.mkdir()
    with pytest.raises(SketricGenFileError, match="is a directory") as caught:
        _run_sync(make_client, [files / "image.png", folder])
    assert not isinstance(caught.value, FileNotFoundError)
    assert caught.value.field == "file_paths"


@pytest.fixture
def open_folder(files: Path) -> Iterator[Path]:
    """A folder anyone may search, so that only a file's own bits can refuse a read."""
    with tempfile.TemporaryDirectory() as folder:
        os.chmod(folder, 0o755)
        shutil.copy(files / "image.png", folder)
        yield Path(folder)


def test_an_unreadable_file_is_refused(
    make_client: ClientFactory, emu: Emulator, open_folder: Path
) -> None:
    unreadable = open_folder / "secret.pdf"
    unreadable.write_bytes(b"%PDF-1.4\nsecret\n")
    unreadable.chmod(0)
    client = make_client()

    def attach() -> None:
        readable = open_folder / "image.png"
        client.run_workflow_sync(AGENT, "Read", file_paths=[readable, unreadable])

    with pytest.raises(SketricGenFileError, match="cannot be read") as caught:
        without_file_permissions(attach)
    assert "secret.pdf" in str(caught.value)
    assert "Permission denied" in str(caught.value)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_a_pipe_is_refused(make_client: ClientFactory, emu: Emulator, files: Path) -> None:
    pipe = files / "stream.txt"
    os.mkfifo(pipe)
    with pytest.raises(SketricGenFileError, match="not a regular file"):
        make_client().upload_file_sync(AGENT, pipe)


# -- size -----------------------------------------------------------------------------


def test_an_empty_file_is_refused(make_client: ClientFactory, emu: Emulator, files: Path) -> None:
    empty = files / "empty.pdf"
    empty.touch()
    with pytest.raises(SketricGenFileSizeError, match="is empty") as caught:
        _run_sync(make_client, [files / "document1.pdf", empty])
    assert (caught.value.file_size, caught.value.max_size) == (0, MAX_FILE_BYTES)
    assert caught.value.file_name == "empty.pdf"


def test_empty_bytes_are_refused(make_client: ClientFactory, emu: Emulator) -> None:
    with pytest.raises(SketricGenFileSizeError, match="is empty"):
        make_client().upload_file_sync(AGENT, b"", file_name="empty.txt")


@pytest.mark.anyio
async def test_a_file_over_20_mb_is_refused(
    make_client: ClientFactory, emu: Emulator, files: Path
) -> None:
    big = files / "big.pdf"
    with big.open("wb") as out:
        out.truncate(MAX_FILE_BYTES + 1)  # sparse: no 20 MB written to disk
    with pytest.raises(SketricGenFileSizeError) as caught:
        await _run_async(make_client, [files / "document1.pdf", files / "image.png", big])
    error = caught.value
    assert (error.file_size, error.max_size) == (MAX_FILE_BYTES + 1, 20 * 1024 * 1024)
    assert "20 MB" in str(error)
    assert "file_paths[2]" in str(error)


def test_exactly_20_mb_passes_pre_flight(files: Path) -> None:
    # The check alone, no service.
    from sketricgen._uploads.files import inspect_paths  # noqa: PLC0415

    edge = files / "edge.pdf"
    with edge.open("wb") as out:
        out.truncate(MAX_FILE_BYTES)
    (checked,) = inspect_paths([edge])
    assert checked.size == MAX_FILE_BYTES


# -- type -------------------------------------------------------------------------------


def test_a_type_outside_the_list_is_refused(
    make_client: ClientFactory, emu: Emulator, files: Path
) -> None:
    program = files / "setup.exe"
    program.write_bytes(b"MZ\x90\x00")
    with pytest.raises(SketricGenContentTypeError) as caught:
        _run_sync(make_client, [files / "document1.pdf", program])
    error = caught.value
    assert error.allowed_types == ALLOWED_TYPES
    assert "application/pdf" in error.allowed_types
    assert "image/png" in error.allowed_types
    assert "setup.exe" in str(error)


def test_a_name_without_extension_is_refused(
    make_client: ClientFactory, emu: Emulator, files: Path
) -> None:
    bare = files / "README"
    bare.write_text("hello")
    with pytest.raises(SketricGenContentTypeError) as caught:
        make_client().upload_file_sync(AGENT, bare)
    assert caught.value.content_type is None


@pytest.mark.parametrize(
    ("content_type", "match"),
    [("application/zip", "not a type SketricGen accepts"), ("image/png", "the name says")],
)
def test_a_refused_or_contradicting_content_type(
    make_client: ClientFactory, emu: Emulator, content_type: str, match: str
) -> None:
    with pytest.raises(SketricGenContentTypeError, match=match) as caught:
        make_client().upload_file_sync(
            AGENT, b"%PDF-1.4\n", file_name="doc.pdf", content_type=content_type
        )
    assert caught.value.content_type == content_type
    assert caught.value.field == "content_type"


# -- bytes and file objects without a name ---------------------------------------------


def test_bytes_need_a_file_name(make_client: ClientFactory, emu: Emulator) -> None:
    with pytest.raises(SketricGenFileError, match="file_name=") as caught:
        make_client().upload_file_sync(AGENT, b"%PDF-1.4\n")
    assert caught.value.field == "file_name"


@pytest.mark.anyio
async def test_a_nameless_file_object_needs_a_file_name(
    make_client: ClientFactory, emu: Emulator
) -> None:
    async with make_client() as client:
        with pytest.raises(SketricGenFileError, match="file_name="):
            await client.upload_file(AGENT, io.BytesIO(b"%PDF-1.4\n"))


def test_a_text_mode_file_is_refused(
    make_client: ClientFactory, emu: Emulator, files: Path
) -> None:
    notes = files / "notes.txt"
    notes.write_text("hello")
    with notes.open() as text, pytest.raises(SketricGenFileError, match="text mode"):
        make_client().upload_file_sync(AGENT, text)


def test_an_unseekable_file_object_is_refused(make_client: ClientFactory, emu: Emulator) -> None:
    read, write = os.pipe()
    os.write(write, b"hello")
    os.close(write)
    with open(read, "rb") as pipe, pytest.raises(SketricGenFileError, match="not seekable"):
        make_client().upload_file_sync(AGENT, pipe, file_name="notes.txt")


@pytest.mark.parametrize(
    ("file_name", "match"),
    [("", "empty"), ("folder/report.pdf", "base name"), (3, "must be a string")],
)
def test_a_bad_file_name(
    make_client: ClientFactory, emu: Emulator, file_name: Any, match: str
) -> None:
    with pytest.raises(SketricGenFileError, match=match):
        make_client().upload_file_sync(AGENT, b"data", file_name=file_name)


# -- the list itself, and the run's own arguments ---------------------------------------


@pytest.mark.parametrize(
    "file_paths", ["report.pdf", b"report.pdf", [b"%PDF-1.4"], [3], Path("report.pdf")]
)
def test_file_paths_must_be_a_list_of_paths(
    make_client: ClientFactory, emu: Emulator, file_paths: Any
) -> None:
    with pytest.raises(SketricGenFileError) as caught:
        _run_sync(make_client, file_paths)
    assert caught.value.field == "file_paths"


def test_a_bad_run_argument_uploads_nothing(
    make_client: ClientFactory, emu: Emulator, files: Path
) -> None:
    with pytest.raises(SketricGenValidationError, match="user_input") as caught:
        make_client().run_workflow_sync(AGENT, "x" * 10_001, file_paths=[files / "document1.pdf"])
    assert not isinstance(caught.value, SketricGenUploadError)


@pytest.mark.parametrize("agent_id", ["", "  ", None])
def test_upload_file_needs_an_agent(
    make_client: ClientFactory, emu: Emulator, files: Path, agent_id: Any
) -> None:
    with pytest.raises(SketricGenValidationError, match="agent_id"):
        make_client().upload_file_sync(agent_id, files / "document1.pdf")


def test_upload_files_checks_the_whole_set_first(
    make_client: ClientFactory, emu: Emulator, files: Path
) -> None:
    paths = [files / "document1.pdf", files / "image.png", files / "absent.pdf"]
    with pytest.raises(SketricGenFileNotFoundError):
        make_client().upload_files_sync(AGENT, paths)


@pytest.mark.parametrize("limit", [0, -1, 2.5, "4", True])
def test_max_concurrent_uploads_is_a_positive_whole_number(emu: Emulator, limit: Any) -> None:
    with pytest.raises(SketricGenValidationError, match="max_concurrent_uploads") as caught:
        SketricGenClient(emu.api_key, max_concurrent_uploads=limit)
    assert caught.value.field == "max_concurrent_uploads"


# -- a file's bytes, read the way an upload reads them (no network) -------------------------


def _chunks(file: LocalFile, size: int = 4) -> list[bytes]:
    with file.open() as reader:
        return list(reader.chunks(size))


def test_a_file_is_sent_a_mebibyte_at_a_time() -> None:
    assert CHUNK_SIZE == 1024 * 1024


def test_bytes_come_out_whole_in_chunks_and_stay_out_of_repr() -> None:
    file = inspect_file(b"abcdef-secret", file_name="notes.txt")
    assert (file.name, file.content_type, file.size) == ("notes.txt", "text/plain", 13)
    assert _chunks(file) == [b"abcd", b"ef-s", b"ecre", b"t"]
    assert "secret" not in repr(file)


def test_a_path_is_opened_once_per_upload(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_bytes(b"0123456789")
    assert _chunks(inspect_file(str(path))) == [b"0123", b"4567", b"89"]


def test_a_path_that_changed_or_vanished_before_the_upload(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_bytes(b"0123456789")
    file = inspect_file(str(path))
    path.write_bytes(b"01234")
    with pytest.raises(SketricGenUploadError, match="changed size since it was checked"):
        _chunks(file)
    path.unlink()
    with pytest.raises(SketricGenUploadError, match="could not be opened"):
        _chunks(file)


def test_a_stream_is_read_from_where_it_stood() -> None:
    stream = io.BytesIO(b"0123456789")
    stream.seek(3)
    file = inspect_file(stream, file_name="notes.txt")
    assert (file.size, file.start) == (7, 3)
    assert "BytesIO" not in repr(file)  # the repr shows the file, not where its bytes are
    assert _chunks(file) == [b"3456", b"789"]
    assert _chunks(file) == [b"3456", b"789"]  # a retry starts again from `start`


def test_a_stream_that_shrank_or_grew_while_being_sent() -> None:
    shrinking = io.BytesIO(b"0123456789")
    file = inspect_file(shrinking, file_name="notes.txt")
    shrinking.truncate(6)
    with pytest.raises(SketricGenUploadError, match="ended 4 bytes early"):
        _chunks(file)
    growing = io.BytesIO(b"0123456789")
    file = inspect_file(growing, file_name="notes.txt")
    growing.seek(0, os.SEEK_END)
    growing.write(b"more")
    with pytest.raises(SketricGenUploadError, match="grew while being sent"):
        _chunks(file)


class _Unreadable(io.RawIOBase):
    """A seekable binary stream whose read fails."""

    def seekable(self) -> bool:
        return True

    def seek(self, offset: int, whence: int = os.SEEK_SET) -> int:
        return 10 if whence == os.SEEK_END else 0

    def tell(self) -> int:
        return 0

    def read(self, size: int = -1) -> bytes:
        raise OSError("device gone")


def test_a_stream_that_cannot_be_read_is_refused() -> None:
    with pytest.raises(SketricGenFileError, match=r"'a\.txt': cannot be read \(device gone\)"):
        inspect_file(_Unreadable(), file_name="a.txt")


def test_a_text_mode_file_is_named_by_its_own_name(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("hello")
    with path.open() as text, pytest.raises(SketricGenFileError, match=r"^'notes\.txt': the file"):
        inspect_file(text)


def test_a_file_name_with_a_backslash_is_refused() -> None:
    with pytest.raises(SketricGenFileError, match="without folders"):
        inspect_file(b"x", file_name="dir\\notes.txt")


def test_a_path_the_system_cannot_look_up_is_refused_with_its_reason() -> None:
    with pytest.raises(SketricGenFileError, match=r"cannot be read \(File name too long\)"):
        inspect_file("x" * 5000 + ".txt")
