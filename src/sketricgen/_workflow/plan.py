"""The run-workflow call without I/O: checked arguments → the generated operation's request.

The generated `run_workflow` operation builds the request from the checked
wire model (`spec`) and reads the answer (`parse_response`, for `_client`).

`_client` imports this module on the first call rather than at import time:
the generated packages take longer to import than httpx and pydantic.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sketricgen_lowlevel.api.chat import run_workflow
from sketricgen_lowlevel.api.chat.run_workflow import parse_response
from sketricgen_models import ChatResponse, RunWorkflowRequest

from .._transport.core import RequestSpec
from .validation import validate_run_workflow

if TYPE_CHECKING:
    from .._uploads.files import LocalFile

__all__ = ["ChatResponse", "RunPlan", "parse_response", "plan_run"]


@dataclass(frozen=True)
class RunPlan:
    """A checked run: the files to upload first (pre-flighted), then the request."""

    body: RunWorkflowRequest
    files: tuple[LocalFile, ...] = ()

    def spec(self, file_ids: Sequence[str] = ()) -> RequestSpec:
        """The request; `file_ids` (the uploads of `files`, in order) follow any explicit assets."""
        if len(file_ids) != len(self.files):
            raise ValueError(f"{len(self.files)} files to attach, {len(file_ids)} ids given")
        body = self.body
        if file_ids:  # ids the upload API gave: no need to validate the body again
            body = body.model_copy(update={"assets": [*(body.assets or ()), *file_ids]})
        return RequestSpec.of(run_workflow.build_request(body=body))


def plan_run(
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
) -> RunPlan:
    """Check the arguments, then every file of `file_paths`; raises before any request."""
    body = validate_run_workflow(
        agent_id=agent_id,
        user_input=user_input,
        conversation_id=conversation_id,
        contact_id=contact_id,
        stream=stream,
        assets=assets,
        enable_hitl=enable_hitl,
        hitl_resume=hitl_resume,
        attaching=bool(file_paths),
    )
    files: tuple[LocalFile, ...] = ()
    if file_paths is not None:  # a run without files does not load the file checks
        from .._uploads.files import inspect_paths  # noqa: PLC0415

        files = inspect_paths(file_paths)
    return RunPlan(body, files)
