"""The emulator as a server: lifecycle, connection counting, records, reset, the CLI, the plugin."""

from __future__ import annotations

import json
import signal
import socket
import subprocess
import sys
import textwrap
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Callable

import httpx
import pytest

from sketricgen.testing import AgentScript, Emulator, Fault, Gate
from tests.helpers.emulator import chat_headers, run

pytestmark = pytest.mark.emulator

DEFAULT_START_TIME = datetime(2025, 1, 1, tzinfo=timezone.utc)


def test_a_context_manager_serves_then_stops(http: httpx.Client) -> None:
    with Emulator() as emulator:
        assert emulator.running
        assert emulator.base_url == f"http://127.0.0.1:{emulator.port}"
        assert run(http, emulator).status_code == 201
        base = emulator.base_url
    assert not emulator.running
    with pytest.raises(RuntimeError, match="not running"):
        emulator.base_url  # noqa: B018
    with pytest.raises(httpx.ConnectError):
        http.post(base + "/api/v1/run-workflow", json={})
    emulator.stop()  # a second stop is harmless


def test_two_emulators_run_side_by_side(
    sketricgen_emulator_factory: Callable[..., Emulator], http: httpx.Client
) -> None:
    one = sketricgen_emulator_factory(api_key="key-one")
    two = sketricgen_emulator_factory(api_key="key-two")
    assert one.port != two.port
    assert run(http, one).status_code == 201
    assert run(http, two, headers={"API-KEY": "key-one"}).status_code == 401
    assert (len(one.requests), len(two.requests)) == (1, 1)
    with pytest.raises(RuntimeError, match="already running"):
        one.start()


def test_connections_are_counted_at_the_socket_level(emu: Emulator) -> None:
    with socket.create_connection(("127.0.0.1", emu.port)):
        emu.wait_for(lambda: emu.open_connections == 1)
        assert emu.connections_opened == 1
    emu.wait_for(lambda: emu.open_connections == 0)
    assert emu.requests == []  # no request was ever sent


def test_a_pooled_client_opens_one_connection_and_closing_it_closes_it(emu: Emulator) -> None:
    with httpx.Client() as client:
        for _ in range(200):
            assert run(client, emu).status_code == 201
        assert emu.open_connections == 1
        assert emu.connections_opened == 1
    emu.wait_for(lambda: emu.open_connections == 0)


def test_requests_are_recorded_with_secrets_masked(emu: Emulator, http: httpx.Client) -> None:
    run(http, emu, headers=chat_headers(emu, Authorization="Bearer x", Cookie="c=1"))
    http.get(emu.base_url + "/dev/nothing?a=1")
    first, second = emu.requests
    assert (first.method, first.path, first.endpoint, first.status) == (
        "POST", "/api/v1/run-workflow", "run", 201,
    )  # fmt: skip
    assert first.json() == {"agent_id": "agent-123", "user_input": "Hello"}
    assert first.headers["api-key"] == first.headers["authorization"] == "***"
    assert first.headers["cookie"] == "***"
    assert first.headers["content-type"] == "application/json"
    assert (second.method, second.query, second.status) == ("GET", "a=1", 404)
    assert emu.requests_to("run") == [first]
    assert emu.requests_to("/run-workflow") == [first]
    assert emu.requests_to("/api/v1/run-workflow") == [first]
    assert emu.requests_to("upload_init") == []


def test_wait_for_gives_up_with_timeout_error(emu: Emulator) -> None:
    with pytest.raises(TimeoutError):
        emu.wait_for(lambda: emu.open_connections == 99, timeout=0.05)


def test_reset_forgets_what_a_test_did(emu: Emulator, http: httpx.Client) -> None:
    emu.add_agent("temporary", AgentScript().text("hi"))
    emu.add_fault(Fault.status(500), agent_id="demo-agent")
    first = run(http, emu, agent_id="temporary").json()["conversation_id"]
    upload = http.post(
        emu.upload_base_url + "/publicAssetsUploadInit",
        json={"agent_id": "agent-123", "file_name": "a.txt"}, headers={"X-API-KEY": emu.api_key},
    )  # fmt: skip
    assert upload.status_code == 200
    emu.advance_clock(60)
    emu.reset()
    for empty in (emu.requests, emu.uploads, emu.runs, emu.conversation_ids, emu.key_leaks):
        assert empty == []
    assert emu.connections_opened == 0
    assert run(http, emu, agent_id="temporary").status_code == 404
    assert run(http, emu, agent_id="demo-agent").status_code == 201
    # The clock is back at the start, plus one millisecond per event timestamp.
    assert emu.now == DEFAULT_START_TIME + timedelta(milliseconds=len(emu.runs[0].events))
    emu.reset()
    emu.add_agent("temporary", AgentScript().text("hi"))
    assert run(http, emu, agent_id="temporary").json()["conversation_id"] == first


def test_a_script_gate_holds_the_run_until_opened(emu: Emulator, http: httpx.Client) -> None:
    gate = Gate()
    emu.add_agent("gated", AgentScript().text("before").wait(gate).text("after"))
    body = {"agent_id": "gated", "user_input": "go", "stream": True}
    with http.stream("POST", emu.run_url, json=body, headers=chat_headers(emu)) as response:
        lines = (line for line in response.iter_lines() if line.startswith("data: "))
        seen = [json.loads(next(lines)[6:])["type"] for _ in range(4)]
        assert seen[-1] == "TEXT_MESSAGE_END"
        emu.wait_for(lambda: gate.waiting == 1)
        assert emu.runs[0].event_types == seen  # nothing produced past the gate
        gate.open()
        rest = [json.loads(line[6:])["type"] for line in lines]
    assert rest[-1] == "RUN_FINISHED"
    assert gate.waiting == 0


def test_a_client_that_goes_away_ends_its_run(emu: Emulator, http: httpx.Client) -> None:
    gate = emu.gate_before("TEXT_MESSAGE_END")
    body = {"agent_id": "demo-agent", "user_input": "go", "stream": True}
    with http.stream("POST", emu.run_url, json=body, headers=chat_headers(emu)) as response:
        lines = response.iter_lines()
        assert next(lines).startswith("data: ")
        emu.wait_for(lambda: gate.waiting == 1)
        assert emu.open_connections == 1
    # Leaving the block mid-body closes the connection: the server stops the run.
    emu.wait_for(lambda: gate.waiting == 0 and emu.open_connections == 0)
    assert emu.runs[0].outcome is None
    assert "RUN_FINISHED" not in emu.runs[0].event_types


def test_python_dash_m_serves_until_interrupted() -> None:
    command = [sys.executable, "-m", "sketricgen.testing", "--port", "0", "--api-key", "cli-key"]
    with subprocess.Popen(command, stdout=subprocess.PIPE, text=True) as process:
        assert process.stdout is not None
        lines = [process.stdout.readline().strip() for _ in range(3)]
        assert all(line.startswith("export ") for line in lines), lines
        settings = dict(line.removeprefix("export ").split("=", 1) for line in lines)
        assert settings["SKETRICGEN_API_KEY"] == "cli-key"
        answer = httpx.post(
            settings["SKETRICGEN_BASE_URL"] + "/api/v1/run-workflow",
            json={"agent_id": "agent-123", "user_input": "hi"}, headers={"API-KEY": "cli-key"},
        )  # fmt: skip
        assert answer.status_code == 201
        assert settings["SKETRICGEN_UPLOAD_BASE_URL"].endswith("/dev")
        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=10) == 0


_WITHOUT_EXTRA = """
import importlib.abc, sys

class Absent(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in ("starlette", "uvicorn", "python_multipart"):
            raise ModuleNotFoundError(f"No module named {name!r}", name=name)
        return None

sys.meta_path.insert(0, Absent())
import sketricgen.testing.pytest_plugin
from sketricgen.testing import AgentScript, Fault
try:
    from sketricgen.testing import Emulator
except ModuleNotFoundError as exc:
    print(exc)
"""


def test_the_plugin_and_scripts_load_without_the_testing_extra() -> None:
    done = subprocess.run(
        [sys.executable, "-c", _WITHOUT_EXTRA], capture_output=True, text=True, check=True
    )
    assert "pip install 'sketricgen[testing]'" in done.stdout


def test_the_plugin_imports_nothing_heavy() -> None:
    probe = (
        "import sys, sketricgen.testing.pytest_plugin\n"
        "heavy = ('uvicorn', 'starlette', 'python_multipart', 'sketricgen.testing._emulator')\n"
        "print(sorted(name for name in heavy if name in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_the_fixtures_reach_any_project_through_the_installed_plugin(tmp_path: Path) -> None:
    (tmp_path / "test_user.py").write_text(
        textwrap.dedent(
            """
            import httpx

            def test_shared(sketricgen_emulator):
                answer = httpx.post(
                    sketricgen_emulator.run_url, headers={"API-KEY": sketricgen_emulator.api_key},
                    json={"agent_id": "agent-123", "user_input": "hi"},
                )
                assert answer.status_code == 201

            def test_fresh_state(sketricgen_emulator):
                assert sketricgen_emulator.requests == []

            def test_factory(sketricgen_emulator_factory):
                camel = sketricgen_emulator_factory(key_case="camel", seed=3)
                assert camel.running
            """
        )
    )
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-W",
         "error::ResourceWarning", str(tmp_path)],
        cwd=tmp_path, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    assert "3 passed" in done.stdout
