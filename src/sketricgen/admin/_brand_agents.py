"""`client.brand_agents`: Brand Agents (templates, provisioning jobs, settings, the widget).

The incumbent's methods, parameters and defaults; each async method has a
`_sync` twin. Both twins build the same generated operation with one helper
below (arguments checked first, before any request), then send it.
"""

# The generated modules are imported inside the helpers: an async method awaits
# `ready()` first, so they load in a worker thread, never on the event loop.
# ruff: noqa: PLC0415

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Optional

from .._exceptions import SketricGenValidationError
from ._checks import (
    check_id,
    check_id_list,
    check_offset_paging,
    check_optional_id,
    check_optional_text,
    check_text,
    request_body,
)
from ._job_wait import DEFAULT_POLL_INTERVAL, DEFAULT_WAIT_TIMEOUT, JobWait
from ._jobs import Jobs, poll_job, poll_job_sync

if TYPE_CHECKING:
    from sketricgen_admin_models import (
        BrandAgentDetail,
        BrandAgentJob,
        BrandAgentTemplate,
        BrandAgentTemplateList,
        BrandAgentUpdateResult,
        JobStatus,
        WidgetConfig,
        WidgetConfigUpdateResult,
    )

    from .._transport.core import OperationCall
    from ._calls import AdminCalls, Reader

__all__ = ["BrandAgents"]


def _optional_bool(value: Any, name: str) -> Optional[bool]:
    if value is not None and not isinstance(value, bool):
        raise SketricGenValidationError(
            f"{name} must be True, False or None, got {value!r}", field=name
        )
    return value


# Each helper below gives (call, reader, model), for AdminCalls.send, from checked arguments.


def _templates(
    limit: Optional[int], offset: Optional[int]
) -> tuple[OperationCall, Reader, type[BrandAgentTemplateList]]:
    from sketricgen_admin_lowlevel.api.brand_agents import (
        list_brand_agent_templates as op,
    )
    from sketricgen_admin_models import BrandAgentTemplateList

    return op.build_request(limit=limit, offset=offset), op.parse_response, BrandAgentTemplateList


def _create(fields: dict[str, Any]) -> tuple[OperationCall, Reader, type[BrandAgentJob]]:
    from sketricgen_admin_lowlevel.api.brand_agents import create_brand_agent as op
    from sketricgen_admin_models import BrandAgentCreate, BrandAgentJob

    return (
        op.build_request(body=request_body(BrandAgentCreate, fields)),
        op.parse_response,
        BrandAgentJob,
    )


def _create_fields(
    name: Any,
    seed_url: Any,
    description: Any,
    project_id: Any,
    publish_widget: Any,
    template_slug: Any,
    knowledge_base_id: Any,
) -> dict[str, Any]:
    return {
        "name": check_text(name, "name"),
        "seed_url": check_text(seed_url, "seed_url"),
        "description": check_optional_text(description, "description"),
        "project_id": check_optional_id(project_id, "project_id"),
        "publish_widget": _optional_bool(publish_widget, "publish_widget"),
        "template_slug": check_optional_id(template_slug, "template_slug"),
        "knowledge_base_id": check_optional_id(knowledge_base_id, "knowledge_base_id"),
    }


def _update_fields(
    display_name: Any, agent_name: Any, instructions: Any, model: Any, knowledge_base_ids: Any
) -> dict[str, Any]:
    return {
        "display_name": check_optional_text(display_name, "display_name"),
        "agent_name": check_optional_text(agent_name, "agent_name"),
        "instructions": check_optional_text(instructions, "instructions"),
        "model": check_optional_id(model, "model"),
        "knowledge_base_ids": check_id_list(knowledge_base_ids, "knowledge_base_ids"),
    }


def _detail(agent_id: str) -> tuple[OperationCall, Reader, type[BrandAgentDetail]]:
    from sketricgen_admin_lowlevel.api.brand_agents import get_brand_agent as op
    from sketricgen_admin_models import BrandAgentDetail

    return op.build_request(agent_id=agent_id), op.parse_response, BrandAgentDetail


def _update(
    agent_id: str, fields: dict[str, Any]
) -> tuple[OperationCall, Reader, type[BrandAgentUpdateResult]]:
    from sketricgen_admin_lowlevel.api.brand_agents import update_brand_agent as op
    from sketricgen_admin_models import BrandAgentUpdate, BrandAgentUpdateResult

    call = op.build_request(agent_id=agent_id, body=request_body(BrandAgentUpdate, fields))
    return call, op.parse_response, BrandAgentUpdateResult


def _widget(agent_id: str) -> tuple[OperationCall, Reader, type[WidgetConfig]]:
    from sketricgen_admin_lowlevel.api.brand_agents import get_widget_config as op
    from sketricgen_admin_models import WidgetConfig

    return op.build_request(agent_id=agent_id), op.parse_response, WidgetConfig


def _update_widget(
    agent_id: str, fields: dict[str, Any]
) -> tuple[OperationCall, Reader, type[WidgetConfigUpdateResult]]:
    from sketricgen_admin_lowlevel.api.brand_agents import (
        update_widget_config as op,
    )
    from sketricgen_admin_models import (
        WidgetConfigUpdate,
        WidgetConfigUpdateResult,
    )

    try:
        # Fields left as None are omitted (as the incumbent); nested values go as given.
        call = op.build_request(agent_id=agent_id, body=WidgetConfigUpdate.model_validate(fields))
    except ValueError as error:  # a value JSON cannot carry
        raise SketricGenValidationError(
            f"the widget fields must be JSON values: {error}", field="fields"
        ) from None
    return call, op.parse_response, WidgetConfigUpdateResult


class BrandAgents:
    """Brand Agents: agents built from a website, provisioned by a job."""

    def __init__(self, calls: AdminCalls) -> None:
        self._calls = calls
        self._jobs = Jobs(calls)

    async def list_templates(
        self, limit: Optional[int] = None, offset: Optional[int] = None
    ) -> list[BrandAgentTemplate]:
        """The Brand Agent templates: `limit` of them (None: the service's page) from `offset`."""
        limit, offset = check_offset_paging(limit, offset)
        await self._calls.ready()
        return (await self._calls.send(*_templates(limit, offset))).brand_agent_templates

    def list_templates_sync(
        self, limit: Optional[int] = None, offset: Optional[int] = None
    ) -> list[BrandAgentTemplate]:
        """The blocking twin of `list_templates`."""
        limit, offset = check_offset_paging(limit, offset)
        return self._calls.send_sync(*_templates(limit, offset)).brand_agent_templates

    async def create(
        self,
        name: str,
        seed_url: str,
        description: Optional[str] = None,
        project_id: Optional[str] = None,
        publish_widget: Optional[bool] = None,
        template_slug: Optional[str] = None,
        knowledge_base_id: Optional[str] = None,
    ) -> BrandAgentJob:
        """Start building a Brand Agent from `seed_url`; the answer names its job (`job_id`).

        Follow the job with `get_status` or `client.jobs.wait`, or call
        `create_and_wait` instead. Arguments left as None are not sent.
        """
        fields = _create_fields(
            name, seed_url, description, project_id, publish_widget, template_slug,
            knowledge_base_id,
        )  # fmt: skip
        await self._calls.ready()
        return await self._calls.send(*_create(fields))

    def create_sync(
        self,
        name: str,
        seed_url: str,
        description: Optional[str] = None,
        project_id: Optional[str] = None,
        publish_widget: Optional[bool] = None,
        template_slug: Optional[str] = None,
        knowledge_base_id: Optional[str] = None,
    ) -> BrandAgentJob:
        """The blocking twin of `create`."""
        fields = _create_fields(
            name, seed_url, description, project_id, publish_widget, template_slug,
            knowledge_base_id,
        )  # fmt: skip
        return self._calls.send_sync(*_create(fields))

    async def get_status(self, job_id: str) -> JobStatus:
        """The provisioning job's current state (as `client.jobs.get`)."""
        return await self._jobs.get(job_id)

    def get_status_sync(self, job_id: str) -> JobStatus:
        """The blocking twin of `get_status`."""
        return self._jobs.get_sync(job_id)

    async def create_and_wait(
        self,
        name: str,
        seed_url: str,
        description: Optional[str] = None,
        project_id: Optional[str] = None,
        publish_widget: Optional[bool] = None,
        template_slug: Optional[str] = None,
        knowledge_base_id: Optional[str] = None,
        poll_interval: float = DEFAULT_POLL_INTERVAL,
        timeout: float = DEFAULT_WAIT_TIMEOUT,
    ) -> JobStatus:
        """`create`, then poll its job every `poll_interval` seconds (at most 60) until it ends.

        Returns the `succeeded` status (with its `embed`). Raises
        `SketricGenJobError` if the job failed, `SketricGenJobTimeoutError`
        (naming the job, which goes on) if it has not ended `timeout`
        seconds after the call. Bad timing values are refused before the
        agent is created.
        """
        wait = JobWait(poll_interval=poll_interval, timeout=timeout)
        job = await self.create(
            name, seed_url, description, project_id, publish_widget, template_slug,
            knowledge_base_id,
        )  # fmt: skip
        return await poll_job(self._calls, job.job_id, wait)

    def create_and_wait_sync(
        self,
        name: str,
        seed_url: str,
        description: Optional[str] = None,
        project_id: Optional[str] = None,
        publish_widget: Optional[bool] = None,
        template_slug: Optional[str] = None,
        knowledge_base_id: Optional[str] = None,
        poll_interval: float = DEFAULT_POLL_INTERVAL,
        timeout: float = DEFAULT_WAIT_TIMEOUT,
    ) -> JobStatus:
        """The blocking twin of `create_and_wait`."""
        wait = JobWait(poll_interval=poll_interval, timeout=timeout)
        job = self.create_sync(
            name, seed_url, description, project_id, publish_widget, template_slug,
            knowledge_base_id,
        )  # fmt: skip
        return poll_job_sync(self._calls, job.job_id, wait)

    async def get(self, agent_id: str) -> BrandAgentDetail:
        """A Brand Agent's settings, structure and the models it may use."""
        agent_id = check_id(agent_id, "agent_id")
        await self._calls.ready()
        return await self._calls.send(*_detail(agent_id))

    def get_sync(self, agent_id: str) -> BrandAgentDetail:
        """The blocking twin of `get`."""
        return self._calls.send_sync(*_detail(check_id(agent_id, "agent_id")))

    async def update(
        self,
        agent_id: str,
        display_name: Optional[str] = None,
        agent_name: Optional[str] = None,
        instructions: Optional[str] = None,
        model: Optional[str] = None,
        knowledge_base_ids: Optional[list[str]] = None,
    ) -> BrandAgentUpdateResult:
        """Change the given settings (None: left as they are); `updated` names what changed."""
        agent_id = check_id(agent_id, "agent_id")
        fields = _update_fields(display_name, agent_name, instructions, model, knowledge_base_ids)
        await self._calls.ready()
        return await self._calls.send(*_update(agent_id, fields))

    def update_sync(
        self,
        agent_id: str,
        display_name: Optional[str] = None,
        agent_name: Optional[str] = None,
        instructions: Optional[str] = None,
        model: Optional[str] = None,
        knowledge_base_ids: Optional[list[str]] = None,
    ) -> BrandAgentUpdateResult:
        """The blocking twin of `update`."""
        agent_id = check_id(agent_id, "agent_id")
        fields = _update_fields(display_name, agent_name, instructions, model, knowledge_base_ids)
        return self._calls.send_sync(*_update(agent_id, fields))

    async def get_widget_config(self, agent_id: str) -> WidgetConfig:
        """The Brand Agent's chat widget settings."""
        agent_id = check_id(agent_id, "agent_id")
        await self._calls.ready()
        return await self._calls.send(*_widget(agent_id))

    def get_widget_config_sync(self, agent_id: str) -> WidgetConfig:
        """The blocking twin of `get_widget_config`."""
        return self._calls.send_sync(*_widget(check_id(agent_id, "agent_id")))

    async def update_widget_config(self, agent_id: str, **fields: Any) -> WidgetConfigUpdateResult:
        """Change the widget settings named as keywords (those given as None are not sent)."""
        agent_id = check_id(agent_id, "agent_id")
        await self._calls.ready()
        return await self._calls.send(*_update_widget(agent_id, fields))

    def update_widget_config_sync(self, agent_id: str, **fields: Any) -> WidgetConfigUpdateResult:
        """The blocking twin of `update_widget_config`."""
        return self._calls.send_sync(*_update_widget(check_id(agent_id, "agent_id"), fields))
