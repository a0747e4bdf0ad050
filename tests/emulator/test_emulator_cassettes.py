"""The committed cassettes: current, free of secrets, and replayable without a server."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
import yaml

from sketricgen.testing import DEFAULT_API_KEY
from tests.helpers.cassettes import CASSETTES, recorder, replay_target

pytestmark = pytest.mark.emulator

ROOT = Path(__file__).resolve().parent.parent.parent


@pytest.fixture(scope="module")
def recording() -> ModuleType:
    """scripts/record_cassettes.py, imported from its file."""
    spec = importlib.util.spec_from_file_location(
        "record_cassettes", ROOT / "scripts" / "record_cassettes.py"
    )
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("record_cassettes", module)
    spec.loader.exec_module(module)
    return module


def _load(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def test_there_is_one_cassette_per_scenario(recording: ModuleType) -> None:
    names = {scenario.__name__ for scenario in recording.SCENARIOS}
    assert {path.stem for path in CASSETTES.glob("*.yaml")} == names


def test_cassettes_hold_no_key_and_no_volatile_bits() -> None:
    for path in CASSETTES.glob("*.yaml"):
        text = path.read_text(encoding="utf-8")
        for secret_or_volatile in (DEFAULT_API_KEY, "127.0.0.1", "localhost", "user-agent"):
            assert secret_or_volatile not in text, (path.name, secret_or_volatile)
        for interaction in _load(path)["interactions"]:
            headers = {k.lower(): v for k, v in interaction["request"]["headers"].items()}
            for name in ("api-key", "x-api-key", "authorization"):
                assert headers.get(name, ["REDACTED"]) == ["REDACTED"]
            assert "date" not in interaction["response"]["headers"]


@pytest.mark.parametrize("name", sorted(path.stem for path in CASSETTES.glob("*.yaml")))
def test_each_scenario_replays_from_its_cassette(recording: ModuleType, name: str) -> None:
    scenario = next(s for s in recording.SCENARIOS if s.__name__ == name)
    replay = recorder(None, "none")
    with replay.use_cassette(str(CASSETTES / f"{name}.yaml")) as cassette:
        scenario(replay_target())
    assert cassette.all_played


def test_the_cassettes_are_current(recording: ModuleType, tmp_path: Path) -> None:
    """What `make cassettes` records now is what is committed (compared as data)."""
    assert recording.main(["--out", str(tmp_path)]) == 0
    for path in CASSETTES.glob("*.yaml"):
        assert _load(tmp_path / path.name) == _load(path), (
            f"re-record: make cassettes ({path.name})"
        )
