"""The files the upload tests attach (the clients come from tests/conftest.py)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from upload_helpers import FILES


@pytest.fixture
def files(tmp_path: Path) -> Path:
    """A folder holding copies of the committed attachments (tests may add to it)."""
    folder = tmp_path / "files"
    shutil.copytree(FILES, folder)
    return folder
