"""Every code block of README.md runs, against the emulator."""

from __future__ import annotations

import ast
import asyncio
import inspect
import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any, Callable

import pytest

from sketricgen.testing import Emulator

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
BLOCKS = re.findall(r"^```(\w*)\n(.*?)^```", README, flags=re.MULTILINE | re.DOTALL)
FILES = ROOT / "tests" / "uploads" / "files"
CLI = Path(sys.executable).parent / "sketricgen"

# Shell commands the suite does not run here, and where each is exercised instead.
COVERED_ELSEWHERE = {
    "make demo": "tests/test_demo.py runs scripts/demo.py, which is all `make demo` does",
    "make test": "the suite itself: .ci/run calls make test",
    "pip install sketricgen": "tests/test_packaging.py installs the wheel in a fresh venv",
    "SKETRICGEN_API_KEY=... SKETRICGEN_AGENT_ID=... [SKETRICGEN_HITL_AGENT_ID=...] "
    ".venv/bin/python scripts/record_cassettes.py --live --out /tmp/live-cassettes": (
        "needs the real service; tests/emulator/test_emulator_cassettes.py records "
        "with the same script"
    ),
}


def _commands(block: str) -> list[str]:
    joined = block.replace("\\\n", " ")
    lines = (line.split("#", 1)[0].strip() for line in joined.splitlines())
    return [" ".join(line.split()) for line in lines if line]


@pytest.fixture
def readme_world(
    sketricgen_emulator_factory: Callable[..., Emulator],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> Emulator:
    """An emulator that accepts the README's key, the files it names, and the variables set."""
    emu = sketricgen_emulator_factory(api_key="your-api-key")
    for name in ("SKETRICGEN_TIMEOUT", "SKETRICGEN_UPLOAD_TIMEOUT", "SKETRICGEN_MAX_RETRIES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("SKETRICGEN_API_KEY", emu.api_key)
    monkeypatch.setenv("SKETRICGEN_BASE_URL", emu.base_url)
    monkeypatch.setenv("SKETRICGEN_UPLOAD_BASE_URL", emu.upload_base_url)
    monkeypatch.setenv("SKETRICGEN_ADMIN_BASE_URL", emu.admin_base_url)
    monkeypatch.chdir(tmp_path)
    for name, source in {
        "document1.pdf": "document1.pdf", "document2.pdf": "document2.pdf",
        "report.pdf": "document1.pdf", "image.png": "image.png", "chart.png": "image.png",
    }.items():  # fmt: skip
        shutil.copyfile(FILES / source, tmp_path / name)
    return emu


def test_every_block_is_python_or_shell() -> None:
    assert {language for language, _ in BLOCKS} <= {"python", "bash", ""}
    assert sum(language == "python" for language, _ in BLOCKS) >= 8


def test_python_blocks_run_in_order(
    readme_world: Emulator, capsys: pytest.CaptureFixture[str]
) -> None:
    """Read top to bottom, as a session: a later block may use `client` from an earlier one."""
    namespace: dict[str, Any] = {"__name__": "readme"}
    try:
        for language, code in BLOCKS:
            if language != "python":
                continue
            compiled = compile(code, "README.md", "exec", flags=ast.PyCF_ALLOW_TOP_LEVEL_AWAIT)
            result = eval(compiled, namespace)
            if inspect.iscoroutine(result):
                asyncio.run(result)
        uploaded = sorted(upload.file_name for upload in readme_world.uploads)
        assert uploaded == [
            "chart.png",
            "document1.pdf",
            "document2.pdf",
            "image.png",
            "scores.csv",
        ]
        assert readme_world.key_leaks == []
        tests = [value for name, value in namespace.items() if name.startswith("test_")]
        assert tests, "the README's pytest example defines a test"
        for test in tests:
            readme_world.reset()  # what the sketricgen_emulator fixture does for each test
            test(readme_world)
    finally:
        if "client" in namespace:
            namespace["client"].close()
    shown = capsys.readouterr().out
    assert "Hello! You said: Hello, how are you?" in shown
    assert "I received 2 file(s): document1.pdf" in shown
    assert "user_input - " in shown
    assert "AGENT_ERROR The agent failed to complete the run." in shown
    assert "401" in shown
    assert "finished" in shown
    assert "web_search" in shown
    # The Admin API section: whoami, a Brand Agent waited for, the attach guard, an error code.
    assert "ts-emulator pro" in shown
    assert "succeeded http" in shown
    assert "allow_all_tools=True" in shown
    assert "not ready yet: 409 workflow_not_ready" in shown


@pytest.mark.parametrize(
    "command",
    [c for language, code in BLOCKS if language == "bash" for c in _commands(code)],
)
def test_shell_commands_run_or_are_covered(readme_world: Emulator, command: str) -> None:
    if not command.startswith("sketricgen "):
        assert command in COVERED_ELSEWHERE
        return
    if command.startswith("sketricgen emulator"):
        pytest.skip("tests/cli/test_cli.py serves the emulator command")
    done = subprocess.run(
        [str(CLI), *shlex.split(command)[1:]],
        env=dict(os.environ), capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip()
    if command.startswith("sketricgen run "):
        assert "conversation_id: " in done.stderr
