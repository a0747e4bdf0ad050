"""The conveniences: `text_deltas()`, and `until_done()` with its `StreamResult`."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from typing import Callable

import pytest
from sketricgen_models import RunErrorEvent, RunFinishedEvent, RunPausedHitlEvent

from sketricgen import (
    HitlDecision,
    HitlResume,
    SketricGenClient,
    SketricGenRunError,
    StreamResult,
    ToolCall,
)
from sketricgen.testing import AgentScript, Emulator
from tests.helpers.clients import ClientFactory

pytestmark = pytest.mark.emulator

FINDINGS = (
    'Here is what I found about "cats": three sources agree, and the details are in the '
    "search results above."
)


def test_until_done_sums_up_the_run(
    make_client: ClientFactory, sketricgen_emulator: Emulator
) -> None:
    result = make_client().run_workflow_sync("demo-agent", "cats", stream=True).until_done()
    assert isinstance(result, StreamResult)
    assert result.outcome == "finished"
    assert result.messages == ["Let me look that up.", FINDINGS]
    assert result.text == f"Let me look that up.\n\n{FINDINGS}"
    assert result.conversation_id == sketricgen_emulator.conversation_ids[-1]
    assert result.run_id == sketricgen_emulator.runs[-1].run_id
    (call,) = result.tool_calls
    assert isinstance(call, ToolCall)
    assert (call.name, call.args, call.result) == (
        "web_search",
        {"query": "cats"},
        "3 results found",
    )
    assert json.loads(call.arguments) == {"query": "cats"}
    assert isinstance(result.finished, RunFinishedEvent)
    assert result.finished.result == result.text
    assert (result.error, result.paused) == (None, None)
    assert result.event_count == len(sketricgen_emulator.runs[-1].events)
    assert result.malformed_events == []


def test_the_result_continues_the_conversation(make_client: ClientFactory) -> None:
    client = make_client()
    first = client.run_workflow_sync("agent-123", "My name is Ada.", stream=True).until_done()
    second = client.run_workflow_sync(
        "agent-123", "And now?", first.conversation_id, stream=True
    ).until_done()
    assert second.conversation_id == first.conversation_id
    assert second.text == "Hello! You said: And now? This is message 2 of our conversation."


@pytest.mark.anyio
async def test_until_done_async(make_client: ClientFactory) -> None:
    async with make_client() as client:
        stream = await client.run_workflow("demo-agent", "cats", stream=True)
        result = await stream.until_done()
        assert await stream.until_done() == result  # asked again: the same answer
    assert result.text.endswith(FINDINGS)
    assert [c.name for c in result.tool_calls] == ["web_search"]


def test_text_deltas(make_client: ClientFactory) -> None:
    stream = make_client().run_workflow_sync("agent-123", "Tell me a story", stream=True)
    deltas = list(stream.text_deltas())
    assert deltas == ["Hello!", " You", " said:", " Tell", " me", " a", " story"]
    assert stream.until_done().text == "".join(deltas)  # text_deltas() fed the result too


@pytest.mark.anyio
async def test_text_deltas_async(make_client: ClientFactory) -> None:
    async with make_client() as client:
        stream = await client.run_workflow("demo-agent", "cats", stream=True)
        text = "".join([delta async for delta in stream.text_deltas()])
        result = await stream.until_done()
    assert text == "Let me look that up." + FINDINGS
    assert result.tool_calls[0].result == "3 results found"


def test_a_run_error_raises_with_message_code_and_result(make_client: ClientFactory) -> None:
    stream = make_client().run_workflow_sync("error-agent", "Hi", stream=True)
    with pytest.raises(SketricGenRunError) as caught:
        stream.until_done()
    error = caught.value
    assert error.message == "The agent failed to complete the run."
    assert error.code == "AGENT_ERROR"
    assert str(error) == (
        "the run ended with RUN_ERROR: The agent failed to complete the run. (code AGENT_ERROR)"
    )
    result = error.result
    assert isinstance(result, StreamResult)
    assert result.outcome == "error"
    assert result.text == "Working on it."
    assert isinstance(result.error, RunErrorEvent)
    with pytest.raises(SketricGenRunError):  # and again, if asked again
        stream.until_done()


@pytest.mark.anyio
async def test_text_deltas_then_the_run_error_async(make_client: ClientFactory) -> None:
    async with make_client() as client:
        stream = await client.run_workflow("error-agent", "Hi", stream=True)
        deltas: list[str] = []
        with pytest.raises(SketricGenRunError, match="AGENT_ERROR"):
            await _collect(stream.text_deltas(), deltas)
    assert deltas == ["Working", " on", " it."]


async def _collect(deltas: AsyncIterator[str], into: list[str]) -> None:
    async for delta in deltas:
        into.append(delta)


def test_the_seed_loop_still_sees_the_run_error(make_client: ClientFactory) -> None:
    seen = []
    for event in make_client().run_workflow_sync("error-agent", "Hi", stream=True):
        data = json.loads(event.data)
        if data["type"] == "RUN_ERROR":
            seen.append(data["message"])
    assert seen == ["The agent failed to complete the run."]


def test_a_paused_run_and_its_resume(make_client: ClientFactory) -> None:
    client = make_client()
    paused = client.run_workflow_sync(
        "hitl-agent", "Email Bob hello", stream=True, enable_hitl=True
    ).until_done()
    assert paused.outcome == "paused"
    assert isinstance(paused.paused, RunPausedHitlEvent)
    request = paused.paused.hitl_request
    assert request is not None
    assert request.action_requests is not None
    assert request.action_requests[0].name == "send_email"
    assert paused.paused.interrupt_ids == request.interrupt_ids
    (call,) = paused.tool_calls
    assert call.name == "send_email"
    assert call.args == {"to": "user@example.com", "body": "Email Bob hello"}
    assert call.result is None
    resumed = client.run_workflow_sync(
        "hitl-agent",
        "",
        paused.conversation_id,
        stream=True,
        hitl_resume=HitlResume(
            request_id=paused.paused.request_id, decisions=[HitlDecision(type="approve")]
        ),
    ).until_done()
    assert resumed.outcome == "finished"
    assert resumed.text == "Approved: the email was sent."
    assert resumed.tool_calls[0].result == "approved"


def test_until_done_after_iterating_by_hand(make_client: ClientFactory) -> None:
    client = make_client()
    stream = client.run_workflow_sync("agent-123", "Hi", stream=True)
    for _ in range(4):  # RUN_STARTED, TEXT_MESSAGE_START and two deltas
        next(stream)
    rest = stream.until_done()
    assert rest.outcome == "finished"
    assert rest.text == " said: Hi"  # only what until_done() read itself
    everything = client.run_workflow_sync("agent-123", "Hi", stream=True)
    assert len(list(everything)) == 8
    done = everything.until_done()  # nothing left to read: how the run ended is still known
    assert done.outcome == "finished"
    assert done.finished is not None


def test_camel_case_results(sketricgen_emulator_factory: Callable[..., Emulator]) -> None:
    emu = sketricgen_emulator_factory(key_case="camel")
    with SketricGenClient(api_key=emu.api_key, base_url=emu.base_url) as client:
        result = client.run_workflow_sync("demo-agent", "cats", stream=True).until_done()
    assert result.conversation_id == emu.conversation_ids[-1]
    assert result.tool_calls[0].args == {"query": "cats"}
    assert result.messages[0] == "Let me look that up."


def test_tool_calls_in_chunks_and_odd_arguments(
    make_client: ClientFactory, sketricgen_emulator: Emulator
) -> None:
    sketricgen_emulator.add_agent(
        "chunky",
        AgentScript()
        .event({"type": "TOOL_CALL_CHUNK", "toolCallId": "c1", "toolCallName": "f", "delta": '{'})
        .event({"type": "TOOL_CALL_CHUNK", "tool_call_id": "c1", "delta": '"a": 1}'})
        .event({"type": "TOOL_CALL_START", "tool_call_id": "c2", "tool_call_name": "g"})
        .event({"type": "TOOL_CALL_ARGS", "tool_call_id": "c2", "delta": "not json"})
        .event({"type": "TOOL_CALL_START", "tool_call_id": "c3", "tool_call_name": "h"})
        .event({"type": "TEXT_MESSAGE_CHUNK", "message_id": "m", "delta": "chunked "})
        .event({"type": "TEXT_MESSAGE_CHUNK", "message_id": "m", "delta": "text"}),
    )  # fmt: skip
    stream = make_client().run_workflow_sync("chunky", "Hi", stream=True)
    assert list(stream.text_deltas()) == ["chunked ", "text"]
    result = stream.until_done()
    assert [(c.id, c.name, c.args) for c in result.tool_calls] == [
        ("c1", "f", {"a": 1}), ("c2", "g", None), ("c3", "h", {}),
    ]  # fmt: skip
    assert result.text == "chunked text"
