"""Which files can be attached: the size limit and the content types, by file-name extension.

This is SDK policy, kept here and nowhere else (the emulator reads it too).
The service's docs name images and PDF; the upload API also accepts the
text, data and source-code types below, and decides a file's type from the
extension of its name.
"""

from __future__ import annotations

from typing import Optional

__all__ = [
    "ALLOWED_TYPES",
    "MAX_FILE_BYTES",
    "content_type_for",
    "extension_for",
    "normalize_content_type",
]

MAX_FILE_BYTES = 20 * 1024 * 1024
"""The largest file the service accepts: 20 MB. An empty file is refused too."""

_BY_EXTENSION = {
    "jpg": "image/jpeg", "jpeg": "image/jpeg", "png": "image/png", "webp": "image/webp",
    "gif": "image/gif", "pdf": "application/pdf",
    "csv": "text/csv", "xls": "application/vnd.ms-excel",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "json": "application/json", "html": "text/html", "htm": "text/html",
    "md": "text/markdown", "markdown": "text/markdown", "txt": "text/plain",
    "xml": "application/xml", "yaml": "application/x-yaml", "yml": "application/x-yaml",
    "js": "text/javascript", "mjs": "text/javascript", "ts": "application/typescript",
    "tsx": "application/typescript", "jsx": "text/javascript", "css": "text/css",
    "py": "text/x-python", "rb": "text/x-ruby", "php": "application/x-php",
    "java": "text/x-java", "go": "text/x-go", "rs": "text/x-rust", "swift": "text/x-swift",
    "scala": "text/x-scala", "c": "text/x-c", "h": "text/x-c", "cpp": "text/x-c++",
    "cc": "text/x-c++", "hpp": "text/x-c++", "cs": "text/x-csharp", "sql": "application/sql",
    "sh": "application/x-sh",
}  # fmt: skip

ALLOWED_TYPES = tuple(sorted(set(_BY_EXTENSION.values())))
"""Every content type the service accepts."""

# The first extension listed for a type is the one an extensionless name gets.
_EXTENSION = {kind: ext for ext, kind in reversed(list(_BY_EXTENSION.items()))}


def content_type_for(file_name: str) -> Optional[str]:
    """The content type for `file_name`'s extension, or None when it is not accepted."""
    stem, dot, extension = file_name.rpartition(".")
    if not dot or not stem:
        return None
    return _BY_EXTENSION.get(extension.lower())


def extension_for(content_type: str) -> Optional[str]:
    """The usual extension of an accepted content type (`pdf`), or None."""
    return _EXTENSION.get(content_type)


def normalize_content_type(content_type: str) -> str:
    """`Image/PNG; charset=x` → `image/png`: the bare type, lower case."""
    return content_type.split(";", 1)[0].strip().lower()
