"""`sketricgen emulator` and `python -m sketricgen.testing`, as a newcomer runs them."""

from __future__ import annotations

import json
import re
import shlex
import signal
import socket
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from contextlib import contextmanager

import httpx
import pytest

from sketricgen.testing import ECHO_AGENT_ID, Fault
from tests.helpers.cli import SCRIPT, read_until, stop

HINT = "error: the emulator needs the 'testing' extra: pip install 'sketricgen[testing]'\n"
NOISE = ("Traceback", "Exception", "Error:")


@contextmanager
def _serve(*command: str) -> Iterator[tuple[subprocess.Popen[bytes], str]]:
    """The emulator command, running, and what it printed up to its agents line."""
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        assert process.stdout is not None
        printed = read_until(process.stdout, b"Ctrl-C stops\n").decode()
        yield process, printed
    finally:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=30)
        finally:
            stop(process)


@pytest.fixture
def served() -> Iterator[tuple[subprocess.Popen[bytes], str]]:
    with _serve(str(SCRIPT), "emulator", "--port", "0") as running:
        yield running


def _settings(printed: str) -> dict[str, str]:
    """The variables a shell has after running what the emulator printed."""
    show = (
        "import json, os; print(json.dumps("
        "{k: v for k, v in os.environ.items() if k.startswith('SKETRICGEN_')}))"
    )
    script = f"{printed}\n{shlex.quote(sys.executable)} -c {shlex.quote(show)}"
    done = subprocess.run(
        ["bash", "-c", script], env={"PATH": "/usr/bin:/bin"}, capture_output=True, text=True,
        timeout=30, check=True,
    )  # fmt: skip
    found: dict[str, str] = json.loads(done.stdout)
    return found


def test_the_printed_lines_work_pasted_into_a_shell(
    served: tuple[subprocess.Popen[bytes], str],
) -> None:
    process, printed = served
    settings = _settings(printed)  # the whole output, comment line included
    assert set(settings) == {
        "SKETRICGEN_BASE_URL", "SKETRICGEN_UPLOAD_BASE_URL", "SKETRICGEN_API_KEY",
    }  # fmt: skip
    paste = f"{printed}\n{shlex.quote(str(SCRIPT))} run {ECHO_AGENT_ID} hi --no-stream"
    probe = subprocess.run(
        ["bash", "-c", paste], env={"PATH": "/usr/bin:/bin", "SKETRICGEN_MAX_RETRIES": "0"},
        capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    assert probe.stdout == "Hello! You said: hi\n", probe.stderr
    process.send_signal(signal.SIGINT)
    assert process.wait(timeout=30) == 0


def test_values_a_shell_would_misread_are_quoted() -> None:
    key = "sk-te$t;key`x`'q"
    command = (sys.executable, "-m", "sketricgen.testing", "--port", "0", "--api-key", key)
    with _serve(*command) as (_, printed):
        assert _settings(printed)["SKETRICGEN_API_KEY"] == key


def test_a_client_that_leaves_early_is_one_short_line(
    served: tuple[subprocess.Popen[bytes], str],
) -> None:
    process, printed = served
    settings = dict(re.findall(r"(SKETRICGEN_\w+)=(\S+)", printed))  # plain values here
    base, key = settings["SKETRICGEN_BASE_URL"], settings["SKETRICGEN_API_KEY"]
    assert process.stderr is not None
    body = {"agent_id": ECHO_AGENT_ID, "user_input": "hi", "stream": True}
    held = Fault.header(Fault.stall(30, after_events=1))  # the stream stops after one event
    with httpx.Client(timeout=30) as client:
        request = client.build_request(
            "POST", f"{base}/api/v1/run-workflow", json=body, headers={"API-KEY": key, **held}
        )
        response = client.send(request, stream=True)
        next(response.iter_lines())  # the first event arrived: now leave mid-stream
        response.close()
    first = read_until(process.stderr, b"\n", timeout=15).decode()
    assert first.startswith("emulator: connection from 127.0.0.1:")
    assert first.endswith(" closed mid-answer: POST /api/v1/run-workflow\n")

    host, port = base.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port))) as raw:  # a body that never arrives whole
        raw.sendall(
            b"POST /api/v1/run-workflow HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
            b'Content-Length: 500\r\n\r\n{"agent_id":'
        )
    second = read_until(process.stderr, b"\n", timeout=15).decode()
    assert second.endswith(" closed before the answer: POST /api/v1/run-workflow\n")

    process.send_signal(signal.SIGINT)
    _, rest = process.communicate(timeout=30)
    assert process.returncode == 0
    assert rest == b""  # nothing else: no traceback
    assert not any(word in first + second for word in NOISE)


_HIDE_THE_EXTRA = textwrap.dedent(
    """
    import importlib.abc, runpy, sys

    class Uninstalled(importlib.abc.MetaPathFinder):
        def find_spec(self, name, path=None, target=None):
            if name.split(".")[0] in ("starlette", "uvicorn"):
                raise ModuleNotFoundError(f"No module named {name!r}", name=name)
            return None

    sys.meta_path.insert(0, Uninstalled())
    module, sys.argv = sys.argv[1], sys.argv[1:]
    runpy.run_module(module, run_name="__main__", alter_sys=True)
    """
)


@pytest.mark.parametrize(
    "command",
    [("sketricgen", "emulator", "--port", "0"), ("sketricgen.testing", "--port", "0")],
    ids=["sketricgen-emulator", "python-m-sketricgen.testing"],
)
def test_without_the_testing_extra_the_hint_shows_once(command: tuple[str, ...]) -> None:
    done = subprocess.run(
        [sys.executable, "-c", _HIDE_THE_EXTRA, *command],
        capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    assert done.returncode == 1
    assert done.stderr == HINT
    assert done.stdout == ""
