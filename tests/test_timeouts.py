"""Every test has a time limit: a test that blocks fails the run instead of hanging it."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

# Two ways a regression can block: a FIFO opened as a file, a socket that never answers.
BLOCKING = """
import os
import socket

def test_a_fifo_without_a_writer(tmp_path):
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    open(fifo, "rb")

def test_a_silent_peer():
    ours, theirs = socket.socketpair()
    with ours, theirs:
        ours.recv(1)
"""


def test_the_suite_has_a_default_timeout(request: pytest.FixtureRequest) -> None:
    assert request.config.pluginmanager.hasplugin("timeout")
    assert 0 < float(request.config.getini("timeout")) <= 300


def test_a_blocked_test_fails_by_timeout(tmp_path: Path) -> None:
    test_file = tmp_path / "test_blocking.py"
    test_file.write_text(BLOCKING)
    # The project's own settings, with a short limit so that this test stays quick.
    command = [
        sys.executable, "-m", "pytest", "-c", str(ROOT / "pyproject.toml"),
        "--rootdir", str(tmp_path), "-o", "timeout=1", str(test_file),
    ]  # fmt: skip
    done = subprocess.run(
        command, capture_output=True, text=True, timeout=60, cwd=tmp_path, check=False,
        env={**os.environ, "COLUMNS": "300"},  # summary lines in full
    )  # fmt: skip
    assert done.returncode == 1, done.stdout + done.stderr
    # pytest-timeout 2.1 writes "Timeout >1.0s", later versions "Timeout (>1.0s) from ...".
    for name in ("test_a_fifo_without_a_writer", "test_a_silent_peer"):
        assert re.search(rf"FAILED \S+::{name} - Failed: Timeout \(?>1\.0s", done.stdout)
    assert "2 failed" in done.stdout
