"""What the upload tests read back from the emulator."""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import threading
from pathlib import Path
from typing import Any, Callable, TypeVar

from sketricgen.testing import Emulator, StoredUpload
from sketricgen.testing._s3 import FormPart, parse_form

T = TypeVar("T")

FILES = Path(__file__).resolve().parent.parent / "uploads" / "files"
"""Tiny committed attachments: document1.pdf, document2.pdf, image.png (the seed's names)."""


def attached(emu: Emulator, run_index: int = 0) -> list[StoredUpload]:
    """The uploads a run request named in `assets`, in the order it named them."""
    request = emu.requests_to("run")[run_index]
    by_id = {upload.file_id: upload for upload in emu.uploads}
    return [by_id[file_id] for file_id in request.json().get("assets", [])]


def posted_parts(emu: Emulator, index: int = 0) -> list[FormPart]:
    """The multipart parts of a presigned POST the emulator received, in order."""
    request = emu.requests_to("presigned")[index]
    return parse_form(request.headers["content-type"], request.body)


def steps(emu: Emulator) -> list[str]:
    """The endpoint of every request received, in order."""
    return [request.endpoint for request in emu.requests]


def without_file_permissions(call: Callable[[], T]) -> T:
    """Run `call` where permission bits are enforced, even for root.

    root reads a mode-000 file anyway; in a thread whose file-system uid is
    `nobody`, the kernel checks the bits (Linux's setfsuid is per thread).
    """
    if os.geteuid() != 0:
        return call()
    libc = ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True)
    outcome: dict[str, Any] = {}

    def worker() -> None:
        libc.setfsuid(65534)
        try:
            outcome["value"] = call()
        except BaseException as exc:
            outcome["error"] = exc

    thread = threading.Thread(target=worker)
    thread.start()
    thread.join()
    if "error" in outcome:
        raise outcome["error"]
    value: T = outcome["value"]
    return value
