"""The run-workflow call without I/O: arguments → `RequestSpec`, built by the generated client.

`_client` imports this module on the first call rather than at import time:
the generated packages take longer to import than httpx and pydantic.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import attrs
from sketricgen_lowlevel.api.chat import run_workflow as run_workflow_api
from sketricgen_lowlevel.models import RunWorkflowRequest
from sketricgen_lowlevel.types import Unset
from sketricgen_models import ChatResponse

from .._transport.core import RequestSpec
from .._uploads.files import LocalFile, inspect_paths
from .validation import validate_run_workflow

__all__ = ["ChatResponse", "RunPlan", "plan_run", "request_spec"]


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
        if file_ids:
            explicit = [] if isinstance(body.assets, Unset) else list(body.assets)
            body = attrs.evolve(body, assets=[*explicit, *file_ids])
        call = run_workflow_api._get_kwargs(body=body)
        return RequestSpec(
            call["method"].upper(), call["url"], json=call["json"], headers=call["headers"]
        )


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
    files = inspect_paths(file_paths)
    return RunPlan(body, files)


def request_spec(**arguments: Any) -> RequestSpec:
    """`plan_run` for a run without files: its request."""
    return plan_run(**arguments).spec()
