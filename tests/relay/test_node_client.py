"""The relay's stream, consumed by the real `HttpAgent` of `@ag-ui/client` 1.0.0 in Node.

`tests/relay/js/run_agents.mjs` runs built-in agents of the emulator through the relay
(`relay_server`, from this folder's conftest), with the client's own event
verification (always on in `runAgent`), and prints a JSON summary that these tests
check. `make test` installs the npm packages first (`npm ci` against the lockfile).
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from sketricgen.testing import DEMO_AGENT_ID, ECHO_AGENT_ID, ERROR_AGENT_ID, HITL_AGENT_ID
from tests.helpers.hostile_server import HostileServer, Received, response_head

pytestmark = [pytest.mark.emulator, pytest.mark.frontend]

JS_DIR = Path(__file__).resolve().parent / "js"
SCRIPT = JS_DIR / "run_agents.mjs"
OUT_OF_CREDITS_AGENT_ID = "out-of-credits-agent"


def _node() -> str:
    """The node binary, with @ag-ui/client installed; a clear failure (never a skip) else."""
    node = shutil.which("node")
    if node is None:
        pytest.fail("Node.js is not installed: `make test` needs `node` (apt-get install nodejs)")
    if not (JS_DIR / "node_modules" / "@ag-ui" / "client" / "package.json").is_file():
        pytest.fail(
            "@ag-ui/client is not installed in tests/relay/js: run `make relay-js-deps` "
            "(npm ci against the lockfile; `make test` does it first)"
        )
    return node


def run_node(url: str, *agent_ids: str) -> dict[str, Any]:
    """Run the Node client's scenarios for `agent_ids` against the relay at `url`."""
    done = subprocess.run(
        [_node(), str(SCRIPT), url, *agent_ids],
        cwd=JS_DIR, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    summary: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return summary


def types(run: dict[str, Any]) -> list[str]:
    return [event["type"] for event in run["events"]]


def reply(run: dict[str, Any]) -> str:
    """The text the run streamed, as the client assembled it from the deltas."""
    return "".join(e["delta"] for e in run["events"] if e["type"] == "TEXT_MESSAGE_CONTENT")


def assert_clean_run(run: dict[str, Any]) -> None:
    """The client accepted every event, and the run is the frontend's own."""
    assert run["error"] is None, run["error"]
    started = run["events"][0]
    assert started["type"] == "RUN_STARTED"
    assert (started["threadId"], started["runId"]) == (
        run["input"]["threadId"],
        run["input"]["runId"],
    )


def runs_of(relay_server: Any, agent_id: str) -> list[dict[str, Any]]:
    """The Node client's runs of one agent's scenario, through the relay."""
    runs: list[dict[str, Any]] = run_node(relay_server.agent_url, agent_id)["agents"][agent_id]
    return runs


def test_demo_agent_streams_text_a_step_and_a_tool_call(relay_server: Any) -> None:
    (run,) = runs_of(relay_server, DEMO_AGENT_ID)
    assert_clean_run(run)
    seen = types(run)
    assert seen[-1] == "RUN_FINISHED"
    assert run["outcome"] == "success"
    assert seen.index("STEP_STARTED") < seen.index("TOOL_CALL_START") < seen.index("STEP_FINISHED")
    start = next(e for e in run["events"] if e["type"] == "TOOL_CALL_START")
    assert start["toolCallName"] == "web_search"
    args = "".join(e["delta"] for e in run["events"] if e["type"] == "TOOL_CALL_ARGS")
    assert json.loads(args) == {"query": "What is AG-UI?"}
    assert 'Here is what I found about "What is AG-UI?"' in reply(run)
    # The client built its message list from the stream: the reply is the last message.
    assert run["messages"][-1]["role"] == "assistant"
    assert "three sources agree" in run["messages"][-1]["content"]


def test_a_second_turn_on_the_thread_continues_the_conversation(
    relay_server: Any,
) -> None:
    first, second = runs_of(relay_server, ECHO_AGENT_ID)
    assert_clean_run(first)
    assert_clean_run(second)
    assert first["input"]["threadId"] == second["input"]["threadId"]
    assert reply(first) == "Hello! You said: What is AG-UI?"
    assert reply(second) == "Hello! You said: And again This is message 2 of our conversation."


def test_hitl_pause_is_an_interrupt_and_resume_continues(relay_server: Any) -> None:
    runs = runs_of(relay_server, HITL_AGENT_ID)
    outcomes = {
        "approve": "Approved: the email was sent.",
        "reject": "Rejected: the email was not sent.",
    }
    assert [r["decision"] for r in runs] == ["approve", "approve", "reject", "reject"]
    for paused, resumed in zip(runs[::2], runs[1::2]):
        decision = paused["decision"]
        assert_clean_run(paused)
        assert paused["outcome"] == "interrupt"
        (interrupt,) = paused["interrupts"]
        assert paused["pendingInterrupts"] == [interrupt["id"]]
        action = interrupt["metadata"]["sketricgen"]["action"]
        assert action["name"] == "send_email"
        assert action["args"]["body"] == f"Email the team: {decision} test"
        assert "TEXT_MESSAGE_CONTENT" in types(paused)

        # The resume is a new run on the same thread; the client sent `resume` for it.
        assert_clean_run(resumed)
        assert resumed["input"]["threadId"] == paused["input"]["threadId"]
        assert resumed["outcome"] == "success"
        assert resumed["pendingInterrupts"] == []
        assert reply(resumed) == outcomes[decision]


def test_error_agent_ends_with_run_error(relay_server: Any) -> None:
    (run,) = runs_of(relay_server, ERROR_AGENT_ID)
    assert_clean_run(run)
    last = run["events"][-1]
    assert last["type"] == "RUN_ERROR"
    assert last["message"] == "The agent failed to complete the run."
    assert last["code"] == "AGENT_ERROR"
    assert "RUN_FINISHED" not in types(run)


def test_out_of_credits_ends_with_run_error_and_its_code(relay_server: Any) -> None:
    (run,) = runs_of(relay_server, OUT_OF_CREDITS_AGENT_ID)
    assert_clean_run(run)
    last = run["events"][-1]
    assert last["type"] == "RUN_ERROR"
    assert last["code"] == "out_of_credits"


def _misordered(conn: Any, _: Received) -> None:
    """A stream whose text content comes before its message was started."""
    conn.sendall(response_head("200 OK", {"Content-Type": "text/event-stream"}))
    events = [
        {"type": "RUN_STARTED", "threadId": "t", "runId": "r"},
        {"type": "TEXT_MESSAGE_CONTENT", "messageId": "m1", "delta": "hi"},
        {"type": "RUN_FINISHED", "threadId": "t", "runId": "r"},
    ]
    conn.sendall(b"".join(b"data: " + json.dumps(e).encode() + b"\n\n" for e in events))


def test_the_node_client_rejects_a_misordered_stream() -> None:
    """The harness can fail: the client's own verification is on and reports the event."""
    with HostileServer(_misordered) as server:
        result = run_node(server.base_url + "/agent", "bad")
    (run,) = result["agents"]["bad"]
    assert run["error"] is not None
    assert "TEXT_MESSAGE_CONTENT" in run["error"]["message"]
