"""The first async call imports nothing on the event loop's thread.

Loading the model layer, the stream modules and httpcore's async backend
takes tens of milliseconds of CPU: done inside a coroutine it would stall
every other task of the caller's loop. A fresh interpreter records, through
the `import` audit event, each module loaded on the main thread while its
first async call runs against the emulator; the list must be empty (the SDK
loads them in a worker thread). `make bench` measures the block itself
(`coldstart-loop`).
"""

from __future__ import annotations

import json
import subprocess
import sys
from typing import Any

import pytest

from sketricgen.testing import DEMO_AGENT_ID

_PROGRAM = """
import asyncio, json, sys, threading
from sketricgen import SketricGenClient

loaded = []
recording = False

def hook(event, args):
    # A module not loaded yet, on the thread that runs the loop.
    if event == "import" and recording and args[0] not in sys.modules:
        if threading.current_thread() is threading.main_thread():
            loaded.append(args[0])

sys.addaudithook(hook)

async def main(mode):
    global recording
    async with SketricGenClient(api_key=KEY, base_url=BASE, upload_base_url=UPLOAD) as client:
        recording = True
        if mode == "stream":
            async with await client.run_workflow(AGENT, "Hello", stream=True) as events:
                async for event in events:
                    event.data
        elif mode == "upload":
            (await client.upload_file(AGENT, b"%PDF-1.7 hello", file_name="a.pdf")).file_id
        else:
            (await client.run_workflow(AGENT, "Hello")).response
        recording = False

asyncio.run(main(MODE))
print(json.dumps([name for name in loaded if name in sys.modules]))
"""


@pytest.mark.parametrize("mode", ["call", "stream", "upload"])
def test_the_first_async_call_loads_no_module_on_the_loop(
    sketricgen_emulator: Any, mode: str
) -> None:
    settings = (
        f"KEY = {sketricgen_emulator.api_key!r}\n"
        f"BASE = {sketricgen_emulator.base_url!r}\n"
        f"UPLOAD = {sketricgen_emulator.upload_base_url!r}\n"
        f"AGENT = {DEMO_AGENT_ID!r}\nMODE = {mode!r}\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", settings + _PROGRAM],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    loaded = json.loads(done.stdout.strip().splitlines()[-1])
    assert loaded == [], f"imported on the event loop's thread: {loaded}"
