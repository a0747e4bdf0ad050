"""Answers the emulator does not give, from a raw socket server: charsets, gzip, odd headers.

The server reads each request, then writes the exact bytes a test gives it
and closes the connection: real HTTP, nothing of the SDK replaced.
"""

from __future__ import annotations

import gzip
from collections.abc import Iterator

import pytest

from sketricgen import (
    SketricGenClient,
    SketricGenError,
    SketricGenIncompleteStreamError,
    SketricGenNetworkError,
    SketricGenUnexpectedResponseError,
    StreamEvent,
)
from tests.helpers.hostile_server import HostileServer

RUN = (
    'data: {"type":"RUN_STARTED","thread_id":"t","run_id":"r"}\n\n'
    'data: {"type":"TEXT_MESSAGE_CONTENT","message_id":"m","delta":"é€😀"}\n\n'
    'data: {"type":"RUN_FINISHED","thread_id":"t","run_id":"r"}\n\n'
).encode()


class RawServer(HostileServer):
    """Answers every request with `answer` (the exact bytes a test sets), then closes."""

    def __init__(self) -> None:
        self.answer = b""
        super().__init__(lambda conn, _: conn.sendall(self.answer))

    @property
    def requests(self) -> list[bytes]:
        """The head of each request received, in order."""
        return [request.head for request in self.received]


@pytest.fixture
def server() -> Iterator[RawServer]:
    raw = RawServer()
    yield raw
    raw.close()


def _answer(content_type: str, body: bytes, *extra: str) -> bytes:
    headers = [f"Content-Type: {content_type}", f"Content-Length: {len(body)}", *extra]
    return ("HTTP/1.1 200 OK\r\n" + "".join(h + "\r\n" for h in headers) + "\r\n").encode() + body


def _texts(server: RawServer) -> str:
    with SketricGenClient(api_key="sk-raw-test", base_url=server.base_url) as client:
        return client.run_workflow_sync("a", "Hi", stream=True).until_done().text


@pytest.mark.parametrize(
    "content_type",
    ["text/event-stream", "text/event-stream; charset=iso-8859-1", "Text/Event-Stream ; q=1"],
)
def test_the_body_is_utf8_whatever_the_content_type_says(
    server: RawServer, content_type: str
) -> None:
    server.answer = _answer(content_type, RUN)
    assert _texts(server) == "é€😀"


def test_a_gzip_encoded_stream(server: RawServer) -> None:
    server.answer = _answer("text/event-stream", gzip.compress(RUN), "Content-Encoding: gzip")
    assert _texts(server) == "é€😀"


def test_a_body_ended_by_closing_the_connection(server: RawServer) -> None:
    # HTTP/1.0 style: no length, no chunks; the end of the connection ends the body.
    server.answer = b"HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n\r\n" + RUN
    assert _texts(server) == "é€😀"
    server.answer = server.answer[: -len(b'data: {"type":"RUN_FINISHED"}') - 40]
    with pytest.raises(SketricGenIncompleteStreamError):
        _texts(server)


# -- how a body without a terminal event ended, told by its framing ------------------------

UNFINISHED = (
    b'data: {"type":"RUN_STARTED","thread_id":"t","run_id":"r"}\n\n'
    b'data: {"type":"TEXT_MESSAGE_CONTENT","message_id":"m","delta":"half"}\n\n'
)
_HEAD = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n"


def _chunked(body: bytes, *, complete: bool) -> bytes:
    chunks = b"".join(b"%x\r\n%s\r\n" % (len(line), line) for line in body.splitlines(True))
    end = b"0\r\n\r\n" if complete else b""
    return f"{_HEAD}Transfer-Encoding: chunked\r\n\r\n".encode() + chunks + end


def _sized(body: bytes, length: int) -> bytes:
    return f"{_HEAD}Content-Length: {length}\r\n\r\n".encode() + body


FRAMINGS = {
    # a clean end: the iteration ends, the outcome says there was no terminal event
    "chunked-complete": (_chunked(UNFINISHED, complete=True), None),
    "length-reached": (_sized(UNFINISHED, len(UNFINISHED)), None),
    # a cut: every event, then a network error
    "chunked-cut": (_chunked(UNFINISHED, complete=False), SketricGenNetworkError),
    "length-short": (_sized(UNFINISHED, len(UNFINISHED) + 50), SketricGenNetworkError),
    # no evidence either way: reported as incomplete (a SketricGenNetworkError too)
    "close-delimited": (_HEAD.encode() + b"\r\n" + UNFINISHED, SketricGenIncompleteStreamError),
}


def _check_ending(
    framing: str, got: list[str], outcome: str | None, error: BaseException | None
) -> None:
    expected = FRAMINGS[framing][1]
    assert got == ["RUN_STARTED", "TEXT_MESSAGE_CONTENT"]  # every event, however it ended
    if expected is None:
        assert error is None
        assert outcome == "ended_without_terminal_event"
        return
    assert isinstance(error, expected)
    assert outcome is None
    if expected is SketricGenNetworkError:  # a cut is never reported as a missing ending
        assert not isinstance(error, SketricGenIncompleteStreamError)
    assert "2 events received before were delivered" in str(error)


@pytest.mark.parametrize("framing", list(FRAMINGS))
def test_how_a_body_ended_decides_the_outcome(server: RawServer, framing: str) -> None:
    server.answer = FRAMINGS[framing][0]
    got: list[str] = []
    error: BaseException | None = None
    with SketricGenClient(api_key="sk-raw-test", base_url=server.base_url) as client:
        stream = client.run_workflow_sync("a", "Hi", stream=True)
        try:
            for event in stream:
                got.append(str(event.type))
        except SketricGenError as exc:
            error = exc
    _check_ending(framing, got, stream.outcome, error)


@pytest.mark.anyio
@pytest.mark.parametrize("framing", list(FRAMINGS))
async def test_how_a_body_ended_decides_the_outcome_async(server: RawServer, framing: str) -> None:
    server.answer = FRAMINGS[framing][0]
    got: list[str] = []
    error: BaseException | None = None
    async with SketricGenClient(api_key="sk-raw-test", base_url=server.base_url) as client:
        stream = await client.run_workflow("a", "Hi", stream=True)
        try:
            async for event in stream:
                got.append(str(event.type))
        except SketricGenError as exc:
            error = exc
    _check_ending(framing, got, stream.outcome, error)


def test_an_event_stream_is_required(server: RawServer) -> None:
    server.answer = _answer("text/plain", b"data: hello\n\n")
    with pytest.raises(SketricGenUnexpectedResponseError, match="event stream") as caught:
        _texts(server)
    assert caught.value.response_body == "data: hello\n\n"


def test_the_request(server: RawServer) -> None:
    server.answer = _answer("text/event-stream", RUN)
    _texts(server)
    (head,) = server.requests
    lines = head.decode().split("\r\n")
    assert lines[0] == "POST /api/v1/run-workflow HTTP/1.1"
    headers = {k.lower(): v.strip() for k, _, v in (line.partition(":") for line in lines[1:])}
    assert headers["accept"] == "text/event-stream"
    assert headers["api-key"] == "sk-raw-test"


def test_plain_and_named_events_in_one_read(server: RawServer) -> None:
    body = (
        b'data: {"type":"RUN_STARTED","thread_id":"t","run_id":"r"}\n\n'
        b'event: note\ndata: {"type":"CUSTOM","name":"n"}\n\n'
        b'data: {"type":"TEXT_MESSAGE_CONTENT","message_id":"m","delta":"x"}\n\n'
        b'id: 7\ndata: {"type":"TEXT_MESSAGE_CONTENT","message_id":"m","delta":"y"}\n\n'
        b'data: {"type":"RUN_FINISHED","thread_id":"t","run_id":"r"}\n\n'
    )
    server.answer = _answer("text/event-stream", body)
    with SketricGenClient(api_key="sk-raw-test", base_url=server.base_url) as client:
        events = list(client.run_workflow_sync("a", "Hi", stream=True))
    assert [(e.event_type, e.id) for e in events] == [
        ("RUN_STARTED", None), ("note", None), ("TEXT_MESSAGE_CONTENT", None),
        ("TEXT_MESSAGE_CONTENT", "7"), ("RUN_FINISHED", "7"),
    ]  # fmt: skip
    assert all(isinstance(e, StreamEvent) for e in events)
    assert [e.json()["type"] for e in events][1] == "CUSTOM"
