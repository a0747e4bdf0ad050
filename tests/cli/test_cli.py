"""The `sketricgen` console script, run as a subprocess against the emulator."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from sketricgen.testing import DEMO_AGENT_ID, ECHO_AGENT_ID, ERROR_AGENT_ID, Emulator, Fault

SCRIPT = Path(sys.executable).parent / "sketricgen"
FILES = Path(__file__).resolve().parent.parent / "uploads" / "files"


def _env(emu: Emulator, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("SKETRICGEN_")}
    env.update(
        SKETRICGEN_API_KEY=emu.api_key,
        SKETRICGEN_BASE_URL=emu.base_url,
        SKETRICGEN_UPLOAD_BASE_URL=emu.upload_base_url,
        SKETRICGEN_MAX_RETRIES="0",
    )
    env.update(extra)
    return env


def _cli(emu: Emulator, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(SCRIPT), *args], env=_env(emu, **env), capture_output=True, text=True,
        timeout=60, check=False,
    )  # fmt: skip


def test_streams_the_reply_to_stdout_and_the_rest_to_stderr(sketricgen_emulator: Emulator) -> None:
    done = _cli(sketricgen_emulator, "run", DEMO_AGENT_ID, "the weather")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("Let me look that up.\n")
    assert 'Here is what I found about "the weather"' in done.stdout
    assert "[tool] web_search" in done.stderr
    assert "[step] research" in done.stderr
    (run,) = sketricgen_emulator.runs
    assert f"conversation_id: {run.conversation_id}" in done.stderr
    assert "[tool]" not in done.stdout


def test_the_printed_conversation_id_continues_the_conversation(
    sketricgen_emulator: Emulator,
) -> None:
    first = _cli(sketricgen_emulator, "run", ECHO_AGENT_ID, "hi")
    conversation = first.stderr.rsplit("conversation_id: ", 1)[1].split()[0]
    second = _cli(
        sketricgen_emulator, "run", ECHO_AGENT_ID, "again", "--conversation-id", conversation
    )
    assert second.returncode == 0, second.stderr
    assert "This is message 2 of our conversation." in second.stdout


def test_json_prints_one_parsable_event_per_line(sketricgen_emulator: Emulator) -> None:
    done = _cli(sketricgen_emulator, "run", DEMO_AGENT_ID, "hello", "--json")
    assert done.returncode == 0, done.stderr
    events: list[dict[str, Any]] = [json.loads(line) for line in done.stdout.splitlines()]
    (run,) = sketricgen_emulator.runs
    assert [event["type"] for event in events] == [event["type"] for event in run.events]
    assert events[0]["type"] == "RUN_STARTED"
    assert events[-1]["type"] == "RUN_FINISHED"


def test_no_stream_prints_the_whole_reply(sketricgen_emulator: Emulator) -> None:
    done = _cli(
        sketricgen_emulator, "run", ECHO_AGENT_ID, "ping", "--no-stream", "--contact-id", "c-1"
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout == "Hello! You said: ping\n"
    (request,) = sketricgen_emulator.requests_to("run")
    assert request.json()["stream"] is False
    assert request.json()["contact_id"] == "c-1"


def test_attaches_files(sketricgen_emulator: Emulator) -> None:
    pdf, png = sorted(FILES.glob("*.pdf"))[0], sorted(FILES.glob("*.png"))[0]
    done = _cli(sketricgen_emulator, "run", ECHO_AGENT_ID, "look", "-f", str(pdf), "-f", str(png))
    assert done.returncode == 0, done.stderr
    assert f"I received 2 file(s): {pdf.name}" in done.stdout
    names = {upload.file_id: upload.file_name for upload in sketricgen_emulator.uploads}
    (run,) = sketricgen_emulator.requests_to("run")
    assert [names[file_id] for file_id in run.json()["assets"]] == [pdf.name, png.name]
    assert sketricgen_emulator.key_leaks == []


def test_a_bad_key_exits_1_with_one_line_and_no_traceback(sketricgen_emulator: Emulator) -> None:
    done = _cli(sketricgen_emulator, "run", ECHO_AGENT_ID, "hi", SKETRICGEN_API_KEY="sk-wrong-key")
    assert done.returncode == 1
    assert "401" in done.stderr
    assert "Traceback" not in done.stderr
    assert "sk-wrong-key" not in done.stderr
    assert done.stdout == ""


def test_a_run_error_exits_1(sketricgen_emulator: Emulator) -> None:
    done = _cli(sketricgen_emulator, "run", ERROR_AGENT_ID, "hi")
    assert done.returncode == 1
    assert "error: The agent failed to complete the run." in done.stderr
    assert "Traceback" not in done.stderr


@pytest.mark.parametrize(
    "args",
    [
        ("run", ECHO_AGENT_ID),  # no message
        ("run", ECHO_AGENT_ID, "hi", "--no-such-option"),
        ("fly",),
        ("run", ECHO_AGENT_ID, "hi", "-f", "/no/such/file.pdf"),
        ("run", ECHO_AGENT_ID, "x" * 10_001),
    ],
    ids=["missing-argument", "unknown-option", "unknown-command", "missing-file", "too-long"],
)
def test_usage_errors_exit_2_before_any_request(
    sketricgen_emulator: Emulator, args: tuple[str, ...]
) -> None:
    done = _cli(sketricgen_emulator, *args)
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr
    assert sketricgen_emulator.requests == []


def test_ctrl_c_mid_stream_exits_130_and_closes_the_stream(sketricgen_emulator: Emulator) -> None:
    emu = sketricgen_emulator
    gate = emu.gate_before("TEXT_MESSAGE_END", DEMO_AGENT_ID)  # hold the run mid-reply
    process = subprocess.Popen(
        [str(SCRIPT), "run", DEMO_AGENT_ID, "hi"], env=_env(emu),
        stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )  # fmt: skip
    try:
        assert process.stdout is not None
        shown = process.stdout.read(len(b"Let me"))  # the reply has started on the terminal
        # The run is held mid-reply on its one connection (an earlier test's may still be closing).
        emu.wait_for(lambda: gate.waiting == 1 and emu.open_connections == 1, timeout=30)
        process.send_signal(signal.SIGINT)
        out, err = process.communicate(timeout=30)
    finally:
        gate.open()
        if process.poll() is None:
            process.kill()
            process.communicate()
    assert process.returncode == 130
    assert b"Traceback" not in err
    assert b"interrupted" in err
    assert b"Let me look that up.".startswith(shown + out)  # what arrived before Ctrl-C
    emu.wait_for(lambda: emu.open_connections == 0, timeout=10)


def test_emulator_command_serves_until_interrupted() -> None:
    process = subprocess.Popen(
        [str(SCRIPT), "emulator", "--port", "0"], stdout=subprocess.PIPE, text=True
    )
    try:
        assert process.stdout is not None
        lines = [process.stdout.readline() for _ in range(3)]
        settings = dict(line.strip().split("=", 1) for line in lines)
        with Emulator() as other:  # the served emulator answers like any other
            assert settings["SKETRICGEN_API_KEY"] == other.api_key
        probe = subprocess.run(
            [str(SCRIPT), "run", ECHO_AGENT_ID, "hi", "--no-stream"],
            env={**os.environ, **settings, "SKETRICGEN_MAX_RETRIES": "0"},
            capture_output=True, text=True, timeout=60, check=False,
        )  # fmt: skip
        assert probe.stdout == "Hello! You said: hi\n", probe.stderr
        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=30) == 0
    finally:
        if process.poll() is None:
            process.kill()
        process.communicate()


def test_a_stream_cut_short_exits_1(sketricgen_emulator: Emulator) -> None:
    sketricgen_emulator.add_fault(Fault.truncate(), agent_id=DEMO_AGENT_ID)
    done = _cli(sketricgen_emulator, "run", DEMO_AGENT_ID, "hi")
    assert done.returncode == 1
    assert "error:" in done.stderr
    assert "Traceback" not in done.stderr


def test_camel_case_events_render_the_same(sketricgen_emulator_factory: Any) -> None:
    emu = sketricgen_emulator_factory(key_case="camel")
    done = _cli(emu, "run", DEMO_AGENT_ID, "the weather")
    assert done.returncode == 0, done.stderr
    assert "[tool] web_search" in done.stderr
    assert f"conversation_id: {emu.runs[0].conversation_id}" in done.stderr
