"""The `sketricgen` console script, run as a subprocess against the emulator."""

from __future__ import annotations

import json
from typing import Any

import pytest

from sketricgen.testing import (
    DEMO_AGENT_ID,
    ECHO_AGENT_ID,
    ERROR_AGENT_ID,
    Emulator,
    Fault,
)
from tests.helpers.cli import FILES, run_cli

_cli = run_cli


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


@pytest.mark.parametrize("fault", [Fault.reset_after(3), Fault.disconnect_after(3)])
def test_a_stream_cut_short_exits_1(sketricgen_emulator: Emulator, fault: Fault) -> None:
    sketricgen_emulator.add_fault(fault, agent_id=DEMO_AGENT_ID)
    done = _cli(sketricgen_emulator, "run", DEMO_AGENT_ID, "hi")
    assert done.returncode == 1
    assert done.stderr.startswith("error: ")
    assert done.stderr.count("\n") == 1
    assert "Traceback" not in done.stderr


def test_a_stream_that_ends_without_a_terminal_event_says_so_in_one_line(
    sketricgen_emulator: Emulator,
) -> None:
    sketricgen_emulator.add_fault(Fault.truncate(), agent_id=DEMO_AGENT_ID)
    done = _cli(sketricgen_emulator, "run", DEMO_AGENT_ID, "hi")
    assert done.returncode == 0, done.stderr  # a clean end: the service may have new endings
    (warning,) = [line for line in done.stderr.splitlines() if line.startswith("warning: ")]
    assert "without a terminal event" in warning
    assert done.stdout.endswith("in the search results above.\n")


@pytest.mark.parametrize("mode", [(), ("--no-stream",)], ids=["stream", "no-stream"])
def test_a_run_out_of_credits_exits_1(sketricgen_emulator: Emulator, mode: tuple[str, ...]) -> None:
    done = _cli(sketricgen_emulator, "run", "out-of-credits-agent", "hi", *mode)
    assert done.returncode == 1
    assert done.stdout == "Let me think about that.\n"
    (line,) = [line for line in done.stderr.splitlines() if line.startswith("error: ")]
    assert line.startswith("error: the run halted: the account is out of credits")


def test_camel_case_events_render_the_same(sketricgen_emulator_factory: Any) -> None:
    emu = sketricgen_emulator_factory(key_case="camel")
    done = _cli(emu, "run", DEMO_AGENT_ID, "the weather")
    assert done.returncode == 0, done.stderr
    assert "[tool] web_search" in done.stderr
    assert f"conversation_id: {emu.runs[0].conversation_id}" in done.stderr
