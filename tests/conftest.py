"""Fixtures shared by every test folder: clients wired to the emulator.

The emulator itself (`sketricgen_emulator`) comes from sketricgen.testing's plugin.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from client_helpers import ClientFactory

from sketricgen import SketricGenClient


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


@pytest.fixture
def make_client(sketricgen_emulator: Any) -> Iterator[ClientFactory]:
    """`make_client(**options)`: a client of the emulator, closed after the test."""
    made: list[SketricGenClient] = []

    def make(**options: Any) -> SketricGenClient:
        settings: dict[str, Any] = {
            "api_key": sketricgen_emulator.api_key,
            "base_url": sketricgen_emulator.base_url,
            "upload_base_url": sketricgen_emulator.upload_base_url,
            **options,
        }
        client = SketricGenClient(**settings)
        made.append(client)
        return client

    yield make
    for client in made:
        client.close()
