"""Streams abandoned in the middle of an error never outlive the interpreter's orderly exit.

A failing test leaves its stream referenced from the traceback the runner
keeps (pytest keeps the last one until exit), so garbage collection would
close it while the interpreter is being torn down: on CPython 3.13.0 that
once crashed the process. The script below abandons streams that way, sync
and async, in a fresh interpreter (this one: the suite runs on the newest
Python and on 3.9), and reports from an exit hook that runs after the SDK's
whether each response was closed by then.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

SCRIPT = r"""
import asyncio, atexit, socket, threading

streams = []  # each abandoned stream
kept = []  # what a test runner keeps of a failure: the error, its traceback and frames


def report():
    print("closed at exit:", [s.response.is_closed for s in streams], flush=True)


atexit.register(report)  # registered before the SDK is imported: runs after its own hook

from sketricgen import SketricGenClient, SketricGenNetworkError

HEAD = b"HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nTransfer-Encoding: chunked\r\n\r\n"
EVENT = b'data: {"type":"TEXT_MESSAGE_CONTENT","message_id":"m","delta":"hi"}\n\n'
CHUNK = b"%x\r\n%s\r\n" % (len(EVENT), EVENT)
held = []


def serve(server):
    while True:
        try:
            conn, _ = server.accept()
        except OSError:
            return
        data = b""
        while b"\r\n\r\n" not in data:
            data += conn.recv(65536)
        head, _, body = data.partition(b"\r\n\r\n")
        length = int(head.lower().split(b"content-length:")[1].split(b"\r\n")[0])
        while len(body) < length:
            body += conn.recv(65536)
        conn.sendall(HEAD + CHUNK * 2)
        if b'"cut"' in body:
            conn.close()  # an incomplete chunked body: the stream itself fails
        else:
            held.append(conn)  # the stream stalls; the consumer's code fails


server = socket.create_server(("127.0.0.1", 0))
threading.Thread(target=serve, args=(server,), daemon=True).start()
client = SketricGenClient(
    api_key="sk-abandon", base_url="http://127.0.0.1:%d" % server.getsockname()[1]
)


class UserError(Exception):
    pass


def sync_cases():
    stream = client.run_workflow_sync("stall", "Hi", stream=True)
    try:
        for event in stream:
            raise UserError  # the consumer fails mid-stream and leaves the stream as it is
    except UserError as error:
        streams.append(stream)
        kept.append(error)
    deltas = client.run_workflow_sync("stall", "Hi", stream=True)
    try:
        for delta in deltas.text_deltas():
            raise UserError
    except UserError as error:
        streams.append(deltas)
        kept.append(error)
    cut = client.run_workflow_sync("cut", "Hi", stream=True)
    try:
        cut.until_done()
    except SketricGenNetworkError as error:
        assert cut.response.is_closed, "the stream's own error closed its response at once"
        streams.append(cut)
        kept.append(error)


async def async_cases():
    stream = await client.run_workflow("stall", "Hi", stream=True)
    try:
        async for event in stream:
            raise UserError
    except UserError as error:
        streams.append(stream)
        kept.append(error)
    cut = await client.run_workflow("cut", "Hi", stream=True)
    try:
        await cut.until_done()
    except SketricGenNetworkError as error:
        assert cut.response.is_closed
        streams.append(cut)
        kept.append(error)


sync_cases()
asyncio.run(async_cases())
print("abandoned", len(streams), "streams", flush=True)
"""


def test_abandoned_streams_are_closed_before_the_interpreter_exits(tmp_path: Path) -> None:
    script = tmp_path / "abandon.py"
    script.write_text(SCRIPT, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-X", "faulthandler", "-W", "error::ResourceWarning", str(script)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stderr == ""  # no "Exception ignored", no ResourceWarning, no traceback
    lines = done.stdout.splitlines()
    assert lines[0] == "abandoned 5 streams"
    assert lines[1] == "closed at exit: [True, True, True, True, True]"
