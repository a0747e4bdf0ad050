"""What the replay tests share: the recorder script, its cassettes, and a client for them.

scripts/record_cassettes.py is imported from its file (once, as `record_cassettes`):
it holds the replay target and the vcrpy settings the cassettes were recorded with.
"""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import ModuleType
from typing import Any

from sketricgen import SketricGenClient

ROOT = Path(__file__).resolve().parents[1]


def _recording() -> ModuleType:
    name = "record_cassettes"
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / f"{name}.py")
        assert spec is not None
        assert spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return sys.modules[name]


RECORDING = _recording()


@contextmanager
def replaying(name: str, *, all_played: bool = True) -> Iterator[None]:
    """Replay `cassettes/<name>.yaml`; any request it does not hold fails the test."""
    path = RECORDING.CASSETTES / f"{name}.yaml"
    with RECORDING.recorder(None, "none").use_cassette(str(path)) as tape:
        yield
    if all_played:
        assert tape.all_played, f"{name}: some recorded requests were not sent"


def client(**options: Any) -> SketricGenClient:
    """A client of the replay target (its hosts and redacted key), as the cassettes recorded."""
    target = RECORDING.replay_target()
    return SketricGenClient(
        **{
            "api_key": target.api_key,
            "base_url": target.base_url,
            "upload_base_url": target.upload_base_url,
            **options,
        }
    )
