"""The relay with its chat page, as one app: what `sketricgen relay` serves."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import FileResponse, Response
from starlette.routing import Route

from ._app import AgUiRelay

if TYPE_CHECKING:
    from .._client import SketricGenClient

__all__ = ["CHAT_PAGE", "create_app"]

CHAT_PAGE = Path(__file__).with_name("static") / "chat.html"


async def _chat_page(request: Request) -> Response:
    return FileResponse(CHAT_PAGE, media_type="text/html; charset=utf-8")


def create_app(client: SketricGenClient, agent_id: str, **relay_options: Any) -> Starlette:
    """`GET /`: the chat page; `POST /agent`: `AgUiRelay(client, agent_id, **relay_options)`."""
    relay = AgUiRelay(client, agent_id, **relay_options)
    return Starlette(
        routes=[
            Route("/", _chat_page, methods=["GET"]),
            Route("/agent", relay, methods=["POST"]),
        ]
    )
