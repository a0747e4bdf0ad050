"""Pre-flight of files to attach: each one found, named, typed and sized before any request.

`inspect_file` turns what a user passes (a path, bytes, a binary file
object) into a `LocalFile`, or raises a `SketricGenFileError` subclass;
`inspect_paths` does it for a whole `file_paths` list, so that one bad file
stops the set before anything is uploaded. `LocalFile.open()` gives the
reader the upload streams from, restarting at the file's start on each
attempt.
"""

from __future__ import annotations

import io
import os
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import IO, Any, Optional, Union

from .._exceptions import (
    SketricGenContentTypeError,
    SketricGenFileError,
    SketricGenFileNotFoundError,
    SketricGenFileSizeError,
    SketricGenUploadError,
)
from .filetypes import (
    ALLOWED_TYPES,
    MAX_FILE_BYTES,
    content_type_for,
    extension_for,
    guess_type,
    normalize_content_type,
)

__all__ = ["CHUNK_SIZE", "FileInput", "LocalFile", "inspect_file", "inspect_paths"]

CHUNK_SIZE = 1024 * 1024
"""Bytes read from a file at a time while it is sent."""

FileInput = Union[str, "os.PathLike[str]", bytes, bytearray, memoryview, IO[bytes]]
"""What `upload_file` accepts: a path, the file's bytes, or a binary file object."""

_MB = 1024 * 1024


@dataclass(frozen=True)
class LocalFile:
    """A file that passed pre-flight: the name and type sent, its size, where its bytes are.

    Exactly one of `path`, `data` and `stream` is set; a stream is read from
    `start`, its position when it was given. `label` names the file in
    messages (its path as given, or its name).
    """

    name: str
    content_type: str
    size: int
    label: str
    path: Optional[str] = None
    data: Optional[bytes] = field(default=None, repr=False)
    stream: Optional[IO[bytes]] = field(default=None, repr=False)
    start: int = 0

    @contextmanager
    def open(self) -> Iterator[FileReader]:
        """A reader of the file's bytes, for the time of one upload (a path is opened once)."""
        if self.path is None:
            yield FileReader(self, self.stream)
            return
        try:
            handle = open(self.path, "rb")  # noqa: SIM115 - closed below
        except OSError as exc:
            raise self.failure(f"could not be opened ({exc.strerror or exc})") from exc
        with handle:
            if os.fstat(handle.fileno()).st_size != self.size:
                raise self.failure("changed size since it was checked; attach it again")
            yield FileReader(self, handle)

    def failure(self, what: str) -> SketricGenUploadError:
        """An upload error about this file's bytes."""
        return SketricGenUploadError(f"{self.label}: {what}.", file_name=self.name, step="upload")


class FileReader:
    """The bytes of one `LocalFile`, as chunks; each `chunks()` starts from the beginning."""

    def __init__(self, file: LocalFile, handle: Optional[IO[bytes]]) -> None:
        self._file = file
        self._handle = handle

    def chunks(self, chunk_size: int = CHUNK_SIZE) -> Iterator[bytes]:
        """Exactly `size` bytes, at most `chunk_size` at a time (a resized file raises)."""
        file = self._file
        if file.data is not None:
            for offset in range(0, file.size, chunk_size):
                yield file.data[offset : offset + chunk_size]
            return
        handle = self._handle
        assert handle is not None
        handle.seek(file.start)
        left = file.size
        while left:
            chunk = handle.read(min(chunk_size, left))
            if not isinstance(chunk, bytes):
                if isinstance(chunk, (bytearray, memoryview)):
                    chunk = bytes(chunk)
                else:
                    raise file.failure(f"read() gave {type(chunk).__name__}, not bytes")
            if not chunk:
                raise file.failure(f"ended {left:,} bytes early: it shrank while being sent")
            if len(chunk) > left:
                raise file.failure("read() gave more bytes than asked for")
            left -= len(chunk)
            if not left and handle.read(1):  # checked before its last bytes go out
                raise file.failure("grew while being sent; attach it again once it is written")
            yield chunk


def inspect_paths(paths: Any) -> tuple[LocalFile, ...]:
    """Check every entry of `file_paths`; raise for the first one that cannot be attached."""
    if paths is None:
        return ()
    if isinstance(paths, (str, bytes, os.PathLike)) or not hasattr(paths, "__iter__"):
        raise SketricGenFileError(
            "file_paths must be a list of paths, e.g. file_paths=['report.pdf']",
            field="file_paths",
        )
    files = []
    for index, path in enumerate(paths):
        where = f"file_paths[{index}]"
        if not isinstance(path, (str, os.PathLike)):
            raise SketricGenFileError(
                f"{where} must be a path (str or os.PathLike), got {type(path).__name__}; "
                "to attach bytes or a file object, use upload_file(..., file_name=...) and "
                "pass the ids as assets=",
                field="file_paths",
            )
        files.append(_inspect_path(path, None, None, where, "file_paths"))
    return tuple(files)


def inspect_file(
    file: Any,
    *,
    file_name: Optional[str] = None,
    content_type: Optional[str] = None,
) -> LocalFile:
    """Check one file given to `upload_file`: a path, bytes, or a binary file object."""
    if file_name is not None and not isinstance(file_name, str):
        raise SketricGenFileError(
            f"file_name must be a string, got {type(file_name).__name__}", field="file_name"
        )
    if content_type is not None and not isinstance(content_type, str):
        raise SketricGenFileError(
            f"content_type must be a string, got {type(content_type).__name__}",
            field="content_type",
        )
    if isinstance(file, (str, os.PathLike)):
        return _inspect_path(file, file_name, content_type, "file", "file")
    if isinstance(file, (bytes, bytearray, memoryview)):
        return _inspect_bytes(bytes(file), file_name, content_type)
    if callable(getattr(file, "read", None)):
        return _inspect_stream(file, file_name, content_type)
    raise SketricGenFileError(
        f"file must be a path, bytes or a binary file object, got {type(file).__name__}",
        field="file",
    )


def _inspect_path(
    path: Any, file_name: Optional[str], content_type: Optional[str], where: str, arg: str
) -> LocalFile:
    text = os.fsdecode(os.fspath(path))
    label = f"{where} ({text!r})" if arg == "file_paths" else repr(text)
    try:
        info = os.stat(text)
    except (FileNotFoundError, NotADirectoryError):
        raise SketricGenFileNotFoundError(
            f"{label}: no such file; check the path", path=text, field=arg
        ) from None
    except OSError as exc:
        raise SketricGenFileError(
            f"{label}: cannot be read ({exc.strerror or exc})", field=arg
        ) from exc
    if stat.S_ISDIR(info.st_mode):
        raise SketricGenFileError(
            f"{label}: is a directory; attach the files in it one by one", field=arg
        )
    if not stat.S_ISREG(info.st_mode):
        raise SketricGenFileError(
            f"{label}: is not a regular file (a pipe or a device cannot be attached)", field=arg
        )
    try:
        open(text, "rb").close()  # readable now, not at upload time
    except OSError as exc:
        raise SketricGenFileError(
            f"{label}: cannot be read ({exc.strerror or exc})", field=arg
        ) from exc
    name = _check_name(file_name, arg) if file_name is not None else os.path.basename(text)
    _check_size(info.st_size, label, name, arg)
    name, kind = _resolve_type(name, content_type, label, arg)
    return LocalFile(name, kind, info.st_size, label, path=text)


def _inspect_bytes(data: bytes, file_name: Optional[str], content_type: Optional[str]) -> LocalFile:
    if file_name is None:
        raise SketricGenFileError(
            "bytes have no file name: pass file_name= (e.g. 'report.pdf'); its extension "
            "decides the file's type",
            field="file_name",
        )
    name = _check_name(file_name, "file_name")
    _check_size(len(data), repr(name), name, "file")
    name, kind = _resolve_type(name, content_type, repr(name), "file")
    return LocalFile(name, kind, len(data), repr(name), data=data)


def _inspect_stream(
    stream: Any, file_name: Optional[str], content_type: Optional[str]
) -> LocalFile:
    if isinstance(stream, io.TextIOBase):
        path = getattr(stream, "name", None)
        given = file_name or (os.path.basename(path) if isinstance(path, str) else "")
        shown = f"{given!r}: the file" if given else "the file object"
        raise SketricGenFileError(
            f"{shown} is open in text mode: open it with 'rb'",
            file_name=given or None, field="file",
        )  # fmt: skip
    if file_name is None:
        own = getattr(stream, "name", None)
        if not isinstance(own, str) or not os.path.basename(own):
            raise SketricGenFileError(
                "this file object has no file name: pass file_name= (e.g. 'report.pdf'); "
                "its extension decides the file's type",
                field="file_name",
            )
        file_name = os.path.basename(own)
    name = _check_name(file_name, "file_name")
    label = repr(name)
    try:
        seekable = bool(stream.seekable())
        start = stream.tell() if seekable else 0
        size = stream.seek(0, os.SEEK_END) - start if seekable else 0
        if seekable:
            stream.seek(start)
    except (AttributeError, OSError, ValueError) as exc:
        raise SketricGenFileError(
            f"{label}: the file object cannot be measured ({exc}); pass its bytes instead",
            field="file",
        ) from exc
    if not seekable:
        raise SketricGenFileError(
            f"{label}: the file object is not seekable, so it can be neither measured nor "
            "re-sent on a retry; pass its bytes (f.read()) instead",
            field="file",
        )
    try:
        text = isinstance(stream.read(0), str)  # reads nothing: a text-mode probe
    except (OSError, ValueError) as exc:
        raise SketricGenFileError(f"{label}: cannot be read ({exc})", field="file") from exc
    if text:
        raise SketricGenFileError(
            f"{label}: the file object's read() gives str, not bytes: open the file with 'rb'",
            file_name=name, field="file",
        )  # fmt: skip
    _check_size(size, label, name, "file")
    name, kind = _resolve_type(name, content_type, label, "file")
    return LocalFile(name, kind, size, label, stream=stream, start=start)


def _check_name(file_name: str, arg: str) -> str:
    name = file_name.strip()
    if not name or name in (".", ".."):
        raise SketricGenFileError("file_name is empty: pass a name such as 'report.pdf'", field=arg)
    if "/" in name or "\\" in name:
        raise SketricGenFileError(
            f"file_name must be a base name without folders, got {file_name!r}", field=arg
        )
    return name


def _check_size(size: int, label: str, name: str, arg: str) -> None:
    if size == 0:
        raise SketricGenFileSizeError(
            f"{label}: is empty; SketricGen refuses empty files",
            file_size=0, max_size=MAX_FILE_BYTES, file_name=name, field=arg,
        )  # fmt: skip
    if size > MAX_FILE_BYTES:
        raise SketricGenFileSizeError(
            f"{label}: is {size / _MB:.1f} MB ({size:,} bytes); SketricGen accepts at most "
            f"{MAX_FILE_BYTES // _MB} MB ({MAX_FILE_BYTES:,} bytes) per file",
            file_size=size, max_size=MAX_FILE_BYTES, file_name=name, field=arg,
        )  # fmt: skip


def _resolve_type(name: str, content_type: Optional[str], label: str, arg: str) -> tuple[str, str]:
    """The name to send and its content type; the service decides the type by extension."""
    by_name = content_type_for(name)
    if content_type is None:
        if by_name is None:
            guessed = guess_type(name)
            raise SketricGenContentTypeError(
                f"{label}: {_shown(guessed, name)} is not a type SketricGen accepts; attach "
                "images (JPEG, PNG, WebP, GIF), PDF, or text, data and source files "
                "(see allowed_types)",
                content_type=guessed, allowed_types=ALLOWED_TYPES, file_name=name, field=arg,
            )  # fmt: skip
        return name, by_name
    wanted = normalize_content_type(content_type)
    if wanted not in ALLOWED_TYPES:
        raise SketricGenContentTypeError(
            f"{label}: content_type {wanted!r} is not a type SketricGen accepts "
            "(see allowed_types)",
            content_type=wanted, allowed_types=ALLOWED_TYPES, file_name=name,
            field="content_type",
        )  # fmt: skip
    if by_name is None:
        # The service types a file by its name's extension: give it the one it needs.
        extension = extension_for(wanted)
        if extension is None:
            raise SketricGenContentTypeError(
                f"{label}: no extension gives content_type {wanted!r}, and the service types "
                "a file by its extension: name the file with its extension instead",
                content_type=wanted, allowed_types=ALLOWED_TYPES, file_name=name,
                field="content_type",
            )  # fmt: skip
        return f"{name}.{extension}", wanted
    if by_name != wanted:
        raise SketricGenContentTypeError(
            f"{label}: the name says {by_name} but content_type is {wanted}; the service "
            "types a file by its extension, so rename it or drop content_type",
            content_type=wanted, allowed_types=ALLOWED_TYPES, file_name=name,
            field="content_type",
        )  # fmt: skip
    return name, wanted


def _shown(guessed: Optional[str], name: str) -> str:
    return f"its type ({guessed})" if guessed else f"the type of {name!r}"
