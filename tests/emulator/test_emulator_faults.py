"""Every fault, selected per agent or per request, observed over real HTTP."""

from __future__ import annotations

import email.utils
import time
from datetime import datetime, timedelta, timezone
from typing import Any, Callable, Optional

import httpx
import pytest

from sketricgen.testing import FAULT_HEADER, AgentScript, Emulator, Fault
from tests.helpers.emulator import chat_headers, data_lines, events, run

pytestmark = pytest.mark.emulator

SHORT = AgentScript().text("Hi there")  # RUN_STARTED, START, "Hi", " there", END, RUN_FINISHED
SHORT_TYPES = [
    "RUN_STARTED", "TEXT_MESSAGE_START", "TEXT_MESSAGE_CONTENT", "TEXT_MESSAGE_CONTENT",
    "TEXT_MESSAGE_END", "RUN_FINISHED",
]  # fmt: skip


@pytest.fixture(autouse=True)
def _short_agent(emu: Emulator) -> None:
    emu.add_agent("short", SHORT)


def _read(
    http: httpx.Client, emu: Emulator, timeout: float = 5, **body: Any
) -> tuple[bytes, Optional[httpx.HTTPError]]:
    """Stream `short` (unless told otherwise); the bytes received and the error that ended it."""
    body = {"agent_id": "short", "user_input": "hi", "stream": True, **body}
    received: list[bytes] = []
    try:
        with http.stream(
            "POST", emu.run_url, json=body, headers=chat_headers(emu), timeout=timeout
        ) as response:
            assert response.status_code == 200
            for chunk in response.iter_raw():
                received.append(chunk)
    except httpx.HTTPError as exc:
        return b"".join(received), exc
    return b"".join(received), None


def _plain(http: httpx.Client, emu: Emulator) -> bytes:
    """The same run without faults, from a freshly reset emulator (same ids, same bytes)."""
    emu.reset()
    emu.add_agent("short", SHORT)
    raw, error = _read(http, emu)
    assert error is None
    return raw


# -- answers in place of the endpoint ---------------------------------------


@pytest.mark.parametrize(("code", "times"), [(429, 1), (503, 2)])
def test_a_status_with_retry_after_for_the_first_attempts(
    emu: Emulator, http: httpx.Client, code: int, times: int
) -> None:
    active = emu.add_fault(Fault.status(code, times=times, retry_after=1), agent_id="agent-123")
    answers = [run(http, emu) for _ in range(times + 1)]
    assert [a.status_code for a in answers] == [code] * times + [201]
    for answer in answers[:-1]:
        assert answer.headers["retry-after"] == "1"
        assert answer.json() == {
            "detail": "Too Many Requests" if code == 429 else "Service Unavailable"
        }
    assert active.hits == times
    assert active.exhausted
    recorded = emu.requests_to("run")
    assert [r.status for r in recorded] == [code] * times + [201]
    assert recorded[0].faults == (f"status({code}, times={times}, retry_after=1)",)
    assert recorded[-1].faults == ()
    assert len(emu.runs) == 1  # the refused attempts ran nothing


def test_an_agent_fault_leaves_other_agents_alone(emu: Emulator, http: httpx.Client) -> None:
    emu.add_fault(Fault.status(500), agent_id="agent-123")
    assert run(http, emu, agent_id="demo-agent").status_code == 201
    assert run(http, emu).status_code == 500
    assert run(http, emu).status_code == 500  # no `times`: every request


@pytest.mark.parametrize("code", [500, 408, 502, 504])
def test_other_statuses_once(emu: Emulator, http: httpx.Client, code: int) -> None:
    emu.add_fault(Fault.status(code, times=1))
    first = run(http, emu)
    assert first.status_code == code
    assert "detail" in first.json()
    assert run(http, emu).status_code == 201


def test_retry_after_as_an_http_date_and_in_milliseconds(emu: Emulator, http: httpx.Client) -> None:
    fixed = datetime(2030, 1, 2, 3, 4, 5, tzinfo=timezone.utc)
    emu.add_fault(Fault.status(503, times=1, retry_after=fixed))
    emu.add_fault(Fault.status(429, times=1, retry_after=timedelta(seconds=30)))
    emu.add_fault(Fault.status(429, times=1, retry_after_ms=250))
    assert run(http, emu).headers["retry-after"] == "Wed, 02 Jan 2030 03:04:05 GMT"
    relative = email.utils.parsedate_to_datetime(run(http, emu).headers["retry-after"])
    assert 25 <= (relative - datetime.now(timezone.utc)).total_seconds() <= 31
    third = run(http, emu)
    assert third.headers["retry-after-ms"] == "250"
    assert "retry-after" not in third.headers


def test_an_html_502_page(emu: Emulator, http: httpx.Client) -> None:
    emu.add_fault(Fault.html_page(502, times=1))
    answer = run(http, emu)
    assert answer.status_code == 502
    assert answer.headers["content-type"].startswith("text/html")
    assert "<h1>502 Bad Gateway</h1>" in answer.text


def test_connection_closed_before_any_answer(emu: Emulator, http: httpx.Client) -> None:
    emu.add_fault(Fault.close_before_answer(times=1))
    with pytest.raises(httpx.RemoteProtocolError, match="without sending a response"):
        run(http, emu)
    (dropped,) = emu.requests_to("run")
    assert dropped.status is None
    assert run(http, emu).status_code == 201


def test_connection_reset_before_any_answer(emu: Emulator, http: httpx.Client) -> None:
    emu.add_fault(Fault.close_before_answer(reset=True, times=1))
    with pytest.raises(httpx.ReadError, match="Connection reset by peer"):
        run(http, emu)


# -- a stream cut, stalled or bent -----------------------------------------------


@pytest.mark.parametrize("after", [0, 3])
def test_connection_reset_after_k_events(emu: Emulator, http: httpx.Client, after: int) -> None:
    emu.add_fault(Fault.reset_after(after))
    raw, error = _read(http, emu)
    assert isinstance(error, httpx.ReadError)
    assert [e["type"] for e in events(raw)] == SHORT_TYPES[:after]
    emu.wait_for(lambda: emu.open_connections == 0)  # the server let go of it too
    assert emu.runs[0].outcome is None  # the run was cut short


def test_connection_closed_mid_stream(emu: Emulator, http: httpx.Client) -> None:
    emu.add_fault(Fault.disconnect_after(2))
    raw, error = _read(http, emu)
    assert isinstance(error, httpx.RemoteProtocolError)
    assert "incomplete chunked read" in str(error)
    assert [e["type"] for e in events(raw)] == SHORT_TYPES[:2]


def test_a_stall_after_k_events_trips_a_read_timeout(emu: Emulator, http: httpx.Client) -> None:
    emu.add_fault(Fault.stall(2.0, after_events=2))
    raw, error = _read(http, emu, timeout=0.1)
    assert isinstance(error, httpx.ReadTimeout)
    assert [e["type"] for e in events(raw)] == SHORT_TYPES[:2]


def test_a_short_stall_only_delays_the_stream(emu: Emulator, http: httpx.Client) -> None:
    emu.add_fault(Fault.stall(0.1, after_events=1))
    started = time.monotonic()
    raw, error = _read(http, emu)
    assert error is None
    assert time.monotonic() - started >= 0.09
    assert [e["type"] for e in events(raw)] == SHORT_TYPES


def test_a_stall_before_the_answer(emu: Emulator, http: httpx.Client) -> None:
    emu.add_fault(Fault.stall(2.0, times=1))
    with pytest.raises(httpx.ReadTimeout):
        http.post(emu.run_url, json={"agent_id": "short", "user_input": "hi"},
                  headers=chat_headers(emu), timeout=0.1)  # fmt: skip
    assert run(http, emu, agent_id="short").status_code == 201


def test_stopping_ends_a_stall_at_once(
    sketricgen_emulator_factory: Callable[..., Emulator], http: httpx.Client
) -> None:
    emulator = sketricgen_emulator_factory()
    emulator.add_fault(Fault.stall(60))
    body = {"agent_id": "agent-123", "user_input": "hi"}
    with pytest.raises(httpx.ReadTimeout):
        http.post(emulator.run_url, json=body, headers=chat_headers(emulator), timeout=0.1)
    started = time.monotonic()
    emulator.stop()
    assert time.monotonic() - started < 5


def test_a_stream_that_ends_without_its_terminal_event(emu: Emulator, http: httpx.Client) -> None:
    emu.add_fault(Fault.truncate(times=1))
    raw, error = _read(http, emu)
    assert error is None
    assert [e["type"] for e in events(raw)] == SHORT_TYPES[:-1]
    emu.add_fault(Fault.truncate(after_events=2, times=1))
    raw, error = _read(http, emu)
    assert error is None
    assert [e["type"] for e in events(raw)] == SHORT_TYPES[:2]


def test_a_data_line_that_is_not_json(emu: Emulator, http: httpx.Client) -> None:
    emu.add_fault(Fault.bad_json(after_events=1))
    raw, error = _read(http, emu)
    assert error is None
    datas = data_lines(raw)
    assert datas[1] == "{not json"
    assert len(datas) == len(SHORT_TYPES) + 1


def test_heartbeat_comment_lines(emu: Emulator, http: httpx.Client) -> None:
    emu.add_fault(Fault.heartbeat())
    raw, _ = _read(http, emu)
    assert raw.startswith(b": ping\n\ndata: ")
    assert raw.count(b": ping\n\n") == len(SHORT_TYPES)
    assert raw.replace(b": ping\n\n", b"") == _plain(http, emu)


@pytest.mark.parametrize(("style", "ending"), [("crlf", b"\r\n"), ("cr", b"\r")])
def test_crlf_or_cr_line_endings(
    emu: Emulator, http: httpx.Client, style: Any, ending: bytes
) -> None:
    emu.add_fault(Fault.line_endings(style))
    raw, _ = _read(http, emu)
    assert raw.endswith(ending * 2)
    if style == "cr":
        assert b"\n" not in raw
    assert raw.replace(ending, b"\n") == _plain(http, emu)


def test_id_and_event_lines(emu: Emulator, http: httpx.Client) -> None:
    emu.add_fault(Fault.sse_fields())
    raw, _ = _read(http, emu)
    blocks = raw.decode().strip("\n").split("\n\n")
    assert [block.split("\n")[:2] for block in blocks] == [
        [f"id: {number}", f"event: {kind}"] for number, kind in enumerate(SHORT_TYPES, start=1)
    ]
    assert [e["type"] for e in events(raw)] == SHORT_TYPES


def test_a_leading_byte_order_mark(emu: Emulator, http: httpx.Client) -> None:
    emu.add_fault(Fault.bom())
    raw, _ = _read(http, emu)
    assert raw.startswith(b"\xef\xbb\xbfdata: ")
    assert raw[3:] == _plain(http, emu)


def test_a_slow_trickle_one_byte_at_a_time(emu: Emulator, http: httpx.Client) -> None:
    emu.add_fault(Fault.trickle(times=1))
    body = {"agent_id": "short", "user_input": "hi", "stream": True}
    with http.stream("POST", emu.run_url, json=body, headers=chat_headers(emu)) as response:
        chunks = list(response.iter_raw())
    assert all(len(chunk) <= 8 for chunk in chunks)
    assert len(chunks) > 10 * len(SHORT_TYPES)
    assert b"".join(chunks) == _plain(http, emu)


def test_a_trickled_json_answer(emu: Emulator, http: httpx.Client) -> None:
    emu.add_fault(Fault.trickle(times=1))
    with http.stream("POST", emu.run_url, json={"agent_id": "short", "user_input": "hi"},
                     headers=chat_headers(emu)) as response:  # fmt: skip
        chunks = list(response.iter_raw())
    assert len(chunks) > 20
    assert b"".join(chunks).startswith(b'{"agent_id":"short"')


def test_stream_faults_leave_json_answers_alone(emu: Emulator, http: httpx.Client) -> None:
    active = emu.add_fault(Fault.reset_after(1))
    assert run(http, emu, agent_id="short").status_code == 201
    assert active.hits == 0


# -- per-request selection ---------------------------------------------------------


def test_a_fault_header_selects_faults_for_one_request(emu: Emulator, http: httpx.Client) -> None:
    header = Fault.header(Fault.status(503, times=1, retry_after=2))
    assert header == {FAULT_HEADER: "status(503, times=1, retry_after=2)"}
    first = run(http, emu, headers=chat_headers(emu, **header))
    assert (first.status_code, first.headers["retry-after"]) == (503, "2")
    assert run(http, emu, headers=chat_headers(emu, **header)).status_code == 201  # used up
    assert run(http, emu).status_code == 201


def test_a_fault_header_combines_stream_faults(emu: Emulator, http: httpx.Client) -> None:
    headers = chat_headers(emu, **{FAULT_HEADER: "heartbeat('tick'); line_endings('crlf')"})
    raw = http.post(
        emu.run_url, json={"agent_id": "short", "user_input": "hi", "stream": True}, headers=headers
    ).content
    assert raw.startswith(b": tick\r\n\r\ndata: ")


@pytest.mark.parametrize("value", ["explode()", "status(", "status(__import__('os'))"])
def test_a_bad_fault_header_is_400(emu: Emulator, http: httpx.Client, value: str) -> None:
    answer = run(http, emu, headers=chat_headers(emu, **{FAULT_HEADER: value}))
    assert answer.status_code == 400
    assert FAULT_HEADER in answer.json()["detail"]


def test_every_fault_spec_parses_back_to_the_fault() -> None:
    faults = [
        Fault.status(429, times=2, retry_after=1.5, retry_after_ms=10, message="slow down"),
        Fault.status(503, endpoint="upload_init"), Fault.html_page(502, times=1),
        Fault.close_before_answer(reset=True), Fault.reset_after(3), Fault.disconnect_after(1),
        Fault.stall(0.5, after_events=2), Fault.truncate(after_events=1), Fault.bad_json(),
        Fault.heartbeat("beat"), Fault.line_endings("cr"), Fault.sse_fields(), Fault.bom(),
        Fault.trickle(delay=0.01), Fault.s3_error("EntityTooLarge", 400, times=1),
        Fault.expired_policy(), Fault.max_file_bytes(10),
    ]  # fmt: skip
    for fault in faults:
        assert Fault.parse(fault.spec) == [fault]
    assert Fault.parse("; ".join(f.spec for f in faults)) == faults


def test_a_status_fault_on_the_upload_api(emu: Emulator, http: httpx.Client) -> None:
    emu.add_fault(Fault.status(503, times=1, endpoint="upload_init"))
    url = emu.upload_base_url + "/publicAssetsUploadInit"
    body = {"agent_id": "agent-123", "file_name": "a.pdf"}
    first = http.post(url, json=body, headers={"X-API-KEY": emu.api_key})
    assert first.status_code == 503
    assert first.json() == {"success": False, "message": "Service Unavailable"}
    assert http.post(url, json=body, headers={"X-API-KEY": emu.api_key}).status_code == 200
    assert run(http, emu).status_code == 201
