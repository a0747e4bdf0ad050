"""Streams against the emulator's faults: cut, stalled, truncated, refused, retried."""

from __future__ import annotations

import logging
import socket
import time
from typing import Any

import pytest

from sketricgen import (
    SketricGenAPIError,
    SketricGenAuthenticationError,
    SketricGenClient,
    SketricGenConnectionError,
    SketricGenIncompleteStreamError,
    SketricGenNetworkError,
    SketricGenNotFoundError,
    SketricGenRateLimitError,
    SketricGenServerError,
    SketricGenStreamError,
    SketricGenTimeoutError,
    SketricGenUnexpectedResponseError,
    SketricGenUnprocessableEntityError,
    SketricGenValidationError,
    StreamEvent,
)
from sketricgen.testing import AgentScript, Emulator, Fault
from tests.helpers.clients import ClientFactory
from tests.helpers.streams import no_connection_left

pytestmark = pytest.mark.emulator
HI_EVENTS = 8  # RUN_STARTED, TEXT_MESSAGE_START, 4 deltas, TEXT_MESSAGE_END, RUN_FINISHED


def _read_sync(client: SketricGenClient, **options: Any) -> list[StreamEvent]:
    """Every event of a stream; an error that ends it carries those delivered (`delivered`)."""
    got: list[StreamEvent] = []
    try:
        for event in client.run_workflow_sync("agent-123", "Hi", stream=True, **options):
            got.append(event)
    except BaseException as exc:
        exc.delivered = got  # type: ignore[attr-defined]
        raise
    return got


async def _read_async(client: SketricGenClient, **options: Any) -> list[StreamEvent]:
    got: list[StreamEvent] = []
    try:
        async for event in await client.run_workflow("agent-123", "Hi", stream=True, **options):
            got.append(event)
    except BaseException as exc:
        exc.delivered = got  # type: ignore[attr-defined]
        raise
    return got


# -- cut mid-stream: every event received is delivered, then the error ----------------


@pytest.mark.parametrize("events", [0, 1, 3, 7])
def test_a_reset_after_k_events_delivers_k_then_a_network_error(
    make_client: ClientFactory, sketricgen_emulator: Emulator, events: int
) -> None:
    client = make_client(default_headers=Fault.header(Fault.reset_after(events)))
    with pytest.raises(SketricGenConnectionError, match="connection failed") as caught:
        _read_sync(client)
    assert len(caught.value.delivered) == events  # type: ignore[attr-defined]
    assert isinstance(caught.value, SketricGenNetworkError)
    assert f"{events} event" in str(caught.value) or events == 0
    # Never replayed: the service may have gone on with the run.
    assert len(sketricgen_emulator.requests_to("run")) == 1
    no_connection_left(sketricgen_emulator)


@pytest.mark.anyio
@pytest.mark.parametrize("events", [0, 4])
async def test_a_reset_after_k_events_async(
    make_client: ClientFactory, sketricgen_emulator: Emulator, events: int
) -> None:
    client = make_client(default_headers=Fault.header(Fault.reset_after(events)), max_retries=3)
    with pytest.raises(SketricGenConnectionError) as caught:
        await _read_async(client)
    assert len(caught.value.delivered) == events  # type: ignore[attr-defined]
    assert len(sketricgen_emulator.requests_to("run")) == 1
    await client.aclose()


def test_a_disconnect_mid_body_is_a_network_error(make_client: ClientFactory) -> None:
    client = make_client(default_headers=Fault.header(Fault.disconnect_after(5)))
    with pytest.raises(SketricGenConnectionError) as caught:
        _read_sync(client)
    assert len(caught.value.delivered) == 5  # type: ignore[attr-defined]


TRUNCATED_LAST = {None: "TEXT_MESSAGE_END", 0: "none", 3: "TEXT_MESSAGE_CONTENT"}


@pytest.mark.parametrize("after", [None, 0, 3])
def test_a_clean_end_without_a_terminal_event_ends_the_iteration(
    make_client: ClientFactory, after: int | None, caplog: pytest.LogCaptureFixture
) -> None:
    # The emulator ends the chunked body properly, before the run's last event.
    client = make_client(default_headers=Fault.header(Fault.truncate(after_events=after)))
    with (
        caplog.at_level(logging.WARNING, logger="sketricgen"),
        client.run_workflow_sync("agent-123", "Hi", stream=True) as stream,
    ):
        events = list(stream)
        assert stream.outcome == "ended_without_terminal_event"
    delivered = HI_EVENTS - 1 if after is None else after
    assert len(events) == delivered
    (warning,) = [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert f"the last was {TRUNCATED_LAST[after]}" in warning.getMessage()
    assert "without a terminal event" in warning.getMessage()


def test_until_done_still_wants_an_outcome(make_client: ClientFactory) -> None:
    client = make_client(default_headers=Fault.header(Fault.truncate()))
    stream = client.run_workflow_sync("agent-123", "Hi", stream=True)
    with pytest.raises(SketricGenIncompleteStreamError, match="ended cleanly") as caught:
        stream.until_done()
    assert "probably cut" not in str(caught.value)
    assert caught.value.events_received == HI_EVENTS - 1
    assert caught.value.result.outcome == "ended_without_terminal_event"
    assert caught.value.result.text == "Hello! You said: Hi"
    assert stream.outcome == "ended_without_terminal_event"
    assert isinstance(caught.value, SketricGenStreamError)


@pytest.mark.anyio
async def test_a_clean_end_without_a_terminal_event_async(
    make_client: ClientFactory, caplog: pytest.LogCaptureFixture
) -> None:
    client = make_client(default_headers=Fault.header(Fault.truncate()))
    with caplog.at_level(logging.WARNING, logger="sketricgen"):
        assert len(await _read_async(client)) == HI_EVENTS - 1
        async with await client.run_workflow("agent-123", "Hi", stream=True) as stream:
            text = [delta async for delta in stream.text_deltas()]  # no outcome promised
            assert stream.outcome == "ended_without_terminal_event"
    assert "".join(text) == "Hello! You said: Hi"
    assert len([r for r in caplog.records if r.levelno >= logging.WARNING]) == 2
    stream = await client.run_workflow("agent-123", "Hi", stream=True)
    with pytest.raises(SketricGenIncompleteStreamError, match="ended cleanly"):
        await stream.until_done()
    await client.aclose()


@pytest.mark.parametrize("cut", ["reset", "disconnect"])
def test_a_cut_is_a_network_error_not_an_ending(
    make_client: ClientFactory, cut: str, caplog: pytest.LogCaptureFixture
) -> None:
    fault = Fault.reset_after(3) if cut == "reset" else Fault.disconnect_after(3)
    client = make_client(default_headers=Fault.header(fault))
    stream = client.run_workflow_sync("agent-123", "Hi", stream=True)
    with pytest.raises(SketricGenConnectionError) as caught:
        stream.until_done()
    assert not isinstance(caught.value, SketricGenIncompleteStreamError)
    assert stream.outcome is None
    assert "3 events received before were delivered" in str(caught.value)
    assert not [r for r in caplog.records if r.levelno >= logging.WARNING]


# -- never hang --------------------------------------------------------------------------


@pytest.mark.parametrize("after", [0, 2])
def test_a_stall_longer_than_the_read_timeout_times_out(
    make_client: ClientFactory, sketricgen_emulator: Emulator, after: int
) -> None:
    client = make_client(
        timeout=0.5, default_headers=Fault.header(Fault.stall(30, after_events=after))
    )
    started = time.monotonic()
    with pytest.raises(SketricGenTimeoutError, match="timed out") as caught:
        _read_sync(client)
    elapsed = time.monotonic() - started
    assert 0.45 <= elapsed < 3.0
    assert len(caught.value.delivered) == after  # type: ignore[attr-defined]
    no_connection_left(sketricgen_emulator)


@pytest.mark.anyio
async def test_a_stall_times_out_async(make_client: ClientFactory) -> None:
    client = make_client(timeout=0.5, default_headers=Fault.header(Fault.stall(30, after_events=3)))
    started = time.monotonic()
    with pytest.raises(SketricGenTimeoutError) as caught:
        await _read_async(client)
    assert 0.45 <= time.monotonic() - started < 3.0
    assert len(caught.value.delivered) == 3  # type: ignore[attr-defined]
    await client.aclose()


def test_heartbeats_longer_than_the_read_timeout_keep_the_stream_alive(
    make_client: ClientFactory, sketricgen_emulator: Emulator
) -> None:
    # Each event comes after a 250-byte comment sent one byte every 2 ms: over
    # half a second of heartbeat alone between two events, the read timeout 0.4 s.
    sketricgen_emulator.add_agent("quiet", AgentScript())
    slow = Fault.header(Fault.heartbeat("." * 250), Fault.trickle(delay=0.002))
    client = make_client(timeout=0.4, default_headers=slow)
    with client.run_workflow_sync("quiet", "Hi", stream=True) as stream:
        arrivals = [(time.monotonic(), event.event_type) for event in stream]
    assert [kind for _, kind in arrivals] == ["RUN_STARTED", "RUN_FINISHED"]
    assert arrivals[1][0] - arrivals[0][0] > 0.4


@pytest.mark.parametrize("after", [0, 2])
def test_stream_timeout_ends_a_stream_that_keeps_going(
    make_client: ClientFactory, sketricgen_emulator: Emulator, after: int
) -> None:
    client = make_client(default_headers=Fault.header(Fault.stall(30, after_events=after)))
    started = time.monotonic()
    with pytest.raises(SketricGenTimeoutError, match=r"stream_timeout=0\.5 s") as caught:
        _read_sync(client, stream_timeout=0.5)
    assert 0.45 <= time.monotonic() - started < 3.0
    assert len(caught.value.delivered) == after  # type: ignore[attr-defined]
    no_connection_left(sketricgen_emulator)


@pytest.mark.anyio
async def test_stream_timeout_async(make_client: ClientFactory) -> None:
    client = make_client(default_headers=Fault.header(Fault.stall(30, after_events=1)))
    started = time.monotonic()
    with pytest.raises(SketricGenTimeoutError, match="stream_timeout") as caught:
        await _read_async(client, stream_timeout=0.5)
    assert 0.45 <= time.monotonic() - started < 3.0
    assert len(caught.value.delivered) == 1  # type: ignore[attr-defined]
    await client.aclose()


def test_a_stream_within_its_stream_timeout_completes(make_client: ClientFactory) -> None:
    client = make_client()
    result = client.run_workflow_sync(
        "agent-123", "Hi", stream=True, stream_timeout=30
    ).until_done()
    assert result.text == "Hello! You said: Hi"


@pytest.mark.parametrize(
    ("value", "stream"),
    [(0, True), (-1, True), (float("nan"), True), (True, True), ("5", True), (5, False)],
)
def test_stream_timeout_is_checked_before_any_request(
    make_client: ClientFactory, sketricgen_emulator: Emulator, value: object, stream: bool
) -> None:
    with pytest.raises(SketricGenValidationError, match="stream_timeout") as caught:
        make_client().run_workflow_sync("agent-123", "Hi", stream=stream, stream_timeout=value)  # type: ignore[call-overload]
    assert caught.value.field == "stream_timeout"
    assert sketricgen_emulator.requests == []


# -- before the first event: the client's retry policy -----------------------------------


@pytest.mark.parametrize("code", [429, 503])
def test_an_error_status_before_the_first_event_is_retried(
    make_client: ClientFactory, sketricgen_emulator: Emulator, code: int
) -> None:
    fault = Fault.status(code, times=1, retry_after=0)
    client = make_client(default_headers=Fault.header(fault))
    events = _read_sync(client)
    assert events[-1].event_type == "RUN_FINISHED"
    assert len(events) == HI_EVENTS
    assert [r.status for r in sketricgen_emulator.requests_to("run")] == [code, 200]


@pytest.mark.anyio
async def test_a_503_before_the_first_event_is_retried_async(
    make_client: ClientFactory, sketricgen_emulator: Emulator
) -> None:
    client = make_client(default_headers=Fault.header(Fault.status(503, times=2, retry_after=0)))
    assert len(await _read_async(client)) == HI_EVENTS
    assert [r.status for r in sketricgen_emulator.requests_to("run")] == [503, 503, 200]
    await client.aclose()


def test_a_connection_refused_is_retried_then_reported() -> None:
    with socket.socket() as sock:  # a port nobody listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    client = SketricGenClient(api_key="sk-test", base_url=f"http://127.0.0.1:{port}", max_retries=1)
    with client, pytest.raises(SketricGenConnectionError, match="gave up after 2 attempts"):
        client.run_workflow_sync("agent-123", "Hi", stream=True)


def test_a_connection_closed_before_the_answer_is_not_replayed(
    make_client: ClientFactory, sketricgen_emulator: Emulator
) -> None:
    client = make_client(default_headers=Fault.header(Fault.close_before_answer(times=1)))
    with pytest.raises(SketricGenConnectionError):
        client.run_workflow_sync("agent-123", "Hi", stream=True)
    assert len(sketricgen_emulator.requests_to("run")) == 1


# -- error answers: the same typed errors as the plain call, the body read --------------


@pytest.mark.parametrize(
    ("fault", "kind"),
    [
        (Fault.status(401), SketricGenAuthenticationError),
        (Fault.status(404, message="Agent 'x' not found"), SketricGenNotFoundError),
        (Fault.status(422), SketricGenUnprocessableEntityError),
        (Fault.status(429, retry_after=30), SketricGenRateLimitError),
        (Fault.status(500), SketricGenServerError),
        (Fault.status(503), SketricGenServerError),
        (Fault.html_page(502), SketricGenServerError),
    ],
    ids=["401", "404", "422", "429", "500", "503", "html-502"],
)
def test_error_answers_raise_the_typed_errors(
    make_client: ClientFactory, fault: Fault, kind: type[SketricGenAPIError]
) -> None:
    client = make_client(max_retries=0, default_headers=Fault.header(fault))
    with pytest.raises(kind) as streamed:
        client.run_workflow_sync("agent-123", "Hi", stream=True)
    with pytest.raises(kind) as plain:
        client.run_workflow_sync("agent-123", "Hi")
    assert streamed.value.status_code == plain.value.status_code == fault.status_code
    assert streamed.value.response_body == plain.value.response_body
    assert streamed.value.response_body is not None
    assert str(streamed.value) == str(plain.value)


def test_the_service_own_refusals_on_a_stream(make_client: ClientFactory) -> None:
    with pytest.raises(SketricGenAuthenticationError, match="API key"):
        make_client(api_key="sk-wrong-key-123").run_workflow_sync("agent-123", "Hi", stream=True)
    with pytest.raises(SketricGenNotFoundError, match="no-such-agent") as caught:
        make_client().run_workflow_sync("no-such-agent", "Hi", stream=True)
    assert caught.value.response_body == {"detail": "Agent 'no-such-agent' not found"}


@pytest.mark.anyio
async def test_error_answers_async(make_client: ClientFactory) -> None:
    client = make_client(max_retries=0, default_headers=Fault.header(Fault.html_page(502)))
    with pytest.raises(SketricGenServerError, match="HTML page") as caught:
        await client.run_workflow("agent-123", "Hi", stream=True)
    assert "<" not in str(caught.value)
    assert isinstance(caught.value.response_body, str)
    await client.aclose()


@pytest.mark.parametrize(
    "fault", [Fault.html_page(200), Fault.status(200, message="ok")], ids=["html", "json"]
)
def test_a_200_that_is_not_an_event_stream(
    make_client: ClientFactory, sketricgen_emulator: Emulator, fault: Fault
) -> None:
    client = make_client(default_headers=Fault.header(fault))
    with pytest.raises(SketricGenUnexpectedResponseError, match="event stream") as caught:
        client.run_workflow_sync("agent-123", "Hi", stream=True)
    assert caught.value.status_code == 200
    assert caught.value.response_body
    assert len(sketricgen_emulator.requests_to("run")) == 1


@pytest.mark.anyio
async def test_a_200_that_is_not_an_event_stream_async(make_client: ClientFactory) -> None:
    client = make_client(default_headers=Fault.header(Fault.status(200, message="ok")))
    with pytest.raises(SketricGenUnexpectedResponseError) as caught:
        await client.run_workflow("agent-123", "Hi", stream=True)
    assert caught.value.response_body == {"detail": "ok"}
    await client.aclose()
