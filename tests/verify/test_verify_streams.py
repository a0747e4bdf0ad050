"""The verifier on real streams: every built-in emulator agent, over HTTP, through the SDK."""

from __future__ import annotations

from typing import Any, Callable

import pytest

from sketricgen import HitlDecision, HitlResume, SketricGenClient, StreamEvent
from sketricgen.testing import Emulator, Fault
from sketricgen.testing._scripts import builtin_agents
from sketricgen.verify import AgUiOrderError, assert_valid_ag_ui, verify_events
from tests.helpers.clients import ClientFactory

pytestmark = pytest.mark.emulator

AGENTS = sorted(builtin_agents())


def _client(emu: Emulator, **options: Any) -> SketricGenClient:
    return SketricGenClient(
        api_key=emu.api_key, base_url=emu.base_url, upload_base_url=emu.upload_base_url, **options
    )


def _verified_run(client: SketricGenClient, agent_id: str, **options: Any) -> list[StreamEvent]:
    with client.run_workflow_sync(agent_id, "Hello there", stream=True, **options) as stream:
        return list(stream.verified())


def _paused_then_resumed(client: SketricGenClient) -> list[list[StreamEvent]]:
    paused = _verified_run(client, "hitl-agent", enable_hitl=True)
    pause = paused[-1].json()
    assert pause["type"] == "RUN_PAUSED_HITL"
    resume = HitlResume(
        request_id=pause.get("request_id") or pause["requestId"],
        decisions=[HitlDecision(type="approve")],
    )
    conversation = paused[0].json()
    thread = conversation.get("thread_id") or conversation["threadId"]
    resumed = _verified_run(client, "hitl-agent", conversation_id=thread, hitl_resume=resume)
    return [paused, resumed]


@pytest.mark.parametrize("key_case", ["snake", "camel"])
def test_every_builtin_agent_streams_a_valid_ag_ui_run(
    sketricgen_emulator_factory: Callable[..., Emulator], key_case: str
) -> None:
    emu = sketricgen_emulator_factory(key_case=key_case)
    with _client(emu) as client:
        runs = {agent: _verified_run(client, agent) for agent in AGENTS}
        runs["hitl-agent (paused)"], runs["hitl-agent (resumed)"] = _paused_then_resumed(client)
    assert {run[-1].type for run in runs.values()} >= {
        "RUN_FINISHED", "RUN_ERROR", "RUN_PAUSED_HITL"
    }  # fmt: skip
    id_key = "messageId" if key_case == "camel" else "message_id"
    assert id_key in runs["agent-123"][1].json()  # the keys really are in this case
    for events in runs.values():
        verify_events(events)  # the whole list again, as StreamEvents
        verify_events([event.json() for event in events])  # and as plain dicts


@pytest.mark.anyio
async def test_async_stream_verified(make_client: ClientFactory) -> None:
    async with make_client() as client:
        stream = await client.run_workflow("demo-agent", "Find it", stream=True)
        async with stream:
            types = [event.type async for event in stream.verified()]
    assert types[0] == "RUN_STARTED"
    assert "TOOL_CALL_START" in types
    assert types[-1] == "RUN_FINISHED"


def test_reorder_fault_breaks_the_order(
    sketricgen_emulator: Emulator, make_client: ClientFactory
) -> None:
    sketricgen_emulator.add_fault(Fault.reorder(), agent_id="agent-123")
    client = make_client()
    with client.run_workflow_sync("agent-123", "Hi", stream=True) as stream:
        types = [event.type for event in stream]
    assert types[:3] == ["RUN_STARTED", "TEXT_MESSAGE_CONTENT", "TEXT_MESSAGE_START"]
    assert types[-1] == "RUN_FINISHED"

    stream = client.run_workflow_sync("agent-123", "Hi", stream=True)
    delivered: list[StreamEvent] = []
    with pytest.raises(AgUiOrderError) as caught:  # noqa: PT012 - the events before count too
        for event in stream.verified():  # no `with`: the failure itself releases the stream
            delivered.append(event)
    assert [event.type for event in delivered] == ["RUN_STARTED"]
    error = caught.value
    assert (error.rule, error.index, error.event_type) == (
        "content-before-start",
        1,
        "TEXT_MESSAGE_CONTENT",
    )
    assert isinstance(error.event, StreamEvent)
    assert error.event.type == "TEXT_MESSAGE_CONTENT"
    sketricgen_emulator.wait_for(lambda: sketricgen_emulator.open_connections == 0)


@pytest.mark.anyio
async def test_reorder_fault_from_the_request_header(
    sketricgen_emulator: Emulator, make_client: ClientFactory
) -> None:
    header = Fault.header(Fault.reorder(after_events=0))
    async with make_client(default_headers=header) as client:
        stream = await client.run_workflow("demo-agent", "Hi", stream=True)
        with pytest.raises(AgUiOrderError) as caught:
            async for _ in stream.verified():
                pass
    assert (caught.value.rule, caught.value.index) == ("first-event", 0)
    assert caught.value.event_type == "TEXT_MESSAGE_START"
    assert sketricgen_emulator.requests_to("run")[-1].faults == ("reorder(after_events=0)",)


def test_pytest_helper_passes_a_real_stream_and_shows_a_broken_one(
    make_client: ClientFactory,
) -> None:
    events = list(make_client().run_workflow_sync("agent-123", "Hi", stream=True))
    assert_valid_ag_ui(events)
    broken = [events[0], events[2], *events[3:]]  # TEXT_MESSAGE_START left out
    with pytest.raises(AssertionError) as caught:
        assert_valid_ag_ui(broken)
    text = str(caught.value)
    first_line, shown_before, shown_at = text.splitlines()
    assert first_line.startswith("AG-UI order rule 'content-before-start' broken at event 1 ")
    assert shown_before.startswith("  0: StreamEvent(event_type='RUN_STARTED'")
    assert shown_at.startswith("> 1: StreamEvent(event_type='TEXT_MESSAGE_CONTENT'")
    assert isinstance(caught.value.__cause__, AgUiOrderError)
