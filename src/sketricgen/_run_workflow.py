"""The run-workflow call without I/O: arguments → `RequestSpec`, built by the generated client.

`_client` imports this module on the first call rather than at import time:
the generated packages take longer to import than httpx and pydantic.
"""

from __future__ import annotations

from typing import Any

from sketricgen_lowlevel.api.chat import run_workflow as run_workflow_api
from sketricgen_models import ChatResponse

from ._exceptions import SketricGenValidationError
from ._transport import RequestSpec
from ._validation import validate_run_workflow

__all__ = ["ChatResponse", "request_spec"]


def request_spec(
    *,
    agent_id: Any,
    user_input: Any,
    conversation_id: Any = None,
    contact_id: Any = None,
    file_paths: Any = None,
    stream: Any = False,
    assets: Any = None,
    enable_hitl: Any = None,
    hitl_resume: Any = None,
) -> RequestSpec:
    """Validate the arguments and describe the request; raises before any I/O."""
    body = validate_run_workflow(
        agent_id=agent_id,
        user_input=user_input,
        conversation_id=conversation_id,
        contact_id=contact_id,
        stream=stream,
        assets=assets,
        enable_hitl=enable_hitl,
        hitl_resume=hitl_resume,
    )
    if file_paths:
        raise SketricGenValidationError(
            "file_paths is not supported by this version yet: upload the files and pass "
            "their ids as assets=",
            field="file_paths",
        )
    if stream:
        raise SketricGenValidationError(
            "stream=True is not supported by this version yet", field="stream"
        )
    call = run_workflow_api._get_kwargs(body=body)
    return RequestSpec(
        call["method"].upper(), call["url"], json=call["json"], headers=call["headers"]
    )
