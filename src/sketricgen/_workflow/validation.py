"""Checks on run-workflow arguments, before any network call (sans-IO).

The length limits are read from the generated models, so the OpenAPI
description stays their single source; the rules between fields (an empty
input needs assets or a resume, a resume needs a conversation) are here.
The body returned is the wire model itself, validated once, here.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, NoReturn, Optional

from pydantic import BaseModel, ValidationError
from sketricgen_models import HitlResume, RunWorkflowRequest

from .._exceptions import SketricGenValidationError

__all__ = ["MAX_CONTACT_ID", "MAX_USER_INPUT", "require_text", "validate_run_workflow"]


def _max_length(model: type[BaseModel], name: str) -> int:
    for constraint in model.model_fields[name].metadata:
        limit = getattr(constraint, "max_length", None)
        if isinstance(limit, int):
            return limit
    raise LookupError(f"the spec gives {model.__name__}.{name} no maxLength")


MAX_USER_INPUT = _max_length(RunWorkflowRequest, "user_input")
MAX_CONTACT_ID = _max_length(RunWorkflowRequest, "contact_id")


def validate_run_workflow(
    *,
    agent_id: Any,
    user_input: Any,
    conversation_id: Any = None,
    contact_id: Any = None,
    stream: Any = False,
    assets: Any = None,
    enable_hitl: Any = None,
    hitl_resume: Any = None,
    attaching: bool = False,
) -> RunWorkflowRequest:
    """Check every argument; return the request body, or raise `SketricGenValidationError`.

    `attaching`: files will be uploaded and added to `assets` (so the input may be empty).
    """
    require_text(agent_id, "agent_id", "the id of the agent to run")
    if not isinstance(user_input, str):
        _fail("user_input", f"user_input must be a string, got {type(user_input).__name__}")
    if len(user_input) > MAX_USER_INPUT:
        _fail(
            "user_input",
            f"user_input is {len(user_input):,} characters; the service accepts at most "
            f"{MAX_USER_INPUT:,}: shorten it, or attach the text as a file",
        )
    if conversation_id is not None:
        require_text(conversation_id, "conversation_id", "an id from an earlier ChatResponse")
    if contact_id is not None:
        require_text(contact_id, "contact_id", "your identifier of the end user")
        if len(contact_id) > MAX_CONTACT_ID:
            _fail(
                "contact_id",
                f"contact_id is {len(contact_id):,} characters; the service accepts at most "
                f"{MAX_CONTACT_ID:,}",
            )
    if not isinstance(stream, bool):
        _fail("stream", f"stream must be True or False, got {stream!r}")
    asset_ids = _assets(assets)
    if enable_hitl is not None and not isinstance(enable_hitl, bool):
        _fail("enable_hitl", f"enable_hitl must be True, False or None, got {enable_hitl!r}")
    resume = _resume(hitl_resume)
    if resume is not None:
        if conversation_id is None:
            _fail(
                "conversation_id",
                "hitl_resume needs the conversation_id of the paused run "
                "(ChatResponse.conversation_id)",
            )
        if enable_hitl is False:
            _fail("enable_hitl", "hitl_resume needs enable_hitl=True (or leave it unset)")
        enable_hitl = True
    if not user_input.strip() and not asset_ids and not attaching and resume is None:
        _fail(
            "user_input",
            "user_input is empty: pass a message as user_input, attach files (file_paths= or "
            "assets=), or resume a paused run with hitl_resume= and its conversation_id=",
        )
    # The wire model's own validation, once; a field left None stays out of the request.
    try:
        return RunWorkflowRequest(
            agent_id=agent_id,
            user_input=user_input,
            conversation_id=conversation_id,
            contact_id=contact_id,
            stream=stream,
            assets=asset_ids or None,
            enable_hitl=enable_hitl,
            hitl_resume=resume,
        )
    except ValidationError as exc:  # a rule of the spec that the checks above do not know
        first = exc.errors()[0]
        _fail(str(first["loc"][0]), f"{'.'.join(map(str, first['loc']))}: {first['msg']}")


def require_text(value: Any, name: str, what: str) -> None:
    """Refuse anything but a non-empty string for argument `name` (`what` says what it is)."""
    if not isinstance(value, str):
        _fail(name, f"{name} must be a string ({what}), got {type(value).__name__}")
    if not value.strip():
        _fail(name, f"{name} is empty: pass {what}")


def _assets(assets: Any) -> Optional[list[str]]:
    if assets is None:
        return None
    if isinstance(assets, (str, bytes)) or not isinstance(assets, Sequence):
        _fail("assets", "assets must be a list of file ids, e.g. assets=[upload.file_id]")
    for index, file_id in enumerate(assets):
        if not isinstance(file_id, str) or not file_id.strip():
            _fail("assets", f"assets[{index}] must be a non-empty file id string")
    return list(assets)


def _resume(value: Any) -> Optional[HitlResume]:
    if value is None:
        return None
    if not isinstance(value, (HitlResume, Mapping)):
        _fail(
            "hitl_resume",
            f"hitl_resume must be a HitlResume (or a dict of one), got {type(value).__name__}",
        )
    if isinstance(value, HitlResume):
        return value
    try:
        return HitlResume.model_validate(value)
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in error['loc'])}: {error['msg']}" for error in exc.errors()
        )
        _fail("hitl_resume", f"hitl_resume is not a valid HitlResume: {problems}")


def _fail(name: str, message: str) -> NoReturn:
    raise SketricGenValidationError(message, field=name)
