"""Clients wired to the emulator for the streaming tests."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, Callable

import pytest

from sketricgen import SketricGenClient

ClientFactory = Callable[..., SketricGenClient]


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
