"""Fixtures shared by every test folder: clients wired to the emulator, files to attach.

The emulator itself (`sketricgen_emulator`) comes from sketricgen.testing's plugin.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from sketricgen import SketricGenClient
from tests.helpers.clients import ClientFactory
from tests.helpers.uploads import FILES


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


@pytest.fixture
def files(tmp_path: Path) -> Path:
    """A folder holding copies of the committed attachments (tests may add to it)."""
    folder = tmp_path / "files"
    shutil.copytree(FILES, folder)
    return folder
