"""Streamed runs against the emulator: the seed's examples, the wire, every framing."""

from __future__ import annotations

import asyncio
import json
from typing import Callable

import httpx
import pytest
from sketricgen_models import (
    GenericAgUiEvent,
    RunFinishedEvent,
    RunStartedEvent,
    TextMessageContentEvent,
    ToolCallStartEvent,
)

from sketricgen import (
    AsyncStream,
    SketricGenClient,
    SketricGenEventDecodeError,
    Stream,
    StreamEvent,
)
from sketricgen.testing import AgentScript, Emulator, Fault
from tests.helpers.clients import ClientFactory

pytestmark = pytest.mark.emulator

STORY = "Hello! You said: Tell me a story"
STORY_TYPES = (
    ["RUN_STARTED", "TEXT_MESSAGE_START"] + ["TEXT_MESSAGE_CONTENT"] * 7
    + ["TEXT_MESSAGE_END", "RUN_FINISHED"]
)  # fmt: skip


@pytest.mark.anyio
async def test_seed_streaming_example_async(make_client: ClientFactory) -> None:
    client = make_client()
    printed: list[str] = []
    types: list[str] = []
    async for event in await client.run_workflow(
        agent_id="agent-123",
        user_input="Tell me a story",
        stream=True,
    ):
        data = json.loads(event.data)
        types.append(data["type"])
        if data["type"] == "TEXT_MESSAGE_CONTENT":
            printed.append(data["delta"])
        elif data["type"] == "RUN_FINISHED":
            printed.append("\n")
    assert "".join(printed) == STORY + "\n"
    assert types == STORY_TYPES
    await client.aclose()


def test_seed_streaming_example_sync(make_client: ClientFactory) -> None:
    client = make_client()
    printed: list[str] = []
    for event in client.run_workflow_sync(
        agent_id="agent-123",
        user_input="Tell me a story",
        stream=True,
    ):
        data = json.loads(event.data)
        if data["type"] == "TEXT_MESSAGE_CONTENT":
            printed.append(data["delta"])
    assert "".join(printed) == STORY


@pytest.mark.anyio
async def test_seed_complete_streaming_example(make_client: ClientFactory) -> None:
    lines: list[str] = []
    async with make_client() as client:
        async for event in await client.run_workflow(
            agent_id="demo-agent",
            user_input="Search for info and summarize it",
            stream=True,
        ):
            data = json.loads(event.data)
            event_type = data["type"]
            if event_type == "RUN_STARTED":
                lines.append(f"Started run: {data.get('run_id')}")
            elif event_type == "TOOL_CALL_START":
                lines.append(f"[Calling: {data['tool_call_name']}]")
            elif event_type == "TOOL_CALL_END":
                lines.append("[Done]")
            elif event_type == "RUN_FINISHED":
                lines.append("Completed!")
    assert lines[0].startswith("Started run: ")
    assert lines[0] != "Started run: None"
    assert lines[1:] == ["[Calling: web_search]", "[Done]", "Completed!"]


def test_the_request_asks_for_an_event_stream(
    make_client: ClientFactory, sketricgen_emulator: Emulator
) -> None:
    with make_client().run_workflow_sync("agent-123", "Hi", stream=True) as stream:
        assert isinstance(stream, Stream)
        assert stream.response.headers["content-type"].startswith("text/event-stream")
        assert len(list(stream)) == 8
    (request,) = sketricgen_emulator.requests_to("run")
    assert request.headers["accept"] == "text/event-stream"
    assert json.loads(request.body) == {"agent_id": "agent-123", "user_input": "Hi", "stream": True}


def test_events_carry_the_seed_fields_and_more(make_client: ClientFactory) -> None:
    events = list(make_client().run_workflow_sync("demo-agent", "cats", stream=True))
    assert all(isinstance(e, StreamEvent) for e in events)
    assert [e.event_type for e in events] == [json.loads(e.data)["type"] for e in events]
    assert [e.type for e in events] == [e.event_type for e in events]
    assert all(e.id is None and e.retry is None for e in events)
    assert [e.is_terminal for e in events] == [False] * (len(events) - 1) + [True]
    first, last = events[0], events[-1]
    assert first.json() == json.loads(first.data)
    assert first.json() is first.json()  # parsed once
    assert isinstance(first.ag_ui, RunStartedEvent)
    assert first.ag_ui is first.ag_ui
    assert isinstance(last.ag_ui, RunFinishedEvent)
    assert last.ag_ui.thread_id == first.ag_ui.thread_id
    tool = next(e.ag_ui for e in events if e.event_type == "TOOL_CALL_START")
    assert isinstance(tool, ToolCallStartEvent)
    assert tool.tool_call_name == "web_search"
    assert repr(first).startswith("StreamEvent(event_type='RUN_STARTED', data='{")


@pytest.mark.parametrize("how", ["constructor", "header"])
def test_camel_case_events_read_the_same(
    sketricgen_emulator_factory: Callable[..., Emulator], how: str
) -> None:
    emu = sketricgen_emulator_factory(key_case="camel" if how == "constructor" else "snake")
    headers = {"X-Emulator-Key-Case": "camel"} if how == "header" else None
    with SketricGenClient(
        api_key=emu.api_key, base_url=emu.base_url, default_headers=headers
    ) as client:
        events = list(client.run_workflow_sync("agent-123", "Hi", stream=True))
    assert "threadId" in events[0].json()
    started = events[0].ag_ui
    assert isinstance(started, RunStartedEvent)
    assert started.thread_id == events[0].json()["threadId"]
    content = events[2].ag_ui
    assert isinstance(content, TextMessageContentEvent)
    assert content.message_id == events[2].json()["messageId"]


def test_sse_fields_name_the_event_type_and_id(make_client: ClientFactory) -> None:
    client = make_client(default_headers=Fault.header(Fault.sse_fields()))
    events = list(client.run_workflow_sync("agent-123", "Hi", stream=True))
    assert [e.id for e in events] == [str(n) for n in range(1, 9)]
    assert [e.event_type for e in events] == [e.json()["type"] for e in events]
    assert events[-1].is_terminal


def _plain_events(client: SketricGenClient) -> list[tuple[str, str]]:
    return [
        (e.event_type, e.data) for e in client.run_workflow_sync("agent-123", "Hi", stream=True)
    ]


@pytest.mark.parametrize(
    "fault",
    [
        Fault.line_endings("crlf"),
        Fault.line_endings("cr"),
        Fault.bom(),
        Fault.trickle(),
        Fault.heartbeat(),
        Fault.heartbeat("keep-alive"),
    ],
    ids=["crlf", "cr", "bom", "trickle", "heartbeat", "heartbeat-keep-alive"],
)
def test_every_framing_gives_the_same_events(
    sketricgen_emulator: Emulator, make_client: ClientFactory, fault: Fault
) -> None:
    plain = _plain_events(make_client())
    sketricgen_emulator.reset()  # the same ids again
    bent = _plain_events(make_client(default_headers=Fault.header(fault)))
    assert bent == plain
    assert len(plain) == 8


@pytest.mark.anyio
async def test_a_trickled_stream_async(make_client: ClientFactory) -> None:
    emu_client = make_client(
        default_headers=Fault.header(Fault.trickle(), Fault.line_endings("cr"))
    )
    stream = await emu_client.run_workflow("agent-123", "Grüße, 😀", stream=True)
    assert isinstance(stream, AsyncStream)
    async with stream:
        deltas = [d async for d in stream.text_deltas()]
    assert "".join(deltas) == "Hello! You said: Grüße, 😀"
    await emu_client.aclose()


def test_malformed_data_is_delivered_as_is(make_client: ClientFactory) -> None:
    client = make_client(default_headers=Fault.header(Fault.bad_json(after_events=2)))
    events = list(client.run_workflow_sync("agent-123", "Hi", stream=True))
    assert len(events) == 9
    bad = events[2]
    assert bad.data == "{not json"
    assert bad.type is None
    assert bad.event_type == "message"
    assert not bad.is_terminal
    with pytest.raises(SketricGenEventDecodeError, match="not JSON") as caught:
        bad.json()
    assert isinstance(caught.value, ValueError)
    view = bad.ag_ui
    assert isinstance(view, GenericAgUiEvent)
    assert view.model_dump() == {"type": "message", "data": "{not json"}
    # The seed's own loop meets json.loads' usual error.
    with pytest.raises(json.JSONDecodeError):
        json.loads(bad.data)


def test_malformed_data_is_skipped_by_the_result(make_client: ClientFactory) -> None:
    client = make_client(default_headers=Fault.header(Fault.bad_json(after_events=3, data="[1]")))
    result = client.run_workflow_sync("agent-123", "Hi", stream=True).until_done()
    assert result.text == "Hello! You said: Hi"
    assert [e.data for e in result.malformed_events] == ["[1]"]
    assert result.event_count == 9


def test_unknown_event_types_pass_through(
    make_client: ClientFactory, sketricgen_emulator: Emulator
) -> None:
    sketricgen_emulator.add_agent(
        "novel", AgentScript().event({"type": "BRAND_NEW", "payload": {"a": [1, 2]}}).text("ok")
    )
    events = list(make_client().run_workflow_sync("novel", "Hi", stream=True))
    novel = events[1]
    assert novel.event_type == "BRAND_NEW"
    assert novel.json() == {"type": "BRAND_NEW", "payload": {"a": [1, 2]}}
    assert isinstance(novel.ag_ui, GenericAgUiEvent)
    assert novel.ag_ui.model_dump() == novel.json()


@pytest.mark.anyio
async def test_several_streams_at_once_on_one_client(make_client: ClientFactory) -> None:
    async with make_client() as client:

        async def text(n: int) -> str:
            stream = await client.run_workflow("agent-123", f"number {n}", stream=True)
            return (await stream.until_done()).text

        texts = await asyncio.gather(*(text(n) for n in range(20)))
    assert texts == [f"Hello! You said: number {n}" for n in range(20)]


def test_a_stream_then_a_plain_call_on_the_same_connection(
    make_client: ClientFactory, sketricgen_emulator: Emulator
) -> None:
    client = make_client()
    for _ in range(3):
        assert len(list(client.run_workflow_sync("agent-123", "Hi", stream=True))) == 8
        assert client.run_workflow_sync("agent-123", "Hi").response == "Hello! You said: Hi"
    assert sketricgen_emulator.connections_opened == 1


@pytest.mark.anyio
async def test_streams_through_the_users_own_httpx_clients(
    sketricgen_emulator: Emulator,
) -> None:
    with httpx.Client(headers={"Accept": "application/json"}) as http:
        async with httpx.AsyncClient() as ahttp:
            client = SketricGenClient(
                api_key=sketricgen_emulator.api_key,
                base_url=sketricgen_emulator.base_url,
                http_client=http,
                async_http_client=ahttp,
            )
            async with client:
                sync_text = "".join(
                    client.run_workflow_sync("agent-123", "A", stream=True).text_deltas()
                )
                stream = await client.run_workflow("agent-123", "B", stream=True)
                async_text = (await stream.until_done()).text
            assert not http.is_closed  # still the user's to close
    assert (sync_text, async_text) == ("Hello! You said: A", "Hello! You said: B")
    accepts = [r.headers["accept"] for r in sketricgen_emulator.requests_to("run")]
    assert accepts == ["text/event-stream"] * 2
