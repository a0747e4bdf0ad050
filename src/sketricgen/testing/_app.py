"""The ASGI application: every emulated endpoint on one server."""

from __future__ import annotations

import logging
from collections.abc import Awaitable
from typing import Callable

from sketricgen_models import ErrorBody
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.requests import ClientDisconnect, Request
from starlette.responses import Response
from starlette.routing import Route
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ._chat import RUN_PATH, run_workflow
from ._exchange import Exchange, json_answer
from ._state import EmulatorState
from ._storage import STORAGE_PREFIX, download, presigned_post
from ._uploads import COMPLETE_PATH, INIT_PATH, complete_upload, init_upload

__all__ = ["build_app"]

logger = logging.getLogger("sketricgen.testing")

Handler = Callable[[EmulatorState, Request], Awaitable[Response]]
_ANY_METHOD = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]


async def _not_found(state: EmulatorState, request: Request) -> Response:
    exchange = Exchange(state, request, await request.body(), "other")
    return exchange.answer(json_answer(404, ErrorBody(detail="Not Found")))


def build_app(state: EmulatorState) -> Starlette:
    """The emulator's routes, bound to `state`."""

    def bind(handler: Handler) -> Callable[[Request], Awaitable[Response]]:
        async def endpoint(request: Request) -> Response:
            return await handler(state, request)

        return endpoint

    routes = [
        Route(RUN_PATH, bind(run_workflow), methods=["POST"]),
        Route(INIT_PATH, bind(init_upload), methods=["POST"]),
        Route(COMPLETE_PATH, bind(complete_upload), methods=["POST"]),
        Route(STORAGE_PREFIX + "/{bucket}", bind(presigned_post), methods=["POST"]),
        Route(STORAGE_PREFIX + "/{bucket}/{key:path}", bind(download), methods=["GET"]),
        Route("/{path:path}", bind(_not_found), methods=_ANY_METHOD),
    ]
    return Starlette(routes=routes, middleware=[Middleware(_EarlyExits)])


class _EarlyExits:
    """Logs one line when a connection goes before its answer was complete, and no traceback.

    A client that drops mid-stream, or before its request body arrived
    (starlette's `ClientDisconnect`), is a normal event for a server; so is
    a connection a fault closes on purpose.
    """

    def __init__(self, app: ASGIApp) -> None:
        self._app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self._app(scope, receive, send)
            return
        sent = {"started": False, "complete": False}
        gone = False

        async def watched_receive() -> Message:
            nonlocal gone
            message = await receive()
            gone = gone or message["type"] == "http.disconnect"
            return message

        async def watched_send(message: Message) -> None:
            if message["type"] == "http.response.start":
                sent["started"] = True
            elif message["type"] == "http.response.body" and not message.get("more_body"):
                sent["complete"] = True
            await send(message)

        try:
            await self._app(scope, watched_receive, watched_send)
        except ClientDisconnect:
            gone = True
        if gone and not sent["complete"]:
            client = scope.get("client") or ("?", 0)
            when = "mid-answer" if sent["started"] else "before the answer"
            logger.info(
                "connection from %s:%s closed %s: %s %s",
                client[0], client[1], when, scope.get("method"), scope.get("path"),
            )  # fmt: skip
