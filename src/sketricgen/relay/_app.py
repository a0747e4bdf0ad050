"""`AgUiRelay`: the ASGI app between a browser's AG-UI client and SketricGen."""

from __future__ import annotations

import asyncio
import contextlib
import inspect
import json
import logging
from collections.abc import Awaitable, Iterable, Mapping
from typing import TYPE_CHECKING, Any, Callable, Optional, Union

from starlette.requests import ClientDisconnect, Request
from starlette.types import Receive, Scope, Send

from .._exceptions import (
    SketricGenError,
    SketricGenFileError,
    SketricGenValidationError,
)
from .._uploads.files import inspect_file
from ._errors import RelayRequestError
from ._input import RelayTurn, parse_run_input
from ._outbox import Outbox
from ._store import InMemoryThreadStore, ThreadRecord, ThreadStore
from ._trip import Trip

if TYPE_CHECKING:
    from ag_ui.core import RunAgentInput

    from .._client import SketricGenClient

__all__ = ["AgUiRelay"]

logger = logging.getLogger("sketricgen.relay")

ContactResolver = Callable[[Request], Union[Optional[str], Awaitable[Optional[str]]]]
Authorizer = Callable[[Request, "RunAgentInput"], Union[bool, Awaitable[bool]]]

HEARTBEAT = b": ping\n\n"
_SSE_HEADERS = [
    (b"content-type", b"text/event-stream; charset=utf-8"),
    (b"cache-control", b"no-cache, no-transform"),
    (b"x-accel-buffering", b"no"),
]


class AgUiRelay:
    """An ASGI app serving one SketricGen client as a standard AG-UI endpoint.

    `POST` a `RunAgentInput` (JSON) to the mount root; the answer streams the
    run's AG-UI events (`text/event-stream`). The wire contract is in
    `sketricgen.relay`'s docstring. Options:

    - `agent_id`: the agent to run; `allowed_agents`: agents the frontend may
      pick with `forwardedProps.agentId` (anything else is refused, `403`).
    - `store`: maps the frontend's `threadId` to SketricGen's conversation
      (`InMemoryThreadStore()` by default).
    - `resolve_contact_id(request)`: your application's user for this request,
      sent as `contact_id` (a thread stays with the user who started it).
    - `authorize(request, run_input)`: return False to refuse (`403`).
    - `enable_hitl`: send runs with human-in-the-loop tools (pauses become
      AG-UI interrupts).
    - `heartbeat_interval`: seconds of silence before a `: ping` comment.
    - `buffer_events`, `buffer_bytes`: how many events, and bytes, may wait
      between SketricGen and a slow browser; beyond either, reading from
      SketricGen pauses (one event always fits).
    - `max_request_bytes`: the largest body accepted (inline files included).
    - `verify_output`: check every event sent against AG-UI's order rules; a
      stream from SketricGen that would break them ends in `RUN_ERROR`.

    Hooks may be plain functions or coroutines, and may raise
    `RelayRequestError` to refuse with their own status.
    """

    def __init__(
        self,
        client: SketricGenClient,
        agent_id: Optional[str] = None,
        *,
        allowed_agents: Optional[Iterable[str]] = None,
        store: Optional[ThreadStore] = None,
        resolve_contact_id: Optional[ContactResolver] = None,
        authorize: Optional[Authorizer] = None,
        enable_hitl: bool = True,
        heartbeat_interval: float = 15.0,
        buffer_events: int = 64,
        buffer_bytes: int = 1024 * 1024,
        max_request_bytes: int = 32 * 1024 * 1024,
        verify_output: bool = True,
    ) -> None:
        if heartbeat_interval <= 0:
            raise SketricGenValidationError(
                "heartbeat_interval must be a number of seconds above 0",
                field="heartbeat_interval",
            )
        if buffer_events < 1:
            raise SketricGenValidationError(
                "buffer_events must be 1 or more", field="buffer_events"
            )
        if buffer_bytes < 1:
            raise SketricGenValidationError("buffer_bytes must be 1 or more", field="buffer_bytes")
        if max_request_bytes < 1:
            raise SketricGenValidationError(
                "max_request_bytes must be 1 or more", field="max_request_bytes"
            )
        if isinstance(allowed_agents, str):
            raise SketricGenValidationError(
                "allowed_agents is a list of agent ids, not one string", field="allowed_agents"
            )
        allowed = frozenset(allowed_agents or ())
        if not all(isinstance(agent, str) and agent for agent in allowed):
            raise SketricGenValidationError(
                "allowed_agents holds agent ids (non-empty strings)", field="allowed_agents"
            )
        if agent_id is None and not allowed:
            raise SketricGenValidationError(
                "give agent_id, or allowed_agents the frontend may choose from",
                field="agent_id",
            )
        self.client = client
        self.agent_id = agent_id
        self.allowed_agents = allowed
        self.store: ThreadStore = InMemoryThreadStore() if store is None else store
        self.resolve_contact_id = resolve_contact_id
        self.authorize = authorize
        self.enable_hitl = enable_hitl
        self.heartbeat_interval = heartbeat_interval
        self.buffer_events = buffer_events
        self.buffer_bytes = buffer_bytes
        self.max_request_bytes = max_request_bytes
        self.verify_output = verify_output

    def __repr__(self) -> str:
        return (
            f"AgUiRelay(agent_id={self.agent_id!r}, allowed_agents={sorted(self.allowed_agents)!r})"
        )

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "lifespan":
            await _lifespan(receive, send)
            return
        if scope["type"] != "http":
            return
        if scope["method"] != "POST":
            await _json(
                send, 405, "method_not_allowed", "POST a RunAgentInput", [(b"allow", b"POST")]
            )
            return
        request = Request(scope, receive)
        try:
            turn, record, contact_id, agent_id = await self._prepare(request)
            asset_ids = await self._upload(turn, agent_id)
        except RelayRequestError as refused:
            await _json(send, refused.status_code, refused.code, str(refused))
            return
        except ClientDisconnect:  # gone before its request was read: nothing was sent
            return
        await self._stream(receive, send, turn, record, contact_id, agent_id, asset_ids)

    # -- before anything is sent to SketricGen ---------------------------------

    async def _prepare(
        self, request: Request
    ) -> tuple[RelayTurn, Optional[ThreadRecord], Optional[str], str]:
        media_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
        if media_type != "application/json":
            # Also what keeps a cross-site form from posting here without a CORS preflight.
            raise RelayRequestError(
                "send the RunAgentInput as application/json",
                status_code=415,
                code="unsupported_media_type",
            )
        turn = parse_run_input(await self._body(request))
        if self.authorize is not None and not await _call(self.authorize, request, turn.run_input):
            raise RelayRequestError(
                "this request is not allowed", status_code=403, code="forbidden"
            )
        contact_id = None
        if self.resolve_contact_id is not None:
            contact_id = await _call(self.resolve_contact_id, request)
        agent_id = self._agent_for(turn)
        record = await self.store.load(turn.thread_id)
        if record is not None and record.contact_id != contact_id:
            raise RelayRequestError(
                "this thread belongs to another user", status_code=403, code="forbidden_thread"
            )
        if record is not None and record.agent_id != agent_id:
            record = None  # another agent: a new conversation on this thread
        if turn.answers:
            self._check_answers(turn, record)
        return turn, record, contact_id, agent_id

    async def _body(self, request: Request) -> bytes:
        declared = request.headers.get("content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.max_request_bytes:
            raise _too_large(self.max_request_bytes)
        body = bytearray()
        async for chunk in request.stream():
            body += chunk
            if len(body) > self.max_request_bytes:
                raise _too_large(self.max_request_bytes)
        return bytes(body)

    def _agent_for(self, turn: RelayTurn) -> str:
        props = turn.forwarded_props
        wanted = None
        if isinstance(props, Mapping):
            wanted = props.get("agentId", props.get("agent_id"))
        if wanted is None:
            if self.agent_id is None:
                raise RelayRequestError(
                    "choose an agent: forwardedProps.agentId", code="agent_required"
                )
            return self.agent_id
        if not isinstance(wanted, str) or wanted not in self.allowed_agents | {self.agent_id}:
            raise RelayRequestError(
                "this agent is not offered here", status_code=403, code="agent_not_allowed"
            )
        return wanted

    @staticmethod
    def _check_answers(turn: RelayTurn, record: Optional[ThreadRecord]) -> None:
        pending = None if record is None else record.pending_hitl
        if pending is None:
            raise RelayRequestError(
                "nothing to resume: this thread has no pending interrupt",
                status_code=409,
                code="no_pending_interrupt",
            )
        answered = [answer.interrupt_id for answer in turn.answers]
        if sorted(answered) != sorted(pending.interrupt_ids):
            raise RelayRequestError(
                "resume must answer each pending interrupt once: "
                + ", ".join(pending.interrupt_ids),
                code="invalid_resume",
            )

    async def _upload(self, turn: RelayTurn, agent_id: str) -> list[str]:
        """Upload the message's files, every one checked before the first is sent."""
        files: list[tuple[bytes, str, Optional[str]]] = []
        for attachment in turn.attachments:
            named_type = "." in attachment.file_name.strip(".")
            content_type = None if named_type else attachment.content_type
            try:
                inspect_file(attachment.data, file_name=attachment.file_name,
                             content_type=content_type)  # fmt: skip
            except SketricGenFileError as refused:
                raise RelayRequestError(str(refused), code="invalid_attachment") from None
            files.append((attachment.data, attachment.file_name, content_type))
        ids = list(turn.asset_ids)
        for data, file_name, content_type in files:
            try:
                uploaded = await self.client.upload_file(
                    agent_id, data, file_name=file_name, content_type=content_type
                )
            except SketricGenFileError as refused:
                raise RelayRequestError(str(refused), code="invalid_attachment") from None
            except SketricGenError as failed:
                logger.warning("relay: upload of an attachment failed: %s", failed)
                raise RelayRequestError(
                    f"the attachment could not be uploaded: {failed}",
                    status_code=502,
                    code="upload_failed",
                ) from None
            ids.append(uploaded.file_id)
        return ids

    # -- the stream ------------------------------------------------------------

    async def _stream(
        self,
        receive: Receive,
        send: Send,
        turn: RelayTurn,
        record: Optional[ThreadRecord],
        contact_id: Optional[str],
        agent_id: str,
        asset_ids: list[str],
    ) -> None:
        await send({"type": "http.response.start", "status": 200, "headers": _SSE_HEADERS})
        outbox = Outbox(self.buffer_events, self.buffer_bytes)
        run = Trip(self, turn, record, contact_id, agent_id, asset_ids, outbox)
        producer = asyncio.ensure_future(run.produce())
        watcher = asyncio.ensure_future(_disconnected(receive))
        writer = asyncio.ensure_future(self._write(outbox, send))
        try:
            await asyncio.wait({writer, watcher}, return_when=asyncio.FIRST_COMPLETED)
        finally:
            for task in (producer, watcher, writer):
                task.cancel()
            # The producer's cancellation closes the stream from SketricGen.
            await asyncio.gather(producer, watcher, writer, return_exceptions=True)
        with contextlib.suppress(Exception):  # the browser may be gone already
            await send({"type": "http.response.body", "body": b"", "more_body": False})

    async def _write(self, outbox: Outbox, send: Send) -> None:
        while not outbox.drained:
            items = await outbox.take(self.heartbeat_interval)
            if items is None:
                await send({"type": "http.response.body", "body": HEARTBEAT, "more_body": True})
            elif items:  # everything that is ready goes out in one write
                await send(
                    {"type": "http.response.body", "body": b"".join(items), "more_body": True}
                )


def _too_large(limit: int) -> RelayRequestError:
    return RelayRequestError(
        f"the request is larger than {limit:,} bytes", status_code=413, code="too_large"
    )


async def _call(hook: Callable[..., Any], *args: Any) -> Any:
    result = hook(*args)
    return await result if inspect.isawaitable(result) else result


async def _disconnected(receive: Receive) -> None:
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            return


async def _json(
    send: Send,
    status: int,
    code: str,
    message: str,
    extra: Optional[list[tuple[bytes, bytes]]] = None,
) -> None:
    body = json.dumps({"error": code, "message": message}).encode("utf-8")
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
    await send(
        {"type": "http.response.start", "status": status, "headers": headers + (extra or [])}
    )
    await send({"type": "http.response.body", "body": body})


async def _lifespan(receive: Receive, send: Send) -> None:
    while True:
        message = await receive()
        if message["type"] == "lifespan.startup":
            await send({"type": "lifespan.startup.complete"})
        elif message["type"] == "lifespan.shutdown":
            await send({"type": "lifespan.shutdown.complete"})
            return
