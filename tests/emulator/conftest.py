"""Fixtures for the emulator's own tests: a plain httpx client, the emulator under test."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from sketricgen.testing import Emulator

pytestmark = pytest.mark.emulator


@pytest.fixture
def emu(sketricgen_emulator: Emulator) -> Emulator:
    """The session's emulator, reset for this test."""
    return sketricgen_emulator


@pytest.fixture
def http() -> Iterator[httpx.Client]:
    """A plain httpx client with no default headers, closed after the test."""
    with httpx.Client(timeout=5) as client:
        yield client
