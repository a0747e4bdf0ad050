"""Contains all the data models used in inputs/outputs"""

from .chat_response import ChatResponse
from .chat_response_hitl_interrupts_type_0_item import (
    ChatResponseHitlInterruptsType0Item,
)
from .chat_response_web_search_citations_type_0_item import (
    ChatResponseWebSearchCitationsType0Item,
)
from .error_body import ErrorBody
from .generated_asset import GeneratedAsset
from .hitl_action_request import HitlActionRequest
from .hitl_action_request_args import HitlActionRequestArgs
from .hitl_decision import HitlDecision
from .hitl_decision_type import HitlDecisionType
from .hitl_request import HitlRequest
from .hitl_request_status import HitlRequestStatus
from .hitl_resume import HitlResume
from .hitl_review_config import HitlReviewConfig
from .presigned_post import PresignedPost
from .presigned_post_fields import PresignedPostFields
from .presigned_post_form import PresignedPostForm
from .run_workflow_request import RunWorkflowRequest
from .s3_error_document import S3ErrorDocument
from .s3_post_response import S3PostResponse
from .upload_complete_request import UploadCompleteRequest
from .upload_complete_response import UploadCompleteResponse
from .upload_failure_body import UploadFailureBody
from .upload_init_request import UploadInitRequest
from .upload_init_response import UploadInitResponse
from .validation_error_item import ValidationErrorItem

__all__ = (
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
)
