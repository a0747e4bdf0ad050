"""Running the `sketricgen` console script as a subprocess, against an emulator."""

from __future__ import annotations

import os
import select
import subprocess
import sys
import time
from pathlib import Path
from typing import IO, Any

from sketricgen.testing import Emulator

SCRIPT = Path(sys.executable).parent / "sketricgen"
FILES = Path(__file__).resolve().parent.parent / "uploads" / "files"
ROOT = Path(__file__).resolve().parent.parent.parent


def cli_env(emu: Emulator, **extra: str) -> dict[str, str]:
    """The environment pointing the CLI at `emu` (no retries), plus `extra`."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("SKETRICGEN_")}
    env.update(
        SKETRICGEN_API_KEY=emu.api_key,
        SKETRICGEN_BASE_URL=emu.base_url,
        SKETRICGEN_UPLOAD_BASE_URL=emu.upload_base_url,
        SKETRICGEN_MAX_RETRIES="0",
    )
    env.update(extra)
    return env


def run_cli(emu: Emulator, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    """Run `sketricgen ARGS` to its end."""
    return subprocess.run(
        [str(SCRIPT), *args], env=cli_env(emu, **env), capture_output=True, text=True,
        timeout=60, check=False,
    )  # fmt: skip


def start_cli(emu: Emulator, *args: str, **options: Any) -> subprocess.Popen[bytes]:
    """Start `sketricgen ARGS` with stdout and stderr piped (bytes)."""
    return subprocess.Popen(
        [str(SCRIPT), *args], env=cli_env(emu), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        **options,
    )  # fmt: skip


def read_until(stream: IO[bytes], marker: bytes, timeout: float = 30.0) -> bytes:
    """Read `stream` (unbuffered, by its fd) until `marker` arrived; what was read."""
    seen = b""
    deadline = time.monotonic() + timeout
    while marker not in seen:
        left = deadline - time.monotonic()
        if left <= 0 or not select.select([stream], [], [], left)[0]:
            raise TimeoutError(f"{marker!r} did not arrive; read {seen!r}")
        chunk = os.read(stream.fileno(), 65536)
        if not chunk:
            raise EOFError(f"the stream ended before {marker!r}; read {seen!r}")
        seen += chunk
    return seen


def stop(process: subprocess.Popen[Any]) -> tuple[Any, Any]:
    """Kill `process` if it still runs; its remaining output."""
    if process.poll() is None:
        process.kill()
    return process.communicate(timeout=30)
