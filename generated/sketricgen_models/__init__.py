"""The wire models of openapi/sketricgen.yaml (generated).

Each model loads with its module on first use (`from sketricgen_models import X`
imports only the module that defines X, and the ones it refers to): a
program building one request does not build every model of the spec.
"""

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ._assets import PresignedPost as PresignedPost
    from ._assets import PresignedPostForm as PresignedPostForm
    from ._assets import S3ErrorDocument as S3ErrorDocument
    from ._assets import S3PostResponse as S3PostResponse
    from ._assets import UploadCompleteRequest as UploadCompleteRequest
    from ._assets import UploadCompleteResponse as UploadCompleteResponse
    from ._assets import UploadFailureBody as UploadFailureBody
    from ._assets import UploadInitRequest as UploadInitRequest
    from ._assets import UploadInitResponse as UploadInitResponse
    from ._chat import ChatResponse as ChatResponse
    from ._chat import ErrorBody as ErrorBody
    from ._chat import GeneratedAsset as GeneratedAsset
    from ._chat import HitlActionRequest as HitlActionRequest
    from ._chat import HitlDecision as HitlDecision
    from ._chat import HitlRequest as HitlRequest
    from ._chat import HitlResume as HitlResume
    from ._chat import HitlReviewConfig as HitlReviewConfig
    from ._chat import RunWorkflowRequest as RunWorkflowRequest
    from ._chat import ValidationErrorItem as ValidationErrorItem
    from ._payloads import ActivityDeltaEvent as ActivityDeltaEvent
    from ._payloads import ActivitySnapshotEvent as ActivitySnapshotEvent
    from ._payloads import AgUiEvent as AgUiEvent
    from ._payloads import AgUiEventMember as AgUiEventMember
    from ._payloads import AgUiEventType as AgUiEventType
    from ._payloads import CustomEvent as CustomEvent
    from ._payloads import CustomEventEvent as CustomEventEvent
    from ._payloads import GenericAgUiEvent as GenericAgUiEvent
    from ._payloads import MessagesSnapshotEvent as MessagesSnapshotEvent
    from ._payloads import RawEvent as RawEvent
    from ._payloads import ReasoningEncryptedValueEvent as ReasoningEncryptedValueEvent
    from ._payloads import ReasoningEndEvent as ReasoningEndEvent
    from ._payloads import ReasoningMessageChunkEvent as ReasoningMessageChunkEvent
    from ._payloads import ReasoningMessageContentEvent as ReasoningMessageContentEvent
    from ._payloads import ReasoningMessageEndEvent as ReasoningMessageEndEvent
    from ._payloads import ReasoningMessageStartEvent as ReasoningMessageStartEvent
    from ._payloads import ReasoningStartEvent as ReasoningStartEvent
    from ._payloads import RunErrorEvent as RunErrorEvent
    from ._payloads import RunFinishedEvent as RunFinishedEvent
    from ._payloads import RunHaltedOutOfCreditsEvent as RunHaltedOutOfCreditsEvent
    from ._payloads import RunPausedHitlEvent as RunPausedHitlEvent
    from ._payloads import RunStartedEvent as RunStartedEvent
    from ._payloads import StateDeltaEvent as StateDeltaEvent
    from ._payloads import StateSnapshotEvent as StateSnapshotEvent
    from ._payloads import StepFinishedEvent as StepFinishedEvent
    from ._payloads import StepStartedEvent as StepStartedEvent
    from ._payloads import SubagentErrorEvent as SubagentErrorEvent
    from ._payloads import SubagentFinishedEvent as SubagentFinishedEvent
    from ._payloads import SubagentStartedEvent as SubagentStartedEvent
    from ._payloads import TextMessageChunkEvent as TextMessageChunkEvent
    from ._payloads import TextMessageContentEvent as TextMessageContentEvent
    from ._payloads import TextMessageEndEvent as TextMessageEndEvent
    from ._payloads import TextMessageStartEvent as TextMessageStartEvent
    from ._payloads import ToolCallArgsEvent as ToolCallArgsEvent
    from ._payloads import ToolCallChunkEvent as ToolCallChunkEvent
    from ._payloads import ToolCallEndEvent as ToolCallEndEvent
    from ._payloads import ToolCallResultEvent as ToolCallResultEvent
    from ._payloads import ToolCallStartEvent as ToolCallStartEvent

_MODULES = {
    "ActivityDeltaEvent": "._payloads",
    "ActivitySnapshotEvent": "._payloads",
    "AgUiEvent": "._payloads",
    "AgUiEventMember": "._payloads",
    "AgUiEventType": "._payloads",
    "ChatResponse": "._chat",
    "CustomEvent": "._payloads",
    "CustomEventEvent": "._payloads",
    "ErrorBody": "._chat",
    "GeneratedAsset": "._chat",
    "GenericAgUiEvent": "._payloads",
    "HitlActionRequest": "._chat",
    "HitlDecision": "._chat",
    "HitlRequest": "._chat",
    "HitlResume": "._chat",
    "HitlReviewConfig": "._chat",
    "MessagesSnapshotEvent": "._payloads",
    "PresignedPost": "._assets",
    "PresignedPostForm": "._assets",
    "RawEvent": "._payloads",
    "ReasoningEncryptedValueEvent": "._payloads",
    "ReasoningEndEvent": "._payloads",
    "ReasoningMessageChunkEvent": "._payloads",
    "ReasoningMessageContentEvent": "._payloads",
    "ReasoningMessageEndEvent": "._payloads",
    "ReasoningMessageStartEvent": "._payloads",
    "ReasoningStartEvent": "._payloads",
    "RunErrorEvent": "._payloads",
    "RunFinishedEvent": "._payloads",
    "RunHaltedOutOfCreditsEvent": "._payloads",
    "RunPausedHitlEvent": "._payloads",
    "RunStartedEvent": "._payloads",
    "RunWorkflowRequest": "._chat",
    "S3ErrorDocument": "._assets",
    "S3PostResponse": "._assets",
    "StateDeltaEvent": "._payloads",
    "StateSnapshotEvent": "._payloads",
    "StepFinishedEvent": "._payloads",
    "StepStartedEvent": "._payloads",
    "SubagentErrorEvent": "._payloads",
    "SubagentFinishedEvent": "._payloads",
    "SubagentStartedEvent": "._payloads",
    "TextMessageChunkEvent": "._payloads",
    "TextMessageContentEvent": "._payloads",
    "TextMessageEndEvent": "._payloads",
    "TextMessageStartEvent": "._payloads",
    "ToolCallArgsEvent": "._payloads",
    "ToolCallChunkEvent": "._payloads",
    "ToolCallEndEvent": "._payloads",
    "ToolCallResultEvent": "._payloads",
    "ToolCallStartEvent": "._payloads",
    "UploadCompleteRequest": "._assets",
    "UploadCompleteResponse": "._assets",
    "UploadFailureBody": "._assets",
    "UploadInitRequest": "._assets",
    "UploadInitResponse": "._assets",
    "ValidationErrorItem": "._chat",
}

__all__ = [
    "ActivityDeltaEvent",
    "ActivitySnapshotEvent",
    "AgUiEvent",
    "AgUiEventMember",
    "AgUiEventType",
    "ChatResponse",
    "CustomEvent",
    "CustomEventEvent",
    "ErrorBody",
    "GeneratedAsset",
    "GenericAgUiEvent",
    "HitlActionRequest",
    "HitlDecision",
    "HitlRequest",
    "HitlResume",
    "HitlReviewConfig",
    "MessagesSnapshotEvent",
    "PresignedPost",
    "PresignedPostForm",
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
    "RunWorkflowRequest",
    "S3ErrorDocument",
    "S3PostResponse",
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
    "UploadCompleteRequest",
    "UploadCompleteResponse",
    "UploadFailureBody",
    "UploadInitRequest",
    "UploadInitResponse",
    "ValidationErrorItem",
]


def __getattr__(name: str) -> Any:
    module = _MODULES.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(module, __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
