"""`sketricgen run`: errors in the command line's words, connection options, tools, progress."""

from __future__ import annotations

import os
import pty
import select
import subprocess
import time

import pytest

from sketricgen.testing import DEMO_AGENT_ID, ECHO_AGENT_ID, AgentScript, Emulator, Fault
from tests.helpers.cli import FILES, SCRIPT, cli_env, run_cli

DEAD_URL = "http://127.0.0.1:9"  # the discard port: nothing listens there
SECONDS = "a positive number of seconds"


@pytest.mark.parametrize(
    ("args", "env", "said"),
    [
        (("-f", "nope.pdf"), {}, "error: --file nope.pdf: no such file\n"),
        (
            ("-f", "my report.pdf"), {},
            "error: --file 'my report.pdf': no such file\n",  # quoted as a shell needs it
        ),
        (("-f", "."), {}, "error: --file .: is a directory; attach the files in it one by one\n"),
        ((), {"SKETRICGEN_API_KEY": ""}, "error: set SKETRICGEN_API_KEY or pass --api-key\n"),
        (("--api-key", " "), {}, "error: set SKETRICGEN_API_KEY or pass --api-key\n"),
        (("--timeout", "abc"), {}, f"error: --timeout must be {SECONDS}, got 'abc'\n"),
        (("--timeout", "-1"), {}, f"error: --timeout must be {SECONDS}, got '-1'\n"),
        (
            ("--max-retries", "x"), {},
            "error: --max-retries must be a whole number of retries, 0 or more, got 'x'\n",
        ),
        (
            ("--base-url", "ftp://host"), {},
            "error: --base-url must be an http:// or https:// URL, got 'ftp://host'\n",
        ),
        (
            ("--upload-base-url", "nowhere"), {},
            "error: --upload-base-url must be an http:// or https:// URL, got 'nowhere'\n",
        ),
        (
            ("--contact-id", "c" * 256), {},
            "error: --contact-id is 256 characters; the service accepts at most 255\n",
        ),
    ],
    ids=[
        "missing-file", "quoted-file", "directory", "no-key", "blank-key", "timeout-text",
        "timeout-negative", "retries-text", "base-url", "upload-base-url", "contact-id",
    ],
)  # fmt: skip
def test_usage_errors_are_worded_for_the_command_line(
    sketricgen_emulator: Emulator, args: tuple[str, ...], env: dict[str, str], said: str
) -> None:
    done = run_cli(sketricgen_emulator, "run", ECHO_AGENT_ID, "hi", *args, **env)
    assert done.returncode == 2
    assert done.stderr == said  # one line: no blank line before it, no usage dump, no trace
    assert done.stdout == ""
    assert sketricgen_emulator.requests == []


def test_a_message_too_long_names_the_argument(sketricgen_emulator: Emulator) -> None:
    done = run_cli(sketricgen_emulator, "run", ECHO_AGENT_ID, "x" * 10_001)
    assert done.returncode == 2
    assert done.stderr.startswith("error: MESSAGE is 10,001 characters; the service accepts")
    assert done.stderr.count("\n") == 1


def test_service_errors_point_at_options_not_parameters(sketricgen_emulator: Emulator) -> None:
    done = run_cli(sketricgen_emulator, "run", ECHO_AGENT_ID, "hi", "--api-key", "sk-wrong-key")
    assert done.returncode == 1
    assert done.stderr.startswith("error: POST ")
    assert done.stderr.count("\n") == 1
    assert "--api-key" in done.stderr
    assert "api_key=" not in done.stderr
    assert "from_env" not in done.stderr
    assert "sk-wrong-key" not in done.stderr


def test_files_are_checked_before_the_first_upload(sketricgen_emulator: Emulator) -> None:
    pdf = sorted(FILES.glob("*.pdf"))[0]
    done = run_cli(sketricgen_emulator, "run", ECHO_AGENT_ID, "hi", "-f", str(pdf), "-f", "no.pdf")
    assert done.stderr == "error: --file no.pdf: no such file\n"
    assert sketricgen_emulator.requests == []  # the good file was not uploaded either


def test_tool_calls_show_their_arguments(sketricgen_emulator: Emulator) -> None:
    done = run_cli(sketricgen_emulator, "run", DEMO_AGENT_ID, "the weather")
    assert done.returncode == 0, done.stderr
    assert '[tool] web_search {"query": "the weather"}\n' in done.stderr
    assert "web_search" not in done.stdout


def test_huge_tool_arguments_are_shown_short(sketricgen_emulator: Emulator) -> None:
    """A guard (bounded memory and output): passes before and after the change."""
    sketricgen_emulator.add_agent(
        "big-args", AgentScript().tool_call("ingest", {"blob": "x" * 2_000_000}).text("done")
    )
    done = run_cli(sketricgen_emulator, "run", "big-args", "hi")
    assert done.returncode == 0, done.stderr
    (line,) = [line for line in done.stderr.splitlines() if line.startswith("[tool]")]
    assert line.startswith('[tool] ingest {"blob": "xxx')
    assert len(line) <= 220


def test_connection_options_win_over_the_environment(sketricgen_emulator: Emulator) -> None:
    emu = sketricgen_emulator
    emu.add_fault(Fault.status(503, times=1, retry_after=0), agent_id=ECHO_AGENT_ID)
    pdf = sorted(FILES.glob("*.pdf"))[0]
    done = run_cli(
        emu, "run", ECHO_AGENT_ID, "hi", "-f", str(pdf), "--no-stream",
        "--base-url", emu.base_url, "--upload-base-url", emu.upload_base_url,
        "--max-retries", "1", "--timeout", "30",
        SKETRICGEN_BASE_URL=DEAD_URL, SKETRICGEN_UPLOAD_BASE_URL=DEAD_URL + "/dev",
        SKETRICGEN_MAX_RETRIES="0", SKETRICGEN_TIMEOUT="abc",
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("Hello! You said: hi I received 1 file(s)")
    assert [r.status for r in emu.requests_to("run")] == [503, 201]  # the one retry allowed


def test_timeout_option_bounds_the_wait(sketricgen_emulator: Emulator) -> None:
    sketricgen_emulator.add_fault(Fault.stall(30), agent_id=ECHO_AGENT_ID)
    started = time.monotonic()
    done = run_cli(
        sketricgen_emulator, "run", ECHO_AGENT_ID, "hi", "--no-stream", "--timeout", "0.5"
    )
    assert done.returncode == 1
    assert time.monotonic() - started < 20
    assert done.stderr.startswith("error: POST ")
    assert "--timeout" in done.stderr


def test_upload_progress_is_drawn_on_a_terminal_only(sketricgen_emulator: Emulator) -> None:
    pdf = sorted(FILES.glob("*.pdf"))[0]
    args = [str(SCRIPT), "run", ECHO_AGENT_ID, "look", "-f", str(pdf)]
    env = cli_env(sketricgen_emulator)
    leader, follower = pty.openpty()
    try:
        process = subprocess.Popen(args, env=env, stdout=subprocess.PIPE, stderr=follower)
    finally:
        os.close(follower)
    terminal = b""
    try:
        while select.select([leader], [], [], 30)[0]:
            try:
                chunk = os.read(leader, 65536)
            except OSError:  # EIO: the command exited and closed the terminal
                break
            if not chunk:
                break
            terminal += chunk
    finally:
        os.close(leader)
        out, _ = process.communicate(timeout=30)
    assert process.returncode == 0, terminal
    size = pdf.stat().st_size
    bar = f"\ruploading {pdf.name} [{'#' * 24}] 100% {size} B / {size} B".encode()
    assert bar in terminal, terminal
    assert terminal.index(bar) < terminal.index(b"conversation_id: ")
    assert b"I received 1 file(s)" in out

    piped = subprocess.run(args, env=env, capture_output=True, timeout=60, check=False)
    assert piped.returncode == 0, piped.stderr
    assert b"uploading" not in piped.stderr
    assert b"\r" not in piped.stderr
    assert piped.stderr.startswith(b"conversation_id: ")


def test_a_failed_upload_names_the_file_option(sketricgen_emulator: Emulator) -> None:
    pdf = str(sorted(FILES.glob("*.pdf"))[0])
    done = run_cli(sketricgen_emulator, "run", ECHO_AGENT_ID, "hi", "-f", pdf, "--api-key", "sk-no")
    assert done.returncode == 1
    assert done.stderr.startswith(f"error: --file {pdf}: ")
    assert done.stderr.count("\n") == 1
    assert "--api-key" in done.stderr
    assert "api_key=" not in done.stderr
    assert sketricgen_emulator.requests_to("run") == []
