"""`make demo`: a streamed workflow with a file attachment, through the CLI, on the emulator.

Starts `sketricgen emulator` (on port 8787, the command's default, or any
free port when that one is taken), runs `sketricgen run demo-agent ... -f
report.pdf` against it from the repository's root (the reply streams to
this terminal), then stops the emulator and waits for it: nothing is left
running, whatever happens.

The command is echoed as a shell runs it, settings included: start
`.venv/bin/sketricgen emulator` in another terminal and paste it to run it
again. The report stays in the temporary folder for that.
"""

from __future__ import annotations

import os
import shlex
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
PORT = 8787  # `sketricgen emulator`'s default: the echoed command works against it
DEMO_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)
QUESTION = "What does the attached report say?"


def _start_emulator(port: int, *, quiet: bool) -> tuple[subprocess.Popen[str], dict[str, str]]:
    """The running emulator and the environment that points the CLI at it.

    `quiet`: its stderr goes nowhere (a first try whose failure is expected).
    """
    emulator = subprocess.Popen(
        [str(BIN / "sketricgen"), "emulator", "--port", str(port), "--pace", "0.04"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL if quiet else None,
        text=True,
    )
    assert emulator.stdout is not None
    settings: dict[str, str] = {}
    # It prints `export NAME=value` lines, then a comment naming its agents, once it listens.
    for line in emulator.stdout:
        words = shlex.split(line, comments=True)
        if words[:1] == ["export"]:
            name, _, value = words[1].partition("=")
            settings[name] = value
        elif line.startswith("# agents:"):
            return emulator, settings
    emulator.communicate()
    raise OSError(f"the emulator did not start (exit code {emulator.returncode})")


def _shown(path: Path) -> str:
    """`path` relative to the repository's root when it is inside it."""
    try:
        return str(path.relative_to(ROOT))
    except ValueError:
        return str(path)


def _stop(emulator: subprocess.Popen[str]) -> None:
    emulator.send_signal(signal.SIGINT)
    try:
        emulator.wait(timeout=10)
    except subprocess.TimeoutExpired:
        emulator.kill()
        emulator.wait()
    if emulator.stdout is not None:
        emulator.stdout.close()


def main() -> int:
    """Run the demo; the CLI's exit code."""
    try:
        emulator, settings = _start_emulator(PORT, quiet=True)
    except OSError:  # port 8787 is taken (an emulator already runs there?): any free one
        emulator, settings = _start_emulator(0, quiet=False)
    print(f"emulator: {settings['SKETRICGEN_BASE_URL']} (pid {emulator.pid})", flush=True)
    try:
        report = Path(tempfile.gettempdir()) / "sketricgen-demo" / "report.pdf"
        report.parent.mkdir(exist_ok=True)
        report.write_bytes(DEMO_PDF)
        command = [_shown(BIN / "sketricgen"), "run", "demo-agent", QUESTION, "-f", str(report)]
        assignments = [f"{name}={shlex.quote(value)}" for name, value in sorted(settings.items())]
        print("$ " + " ".join([*assignments, *map(shlex.quote, command)]), flush=True)
        env = {**os.environ, **settings}
        return subprocess.run(command, env=env, cwd=ROOT, check=False).returncode
    finally:
        _stop(emulator)
        print("emulator stopped", flush=True)


if __name__ == "__main__":
    sys.exit(main())
