"""Which files can be attached: the size limit and the content types, by file-name extension.

This is SDK policy, kept here and nowhere else (the emulator reads it too).
The upload API decides a file's type from the extension of its name: first
from the table below (the incumbent SDK's, 89 extensions), then, for any
other extension, from Python's own `mimetypes` table, accepted only when the
type it gives is one of `ALLOWED_TYPES`.
"""

from __future__ import annotations

import mimetypes
from functools import cache
from types import MappingProxyType
from typing import Optional

__all__ = [
    "ALLOWED_TYPES",
    "MAX_FILE_BYTES",
    "TYPES_BY_EXTENSION",
    "content_type_for",
    "extension_for",
    "guess_type",
    "normalize_content_type",
]

MAX_FILE_BYTES = 20 * 1024 * 1024
"""The largest file the service accepts: 20 MB. An empty file is refused too."""

# Each type with its extensions; the first one is what an extensionless name gets.
_EXTENSIONS_BY_TYPE = {
    "image/png": "png",
    "image/jpeg": "jpg jpeg",
    "image/webp": "webp",
    "image/gif": "gif",
    "application/pdf": "pdf",
    "text/csv": "csv",
    "application/vnd.ms-excel": "xls",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "xlsx",
    "application/json": "json",
    "text/html": "html htm",
    "text/markdown": "md markdown",
    "text/plain": (
        "txt vue svelte kt kts fs fsx ps1 bat cmd r dart ex exs erl hrl clj cljs lua pl pm "
        "rkt zig nim odin toml ini cfg conf properties env gitignore dockerignore gradle "
        "cmake mk makefile vim"
    ),
    "text/yaml": "yaml yml",
    "application/xml": "xml",
    "application/typescript": "ts tsx mts cts",
    "text/javascript": "js jsx mjs cjs",
    "text/css": "css scss sass less",
    "text/x-python": "py pyw pyi",
    "application/x-ruby": "rb",
    "application/x-httpd-php": "php",
    "text/x-java-source": "java",
    "text/x-go": "go",
    "text/x-rust": "rs",
    "text/x-swift": "swift",
    "text/x-scala": "scala sc",
    "text/x-c": "c h",
    "text/x-c++": "cc cpp cxx hpp",
    "text/x-csharp": "cs",
    "application/sql": "sql",
    "application/x-sh": "sh bash zsh",
}

TYPES_BY_EXTENSION = MappingProxyType(
    {ext: kind for kind, exts in _EXTENSIONS_BY_TYPE.items() for ext in exts.split()}
)
"""The content type of each extension in the table (lower case, without the dot)."""

ALLOWED_TYPES = (
    "application/csv", "application/javascript", "application/json", "application/pdf",
    "application/sql", "application/typescript", "application/vnd.ms-excel",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "application/x-csh",
    "application/x-httpd-php", "application/x-ruby", "application/x-sh", "application/x-sql",
    "application/x-yaml", "application/xml", "application/yaml", "image/gif", "image/jpeg",
    "image/png", "image/webp", "text/css", "text/csv", "text/html", "text/javascript",
    "text/markdown", "text/plain", "text/sql", "text/typescript", "text/x-c", "text/x-c++",
    "text/x-c++src", "text/x-csharp", "text/x-csrc", "text/x-go", "text/x-java",
    "text/x-java-source", "text/x-python", "text/x-ruby", "text/x-rust", "text/x-scala",
    "text/x-script.python", "text/x-shellscript", "text/x-sql", "text/x-swift", "text/x-yaml",
    "text/xml", "text/yaml",
)  # fmt: skip
"""Every content type the service accepts (sorted)."""


@cache
def _builtin() -> mimetypes.MimeTypes:
    # Python's built-in table only: neither /etc/mime.types nor the Windows
    # registry is read, so a name gets the same type on every machine.
    return mimetypes.MimeTypes()


def _extension(file_name: str) -> Optional[str]:
    """The text after the name's last dot, lower case (`.env` → `env`), or None."""
    _, dot, extension = file_name.rpartition(".")
    return extension.lower() if dot and extension else None


def guess_type(file_name: str) -> Optional[str]:
    """The content type the name's extension stands for, accepted or not (None if unknown)."""
    extension = _extension(file_name)
    if extension is None:
        return None
    if extension in TYPES_BY_EXTENSION:
        return TYPES_BY_EXTENSION[extension]
    # Only the last extension counts: a compressed file (`.gz`, `.tgz`) has no type here.
    kind, encoding = _builtin().guess_type(f"file.{extension}", strict=True)
    return kind if encoding is None else None


def content_type_for(file_name: str) -> Optional[str]:
    """The content type for `file_name`'s extension, or None when it is not accepted."""
    kind = guess_type(file_name)
    return kind if kind in ALLOWED_TYPES else None


def extension_for(content_type: str) -> Optional[str]:
    """An extension that gives the accepted `content_type` (`pdf`), or None if none does."""
    kind = normalize_content_type(content_type)
    if kind in _EXTENSIONS_BY_TYPE:
        return _EXTENSIONS_BY_TYPE[kind].split()[0]
    for dotted in _builtin().guess_all_extensions(kind, strict=True):
        if content_type_for(dotted) == kind:
            return dotted.lstrip(".")
    return None


def normalize_content_type(content_type: str) -> str:
    """`Image/PNG; charset=x` → `image/png`: the bare type, lower case."""
    return content_type.split(";", 1)[0].strip().lower()
