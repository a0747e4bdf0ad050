"""The chat page in a real headless Chromium (Debian's), through the relay, before the emulator.

Playwright for Python drives `/usr/bin/chromium`; nothing of the page or the relay is
replaced. Every wait is for something to appear in the page, never a sleep. Set
`SKETRICGEN_WRITE_SCREENSHOT=1` to rewrite `docs/chat-page.png` (the README's picture).
"""

from __future__ import annotations

import json
import os
import re
import socket
import struct
import threading
from collections.abc import Iterator
from importlib import resources
from pathlib import Path
from typing import Any

import pytest

from tests.helpers.hostile_server import HostileServer, Received, response_head

try:
    from playwright.sync_api import expect, sync_playwright
except ImportError as missing:  # a failure that says what to do, never a skip
    raise ImportError(
        "Playwright for Python is missing: install the test extra (`make install`)"
    ) from missing

from sketricgen.testing import DEMO_AGENT_ID, ECHO_AGENT_ID, ERROR_AGENT_ID, HITL_AGENT_ID, Emulator

pytestmark = [pytest.mark.emulator, pytest.mark.frontend]

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SCREENSHOT = Path(__file__).resolve().parents[2] / "docs" / "chat-page.png"
WAIT_MS = 15_000
expect.set_options(timeout=WAIT_MS)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """Headless Chromium; a clear failure (never a skip) when it cannot start."""
    if not os.access(CHROMIUM, os.X_OK):
        pytest.fail(f"{CHROMIUM} is missing: `make test` installs it (apt-get install -y chromium)")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield chromium
        chromium.close()


@pytest.fixture
def chat(browser: Any, relay_server: Any) -> Iterator[Any]:
    """`chat(agent_id)`: a fresh page of the relay's chat, talking to that agent.

    The page comes from the relay server (`GET /`), as `sketricgen relay` serves it; no
    script error may happen in it.
    """
    context = browser.new_context(viewport={"width": 900, "height": 760})
    errors: list[str] = []

    def open_page(agent_id: str) -> Any:
        page = context.new_page()
        page.set_default_timeout(WAIT_MS)
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(f"{relay_server.base_url}/?agent={agent_id}")
        return page

    yield open_page
    context.close()
    assert errors == []


def send(page: Any, text: str) -> None:
    page.get_by_label("Message").fill(text)
    page.get_by_label("Message").press("Enter")


def test_the_reply_streams_into_the_page_with_its_step_and_tool_call(
    chat: Any, sketricgen_emulator: Emulator
) -> None:
    emulator = sketricgen_emulator
    # The run is held before it finishes: the text must already be in the page.
    gate = emulator.gate_before("RUN_FINISHED", agent_id=DEMO_AGENT_ID)
    page = chat(DEMO_AGENT_ID)
    send(page, "What is AG-UI?")
    log = page.get_by_role("log")
    expect(log.locator(".msg.user")).to_have_text("What is AG-UI?")
    expect(log).to_contain_text("three sources agree, and the details are in the search results")
    expect(page.get_by_role("status")).to_have_text("Running…")
    expect(page.get_by_role("button", name="Send")).to_be_disabled()

    tool = log.locator(".tool")
    expect(tool.locator(".tool-name")).to_have_text("web_search")
    expect(tool.locator(".args")).to_contain_text('"query": "What is AG-UI?"')
    expect(tool.locator(".result")).to_contain_text("3 results found")
    expect(log.locator(".step")).to_have_text(["Step started: research", "Step finished: research"])

    gate.open()
    expect(page.get_by_role("status")).to_have_text("Done")
    expect(page.get_by_role("button", name="Send")).to_be_enabled()
    expect(log.locator(".streaming")).to_have_count(0)
    assert log.locator(".msg.assistant").all_inner_texts() == [
        "Let me look that up.",
        'Here is what I found about "What is AG-UI?": three sources agree, and the details '
        "are in the search results above.",
    ]
    if os.environ.get("SKETRICGEN_WRITE_SCREENSHOT") == "1":
        SCREENSHOT.parent.mkdir(exist_ok=True)
        page.screenshot(path=str(SCREENSHOT))


@pytest.mark.parametrize(
    ("decision", "outcome"),
    [
        ("approve", "Approved: the email was sent."),
        ("reject", "Rejected: the email was not sent."),
        ("respond", "Noted your answer: Send it tomorrow instead"),
    ],
)
def test_a_hitl_pause_asks_for_a_decision_and_the_run_continues(
    chat: Any, decision: str, outcome: str
) -> None:
    page = chat(HITL_AGENT_ID)
    send(page, "Tell the team the demo is at 3pm")
    approval = page.get_by_role("group", name="Approval needed")
    expect(approval).to_contain_text("send_email")
    expect(approval).to_contain_text('"body": "Tell the team the demo is at 3pm"')
    expect(page.get_by_role("status")).to_have_text("Waiting for your approval")
    assert outcome not in page.get_by_role("log").inner_text()

    if decision == "respond":
        approval.get_by_label("Your answer").fill("Send it tomorrow instead")
        approval.get_by_role("button", name="Answer").click()
    else:
        approval.get_by_role("button", name=decision.capitalize()).click()
    expect(page.get_by_role("log").locator(".msg.assistant").last).to_have_text(outcome)
    expect(page.get_by_role("status")).to_have_text("Done")
    expect(approval.get_by_role("button", name="Approve")).to_be_disabled()


def test_a_failed_run_shows_its_error(chat: Any) -> None:
    page = chat(ERROR_AGENT_ID)
    send(page, "Do the thing")
    expect(page.get_by_role("alert")).to_have_text(
        "The agent failed to complete the run. (AGENT_ERROR)"
    )
    expect(page.get_by_role("status")).to_have_text("Failed")
    expect(page.get_by_role("log").locator(".msg.assistant")).to_have_text("Working on it.")


def test_a_refused_request_shows_the_http_error(chat: Any) -> None:
    page = chat(ECHO_AGENT_ID)
    send(page, "x" * 10_001)  # over SketricGen's 10,000 characters: the relay refuses it
    expect(page.get_by_role("alert")).to_contain_text(
        re.compile(r"^The relay answered HTTP 4\d\d: the user message has 10,001 characters")
    )
    expect(page.get_by_role("status")).to_have_text("Failed")


def test_an_attached_file_reaches_the_agent(chat: Any, tmp_path: Path) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_bytes(b"meeting at 3pm\n")
    page = chat(ECHO_AGENT_ID)
    page.get_by_label("Attach a file").set_input_files(str(notes))
    send(page, "Read this")
    log = page.get_by_role("log")
    expect(log.locator(".msg.user .files")).to_contain_text("notes.txt")
    expect(log.locator(".msg.assistant")).to_have_text(
        "Hello! You said: Read this I received 1 file(s): notes.txt (text/plain, 15 bytes)."
    )


def test_the_readme_screenshot_is_a_png() -> None:
    data = SCREENSHOT.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    assert (width, height) == (900, 760)


def test_stop_ends_the_run_and_the_relay_lets_go_of_sketricgen(
    chat: Any, sketricgen_emulator: Emulator
) -> None:
    emulator = sketricgen_emulator
    gate = emulator.gate_before("RUN_FINISHED", agent_id=DEMO_AGENT_ID)
    page = chat(DEMO_AGENT_ID)
    send(page, "What is AG-UI?")
    expect(page.get_by_role("log")).to_contain_text("three sources agree")
    # The relay's stream from SketricGen is the one connection left open (earlier tests'
    # relays are closing theirs).
    emulator.wait_for(lambda: emulator.open_connections == 1, timeout=5)

    page.get_by_role("button", name="Stop").click()
    expect(page.get_by_role("log").locator(".note").last).to_have_text("Stopped.")
    expect(page.get_by_role("status")).to_have_text("Stopped")
    expect(page.get_by_role("button", name="Send")).to_be_enabled()
    # The browser went away: the relay closed its stream from SketricGen at once.
    emulator.wait_for(lambda: emulator.open_connections == 0, timeout=5)
    assert not gate.is_open


def _sse(event: dict[str, Any]) -> bytes:
    return b"data: " + json.dumps(event).encode() + b"\n\n"


def test_the_page_reads_any_valid_event_stream(browser: Any) -> None:
    """A hostile relay on loopback: BOM, comments, CRLF split across reads, multi-line data."""
    page_html = resources.files("sketricgen.relay").joinpath("static/chat.html").read_bytes()
    first_shown = threading.Event()
    text = {"type": "TEXT_MESSAGE_CONTENT", "messageId": "m"}

    def handle(conn: socket.socket, request: Received) -> None:
        if request.request_line.startswith("GET / "):
            head = {
                "Content-Type": "text/html; charset=utf-8",
                "Content-Length": str(len(page_html)),
            }
            conn.sendall(response_head("200 OK", head) + page_html)
            return
        conn.sendall(response_head("200 OK", {"Content-Type": "text/event-stream"}))
        conn.sendall(
            b"\xef\xbb\xbf: ping\r\n\r\n"
            + _sse({"type": "RUN_STARTED", "threadId": "t", "runId": "r"})
            + _sse({"type": "TEXT_MESSAGE_START", "messageId": "m", "role": "assistant"})
            + _sse({**text, "delta": "A"})
            + b'data: {"type": "TEXT_MESSAGE_CONTENT",\r'  # the LF of this CRLF comes later
        )
        first_shown.wait(10)
        conn.sendall(
            b'\ndata: "messageId": "m", "delta": " spaced  "}\r\n\r\n'
            + b": ping\n\n"
            + b"data:" + json.dumps({**text, "delta": "|end"}).encode() + b"\r\r"
            + _sse({"type": "TEXT_MESSAGE_END", "messageId": "m"})
            + _sse({"type": "RUN_FINISHED", "threadId": "t", "runId": "r"})
            + b'data: {"type": "RUN_ERROR", "message": "an unterminated event is dropped"}'
        )  # fmt: skip

    context = browser.new_context()
    try:
        with HostileServer(handle) as server:
            page = context.new_page()
            page.goto(server.base_url + "/")
            send(page, "hi")
            reply = page.get_by_role("log").locator(".msg.assistant")
            expect(reply).to_have_text("A")
            first_shown.set()
            expect(page.get_by_role("status")).to_have_text("Done")
            assert reply.evaluate("node => node.textContent") == "A spaced  |end"
            expect(page.get_by_role("alert")).to_have_count(0)
    finally:
        first_shown.set()
        context.close()
