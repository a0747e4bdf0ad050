"""`sketricgen relay`: the chat page and the relay on one local port."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import sys
from collections.abc import Iterator
from typing import Any, Optional

import uvicorn

from .._client import SketricGenClient
from .._exceptions import SketricGenError, SketricGenValidationError
from ._server import create_app

__all__ = ["relay_command"]


def relay_command(options: argparse.Namespace) -> int:
    """Serve until Ctrl-C; returns the exit code (2: no key or a bad setting, before serving)."""
    with _service(options) as settings:
        try:
            client = SketricGenClient(**settings) if settings else SketricGenClient.from_env()
        except SketricGenValidationError as error:
            sys.stderr.write(f"error: {error}\n")
            return 2
        try:
            asyncio.run(_serve(options, client))
        except SketricGenError as error:
            sys.stderr.write(f"error: {error}\n")
            return 1
    return 0


@contextlib.contextmanager
def _service(options: argparse.Namespace) -> Iterator[dict[str, Any]]:
    if not options.emulator:
        yield {}
        return
    from ..testing import Emulator  # noqa: PLC0415 (the testing extra)

    with Emulator(pace=options.pace) as emulator:
        yield {
            "api_key": emulator.api_key,
            "base_url": emulator.base_url,
            "upload_base_url": emulator.upload_base_url,
        }


async def _serve(options: argparse.Namespace, client: SketricGenClient) -> None:
    async with client:
        app = create_app(client, options.agent, allowed_agents=options.allow or None)
        config = uvicorn.Config(
            app,
            host=options.host,
            port=options.port,
            log_level="warning",
            access_log=False,
            lifespan="off",
        )
        server = _AnnouncingServer(config)
        await server.serve()


class _AnnouncingServer(uvicorn.Server):
    """uvicorn that prints where the chat page is once it listens."""

    async def startup(self, sockets: Optional[list[Any]] = None) -> None:
        await super().startup(sockets=sockets)
        if not self.started:
            return
        port = self.config.port
        for server in self.servers:
            for sock in server.sockets:
                port = sock.getsockname()[1]
        host = self.config.host
        print(f"chat page: http://{host}:{port}/  (relay: POST http://{host}:{port}/agent)")
        sys.stdout.flush()
