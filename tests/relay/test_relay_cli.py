"""`sketricgen relay`: the chat page and the relay on one port, in front of the emulator."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections.abc import Iterator

import httpx
import pytest

from sketricgen.testing import Emulator

pytestmark = pytest.mark.emulator


@pytest.fixture
def relay_command(sketricgen_emulator: Emulator) -> Iterator[subprocess.Popen[str]]:
    env = {
        **os.environ,
        "SKETRICGEN_API_KEY": sketricgen_emulator.api_key,
        "SKETRICGEN_BASE_URL": sketricgen_emulator.base_url,
        "SKETRICGEN_UPLOAD_BASE_URL": sketricgen_emulator.upload_base_url,
    }
    command = [sys.executable, "-m", "sketricgen", "relay", "--agent", "agent-123", "--port", "0"]
    process = subprocess.Popen(
        command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    try:
        yield process
    finally:
        if process.poll() is None:
            process.kill()
        process.communicate(timeout=10)


def test_the_command_serves_the_chat_page_and_the_relay_until_ctrl_c(
    relay_command: subprocess.Popen[str], sketricgen_emulator: Emulator
) -> None:
    assert relay_command.stdout is not None
    line = relay_command.stdout.readline()
    assert line.startswith("chat page: http://127.0.0.1:")
    base = line.split()[2]
    body = {
        "threadId": "t",
        "runId": "r",
        "messages": [{"id": "m", "role": "user", "content": "Hi"}],
    }

    with httpx.Client(timeout=10) as http:
        page = http.get(base)
        answer = http.post(base + "agent", json=body)

    assert page.status_code == 200
    assert page.headers["content-type"].startswith("text/html")
    assert "<html" in page.text.lower()
    assert answer.headers["content-type"].startswith("text/event-stream")
    assert '"delta":"Hello!"' in answer.text
    assert '"type":"RUN_FINISHED"' in answer.text
    assert sketricgen_emulator.api_key not in page.text + answer.text
    relay_command.send_signal(signal.SIGINT)
    _, err = relay_command.communicate(timeout=10)
    assert relay_command.returncode in (0, 130)
    assert "Traceback" not in err


def test_without_a_key_it_says_so_before_serving() -> None:
    env = {k: v for k, v in os.environ.items() if k != "SKETRICGEN_API_KEY"}
    done = subprocess.run(
        [sys.executable, "-m", "sketricgen", "relay", "--agent", "agent-123", "--port", "0"],
        env=env, capture_output=True, text=True, timeout=30, check=False,
    )  # fmt: skip

    assert done.returncode == 2
    assert done.stderr.startswith("error: no API key")
    assert done.stdout == ""
