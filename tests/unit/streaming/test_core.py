"""`StreamCore` on its own (no I/O): events out of bytes, how a stream ends, what it raises."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from sketricgen import (
    SketricGenIncompleteStreamError,
    SketricGenRunError,
    SketricGenTimeoutError,
)
from sketricgen._config import ClientConfig
from sketricgen._streaming.core import MAX_ERROR_BODY, StreamCore
from sketricgen._transport.core import RequestSpec, TransportCore

SPEC = RequestSpec("POST", "/api/v1/run-workflow")
STARTED = b'data: {"type":"RUN_STARTED","threadId":"t","runId":"r"}\n\n'
FINISHED = b'data: {"type":"RUN_FINISHED","threadId":"t","runId":"r"}\n\n'
FAILED = b'data: {"type":"RUN_ERROR","message":"the tool broke","code":"TOOL"}\n\n'


def _core(**options: Any) -> StreamCore:
    return StreamCore(TransportCore(ClientConfig.create("sk-unit-test-key")), SPEC, **options)


def _read(core: StreamCore, *chunks: bytes) -> list[Any]:
    return [event.type for chunk in chunks for event in core.events(chunk)]


def test_a_non_stream_answer_is_read_up_to_64_kib_to_say_what_it_was() -> None:
    assert MAX_ERROR_BODY == 64 * 1024


@pytest.mark.parametrize(
    ("version", "headers", "expected"),
    [
        (b"HTTP/1.1", {}, True),
        (b"HTTP/1.0", {}, True),
        (b"HTTP/1.1", {"content-length": "10"}, False),
        (b"HTTP/1.1", {"transfer-encoding": "Chunked"}, False),
        (b"HTTP/2", {}, False),
    ],
)
def test_only_an_http1_body_without_length_or_chunks_ends_with_its_connection(
    version: bytes, headers: dict[str, str], expected: bool
) -> None:
    response = httpx.Response(200, headers=headers, extensions={"http_version": version})
    assert StreamCore.close_delimited(response) is expected


def test_remaining_is_none_without_a_limit_and_never_negative() -> None:
    assert _core().remaining() is None
    core = _core(stream_timeout=30.0)
    assert 29.0 < (core.remaining() or 0.0) <= 30.0
    core.deadline = 0.0  # long past
    assert core.remaining() == 0.0


def test_an_expired_stream_reads_no_further_and_says_how_far_it_got() -> None:
    core = _core(stream_timeout=5.0)
    core.expire()
    with pytest.raises(SketricGenTimeoutError, match=r"stream_timeout=5 s\. No event had arrived"):
        core.events(STARTED)
    with pytest.raises(SketricGenTimeoutError):
        core.finish()


def test_a_clean_end_without_a_terminal_event_is_no_error_unless_close_delimited() -> None:
    core = _core()
    assert _read(core, STARTED) == ["RUN_STARTED"]
    core.finish()
    assert core.outcome == "ended_without_terminal_event"
    core.conclude_text()  # the text was asked for, not an outcome
    cut = _core()
    _read(cut, STARTED)
    with pytest.raises(SketricGenIncompleteStreamError, match="ended with its connection"):
        cut.finish(close_delimited=True)


def test_conclude_takes_the_terminal_event_the_caller_iterated_over() -> None:
    core = _core()
    assert _read(core, STARTED, FINISHED) == ["RUN_STARTED", "RUN_FINISHED"]
    core.finish()
    assert core.conclude().outcome == "finished"
    assert core.conclude().outcome == "finished"  # asked twice: the event is added once
    core.conclude_text()


def test_a_run_error_is_raised_by_either_conclusion() -> None:
    core = _core()
    _read(core, STARTED, FAILED)
    core.finish()
    with pytest.raises(SketricGenRunError, match="the tool broke"):
        core.conclude_text()
    with pytest.raises(SketricGenRunError, match="the tool broke"):
        core.conclude()


def test_a_stream_closed_before_anything_arrived() -> None:
    core = _core()
    with pytest.raises(SketricGenIncompleteStreamError, match="No event had arrived"):
        core.conclude()
    with pytest.raises(SketricGenIncompleteStreamError, match="closed before the run did"):
        core.conclude_text()
