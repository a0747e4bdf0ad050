"""The typed AG-UI events a stream carries, for `isinstance` checks on `StreamEvent.ag_ui`.

Every class is generated from `openapi/sketricgen.yaml`; this module only
gathers them under public names::

    from sketricgen.events import TextMessageContentEvent

    for event in stream:
        if isinstance(event.ag_ui, TextMessageContentEvent):
            print(event.ag_ui.delta, end="")

`AgUiEventModel` is the type of `event.ag_ui`: one of the event classes, or
`GenericAgUiEvent` for a type the SDK does not know (or a payload that does
not fit its type), which keeps every key as sent.
"""

from __future__ import annotations

from typing import Union

from sketricgen_models import (
    ActivityDeltaEvent,
    ActivitySnapshotEvent,
    AgUiEventMember,
    CustomEvent,
    CustomEventEvent,
    GenericAgUiEvent,
    HitlActionRequest,
    HitlRequest,
    HitlReviewConfig,
    MessagesSnapshotEvent,
    RawEvent,
    ReasoningEncryptedValueEvent,
    ReasoningEndEvent,
    ReasoningMessageChunkEvent,
    ReasoningMessageContentEvent,
    ReasoningMessageEndEvent,
    ReasoningMessageStartEvent,
    ReasoningStartEvent,
    RunErrorEvent,
    RunFinishedEvent,
    RunHaltedOutOfCreditsEvent,
    RunPausedHitlEvent,
    RunStartedEvent,
    StateDeltaEvent,
    StateSnapshotEvent,
    StepFinishedEvent,
    StepStartedEvent,
    SubagentErrorEvent,
    SubagentFinishedEvent,
    SubagentStartedEvent,
    TextMessageChunkEvent,
    TextMessageContentEvent,
    TextMessageEndEvent,
    TextMessageStartEvent,
    ToolCallArgsEvent,
    ToolCallChunkEvent,
    ToolCallEndEvent,
    ToolCallResultEvent,
    ToolCallStartEvent,
)

from ._streaming.event import TERMINAL_EVENT_TYPES

__all__ = [
    "TERMINAL_EVENT_TYPES",
    "ActivityDeltaEvent",
    "ActivitySnapshotEvent",
    "AgUiEventModel",
    "CustomEvent",
    "CustomEventEvent",
    "GenericAgUiEvent",
    "HitlActionRequest",
    "HitlRequest",
    "HitlReviewConfig",
    "MessagesSnapshotEvent",
    "RawEvent",
    "ReasoningEncryptedValueEvent",
    "ReasoningEndEvent",
    "ReasoningMessageChunkEvent",
    "ReasoningMessageContentEvent",
    "ReasoningMessageEndEvent",
    "ReasoningMessageStartEvent",
    "ReasoningStartEvent",
    "RunErrorEvent",
    "RunFinishedEvent",
    "RunHaltedOutOfCreditsEvent",
    "RunPausedHitlEvent",
    "RunStartedEvent",
    "StateDeltaEvent",
    "StateSnapshotEvent",
    "StepFinishedEvent",
    "StepStartedEvent",
    "SubagentErrorEvent",
    "SubagentFinishedEvent",
    "SubagentStartedEvent",
    "TextMessageChunkEvent",
    "TextMessageContentEvent",
    "TextMessageEndEvent",
    "TextMessageStartEvent",
    "ToolCallArgsEvent",
    "ToolCallChunkEvent",
    "ToolCallEndEvent",
    "ToolCallResultEvent",
    "ToolCallStartEvent",
]

AgUiEventModel = Union[AgUiEventMember, GenericAgUiEvent]
"""The type of `StreamEvent.ag_ui`: a member of the generated `AgUiEvent` union, or the fallback."""
"""The type of `StreamEvent.ag_ui`: a generated AG-UI event class, or `GenericAgUiEvent`."""
