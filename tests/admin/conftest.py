"""Fixtures of the Admin API suites: a client of the emulator's Admin API, async or sync.

`admin` is parametrized: each test using it runs once through the async
methods (on one event loop for the whole test) and once through their `_sync`
twins, with the same calls written once (`admin.agents.get(...)`).
"""

from __future__ import annotations

import asyncio
import inspect
from collections.abc import AsyncIterator, Iterator
from typing import Any, Callable, Optional

import pytest

from sketricgen import SketricGenClient
from sketricgen.testing import Emulator


async def _collect(items: AsyncIterator[Any]) -> list[Any]:
    return [item async for item in items]


class Twin:
    """A namespace called through its async methods or its `_sync` twins, by `mode`."""

    def __init__(self, target: Any, mode: str, loop: Optional[asyncio.AbstractEventLoop]) -> None:
        self._target = target
        self._mode = mode
        self._loop = loop

    def __getattr__(self, name: str) -> Callable[..., Any]:
        if self._mode == "sync":
            blocking: Callable[..., Any] = getattr(self._target, f"{name}_sync")

            def call_sync(*args: Any, **kwargs: Any) -> Any:
                result = blocking(*args, **kwargs)
                return list(result) if isinstance(result, Iterator) else result  # a list

            return call_sync
        method = getattr(self._target, name)
        loop = self._loop
        assert loop is not None

        def call(*args: Any, **kwargs: Any) -> Any:
            result = method(*args, **kwargs)
            if inspect.isawaitable(result):
                return loop.run_until_complete(result)
            if hasattr(result, "__aiter__"):  # a list: read it all, lazily, on the loop
                return loop.run_until_complete(_collect(result))
            return result

        return call


class Admin:
    """A client of the emulator's Admin API, and its namespaces as `Twin`s of one mode."""

    def __init__(self, emulator: Emulator, mode: str, api_key: Optional[str], **options: Any):
        self.mode = mode
        self.emulator = emulator
        self.loop = asyncio.new_event_loop() if mode == "async" else None
        settings: dict[str, Any] = {
            "base_url": emulator.base_url,
            "upload_base_url": emulator.upload_base_url,
            "admin_base_url": emulator.admin_base_url,
            **options,
        }
        self.client = SketricGenClient(api_key or emulator.api_key, **settings)

    def __getattr__(self, namespace: str) -> Twin:
        return Twin(getattr(self.client, namespace), self.mode, self.loop)

    def whoami(self) -> Any:
        """`client.whoami()` or `whoami_sync()`."""
        return Twin(self.client, self.mode, self.loop).whoami()

    def requests(self) -> list[Any]:
        """The Admin API requests the emulator received so far."""
        return self.emulator.requests_to("admin")

    def close(self) -> None:
        if self.loop is None:
            self.client.close()
            return
        self.loop.run_until_complete(self.client.aclose())
        self.loop.run_until_complete(self.loop.shutdown_asyncgens())
        self.loop.close()


@pytest.fixture
def admin_factory(sketricgen_emulator: Emulator) -> Iterator[Callable[..., Admin]]:
    """`admin_factory(mode, api_key=None, **client_options)`: clients closed after the test."""
    made: list[Admin] = []

    def make(mode: str, api_key: Optional[str] = None, **options: Any) -> Admin:
        admin = Admin(sketricgen_emulator, mode, api_key, **options)
        made.append(admin)
        return admin

    yield make
    for admin in made:
        admin.close()


@pytest.fixture(params=["async", "sync"])
def admin(request: pytest.FixtureRequest, admin_factory: Callable[..., Admin]) -> Admin:
    """The emulator's Admin API with its all-Project Admin key, through one mode."""
    made: Admin = admin_factory(request.param)
    return made
