"""What the tests that build clients of the emulator share: the type of `make_client`."""

from __future__ import annotations

from typing import Callable

from sketricgen import SketricGenClient

ClientFactory = Callable[..., SketricGenClient]
"""`make_client(**options)` (tests/conftest.py): a client of the emulator, closed after the test."""
