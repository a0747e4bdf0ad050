"""Contains all the data models used in inputs/outputs"""

from .activity_delta_event import ActivityDeltaEvent
from .activity_delta_event_metadata_type_0 import ActivityDeltaEventMetadataType0
from .activity_delta_event_patch_item import ActivityDeltaEventPatchItem
from .activity_snapshot_event import ActivitySnapshotEvent
from .activity_snapshot_event_content import ActivitySnapshotEventContent
from .activity_snapshot_event_metadata_type_0 import ActivitySnapshotEventMetadataType0
from .ag_ui_event_type import AgUiEventType
from .chat_response import ChatResponse
from .chat_response_hitl_interrupts_type_0_item import (
    ChatResponseHitlInterruptsType0Item,
)
from .chat_response_web_search_citations_type_0_item import (
    ChatResponseWebSearchCitationsType0Item,
)
from .custom_event import CustomEvent
from .custom_event_event import CustomEventEvent
from .custom_event_event_metadata_type_0 import CustomEventEventMetadataType0
from .custom_event_metadata_type_0 import CustomEventMetadataType0
from .error_body import ErrorBody
from .generated_asset import GeneratedAsset
from .generic_ag_ui_event import GenericAgUiEvent
from .hitl_action_request import HitlActionRequest
from .hitl_action_request_args import HitlActionRequestArgs
from .hitl_decision import HitlDecision
from .hitl_decision_type import HitlDecisionType
from .hitl_request import HitlRequest
from .hitl_request_status import HitlRequestStatus
from .hitl_resume import HitlResume
from .hitl_review_config import HitlReviewConfig
from .messages_snapshot_event import MessagesSnapshotEvent
from .messages_snapshot_event_messages_item import MessagesSnapshotEventMessagesItem
from .messages_snapshot_event_metadata_type_0 import MessagesSnapshotEventMetadataType0
from .presigned_post import PresignedPost
from .presigned_post_fields import PresignedPostFields
from .presigned_post_form import PresignedPostForm
from .raw_event import RawEvent
from .raw_event_metadata_type_0 import RawEventMetadataType0
from .reasoning_encrypted_value_event import ReasoningEncryptedValueEvent
from .reasoning_encrypted_value_event_metadata_type_0 import (
    ReasoningEncryptedValueEventMetadataType0,
)
from .reasoning_encrypted_value_event_subtype import ReasoningEncryptedValueEventSubtype
from .reasoning_end_event import ReasoningEndEvent
from .reasoning_end_event_metadata_type_0 import ReasoningEndEventMetadataType0
from .reasoning_message_chunk_event import ReasoningMessageChunkEvent
from .reasoning_message_chunk_event_metadata_type_0 import (
    ReasoningMessageChunkEventMetadataType0,
)
from .reasoning_message_content_event import ReasoningMessageContentEvent
from .reasoning_message_content_event_metadata_type_0 import (
    ReasoningMessageContentEventMetadataType0,
)
from .reasoning_message_end_event import ReasoningMessageEndEvent
from .reasoning_message_end_event_metadata_type_0 import (
    ReasoningMessageEndEventMetadataType0,
)
from .reasoning_message_start_event import ReasoningMessageStartEvent
from .reasoning_message_start_event_metadata_type_0 import (
    ReasoningMessageStartEventMetadataType0,
)
from .reasoning_start_event import ReasoningStartEvent
from .reasoning_start_event_metadata_type_0 import ReasoningStartEventMetadataType0
from .run_error_event import RunErrorEvent
from .run_error_event_metadata_type_0 import RunErrorEventMetadataType0
from .run_error_event_usage_type_0_item import RunErrorEventUsageType0Item
from .run_finished_event import RunFinishedEvent
from .run_finished_event_metadata_type_0 import RunFinishedEventMetadataType0
from .run_finished_event_usage_type_0_item import RunFinishedEventUsageType0Item
from .run_paused_hitl_event import RunPausedHitlEvent
from .run_paused_hitl_event_metadata_type_0 import RunPausedHitlEventMetadataType0
from .run_started_event import RunStartedEvent
from .run_started_event_metadata_type_0 import RunStartedEventMetadataType0
from .run_workflow_request import RunWorkflowRequest
from .s3_error_document import S3ErrorDocument
from .s3_post_response import S3PostResponse
from .state_delta_event import StateDeltaEvent
from .state_delta_event_delta_item import StateDeltaEventDeltaItem
from .state_delta_event_metadata_type_0 import StateDeltaEventMetadataType0
from .state_snapshot_event import StateSnapshotEvent
from .state_snapshot_event_metadata_type_0 import StateSnapshotEventMetadataType0
from .step_finished_event import StepFinishedEvent
from .step_finished_event_metadata_type_0 import StepFinishedEventMetadataType0
from .step_started_event import StepStartedEvent
from .step_started_event_metadata_type_0 import StepStartedEventMetadataType0
from .subagent_error_event import SubagentErrorEvent
from .subagent_error_event_metadata_type_0 import SubagentErrorEventMetadataType0
from .subagent_finished_event import SubagentFinishedEvent
from .subagent_finished_event_metadata_type_0 import SubagentFinishedEventMetadataType0
from .subagent_started_event import SubagentStartedEvent
from .subagent_started_event_metadata_type_0 import SubagentStartedEventMetadataType0
from .text_message_chunk_event import TextMessageChunkEvent
from .text_message_chunk_event_metadata_type_0 import TextMessageChunkEventMetadataType0
from .text_message_content_event import TextMessageContentEvent
from .text_message_content_event_metadata_type_0 import (
    TextMessageContentEventMetadataType0,
)
from .text_message_end_event import TextMessageEndEvent
from .text_message_end_event_metadata_type_0 import TextMessageEndEventMetadataType0
from .text_message_start_event import TextMessageStartEvent
from .text_message_start_event_metadata_type_0 import TextMessageStartEventMetadataType0
from .text_message_start_event_role import TextMessageStartEventRole
from .tool_call_args_event import ToolCallArgsEvent
from .tool_call_args_event_metadata_type_0 import ToolCallArgsEventMetadataType0
from .tool_call_chunk_event import ToolCallChunkEvent
from .tool_call_chunk_event_metadata_type_0 import ToolCallChunkEventMetadataType0
from .tool_call_end_event import ToolCallEndEvent
from .tool_call_end_event_metadata_type_0 import ToolCallEndEventMetadataType0
from .tool_call_result_event import ToolCallResultEvent
from .tool_call_result_event_content_type_1_item import (
    ToolCallResultEventContentType1Item,
)
from .tool_call_result_event_metadata_type_0 import ToolCallResultEventMetadataType0
from .tool_call_start_event import ToolCallStartEvent
from .tool_call_start_event_metadata_type_0 import ToolCallStartEventMetadataType0
from .upload_complete_request import UploadCompleteRequest
from .upload_complete_response import UploadCompleteResponse
from .upload_failure_body import UploadFailureBody
from .upload_init_request import UploadInitRequest
from .upload_init_response import UploadInitResponse
from .validation_error_item import ValidationErrorItem

__all__ = (
    "ActivityDeltaEvent",
    "ActivityDeltaEventMetadataType0",
    "ActivityDeltaEventPatchItem",
    "ActivitySnapshotEvent",
    "ActivitySnapshotEventContent",
    "ActivitySnapshotEventMetadataType0",
    "AgUiEventType",
    "ChatResponse",
    "ChatResponseHitlInterruptsType0Item",
    "ChatResponseWebSearchCitationsType0Item",
    "CustomEvent",
    "CustomEventEvent",
    "CustomEventEventMetadataType0",
    "CustomEventMetadataType0",
    "ErrorBody",
    "GeneratedAsset",
    "GenericAgUiEvent",
    "HitlActionRequest",
    "HitlActionRequestArgs",
    "HitlDecision",
    "HitlDecisionType",
    "HitlRequest",
    "HitlRequestStatus",
    "HitlResume",
    "HitlReviewConfig",
    "MessagesSnapshotEvent",
    "MessagesSnapshotEventMessagesItem",
    "MessagesSnapshotEventMetadataType0",
    "PresignedPost",
    "PresignedPostFields",
    "PresignedPostForm",
    "RawEvent",
    "RawEventMetadataType0",
    "ReasoningEncryptedValueEvent",
    "ReasoningEncryptedValueEventMetadataType0",
    "ReasoningEncryptedValueEventSubtype",
    "ReasoningEndEvent",
    "ReasoningEndEventMetadataType0",
    "ReasoningMessageChunkEvent",
    "ReasoningMessageChunkEventMetadataType0",
    "ReasoningMessageContentEvent",
    "ReasoningMessageContentEventMetadataType0",
    "ReasoningMessageEndEvent",
    "ReasoningMessageEndEventMetadataType0",
    "ReasoningMessageStartEvent",
    "ReasoningMessageStartEventMetadataType0",
    "ReasoningStartEvent",
    "ReasoningStartEventMetadataType0",
    "RunErrorEvent",
    "RunErrorEventMetadataType0",
    "RunErrorEventUsageType0Item",
    "RunFinishedEvent",
    "RunFinishedEventMetadataType0",
    "RunFinishedEventUsageType0Item",
    "RunPausedHitlEvent",
    "RunPausedHitlEventMetadataType0",
    "RunStartedEvent",
    "RunStartedEventMetadataType0",
    "RunWorkflowRequest",
    "S3ErrorDocument",
    "S3PostResponse",
    "StateDeltaEvent",
    "StateDeltaEventDeltaItem",
    "StateDeltaEventMetadataType0",
    "StateSnapshotEvent",
    "StateSnapshotEventMetadataType0",
    "StepFinishedEvent",
    "StepFinishedEventMetadataType0",
    "StepStartedEvent",
    "StepStartedEventMetadataType0",
    "SubagentErrorEvent",
    "SubagentErrorEventMetadataType0",
    "SubagentFinishedEvent",
    "SubagentFinishedEventMetadataType0",
    "SubagentStartedEvent",
    "SubagentStartedEventMetadataType0",
    "TextMessageChunkEvent",
    "TextMessageChunkEventMetadataType0",
    "TextMessageContentEvent",
    "TextMessageContentEventMetadataType0",
    "TextMessageEndEvent",
    "TextMessageEndEventMetadataType0",
    "TextMessageStartEvent",
    "TextMessageStartEventMetadataType0",
    "TextMessageStartEventRole",
    "ToolCallArgsEvent",
    "ToolCallArgsEventMetadataType0",
    "ToolCallChunkEvent",
    "ToolCallChunkEventMetadataType0",
    "ToolCallEndEvent",
    "ToolCallEndEventMetadataType0",
    "ToolCallResultEvent",
    "ToolCallResultEventContentType1Item",
    "ToolCallResultEventMetadataType0",
    "ToolCallStartEvent",
    "ToolCallStartEventMetadataType0",
    "UploadCompleteRequest",
    "UploadCompleteResponse",
    "UploadFailureBody",
    "UploadInitRequest",
    "UploadInitResponse",
    "ValidationErrorItem",
)
