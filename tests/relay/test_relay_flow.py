"""The relay's plumbing: a browser that leaves, idle streams, and a browser that reads slowly."""

from __future__ import annotations

import json
import socket
import time
from typing import Any, Callable

import httpx
import pytest

from sketricgen.testing import AgentScript, Emulator, Fault
from sketricgen.verify import verify_events

pytestmark = pytest.mark.emulator

Input = Callable[..., dict[str, Any]]


def test_a_browser_that_disconnects_closes_the_upstream_stream_at_once(
    relay_server_factory: Any, run_input: Input, sketricgen_emulator: Emulator
) -> None:
    emu = sketricgen_emulator
    gate = emu.gate_before("TEXT_MESSAGE_END", agent_id="demo-agent")
    # No heartbeat for a minute: only the disconnect itself can tell the relay.
    relay = relay_server_factory(heartbeat_interval=60)
    try:
        with httpx.Client(timeout=10) as http:
            body = run_input("Hi")
            with http.stream("POST", relay.agent_url, json=body) as response:
                for line in response.iter_lines():
                    if "TEXT_MESSAGE_CONTENT" in line:
                        break
                emu.wait_for(lambda: gate.waiting == 1)
                # Only the relay's stream from SketricGen is left (earlier tests' clients
                # may still be closing theirs).
                emu.wait_for(lambda: emu.open_connections == 1)
        # The browser is gone (its connection closed mid-stream).
        emu.wait_for(lambda: emu.open_connections == 0, timeout=2)
        assert emu.runs[-1].outcome is None  # cut short, not finished
    finally:
        gate.open()


def test_an_idle_stream_gets_heartbeat_comments(
    relay_server_factory: Any, post_run: Any, run_input: Input, sketricgen_emulator: Emulator
) -> None:
    sketricgen_emulator.add_fault(Fault.stall(0.5, after_events=2), agent_id="demo-agent")
    relay = relay_server_factory(heartbeat_interval=0.05)

    answer = post_run(run_input("Hi"), url=relay.agent_url)

    blocks = [block for block in answer.raw.split(b"\n\n") if block]
    pings = [i for i, block in enumerate(blocks) if block == b": ping"]
    assert len(pings) >= 3
    # The pings fill the silence after the second event; the stream then goes on.
    assert blocks[pings[0] - 1].startswith(b"data: ")
    assert json.loads(blocks[1][len(b"data: ") :])["type"] == "TEXT_MESSAGE_START"
    assert pings[0] == 2
    assert answer.types[-1] == "RUN_FINISHED"
    verify_events(answer.events)


def _settled(count: Callable[[], int], quiet: float = 0.5, limit: float = 10.0) -> int:
    """The value of `count()` once it stopped changing for `quiet` seconds."""
    deadline = time.monotonic() + limit
    last, since = count(), time.monotonic()
    while time.monotonic() < deadline:
        time.sleep(0.05)
        now = count()
        if now != last:
            last, since = now, time.monotonic()
        elif time.monotonic() - since >= quiet:
            return now
    raise AssertionError("production never settled")


def _slow_browser(
    relay_server_factory: Any,
    run_input: Input,
    emu: Emulator,
    blob_size: int,
    total: int,
    **options: Any,
) -> int:
    """Relay `total` events of `blob_size` to a browser that stops reading after its first
    64 KiB; how many SketricGen produced meanwhile. Then reads everything, checking it."""
    script = AgentScript()
    for _ in range(total):
        script = script.custom("blob", "x" * blob_size)
    emu.add_agent("big-agent", script)
    small = [(socket.SOL_SOCKET, socket.SO_RCVBUF, 65_536)]
    upstream = httpx.AsyncClient(transport=httpx.AsyncHTTPTransport(socket_options=small))
    relay = relay_server_factory(
        "big-agent", client_options={"async_http_client": upstream}, **options
    )
    body = json.dumps(run_input("Hi")).encode()
    request = (
        f"POST /agent HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
        f"Content-Length: {len(body)}\r\nConnection: close\r\n\r\n"
    ).encode() + body
    browser = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    browser.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 65_536)
    with browser:
        browser.settimeout(10)
        browser.connect(("127.0.0.1", relay.port))
        browser.sendall(request)
        received = browser.recv(65_536)
        assert received.startswith(b"HTTP/1.1 200")

        # The browser stops reading: how far does SketricGen's run get?
        emu.wait_for(lambda: bool(emu.runs))
        produced = _settled(lambda: len(emu.runs[-1].events))

        # Reading again, everything arrives, in order.
        chunks = [received]
        while True:
            data = browser.recv(1 << 20)
            if not data:
                break
            chunks.append(data)
    raw = b"".join(chunks)
    assert raw.count(b'"name":"blob"') == total
    assert raw.endswith(b"\r\n0\r\n\r\n")  # the chunked body's end
    assert b'"type":"RUN_FINISHED"' in raw
    assert emu.runs[-1].outcome == "finished"
    return produced


def test_a_slow_browser_pauses_reading_from_sketricgen_instead_of_buffering(
    relay_server_factory: Any, run_input: Input, sketricgen_emulator: Emulator
) -> None:
    total = 800  # of 32 KiB: 26 MB in all
    produced = _slow_browser(
        relay_server_factory, run_input, sketricgen_emulator, 32_768, total, buffer_events=8
    )

    assert produced < total * 0.6, f"{produced} of {total} events read while nobody read"


def test_the_buffer_is_bounded_in_bytes_too(
    relay_server_factory: Any, run_input: Input, sketricgen_emulator: Emulator
) -> None:
    # 120 events of 256 KiB (30 MB): 64 of them, the default count, would be 16 MB.
    total = 120
    produced = _slow_browser(
        relay_server_factory, run_input, sketricgen_emulator, 262_144, total,
        buffer_bytes=262_144,
    )  # fmt: skip

    # The sockets between the processes hold about 8 MB (32 events); the relay one more.
    assert produced < 64, f"{produced} of {total} events read while nobody read"
