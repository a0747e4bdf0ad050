"""pytest fixtures for the SketricGen emulator (registered as the `sketricgen` plugin).

`sketricgen_emulator` yields a running `Emulator`, shared by the session and
reset before and after each test; `sketricgen_emulator_factory` starts
emulators with other options (`factory(key_case="camel")`) and stops them
after the test. Importing this module loads nothing but pytest: the
emulator (and its `testing` extra) is imported when a fixture is used.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, Callable

import pytest

if TYPE_CHECKING:
    from . import Emulator

__all__ = ["sketricgen_emulator", "sketricgen_emulator_factory"]


def _emulator_class() -> type[Emulator]:
    from . import Emulator  # noqa: PLC0415 - the server's dependencies load only when used

    return Emulator


@pytest.fixture(scope="session")
def _sketricgen_session_emulator() -> Iterator[Emulator]:
    with _emulator_class()() as emulator:
        yield emulator


@pytest.fixture
def sketricgen_emulator(_sketricgen_session_emulator: Emulator) -> Iterator[Emulator]:
    """A running emulator (seed 0, snake_case), its state fresh for this test."""
    _sketricgen_session_emulator.reset()
    yield _sketricgen_session_emulator
    _sketricgen_session_emulator.reset()


@pytest.fixture
def sketricgen_emulator_factory() -> Iterator[Callable[..., Emulator]]:
    """Start emulators with any `Emulator(...)` options; all are stopped after the test."""
    started: list[Emulator] = []

    def start(**options: Any) -> Emulator:
        emulator = _emulator_class()(**options).start()
        started.append(emulator)
        return emulator

    yield start
    for emulator in reversed(started):
        emulator.stop()
