"""A call loads only the wire models it uses; every model still imports by name.

`sketricgen_models` is generated as modules by the operations that use each
model (`_chat`, `_assets`, `_payloads` for the AG-UI events), loaded on
first use. A fresh interpreter makes one plain call, or reads one stream,
against the emulator, then lists the pydantic wire classes that exist: no
event or upload model may be among them until an event's typed view is
asked for (`make bench`: `coldstart-call`, `coldstart-stream`).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from typing import Any, get_origin

import pytest
import sketricgen_lowlevel.models
import sketricgen_models
from pydantic import BaseModel

import sketricgen
from sketricgen.testing import DEMO_AGENT_ID

_PROGRAM = """
import json
from pydantic import BaseModel
from sketricgen import SketricGenClient

def classes(base=BaseModel):
    found = []
    for cls in base.__subclasses__():
        if cls.__module__.startswith("sketricgen_models"):
            found.append(cls.__name__)
        found += classes(cls)
    return sorted(set(found))

with SketricGenClient(api_key=KEY, base_url=BASE) as client:
    if MODE == "call":
        client.run_workflow_sync(AGENT, "Hello").response
        seen = classes()
    else:
        with client.run_workflow_sync(AGENT, "Hello", stream=True) as events:
            for event in events:
                event.json()
            seen = classes()
            event.ag_ui  # the first typed view
print(json.dumps({"before": seen, "after": classes()}))
"""

_EVENTS = {"RunStartedEvent", "TextMessageContentEvent", "GenericAgUiEvent", "AgUiEvent"}
_UPLOADS = {"UploadInitResponse", "UploadCompleteResponse", "PresignedPost"}


def _classes(emulator: Any, mode: str) -> dict[str, list[str]]:
    settings = (
        f"KEY = {emulator.api_key!r}\nBASE = {emulator.base_url!r}\n"
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
    found: dict[str, list[str]] = json.loads(done.stdout.strip().splitlines()[-1])
    return found


def test_a_plain_call_builds_no_event_or_upload_model(sketricgen_emulator: Any) -> None:
    seen = set(_classes(sketricgen_emulator, "call")["before"])
    assert "ChatResponse" in seen
    assert "RunWorkflowRequest" in seen
    assert not seen & (_EVENTS | _UPLOADS), sorted(seen)


def test_the_event_models_load_with_the_first_typed_view(sketricgen_emulator: Any) -> None:
    found = _classes(sketricgen_emulator, "stream")
    assert not set(found["before"]) & (_EVENTS | _UPLOADS), found["before"]
    assert set(found["after"]) >= _EVENTS


@pytest.mark.parametrize("package", [sketricgen_models, sketricgen_lowlevel.models])
def test_every_model_imports_by_name(package: Any) -> None:
    assert len(package.__all__) > 20
    models = 0
    for name in package.__all__:
        value = getattr(package, name)
        assert value is getattr(package, name)
        # `dict[str, Any]` (an inline object) passes `isinstance(x, type)` on 3.9.
        models += (
            get_origin(value) is None and isinstance(value, type) and issubclass(value, BaseModel)
        )
    assert models > 15
    assert set(package.__all__) <= set(dir(package))
    with pytest.raises(AttributeError, match="NoSuchModel"):
        package.NoSuchModel  # noqa: B018


def test_from_import_gives_the_same_class_everywhere() -> None:
    chat_response = sketricgen_models.ChatResponse
    assert chat_response is sketricgen_lowlevel.models.ChatResponse is sketricgen.ChatResponse
    assert sketricgen_models.RunStartedEvent.model_validate(
        {"type": "RUN_STARTED", "threadId": "t", "run_id": "r"}
    )


_TLS_PROGRAM = """
import json, sys, threading
from sketricgen import SketricGenClient

built_on = []

def profile(frame, event, arg):  # OpenSSL reading the CA bundle: on which thread?
    if event == "c_call" and getattr(arg, "__name__", "") == "load_verify_locations":
        built_on.append(threading.current_thread().name)

sys.setprofile(profile)
threading.setprofile(profile)
with SketricGenClient(api_key=KEY, base_url=BASE) as client:
    client.run_workflow_sync(AGENT, "Hello").response
sys.setprofile(None)
print(json.dumps(built_on))
"""


def test_a_new_client_builds_the_tls_context_in_a_thread(sketricgen_emulator: Any) -> None:
    # OpenSSL reads the CA bundle without the GIL: in a thread of its own it overlaps
    # the first call's imports instead of adding to them.
    settings = (
        f"KEY = {sketricgen_emulator.api_key!r}\nBASE = {sketricgen_emulator.base_url!r}\n"
        f"AGENT = {DEMO_AGENT_ID!r}\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", settings + _TLS_PROGRAM],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout.strip().splitlines()[-1]) == ["sketricgen-tls"]


_FORK_PROGRAM = """
import os, time, warnings
from sketricgen import SketricGenClient

warnings.simplefilter("ignore", DeprecationWarning)  # fork() of a process with threads
client = SketricGenClient(api_key=KEY, base_url=BASE)  # its TLS thread is at work now
pid = os.fork()
if pid == 0:
    with SketricGenClient(api_key=KEY, base_url=BASE) as child:
        child.run_workflow_sync(AGENT, "Hello").response
    os._exit(0)
deadline = time.monotonic() + 20
while time.monotonic() < deadline:
    done, status = os.waitpid(pid, os.WNOHANG)
    if done:
        print("exit", os.WEXITSTATUS(status))
        break
    time.sleep(0.05)
else:
    os.kill(pid, 9)
    os.waitpid(pid, 0)
    print("hung")
client.close()
"""


@pytest.mark.skipif(not hasattr(os, "fork"), reason="no fork() here")
def test_a_child_forked_while_the_tls_thread_works_can_call(sketricgen_emulator: Any) -> None:
    # A forked child has no copy of the building thread (nor of its lock's owner).
    settings = (
        f"KEY = {sketricgen_emulator.api_key!r}\nBASE = {sketricgen_emulator.base_url!r}\n"
        f"AGENT = {DEMO_AGENT_ID!r}\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", settings + _FORK_PROGRAM],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["exit", "0"], done.stdout + done.stderr


_ASYNCIO_PROGRAM = """
import sys
from sketricgen import SketricGenClient
with SketricGenClient(api_key=KEY, base_url=BASE) as client:
    client.run_workflow_sync(AGENT, "Hello").response
    with client.run_workflow_sync(AGENT, "Hello", stream=True) as events:
        for event in events:
            event.data
print("asyncio" in sys.modules)
"""


def test_blocking_calls_do_not_import_asyncio(sketricgen_emulator: Any) -> None:
    # asyncio costs a blocking program ~2 MB and tens of milliseconds it never uses.
    settings = (
        f"KEY = {sketricgen_emulator.api_key!r}\nBASE = {sketricgen_emulator.base_url!r}\n"
        f"AGENT = {DEMO_AGENT_ID!r}\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", settings + _ASYNCIO_PROGRAM],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[-1] == "False"
