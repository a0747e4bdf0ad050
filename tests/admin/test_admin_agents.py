"""client.agents against the emulator, async and sync: list, page, get, create, update,
delete, embed_snippet; bad input refused before any request."""

from __future__ import annotations

from typing import Any

import pytest

from sketricgen import SketricGenAdminNotFoundError, SketricGenValidationError
from sketricgen.admin import Agent, AgentDeletion, EmbedSnippet, Page
from tests.admin.conftest import Admin

pytestmark = pytest.mark.emulator

CONFIG = {"nodes": [{"id": "start", "type": "llm", "prompt": "Be brief."}], "edges": []}


def test_list_filters_by_project_and_walks_the_pages(admin: Admin) -> None:
    made = admin.emulator.admin.add_agents(5, project_id="proj-marketing", name="Promo")
    agents = admin.agents.list(project_id="proj-marketing", limit=2)
    assert [a.agent_id for a in agents] == made
    assert all(isinstance(a, Agent) and a.project_id == "proj-marketing" for a in agents)
    queries = [r.query for r in admin.requests()]
    assert len(queries) == 3
    assert all("project_id=proj-marketing" in q and "limit=2" in q for q in queries)


def test_list_keeps_fields_the_sdk_does_not_know(admin: Admin) -> None:
    (agent,) = [a for a in admin.agents.list() if a.agent_id == "agent-123"]
    assert agent.model_extra is not None
    assert agent.model_extra.get("x_emulator") is True


def test_page_and_next_page(admin: Admin) -> None:
    total = len(admin.emulator.admin.agents)
    first = admin.agents.page(limit=3)
    assert isinstance(first, Page)
    assert len(first) == 3
    assert first.has_more
    seen = [a.agent_id for a in first]
    page = first
    while page.has_more:
        page = admin.agents.page(limit=3, next_token=page.next_token)
        seen += [a.agent_id for a in page]
    assert sorted(seen) == sorted(admin.emulator.admin.agents)
    assert len(seen) == total


def test_create_get_update_delete(admin: Admin) -> None:
    made = admin.agents.create(
        "Support bot", CONFIG, description="Answers tickets", project_id="proj-default"
    )
    assert isinstance(made, Agent)
    assert made.name == "Support bot"
    assert made.agent_id in admin.emulator.admin.agents
    got = admin.agents.get(made.agent_id)
    assert got.agent_id == made.agent_id
    assert got.model_extra is not None
    assert got.model_extra["workflow_config"] == CONFIG  # kept although not an Agent field
    updated = admin.agents.update(made.agent_id, name="Ticket bot")
    assert updated.name == "Ticket bot"
    deleted = admin.agents.delete(made.agent_id)
    assert isinstance(deleted, AgentDeletion)
    assert (deleted.agent_id, deleted.deleted) == (made.agent_id, True)
    assert made.agent_id not in admin.emulator.admin.agents
    create, get, update, delete = admin.requests()
    assert (create.method, create.path) == ("POST", "/admin/v1/agents")
    assert create.json() == {
        "name": "Support bot",
        "workflow_config": CONFIG,
        "description": "Answers tickets",
        "project_id": "proj-default",
    }
    assert (get.method, get.path) == ("GET", f"/admin/v1/agents/{made.agent_id}")
    assert (update.method, update.path) == ("PATCH", f"/admin/v1/agents/{made.agent_id}")
    assert update.json() == {"name": "Ticket bot"}  # only what was given
    assert (delete.method, delete.path) == ("DELETE", f"/admin/v1/agents/{made.agent_id}")


def test_embed_snippet(admin: Admin) -> None:
    snippet = admin.agents.embed_snippet("agent-123")
    assert isinstance(snippet, EmbedSnippet)
    assert snippet.agent_id == "agent-123"
    assert snippet.snippet
    (request,) = admin.requests()
    assert request.path == "/admin/v1/agents/agent-123/embed-snippet"


def test_an_id_is_sent_escaped_in_the_path(admin: Admin) -> None:
    with pytest.raises(SketricGenAdminNotFoundError) as caught:
        admin.agents.get("a/b?c")
    assert "/admin/v1/agents/a%2Fb%3Fc answered 404" in str(caught.value)
    assert len(admin.requests()) == 1


@pytest.mark.parametrize(
    ("method", "args", "kwargs", "field"),
    [
        ("get", ("",), {}, "agent_id"),
        ("delete", (42,), {}, "agent_id"),
        ("embed_snippet", (" ",), {}, "agent_id"),
        ("create", ("", CONFIG), {}, "name"),
        ("create", ("Bot", "not a mapping"), {}, "workflow_config"),
        ("create", ("Bot", {"x": object()}), {}, "workflow_config"),
        ("create", ("Bot", CONFIG), {"project_id": ""}, "project_id"),
        ("create", ("Bot", CONFIG), {"description": 5}, "description"),
        ("update", ("agent-123",), {}, "name"),  # nothing to update
        ("update", ("agent-123",), {"workflow_config": []}, "workflow_config"),
        ("list", (), {"limit": 0}, "limit"),
        ("list", (), {"project_id": ""}, "project_id"),
        ("page", (), {"limit": 500}, "limit"),
    ],
)
def test_bad_input_is_refused_before_any_request(
    admin: Admin, method: str, args: tuple[Any, ...], kwargs: dict[str, Any], field: str
) -> None:
    with pytest.raises(SketricGenValidationError) as caught:
        getattr(admin.agents, method)(*args, **kwargs)
    assert caught.value.field == field
    assert admin.requests() == []
