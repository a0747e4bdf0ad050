"""The models of the operations' requests and answers; each loads on first use."""

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .chat_response import ChatResponse as ChatResponse
    from .chat_response_hitl_interrupts_type_0_item import (
        ChatResponseHitlInterruptsType0Item as ChatResponseHitlInterruptsType0Item,
    )
    from .chat_response_web_search_citations_type_0_item import (
        ChatResponseWebSearchCitationsType0Item as ChatResponseWebSearchCitationsType0Item,
    )
    from .error_body import ErrorBody as ErrorBody
    from .generated_asset import GeneratedAsset as GeneratedAsset
    from .hitl_action_request import HitlActionRequest as HitlActionRequest
    from .hitl_action_request_args import HitlActionRequestArgs as HitlActionRequestArgs
    from .hitl_decision import HitlDecision as HitlDecision
    from .hitl_decision_type import HitlDecisionType as HitlDecisionType
    from .hitl_request import HitlRequest as HitlRequest
    from .hitl_request_status import HitlRequestStatus as HitlRequestStatus
    from .hitl_resume import HitlResume as HitlResume
    from .hitl_review_config import HitlReviewConfig as HitlReviewConfig
    from .presigned_post import PresignedPost as PresignedPost
    from .presigned_post_fields import PresignedPostFields as PresignedPostFields
    from .presigned_post_form import PresignedPostForm as PresignedPostForm
    from .run_workflow_request import RunWorkflowRequest as RunWorkflowRequest
    from .s3_error_document import S3ErrorDocument as S3ErrorDocument
    from .s3_post_response import S3PostResponse as S3PostResponse
    from .upload_complete_request import UploadCompleteRequest as UploadCompleteRequest
    from .upload_complete_response import (
        UploadCompleteResponse as UploadCompleteResponse,
    )
    from .upload_failure_body import UploadFailureBody as UploadFailureBody
    from .upload_init_request import UploadInitRequest as UploadInitRequest
    from .upload_init_response import UploadInitResponse as UploadInitResponse
    from .validation_error_item import ValidationErrorItem as ValidationErrorItem

_MODULES = {
    "ChatResponse": ".chat_response",
    "ChatResponseHitlInterruptsType0Item": ".chat_response_hitl_interrupts_type_0_item",
    "ChatResponseWebSearchCitationsType0Item": ".chat_response_web_search_citations_type_0_item",
    "ErrorBody": ".error_body",
    "GeneratedAsset": ".generated_asset",
    "HitlActionRequest": ".hitl_action_request",
    "HitlActionRequestArgs": ".hitl_action_request_args",
    "HitlDecision": ".hitl_decision",
    "HitlDecisionType": ".hitl_decision_type",
    "HitlRequest": ".hitl_request",
    "HitlRequestStatus": ".hitl_request_status",
    "HitlResume": ".hitl_resume",
    "HitlReviewConfig": ".hitl_review_config",
    "PresignedPost": ".presigned_post",
    "PresignedPostFields": ".presigned_post_fields",
    "PresignedPostForm": ".presigned_post_form",
    "RunWorkflowRequest": ".run_workflow_request",
    "S3ErrorDocument": ".s3_error_document",
    "S3PostResponse": ".s3_post_response",
    "UploadCompleteRequest": ".upload_complete_request",
    "UploadCompleteResponse": ".upload_complete_response",
    "UploadFailureBody": ".upload_failure_body",
    "UploadInitRequest": ".upload_init_request",
    "UploadInitResponse": ".upload_init_response",
    "ValidationErrorItem": ".validation_error_item",
}

__all__ = [
    "ChatResponse",
    "ChatResponseHitlInterruptsType0Item",
    "ChatResponseWebSearchCitationsType0Item",
    "ErrorBody",
    "GeneratedAsset",
    "HitlActionRequest",
    "HitlActionRequestArgs",
    "HitlDecision",
    "HitlDecisionType",
    "HitlRequest",
    "HitlRequestStatus",
    "HitlResume",
    "HitlReviewConfig",
    "PresignedPost",
    "PresignedPostFields",
    "PresignedPostForm",
    "RunWorkflowRequest",
    "S3ErrorDocument",
    "S3PostResponse",
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
