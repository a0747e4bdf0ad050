"""Which files the upload API accepts: the SDK's own policy table (`sketricgen._filetypes`)."""

from __future__ import annotations

from .._filetypes import ALLOWED_TYPES, MAX_FILE_BYTES, content_type_for

__all__ = ["ALLOWED_TYPES", "MAX_FILE_BYTES", "content_type_for"]
