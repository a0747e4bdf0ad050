"""`make demo` (scripts/demo.py): a streamed run with a file; nothing left running."""

from __future__ import annotations

import re
import socket
import subprocess
import sys
from pathlib import Path

from sketricgen.testing import Emulator

ROOT = Path(__file__).resolve().parent.parent
DEMO = ROOT / "scripts" / "demo.py"


def test_demo_streams_the_reply_and_stops_the_emulator() -> None:
    done = subprocess.run(
        [sys.executable, str(DEMO)], capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 0, done.stderr
    assert "Let me look that up." in done.stdout
    assert "I also read the file(s) you attached: report.pdf" in done.stdout
    assert "[tool] web_search" in done.stderr
    assert done.stdout.rstrip().endswith("emulator stopped")

    found = re.search(r"emulator: http://127\.0\.0\.1:(\d+) \(pid (\d+)\)", done.stdout)
    assert found is not None, done.stdout
    port = int(found.group(1))
    with socket.socket() as probe:  # nothing listens there any more
        assert probe.connect_ex(("127.0.0.1", port)) != 0
    assert not Path(f"/proc/{found.group(2)}").exists()


def test_the_echoed_command_runs_when_pasted_into_a_shell() -> None:
    done = subprocess.run(
        [sys.executable, str(DEMO)], capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 0, done.stderr
    (echoed,) = [line[2:] for line in done.stdout.splitlines() if line.startswith("$ ")]
    found = re.search(r"SKETRICGEN_BASE_URL=http://127\.0\.0\.1:(\d+) ", echoed)
    assert found is not None, echoed
    port = int(found.group(1))
    # The demo's emulator is gone; one like `sketricgen emulator` serves the same address again.
    with Emulator(port=port) as emu:
        pasted = subprocess.run(
            ["bash", "-c", echoed], cwd=ROOT, env={"PATH": "/usr/bin:/bin"},
            capture_output=True, text=True, timeout=60, check=False,
        )  # fmt: skip
        assert pasted.returncode == 0, pasted.stderr
        assert "I also read the file(s) you attached: report.pdf" in pasted.stdout
        assert [run.agent_id for run in emu.runs] == ["demo-agent"]
