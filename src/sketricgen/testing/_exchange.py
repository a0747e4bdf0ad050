"""One request being answered: recorded on arrival, faults chosen, status noted."""

from __future__ import annotations

from http import HTTPStatus
from typing import Literal, Optional

from pydantic import BaseModel
from sketricgen_models import ErrorBody, S3ErrorDocument, UploadFailureBody
from starlette.requests import Request
from starlette.responses import Response

from ._faults import FAULT_HEADER, AppliedFaults, Endpoint, Fault
from ._records import RecordedRequest, mask_headers
from ._responses import DroppedConnection, EventStream, trickled
from ._s3 import S3Error
from ._state import EmulatorState
from ._wire import dump, json_bytes, xml_document

__all__ = ["ErrorStyle", "Exchange", "json_answer", "s3_answer"]

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

    def answer(self, response: Response) -> Response:
        """Note the status and give `response` (trickled when a fault asks)."""
        self.record.status = response.status_code
        self.state.notify()
        if isinstance(response, EventStream):  # it trickles by itself
            return response
        return trickled(response, self.faults.first("trickle"), self.state)
