"""The Admin API flows against their recorded cassettes (vcrpy), with no server.

Matching covers the method, the URL (query included) and the JSON body, so each
test also proves the SDK asks for exactly what was recorded: the same pages in the
same order, the same polls, the same attach body.
"""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from sketricgen import (
    AdminErrorCode,
    SketricGenAdminError,
    SketricGenAuthenticationError,
    SketricGenConflictError,
    SketricGenNotFoundError,
)
from sketricgen.admin import Agent, JobStatus, Teamspace
from tests.helpers.cassettes import client, replaying


def test_whoami_and_every_agent_over_pages() -> None:
    async def main() -> tuple[Teamspace, list[Agent]]:
        async with client() as sdk:
            return await sdk.whoami(), [agent async for agent in sdk.agents.list(limit=2)]

    with replaying("admin_agents_pages"):
        teamspace, agents = asyncio.run(main())
    assert isinstance(teamspace, Teamspace)
    assert teamspace.teamspace_id == "ts-emulator"
    assert all(isinstance(agent, Agent) for agent in agents)
    assert len(agents) > 4
    assert "agent-123" in {agent.agent_id for agent in agents}


def test_pages_by_hand_and_projects_sync() -> None:
    with replaying("admin_agents_pages_sync"), client() as sdk:
        assert sdk.whoami_sync().subscription_plan == "pro"
        first = sdk.agents.page_sync(limit=2)
        second = sdk.agents.page_sync(limit=2, next_token=first.next_token)
        projects = list(sdk.projects.list_sync(limit=1))
    assert len(first) == len(second) == 2
    assert first.has_more
    assert [p.project_id for p in projects] == ["proj-default", "proj-marketing"]


def test_a_brand_agent_created_and_waited_for() -> None:
    with replaying("admin_brand_agent"), client() as sdk:
        done = sdk.brand_agents.create_and_wait_sync(
            "Acme support",
            "https://acme.example",
            project_id="proj-default",
            publish_widget=True,
            poll_interval=0.01,
            timeout=600.0,
        )
        assert done.agent_id is not None
        widget = sdk.brand_agents.get_widget_config_sync(done.agent_id)
        detail = sdk.brand_agents.get_sync(done.agent_id)
    assert isinstance(done, JobStatus)
    assert done.status == "succeeded"
    assert done.embed is not None
    assert done.embed.snippet
    assert widget.agent_id == done.agent_id
    assert detail.agent is not None


def test_a_connector_attached_with_chosen_tools_then_detached() -> None:
    async def main() -> tuple[Any, Any]:
        async with client() as sdk:
            tools = await sdk.connectors.list_tools("gmail", limit=3)
            chosen = [tool.tool_name for tool in tools.tools[:2]]
            attached = await sdk.connectors.attach("agent-123", "gmail", chosen)
            return attached, await sdk.connectors.detach("agent-123", "gmail")

    with replaying("admin_connectors"):
        attached, detached = asyncio.run(main())
    assert attached.allowed_tools == ["gmail-send-email", "gmail-create-draft"]
    assert attached.unrestricted is False
    assert detached.attached is False


def test_errors_by_code() -> None:
    with replaying("admin_errors"):
        with (
            client(api_key="sk_api_not_a_valid_key") as wrong,
            pytest.raises(SketricGenAuthenticationError) as bad_key,
        ):
            wrong.whoami_sync()
        with client() as sdk:
            job = sdk.brand_agents.create_sync(
                "Not ready yet", "https://slow.example", project_id="proj-default"
            )
            with pytest.raises(SketricGenConflictError) as early:
                sdk.agents.embed_snippet_sync(job.agent_id)
            with pytest.raises(SketricGenNotFoundError) as unknown:
                sdk.agents.get_sync("no-such-agent")
    assert isinstance(bad_key.value, SketricGenAdminError)
    assert bad_key.value.code == AdminErrorCode.INVALID_KEY
    assert isinstance(early.value, SketricGenAdminError)
    assert early.value.code == AdminErrorCode.WORKFLOW_NOT_READY
    assert early.value.status_code == 409
    assert isinstance(unknown.value, SketricGenAdminError)
    assert unknown.value.code == "not_found"
