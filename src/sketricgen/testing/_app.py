"""The ASGI application: every emulated endpoint on one server."""

from __future__ import annotations

from collections.abc import Awaitable
from typing import Callable

from sketricgen_models import ErrorBody
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from ._chat import RUN_PATH, run_workflow
from ._exchange import Exchange, json_answer
from ._state import EmulatorState
from ._storage import STORAGE_PREFIX, download, presigned_post
from ._uploads import COMPLETE_PATH, INIT_PATH, complete_upload, init_upload

__all__ = ["build_app"]

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
    return Starlette(routes=routes)
