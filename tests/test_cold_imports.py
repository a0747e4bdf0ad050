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
import subprocess
import sys
from typing import Any

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
        models += isinstance(value, type) and issubclass(value, BaseModel)
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
