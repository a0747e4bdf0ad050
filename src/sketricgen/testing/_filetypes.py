"""Which files the upload API accepts: the SDK's own table (`sketricgen._uploads.filetypes`)."""

from __future__ import annotations

from .._uploads.filetypes import ALLOWED_TYPES, MAX_FILE_BYTES, content_type_for

__all__ = ["ALLOWED_TYPES", "MAX_FILE_BYTES", "content_type_for"]
