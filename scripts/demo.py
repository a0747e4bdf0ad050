"""`make demo`: a streamed workflow with a file attachment, through the CLI, on the emulator.

Starts `sketricgen emulator` on a free port, runs
`sketricgen run demo-agent ... -f report.pdf` against it (the reply streams to
this terminal), then stops the emulator and waits for it: nothing is left
running, whatever happens.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

BIN = Path(sys.executable).parent
DEMO_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)


def _start_emulator() -> tuple[subprocess.Popen[str], dict[str, str]]:
    """The running emulator and the environment that points the CLI at it."""
    emulator = subprocess.Popen(
        [str(BIN / "sketricgen"), "emulator", "--port", "0", "--pace", "0.04"],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert emulator.stdout is not None
    settings: dict[str, str] = {}
    # The emulator prints its settings, then a line naming its agents, once it listens.
    for line in emulator.stdout:
        name, sep, value = line.strip().partition("=")
        if sep and name.startswith("SKETRICGEN_"):
            settings[name] = value
        elif line.startswith("agents:"):
            return emulator, settings
    emulator.wait()
    raise SystemExit(f"the emulator did not start (exit code {emulator.returncode})")


def main() -> int:
    emulator, settings = _start_emulator()
    print(f"emulator: {settings['SKETRICGEN_BASE_URL']} (pid {emulator.pid})", flush=True)
    try:
        with tempfile.TemporaryDirectory(prefix="sketricgen-demo-") as folder:
            report = Path(folder) / "report.pdf"
            report.write_bytes(DEMO_PDF)
            command = [
                str(BIN / "sketricgen"), "run", "demo-agent",
                "What does the attached report say?", "-f", str(report),
            ]  # fmt: skip
            print("$ sketricgen " + " ".join(command[1:]), flush=True)
            return subprocess.run(command, env={**os.environ, **settings}, check=False).returncode
    finally:
        emulator.send_signal(signal.SIGINT)
        try:
            emulator.wait(timeout=10)
        except subprocess.TimeoutExpired:
            emulator.kill()
            emulator.wait()
        print("emulator stopped", flush=True)


if __name__ == "__main__":
    sys.exit(main())
