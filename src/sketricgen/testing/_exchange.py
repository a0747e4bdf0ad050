"""One request being answered: recorded on arrival, faults chosen, status noted.

Also the ASGI answers every endpoint may give beyond a plain response: a
body trickled one byte per write, a connection dropped (FIN or reset)
instead of an answer.
"""

from __future__ import annotations

import asyncio
import socket
import struct
from http import HTTPStatus
from typing import Any, Literal, Optional

from pydantic import BaseModel
from sketricgen_models import ErrorBody, S3ErrorDocument, UploadFailureBody
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import Receive, Scope, Send

from ._faults import FAULT_HEADER, AppliedFaults, Endpoint, Fault
from ._records import RecordedRequest, mask_headers
from ._s3 import S3Error
from ._state import EmulatorState
from ._wire import dump, json_bytes, xml_document

__all__ = [
    "Exchange", "drop_connection", "json_answer", "s3_answer", "send_body", "until_disconnect",
]  # fmt: skip

ErrorStyle = Literal["chat", "upload", "s3"]

_S3_CODES = {500: "InternalError", 503: "ServiceUnavailable", 403: "AccessDenied"}

# RFC 9110's names; older Pythons' `HTTPStatus` still has the previous ones, and
# recordings must not depend on the interpreter.
_PHRASES = {413: "Content Too Large", 416: "Range Not Satisfiable", 422: "Unprocessable Content"}


def _phrase(code: int) -> str:
    return _PHRASES.get(code) or HTTPStatus(code).phrase


_HTML_PAGE = """<html>
<head><title>{code} {phrase}</title></head>
<body>
<center><h1>{code} {phrase}</h1></center>
<hr><center>emulated-proxy</center>
</body>
</html>
"""


def json_answer(
    status: int, model: BaseModel, headers: Optional[dict[str, str]] = None
) -> Response:
    """A JSON answer built from a generated model."""
    return Response(json_bytes(dump(model)), status, headers, media_type="application/json")


def s3_answer(error: S3Error, request_id: str) -> Response:
    """An S3 XML error document."""
    document = S3ErrorDocument(
        Code=error.code, Message=error.message, **error.extra, RequestId=request_id
    )
    return Response(xml_document("Error", document), error.status, media_type="application/xml")


# -- answers beyond a plain response: trickles and drops -------------------


async def until_disconnect(receive: Receive) -> None:
    """Return once the client has gone (its request body, if any, is read and dropped)."""
    while (await receive())["type"] != "http.disconnect":
        pass


async def send_body(
    send: Send, data: bytes, trickle: Optional[Fault], state: EmulatorState
) -> None:
    """Write `data` as part of a body: at once, or a byte per write under a trickle fault."""
    if trickle is None:
        await send({"type": "http.response.body", "body": data, "more_body": True})
        return
    for index in range(len(data)):
        chunk = data[index : index + 1]
        await send({"type": "http.response.body", "body": chunk, "more_body": True})
        await state.sleep(trickle.delay)


async def drop_connection(state: EmulatorState, client: Any, *, reset: bool) -> None:
    """Close the connection of `client` (the ASGI scope's): a FIN, or a TCP reset."""
    transport = state.transport_for(client)
    if transport is None:
        return
    if not reset:
        transport.close()  # flushes what was written, then FIN
        return
    # An abort throws away unsent bytes: let the frames already written leave first.
    for _ in range(1000):
        if not transport.get_write_buffer_size():
            break
        await asyncio.sleep(0.001)
    sock = transport.get_extra_info("socket")
    if sock is not None:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    transport.abort()


class _Trickled(Response):
    """A finished response whose body leaves one byte per write.

    Without its content-length the body goes out chunked: one chunk per byte,
    which a client sees as such however its reads are timed.
    """

    def __init__(self, inner: Response, fault: Fault, state: EmulatorState) -> None:
        super().__init__(status_code=inner.status_code)
        self._payload = bytes(inner.body)
        self.raw_headers = [(k, v) for k, v in inner.raw_headers if k != b"content-length"]
        self._fault = fault
        self._state = state

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        await send(
            {"type": "http.response.start", "status": self.status_code, "headers": self.raw_headers}
        )
        await send_body(send, self._payload, self._fault, self._state)
        await send({"type": "http.response.body", "body": b"", "more_body": False})


def trickled(response: Response, fault: Optional[Fault], state: EmulatorState) -> Response:
    """`response`, sent one byte at a time when a trickle fault acts."""
    return response if fault is None else _Trickled(response, fault, state)


class DroppedConnection(Response):
    """No answer at all: the connection is closed (or reset) before a byte is sent."""

    def __init__(self, state: EmulatorState, *, reset: bool) -> None:
        super().__init__(status_code=500)
        self._state = state
        self._reset = reset

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        await drop_connection(self._state, scope.get("client"), reset=self._reset)
        # Returning before the server saw the disconnect would make it answer 500.
        await until_disconnect(receive)


# -- the exchange ----------------------------------------------------------


class Exchange:
    """A request on its way through an endpoint."""

    def __init__(self, state: EmulatorState, request: Request, body: bytes, endpoint: str) -> None:
        self.state = state
        self.request = request
        self.faults = AppliedFaults()
        self.record = RecordedRequest(
            method=request.method,
            path=request.url.path,
            query=request.url.query,
            headers=mask_headers(request.scope["headers"]),
            body=body,
            endpoint=endpoint,
        )
        state.record(self.record)

    def take_faults(
        self,
        endpoint: Endpoint,
        agent_id: Optional[str],
        style: ErrorStyle,
        *,
        stream: bool = False,
    ) -> Optional[Response]:
        """Choose the faults acting on this request; the answer to give instead, if any."""
        try:
            with self.state.lock:
                self.faults = self.state.faults.take(
                    endpoint, agent_id, stream=stream, header=self.request.headers.get(FAULT_HEADER)
                )
        except ValueError as exc:
            return self.answer(json_answer(400, ErrorBody(detail=str(exc))))
        self.record.faults = self.faults.specs
        fault = self.faults.replacement
        if fault is None:
            return None
        if fault.kind == "close":
            return DroppedConnection(self.state, reset=fault.reset)
        if fault.kind == "s3_error":
            message = fault.message or "Please reduce your request rate."
            error = S3Error(fault.status_code, fault.text, message)
            return self.answer(s3_answer(error, self.s3_id()))
        return self.answer(self._status_answer(fault, style))

    def _status_answer(self, fault: Fault, style: ErrorStyle) -> Response:
        code = fault.status_code
        phrase = _phrase(code)
        if fault.html:
            page = _HTML_PAGE.format(code=code, phrase=phrase)
            return Response(page, code, media_type="text/html")
        message = fault.message or phrase
        headers = {}
        retry_after = fault.retry_after_header()
        if retry_after is not None:
            headers["retry-after"] = retry_after
        if fault.retry_after_ms is not None:
            headers["retry-after-ms"] = str(fault.retry_after_ms)
        if style == "s3":
            error = S3Error(code, _S3_CODES.get(code, phrase.replace(" ", "")), message)
            response = s3_answer(error, self.s3_id())
            response.headers.update(headers)
            return response
        if style == "upload":
            return json_answer(code, UploadFailureBody(message=message), headers)
        return json_answer(code, ErrorBody(detail=message), headers)

    def s3_id(self) -> str:
        """A request id for an S3 answer."""
        return self.state.new_token("", 16).upper()

    async def stall_before_answer(self, *, stream: bool = False) -> None:
        """Act on a stall fault that delays the whole answer."""
        stall = self.faults.first("stall")
        if stall is not None and (stall.after_events is None or not stream):
            await self.state.sleep(stall.seconds)

    def note(self, response: Response) -> Response:
        """Note the status of `response` and give it as it is (an event stream paces itself)."""
        self.record.status = response.status_code
        self.state.notify()
        return response

    def answer(self, response: Response) -> Response:
        """Note the status and give `response` (trickled when a fault asks)."""
        return trickled(self.note(response), self.faults.first("trickle"), self.state)
