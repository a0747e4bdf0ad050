"""Every AG-UI event type, encoded by ag-ui-protocol's own EventEncoder, through a stream.

The emulator sends each encoder frame byte for byte (`AgentScript.frame`);
the SDK must hand over the very same data, and type it as the generated
model of the same name.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
import sketricgen_models
from ag_ui import core
from ag_ui.encoder import EventEncoder
from pydantic import BaseModel, TypeAdapter
from sketricgen_models import GenericAgUiEvent

from sketricgen import StreamEvent
from sketricgen.testing import AgentScript, Emulator
from tests.helpers.clients import ClientFactory

pytestmark = pytest.mark.emulator

PATCH = [
    {"op": "add", "path": "/notes/-", "value": "a\nb"},
    {"op": "replace", "path": "/count", "value": 2},
]

SAMPLES: list[core.BaseEvent] = [
    core.TextMessageStartEvent(message_id="m1", role="assistant", timestamp=1),
    core.TextMessageContentEvent(message_id="m1", delta=' héllo "quoted"\n😀 '),
    core.TextMessageEndEvent(message_id="m1"),
    core.TextMessageChunkEvent(message_id="m2", role="assistant", delta="chunk"),
    core.ToolCallStartEvent(tool_call_id="t1", tool_call_name="search", parent_message_id="m1"),
    core.ToolCallArgsEvent(tool_call_id="t1", delta='{"query": "cats'),
    core.ToolCallEndEvent(tool_call_id="t1"),
    core.ToolCallChunkEvent(tool_call_id="t2", tool_call_name="lookup", delta="{}"),
    core.ToolCallResultEvent(message_id="m3", tool_call_id="t1", content="3 hits", role="tool"),
    core.StateSnapshotEvent(snapshot={"count": 1, "notes": [], "nestedKey": {"snake_key": None}}),
    core.StateDeltaEvent(delta=PATCH),
    core.MessagesSnapshotEvent(
        messages=[
            core.UserMessage(id="u1", content="Hi"),
            core.AssistantMessage(
                id="a1",
                content="Let me check",
                tool_calls=[
                    core.ToolCall(
                        id="t1", function=core.FunctionCall(name="search", arguments="{}")
                    )
                ],
            ),
            core.ToolMessage(id="r1", content="3 hits", tool_call_id="t1"),
        ]
    ),
    core.ActivitySnapshotEvent(
        message_id="act1", activity_type="PLAN", content={"steps": ["a", "b"]}, replace=False
    ),
    core.ActivityDeltaEvent(message_id="act1", activity_type="PLAN", patch=PATCH),
    core.RawEvent(event={"anything": [1, "two", None]}, source="upstream"),
    core.CustomEvent(name="progress", value={"percent_done": 50}),
    core.RunStartedEvent(thread_id="th1", run_id="r1", parent_run_id="r0"),
    core.RunFinishedEvent(thread_id="th1", run_id="r1", result={"answer": 42}),
    core.RunErrorEvent(message="it broke", code="E42"),
    core.StepStartedEvent(step_name="plan"),
    core.StepFinishedEvent(step_name="plan"),
    core.ReasoningStartEvent(message_id="rs1"),
    core.ReasoningMessageStartEvent(message_id="rs1", role="reasoning"),
    core.ReasoningMessageContentEvent(message_id="rs1", delta="thinking…"),
    core.ReasoningMessageEndEvent(message_id="rs1"),
    core.ReasoningMessageChunkEvent(message_id="rs2", delta="more"),
    core.ReasoningEndEvent(message_id="rs1"),
    core.ReasoningEncryptedValueEvent(subtype="tool-call", entity_id="t1", encrypted_value="b64=="),
    core.SubagentStartedEvent(subagent_run_id="s1", name="helper", parent_tool_call_id="t1"),
    core.SubagentFinishedEvent(subagent_run_id="s1", result="done"),
    core.SubagentErrorEvent(subagent_run_id="s1", message="failed", code="SUB"),
]
AG_UI_EVENT: TypeAdapter[Any] = TypeAdapter(core.Event)


def test_the_samples_cover_every_ag_ui_event_type() -> None:
    assert sorted(str(s.type.value) for s in SAMPLES) == sorted(t.value for t in core.EventType)
    assert len(SAMPLES) == 31


def _frames() -> list[str]:
    encoder = EventEncoder()
    return [encoder.encode(sample) for sample in SAMPLES]


def _check(events: list[StreamEvent]) -> None:
    # The emulator's own RUN_STARTED and RUN_FINISHED frame the samples.
    assert [e.event_type for e in events[1:-1]] == [str(s.type.value) for s in SAMPLES]
    for event, sample, frame in zip(events[1:-1], SAMPLES, _frames()):
        payload = json.loads(frame[len("data: ") : -2])
        assert event.data == frame[len("data: ") : -2]  # byte for byte
        assert json.loads(event.data) == payload
        assert event.json() == payload
        assert AG_UI_EVENT.validate_json(event.data) == sample  # ag-ui reads it back
        view = event.ag_ui
        expected = getattr(sketricgen_models, type(sample).__name__)
        assert type(view) is expected, (type(view), expected)
        assert not isinstance(view, GenericAgUiEvent)
        _same_fields(view, sample)
    assert events[-1].is_terminal


def _same_fields(view: BaseModel, sample: BaseModel) -> None:
    """Every plain field the sample set reads the same on the typed view."""
    for name, value in sample.model_dump(exclude_none=True).items():
        if isinstance(value, (str, int, float, bool)) and name != "type":
            assert getattr(view, name) == value, name


def test_every_ag_ui_event_round_trips(
    make_client: ClientFactory, sketricgen_emulator: Emulator
) -> None:
    script = AgentScript()
    for frame in _frames():
        script = script.frame(frame)
    sketricgen_emulator.add_agent("ag-ui", script)
    _check(list(make_client().run_workflow_sync("ag-ui", "Hi", stream=True)))


@pytest.mark.anyio
async def test_every_ag_ui_event_round_trips_async(
    make_client: ClientFactory, sketricgen_emulator: Emulator
) -> None:
    script = AgentScript()
    for frame in _frames():
        script = script.frame(frame)
    sketricgen_emulator.add_agent("ag-ui", script)
    async with make_client() as client:
        _check([e async for e in await client.run_workflow("ag-ui", "Hi", stream=True)])


def test_snake_case_payloads_type_the_same(
    make_client: ClientFactory, sketricgen_emulator: Emulator
) -> None:
    # The emulator re-encodes `event` steps with snake_case keys, as SketricGen sends them.
    script = AgentScript()
    for sample in SAMPLES:
        script = script.event(sample.model_dump(mode="json", by_alias=True, exclude_none=True))
    sketricgen_emulator.add_agent("snake", script)
    events = list(make_client().run_workflow_sync("snake", "Hi", stream=True))[1:-1]
    assert "message_id" in events[0].json()
    for event, sample in zip(events, SAMPLES):
        assert type(event.ag_ui) is getattr(sketricgen_models, type(sample).__name__)
        _same_fields(event.ag_ui, sample)
