"""`client.agents`: the Teamspace's workflow agents (`/agents`).

Agents run through `client.run_workflow(...)`: the Admin API's
`POST /agents/{agent_id}/run` answers `501 run_not_available`, so it is not
wrapped here.
"""

# The generated modules are imported inside the functions: they load on first
# use, off the event loop (`AdminCalls.ready`).
# ruff: noqa: PLC0415

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator, Mapping
from typing import TYPE_CHECKING, Any, Callable, Optional

from .._exceptions import SketricGenValidationError
from ._checks import (
    check_id,
    check_limit,
    check_mapping,
    check_optional_id,
    check_optional_text,
    check_text,
    check_token,
    request_body,
)

if TYPE_CHECKING:
    from sketricgen_admin_models import Agent, AgentDeletion, AgentList, EmbedSnippet

    from .._transport.core import OperationCall
    from ._calls import AdminCalls, ListCall, Reader
    from ._pages import Page

__all__ = ["Agents"]

Plan = Callable[[], "ListCall[AgentList, Agent]"]


def _listing(project_id: Optional[str], limit: Optional[int]) -> Plan:
    def plan() -> ListCall[AgentList, Agent]:
        from sketricgen_admin_lowlevel.api.agents import list_agents
        from sketricgen_admin_models import AgentList

        def request(token: Optional[str]) -> OperationCall:
            return list_agents.build_request(limit=limit, next_token=token, project_id=project_id)

        return request, list_agents.parse_response, AgentList, _agents

    return plan


def _agents(answer: AgentList) -> list[Agent]:
    return answer.agents


def _plan(project_id: Any, limit: Any) -> Plan:
    return _listing(check_optional_id(project_id, "project_id"), check_limit(limit))


def _get(agent_id: str) -> tuple[OperationCall, Reader, type[Agent]]:
    from sketricgen_admin_lowlevel.api.agents import get_agent
    from sketricgen_admin_models import Agent

    return get_agent.build_request(agent_id=agent_id), get_agent.parse_response, Agent


def _create(fields: dict[str, Any]) -> tuple[OperationCall, Reader, type[Agent]]:
    from sketricgen_admin_lowlevel.api.agents import create_agent
    from sketricgen_admin_models import Agent, AgentCreate

    return (
        create_agent.build_request(body=request_body(AgentCreate, fields)),
        create_agent.parse_response,
        Agent,
    )


def _update(agent_id: str, fields: dict[str, Any]) -> tuple[OperationCall, Reader, type[Agent]]:
    from sketricgen_admin_lowlevel.api.agents import update_agent
    from sketricgen_admin_models import Agent, AgentUpdate

    call = update_agent.build_request(agent_id=agent_id, body=request_body(AgentUpdate, fields))
    return call, update_agent.parse_response, Agent


def _delete(agent_id: str) -> tuple[OperationCall, Reader, type[AgentDeletion]]:
    from sketricgen_admin_lowlevel.api.agents import delete_agent
    from sketricgen_admin_models import AgentDeletion

    return delete_agent.build_request(agent_id=agent_id), delete_agent.parse_response, AgentDeletion


def _embed(agent_id: str) -> tuple[OperationCall, Reader, type[EmbedSnippet]]:
    from sketricgen_admin_lowlevel.api.agents import get_agent_embed_snippet as embed
    from sketricgen_admin_models import EmbedSnippet

    return embed.build_request(agent_id=agent_id), embed.parse_response, EmbedSnippet


def _new(name: Any, workflow_config: Any, description: Any, project_id: Any) -> dict[str, Any]:
    return {
        "name": check_text(name, "name"),
        "workflow_config": check_mapping(workflow_config, "workflow_config"),
        "description": check_optional_text(description, "description"),
        "project_id": check_optional_id(project_id, "project_id"),
    }


def _changes(name: Any, description: Any, workflow_config: Any) -> dict[str, Any]:
    fields = {
        "name": None if name is None else check_text(name, "name"),
        "description": check_optional_text(description, "description"),
        "workflow_config": (
            None if workflow_config is None else check_mapping(workflow_config, "workflow_config")
        ),
    }
    if all(value is None for value in fields.values()):
        raise SketricGenValidationError(
            "nothing to update: pass name=, description= or workflow_config=", field="name"
        )
    return fields


class Agents:
    """The Teamspace's workflow agents. Every method has a blocking twin named `..._sync`."""

    def __init__(self, calls: AdminCalls) -> None:
        self._calls = calls

    def list(
        self, *, project_id: Optional[str] = None, limit: Optional[int] = None
    ) -> AsyncIterator[Agent]:
        """Every agent (of `project_id`, when given), page after page, as you iterate.

        `limit` is the page size asked of the service (1..200; None: its
        default, 50), not a cap on the items.
        """
        return self._calls.iterate(_plan(project_id, limit))

    def list_sync(
        self, *, project_id: Optional[str] = None, limit: Optional[int] = None
    ) -> Iterator[Agent]:
        """The blocking twin of `list` (a plain iterator)."""
        return self._calls.iterate_sync(_plan(project_id, limit))

    async def page(
        self,
        *,
        project_id: Optional[str] = None,
        limit: Optional[int] = None,
        next_token: Optional[str] = None,
    ) -> Page[Agent]:
        """One page of agents: pass the page's `next_token` back for the next one."""
        plan = _plan(project_id, limit)
        return await self._calls.page(plan, check_token(next_token))

    def page_sync(
        self,
        *,
        project_id: Optional[str] = None,
        limit: Optional[int] = None,
        next_token: Optional[str] = None,
    ) -> Page[Agent]:
        """The blocking twin of `page`."""
        return self._calls.page_sync(_plan(project_id, limit), check_token(next_token))

    async def get(self, agent_id: str) -> Agent:
        """One agent by id (its `workflow_config` and `description` too, when the service
        sends them: unknown fields are kept)."""
        agent_id = check_id(agent_id, "agent_id")
        await self._calls.ready()
        return await self._calls.send(*_get(agent_id))

    def get_sync(self, agent_id: str) -> Agent:
        """The blocking twin of `get`."""
        return self._calls.send_sync(*_get(check_id(agent_id, "agent_id")))

    async def create(
        self,
        name: str,
        workflow_config: Mapping[str, Any],
        *,
        description: Optional[str] = None,
        project_id: Optional[str] = None,
    ) -> Agent:
        """Create an agent from a complete `workflow_config` (a JSON object).

        A key covering several projects must name `project_id`.
        """
        fields = _new(name, workflow_config, description, project_id)
        await self._calls.ready()
        return await self._calls.send(*_create(fields))

    def create_sync(
        self,
        name: str,
        workflow_config: Mapping[str, Any],
        *,
        description: Optional[str] = None,
        project_id: Optional[str] = None,
    ) -> Agent:
        """The blocking twin of `create`."""
        return self._calls.send_sync(*_create(_new(name, workflow_config, description, project_id)))

    async def update(
        self,
        agent_id: str,
        *,
        name: Optional[str] = None,
        description: Optional[str] = None,
        workflow_config: Optional[Mapping[str, Any]] = None,
    ) -> Agent:
        """Change what is given (None: left as it is); at least one field."""
        agent_id = check_id(agent_id, "agent_id")
        fields = _changes(name, description, workflow_config)
        await self._calls.ready()
        return await self._calls.send(*_update(agent_id, fields))

    def update_sync(
        self,
        agent_id: str,
        *,
        name: Optional[str] = None,
        description: Optional[str] = None,
        workflow_config: Optional[Mapping[str, Any]] = None,
    ) -> Agent:
        """The blocking twin of `update`."""
        agent_id = check_id(agent_id, "agent_id")
        return self._calls.send_sync(
            *_update(agent_id, _changes(name, description, workflow_config))
        )

    async def delete(self, agent_id: str) -> AgentDeletion:
        """Delete an agent; the answer says `deleted`."""
        agent_id = check_id(agent_id, "agent_id")
        await self._calls.ready()
        return await self._calls.send(*_delete(agent_id))

    def delete_sync(self, agent_id: str) -> AgentDeletion:
        """The blocking twin of `delete`."""
        return self._calls.send_sync(*_delete(check_id(agent_id, "agent_id")))

    async def embed_snippet(self, agent_id: str) -> EmbedSnippet:
        """The HTML snippet that embeds the agent's widget in a page.

        A Brand Agent whose provisioning job has not succeeded yet raises
        `SketricGenAdminConflictError` (code `workflow_not_ready`).
        """
        agent_id = check_id(agent_id, "agent_id")
        await self._calls.ready()
        return await self._calls.send(*_embed(agent_id))

    def embed_snippet_sync(self, agent_id: str) -> EmbedSnippet:
        """The blocking twin of `embed_snippet`."""
        return self._calls.send_sync(*_embed(check_id(agent_id, "agent_id")))
