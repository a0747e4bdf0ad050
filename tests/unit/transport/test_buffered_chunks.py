"""`buffered_chunks`: the stream shells' fast path past h11, over real loopback sockets.

The server writes a whole chunked answer in one `sendall`, so that it lands
in h11's buffer at once: the first read gives one chunk, the fast path
takes the others. A server keeping its connection open shows that h11 still
ends the body and hands the connection back for the next request.
"""

from __future__ import annotations

import socket
from collections.abc import Iterator

import httpx
import pytest
from httpx._transports.default import ResponseStream

from sketricgen import SketricGenClient, SketricGenNetworkError
from sketricgen._transport.shells import buffered_chunks
from tests.helpers.hostile_server import HostileServer, Received

HEAD = b"HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nTransfer-Encoding: chunked\r\n\r\n"
EVENTS = [b'{"type":"TEXT_MESSAGE_CONTENT","message_id":"m","delta":"%d"}' % i for i in range(40)]
RUN = [
    b'{"type":"RUN_STARTED","thread_id":"t","run_id":"r"}',
    *EVENTS,
    b'{"type":"RUN_FINISHED","thread_id":"t","run_id":"r"}',
]


def _chunk(data: bytes) -> bytes:
    return b"%x\r\n%s\r\n" % (len(data), data)


def _one_chunk_per_event(events: list[bytes]) -> bytes:
    return b"".join(_chunk(b"data: " + event + b"\n\n") for event in events)


def _next_request(conn: socket.socket) -> bool:
    """Read the next request on a kept connection (its body by Content-Length)."""
    data = b""
    while b"\r\n\r\n" not in data:
        piece = conn.recv(65536)
        if not piece:
            return False
        data += piece
    head, _, body = data.partition(b"\r\n\r\n")
    length = next(
        (
            int(line.split(b":")[1])
            for line in head.lower().split(b"\r\n")
            if line.startswith(b"content-length:")
        ),
        0,
    )
    while len(body) < length:
        body += conn.recv(65536)
    return True


class KeptServer(HostileServer):
    """Answers every request on a connection with `answer`, keeping the connection open."""

    def __init__(self, answer: bytes) -> None:
        self.answer = answer
        super().__init__(self._serve_all)

    def _serve_all(self, conn: socket.socket, _: Received) -> None:
        conn.sendall(self.answer)
        while _next_request(conn):
            conn.sendall(self.answer)


@pytest.fixture
def kept() -> Iterator[KeptServer]:
    server = KeptServer(HEAD + _one_chunk_per_event(RUN) + b"0\r\n\r\n")
    yield server
    server.close()


def test_it_takes_the_chunks_h11_holds_and_leaves_the_end_to_h11(kept: KeptServer) -> None:
    payload = b"".join(b"data: " + event + b"\n\n" for event in RUN)
    with httpx.Client() as http:
        for _ in range(2):  # the second request: the connection came back, reusable
            with http.stream("POST", kept.base_url, json={}) as response:
                more = buffered_chunks(response)
                assert more is not None  # the installed httpx, httpcore and h11 allow it
                got, taken = [], 0
                for chunk in response.iter_raw():
                    got.append(chunk)
                    extra = more()
                    taken += len(extra)
                    got.append(extra)
                    assert more() == b""  # taken once
                assert b"".join(got) == payload
                assert taken > 0
                assert response.num_bytes_downloaded == len(payload)
    assert kept.connections == 1


@pytest.mark.anyio
async def test_it_takes_them_under_an_async_client_too(kept: KeptServer) -> None:
    payload = b"".join(b"data: " + event + b"\n\n" for event in RUN)
    async with httpx.AsyncClient() as http, http.stream("POST", kept.base_url) as response:
        more = buffered_chunks(response)
        assert more is not None
        got = []
        async for chunk in response.aiter_raw():
            got += [chunk, more()]
        assert b"".join(got) == payload
        assert len(got) < len(RUN)  # not one read per chunk


def test_streams_on_a_kept_connection_read_whole_one_after_another(kept: KeptServer) -> None:
    with SketricGenClient(api_key="sk-test", base_url=kept.base_url) as client:
        for _ in range(3):
            stream = client.run_workflow_sync("a", "Hi", stream=True)
            assert [event.data for event in stream] == [event.decode() for event in RUN]
    assert kept.connections == 1


@pytest.mark.anyio
async def test_streams_on_a_kept_connection_read_whole_one_after_another_async(
    kept: KeptServer,
) -> None:
    async with SketricGenClient(api_key="sk-test", base_url=kept.base_url) as client:
        for _ in range(3):
            stream = await client.run_workflow("a", "Hi", stream=True)
            assert [event.data async for event in stream] == [event.decode() for event in RUN]
    assert kept.connections == 1


def _sdk_events(answer: bytes) -> tuple[list[str], BaseException | None]:
    got: list[str] = []
    with (
        HostileServer(lambda conn, _: conn.sendall(answer)) as server,
        SketricGenClient(api_key="sk-test", base_url=server.base_url) as client,
    ):
        try:
            for event in client.run_workflow_sync("a", "Hi", stream=True):
                got.append(event.data)
        except SketricGenNetworkError as exc:
            return got, exc
    return got, None


def test_chunks_that_cut_lines_and_odd_chunks_among_them_decode_as_one_body() -> None:
    text = b"".join(b"data: " + event + b"\r\n\r\n" for event in RUN)
    # Cuts everywhere, CR and LF of one line ending in two chunks; h11 reads the
    # extension, the padded size and the trailer the fast path leaves alone.
    pieces = [text[i : i + 7] for i in range(0, len(text), 7)]
    body = b"".join(_chunk(piece) for piece in pieces[:30])
    body += b"%x;ext=1\r\n%s\r\n" % (len(pieces[30]), pieces[30])
    body += b"%04x\r\n%s\r\n" % (len(pieces[31]), pieces[31])
    body += b"".join(_chunk(piece) for piece in pieces[32:])
    got, error = _sdk_events(HEAD + body + b"0\r\nX-Trailer: 1\r\n\r\n")
    assert error is None
    assert got == [event.decode() for event in RUN]


@pytest.mark.parametrize(
    "end",
    [b"", b"40\r\ndata: half", b"5\r\nabcdeXY", b"zz\r\n"],
    ids=["cut-between-chunks", "cut-in-a-chunk", "bad-chunk-end", "bad-size"],
)
def test_a_broken_body_fails_after_every_event_before_the_break(end: bytes) -> None:
    got, error = _sdk_events(HEAD + _one_chunk_per_event(RUN[:-1]) + end)
    assert got == [event.decode() for event in RUN[:-1]]
    assert isinstance(error, SketricGenNetworkError)


SEEN: list[int] = []


class _Logged(ResponseStream):
    """A user's stream over httpcore's, as a subclass of httpx's: it sees each chunk."""

    def __iter__(self) -> Iterator[bytes]:
        for chunk in super().__iter__():
            SEEN.append(len(chunk))  # where a log line would go
            yield chunk


class _Logging(httpx.HTTPTransport):
    def handle_request(self, request: httpx.Request) -> httpx.Response:
        response = super().handle_request(request)
        assert isinstance(response.stream, ResponseStream)
        response.stream = _Logged(response.stream._httpcore_stream)
        return response


def test_nothing_is_taken_past_a_stream_of_user_code(kept: KeptServer) -> None:
    with httpx.Client(transport=_Logging()) as http, http.stream("POST", kept.base_url) as response:
        assert buffered_chunks(response) is None
        assert b"".join(response.iter_raw()) == b"".join(b"data: " + e + b"\n\n" for e in RUN)
    mock = httpx.MockTransport(lambda _: httpx.Response(200, content=b"x"))
    with httpx.Client(transport=mock) as http, http.stream("GET", "http://test") as response:
        assert buffered_chunks(response) is None
