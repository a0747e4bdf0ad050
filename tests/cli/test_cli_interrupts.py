"""`sketricgen run` when its reader goes away (`| head`) or the user presses Ctrl-C.

The runs are held by the emulator's gates and stalls, so that each signal
lands at a known point; nothing sleeps.
"""

from __future__ import annotations

import signal
from typing import Any

import pytest

from sketricgen.testing import DEMO_AGENT_ID, ECHO_AGENT_ID, Emulator, Fault
from tests.helpers.cli import FILES, read_until, run_cli, start_cli, stop

# What must never reach the terminal, whatever the moment.
NOISE = (b"Traceback", b"Exception ignored", b"BrokenPipeError", b"KeyboardInterrupt")


def _quiet(err: bytes) -> bool:
    return not any(word in err for word in NOISE)


@pytest.mark.parametrize(
    ("options", "lines", "held_before"),
    [((), 1, "STEP_STARTED"), (("--json",), 2, "RUN_FINISHED")],
    ids=["text", "json"],
)
def test_a_reader_that_stops_early_ends_the_run_quietly(
    sketricgen_emulator: Emulator, options: tuple[str, ...], lines: int, held_before: str
) -> None:
    """`sketricgen run ... | head -N`: what `head` does, through a real pipe."""
    emu = sketricgen_emulator
    gate = emu.gate_before(held_before, DEMO_AGENT_ID)  # more output is due after head leaves
    process = start_cli(emu, "run", DEMO_AGENT_ID, "hi", *options)
    try:
        assert process.stdout is not None
        assert process.stderr is not None
        shown = [process.stdout.readline() for _ in range(lines)]
        emu.wait_for(lambda: gate.waiting == 1, timeout=30)
        process.stdout.close()  # head has its lines and exits
        gate.open()
        err = process.stderr.read()
        process.wait(timeout=30)
    finally:
        gate.open()
        stop(process)
    assert shown[0].startswith(b'{"type":"RUN_STARTED"' if options else b"Let me look that up.")
    assert process.returncode == 141, err  # 128 + SIGPIPE, as a shell reports `yes | head`
    assert _quiet(err), err
    emu.wait_for(lambda: emu.open_connections == 0, timeout=10)  # the stream was closed


def test_ctrl_c_mid_stream_ends_the_line_and_names_the_conversation(
    sketricgen_emulator: Emulator,
) -> None:
    emu = sketricgen_emulator
    gate = emu.gate_before("TEXT_MESSAGE_END", DEMO_AGENT_ID)  # hold the run mid-reply
    process = start_cli(emu, "run", DEMO_AGENT_ID, "hi")
    try:
        assert process.stdout is not None
        shown = read_until(process.stdout, b"Let me")  # the reply has started on the terminal
        # The run is held mid-reply on its one connection (an earlier test's may still be closing).
        emu.wait_for(lambda: gate.waiting == 1 and emu.open_connections == 1, timeout=30)
        process.send_signal(signal.SIGINT)
        out, err = process.communicate(timeout=30)
    finally:
        gate.open()
        stop(process)
    assert process.returncode == 130
    assert _quiet(err), err
    (run,) = emu.runs
    # What arrived before Ctrl-C, its open line ended on stdout; stderr has no blank line.
    shown += out
    assert shown.endswith(b"\n")
    assert b"Let me look that up.".startswith(shown[:-1])
    assert err == f"interrupted\nconversation_id: {run.conversation_id}\n".encode()
    emu.wait_for(lambda: emu.open_connections == 0, timeout=10)


def test_ctrl_c_before_the_answer_of_a_new_conversation(sketricgen_emulator: Emulator) -> None:
    emu = sketricgen_emulator
    gate = emu.gate_before("RUN_STARTED", ECHO_AGENT_ID)
    process = start_cli(emu, "run", ECHO_AGENT_ID, "hi")
    try:
        emu.wait_for(lambda: gate.waiting == 1, timeout=30)
        process.send_signal(signal.SIGINT)
        out, err = process.communicate(timeout=30)
    finally:
        gate.open()
        stop(process)
    assert process.returncode == 130
    assert (out, err) == (b"", b"interrupted\n")  # no id is known yet


def test_ctrl_c_before_the_answer_names_the_conversation_being_continued(
    sketricgen_emulator: Emulator,
) -> None:
    emu = sketricgen_emulator
    first = run_cli(emu, "run", ECHO_AGENT_ID, "hi", "--no-stream")
    conversation = first.stderr.rsplit("conversation_id: ", 1)[1].split()[0]
    gate = emu.gate_before("RUN_STARTED", ECHO_AGENT_ID)
    process = start_cli(emu, "run", ECHO_AGENT_ID, "again", "--conversation-id", conversation)
    try:
        emu.wait_for(lambda: gate.waiting == 1, timeout=30)
        process.send_signal(signal.SIGINT)
        _, err = process.communicate(timeout=30)
    finally:
        gate.open()
        stop(process)
    assert process.returncode == 130
    assert err == f"interrupted\nconversation_id: {conversation}\n".encode()


@pytest.mark.parametrize("count", [1, 2])
def test_ctrl_c_during_an_upload_stops_at_once(sketricgen_emulator: Emulator, count: int) -> None:
    emu = sketricgen_emulator
    emu.add_fault(Fault.stall(30, endpoint="presigned", times=1))  # storage never answers
    files: list[Any] = []
    for path in sorted(FILES.glob("*.pdf"))[:count]:
        files += ["-f", str(path)]
    process = start_cli(emu, "run", ECHO_AGENT_ID, "look", *files)
    try:
        emu.wait_for(lambda: len(emu.requests_to("presigned")) >= 1, timeout=30)
        process.send_signal(signal.SIGINT)
        out, err = process.communicate(timeout=10)  # well within the stall
    finally:
        stop(process)
    assert process.returncode == 130
    assert (out, err) == (b"", b"interrupted\n")
    assert emu.requests_to("run") == []
