"""Fixtures for the emulator's own tests: a plain httpx client, the emulator under test."""

from __future__ import annotations

import ssl
from collections.abc import Iterator

import httpx
import pytest

from sketricgen.testing import Emulator


@pytest.fixture
def emu(sketricgen_emulator: Emulator) -> Emulator:
    """The session's emulator, reset for this test."""
    return sketricgen_emulator


@pytest.fixture(scope="session")
def _tls() -> ssl.SSLContext:
    # Loading the CA bundle takes tens of milliseconds: once per session is enough.
    return ssl.create_default_context()


@pytest.fixture
def http(_tls: ssl.SSLContext) -> Iterator[httpx.Client]:
    """A plain httpx client with no default headers, closed after the test."""
    with httpx.Client(timeout=5, verify=_tls) as client:
        yield client
