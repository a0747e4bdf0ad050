"""Typed code works as documented: `event.ag_ui` narrows with isinstance, for mypy too."""

from __future__ import annotations

import re
import subprocess
import sys
import textwrap
import typing
from pathlib import Path

import pytest
import sketricgen_models
from sketricgen_models._base import WireModel

import sketricgen
from sketricgen import events
from tests.helpers.clients import ClientFactory

ROOT = Path(__file__).resolve().parents[2]
MYPY = Path(sys.executable).parent / "mypy"
# README blocks that use typed features: the typed view, the results, the event classes.
TYPED = ("ag_ui", "until_done", "text_deltas", "sketricgen.events")


def _generated_event_classes() -> set[type[WireModel]]:
    return {
        value
        for name, value in vars(sketricgen_models).items()
        if name.endswith("Event") and isinstance(value, type) and issubclass(value, WireModel)
    }


def test_the_union_is_the_generated_one_plus_the_fallback() -> None:
    generated = typing.get_args(sketricgen_models.AgUiEvent.model_fields["root"].annotation)
    assert len(generated) == 34
    assert list(typing.get_args(events.AgUiEventModel)) == [
        *generated,
        events.GenericAgUiEvent,
    ]


def test_every_event_class_is_public() -> None:
    classes = _generated_event_classes()
    assert len(classes) >= 35  # the 31 of AG-UI, SketricGen's three, and the fallback
    for cls in classes:
        assert getattr(events, cls.__name__) is cls, cls.__name__
        assert cls.__name__ in events.__all__


def test_hitl_models_are_exported() -> None:
    assert sketricgen.HitlActionRequest is sketricgen_models.HitlActionRequest
    assert sketricgen.HitlReviewConfig is sketricgen_models.HitlReviewConfig
    assert events.HitlActionRequest is sketricgen.HitlActionRequest
    assert {"HitlActionRequest", "HitlReviewConfig", "SketricGenOutOfCreditsError"} <= set(
        sketricgen.__all__
    )


def test_import_sketricgen_stays_cheap() -> None:
    probe = "import sys, sketricgen; print(sorted({'pydantic', 'httpx'} & set(sys.modules)))"
    shown = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    ).stdout
    assert shown.strip() == "[]"


def test_isinstance_narrows_at_run_time(make_client: ClientFactory) -> None:
    text = []
    for event in make_client().run_workflow_sync("agent-123", "Hi", stream=True):
        if isinstance(event.ag_ui, events.TextMessageContentEvent):
            text.append(event.ag_ui.delta)
    assert "".join(text) == "Hello! You said: Hi"


def _typed_readme_blocks() -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"^```python\n(.*?)^```", readme, flags=re.MULTILINE | re.DOTALL)
    return [block for block in blocks if any(word in block for word in TYPED)]


def test_the_readme_has_typed_examples() -> None:
    blocks = _typed_readme_blocks()
    assert len(blocks) >= 3
    assert any("isinstance(event.ag_ui" in block for block in blocks)


@pytest.mark.skipif(not MYPY.exists(), reason="mypy is not installed here (the dev extra has it)")
def test_the_readme_typed_examples_pass_mypy_strict(tmp_path: Path) -> None:
    # Each block becomes the body of a coroutine given the client the README made earlier.
    parts = ["from sketricgen import SketricGenClient\n"]
    for number, block in enumerate(_typed_readme_blocks()):
        body = textwrap.indent(block, "    ")
        parts.append(f"\nasync def block_{number}(client: SketricGenClient) -> None:\n{body}")
    module = tmp_path / "readme_typed.py"
    module.write_text("".join(parts), encoding="utf-8")
    done = subprocess.run(
        [str(MYPY), "--strict", "--no-error-summary", str(module)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr + "\n" + module.read_text()
