"""The emulator's Admin API over real HTTP: keys, pages, agents, roles, scopes, faults, records."""

from __future__ import annotations

import time

import httpx
import pytest

from sketricgen.testing import Emulator, Fault
from tests.emulator.admin_calls import Admin, items
from tests.helpers.emulator import run

pytestmark = pytest.mark.emulator

WORKFLOW = {"nodes": [{"id": "start", "type": "agent"}], "edges": []}


@pytest.fixture
def admin(emu: Emulator, http: httpx.Client) -> Admin:
    return Admin(http, emu)


# -- seed and keys -------------------------------------------------------------------


def test_the_seeded_teamspace_projects_and_agents(emu: Emulator, admin: Admin) -> None:
    assert emu.admin_base_url == emu.base_url + "/admin/v1"
    teamspaces = admin.ok("GET", "/teamspaces")["teamspaces"]
    assert [(t["teamspace_id"], t["subscription_plan"]) for t in teamspaces] == [
        ("ts-emulator", "pro"),
    ]  # fmt: skip
    projects = admin.ok("GET", "/projects")["projects"]
    assert [(p["project_id"], p["is_default"]) for p in projects] == [
        ("proj-default", True), ("proj-marketing", False),
    ]  # fmt: skip
    agents = {a["agent_id"]: a for a in admin.ok("GET", "/agents")["agents"]}
    assert {"agent-123", "demo-agent", "hitl-agent"} <= set(agents)
    assert agents["agent-123"]["project_id"] == "proj-default"
    assert agents["agent-123"]["x_emulator"] is True


@pytest.mark.parametrize(
    "authorization",
    [None, "", "Bearer", "Basic c2s6eA==", "sk_api_0123", "Bearer two words"],
)
def test_no_or_ill_formed_authorization_is_401_missing_token(
    emu: Emulator, http: httpx.Client, authorization: str
) -> None:
    headers = {} if authorization is None else {"Authorization": authorization}
    response = http.get(emu.admin_base_url + "/agents", headers=headers)
    assert response.status_code == 401
    assert response.json()["code"] == "missing_token"
    assert response.headers["www-authenticate"] == "Bearer"


def test_key_codes(emu: Emulator, admin: Admin) -> None:
    admin.as_key("sk_api_not-a-key").refused("GET", "/agents", 401, "invalid_key")
    # the chat API's header is not the Admin API's
    admin.refused(
        "GET",
        "/agents",
        401,
        "missing_token",
        headers={"Authorization": "", "API-KEY": emu.api_key},
    )
    expired = emu.admin.add_key("admin", status="expired")
    admin.as_key(expired).refused("GET", "/teamspaces", 403, "key_expired")
    revoked = emu.admin.add_key("viewer", status="revoked")
    admin.as_key(revoked).refused("GET", "/teamspaces", 403, "key_revoked")
    key = emu.admin.add_key("editor")
    assert key.startswith("sk_api_")
    assert admin.as_key(key).ok("GET", "/teamspaces")["teamspaces"]
    emu.admin.set_key_status(key, "revoked")
    admin.as_key(key).refused("GET", "/teamspaces", 403, "key_revoked")


def test_bad_add_key_arguments_are_refused(emu: Emulator) -> None:
    with pytest.raises(ValueError, match="role"):
        emu.admin.add_key("owner")
    with pytest.raises(ValueError, match="status"):
        emu.admin.add_key(status="paused")
    with pytest.raises(ValueError, match="unknown project"):
        emu.admin.add_key(projects=["proj-nowhere"])
    with pytest.raises(ValueError, match="non-empty list"):
        emu.admin.add_key(projects="proj-default")


# -- pages ------------------------------------------------------------------------------


def test_pages_follow_next_token_until_null(emu: Emulator, admin: Admin) -> None:
    made = emu.admin.add_agents(120, name="Bulk")
    pages = admin.pages("/agents", "agents", limit=50)
    ids = items(pages, "agents", "agent_id")
    assert [len(p["agents"]) for p in pages][:-1] == [50, 50]
    assert ids[-120:] == made
    assert len(ids) == len(set(ids))
    assert emu.admin.agents[made[0]]["name"] == "Bulk 1"
    first_token = pages[0]["next_token"]
    assert not first_token.isdigit()
    assert first_token.startswith("nt_")
    default = admin.ok("GET", "/agents")
    assert len(default["agents"]) == 50  # the default page size


def test_a_last_full_page_ends_the_list(emu: Emulator, admin: Admin) -> None:
    known = len(admin.ok("GET", "/agents", params={"limit": 200})["agents"])
    emu.admin.add_agents(10 - known)
    pages = admin.pages("/agents", "agents", limit=5)
    assert [len(p["agents"]) for p in pages] == [5, 5]


@pytest.mark.parametrize("limit", ["0", "201", "-1", "ten", "1.5", ""])
def test_a_limit_outside_1_to_200_is_400(admin: Admin, limit: str) -> None:
    if limit == "":
        assert admin.ok("GET", "/agents", params={"limit": ""})["agents"]  # empty: the default
        return
    admin.refused("GET", "/agents", 400, "invalid_request", params={"limit": limit})


def test_limits_at_the_bounds(emu: Emulator, admin: Admin) -> None:
    emu.admin.add_agents(250)
    assert len(admin.ok("GET", "/agents", params={"limit": 1})["agents"]) == 1
    assert len(admin.ok("GET", "/agents", params={"limit": 200})["agents"]) == 200


def test_a_foreign_or_forged_next_token_is_400(emu: Emulator, admin: Admin) -> None:
    emu.admin.add_agents(5)
    token = admin.ok("GET", "/agents", params={"limit": 2})["next_token"]
    for forged in ("12", "nt_!!", "nt_WzFd", token + "x"):
        admin.refused("GET", "/agents", 400, "invalid_request", params={"next_token": forged})
    admin.refused("GET", "/projects", 400, "invalid_request", params={"next_token": token})
    filtered = {"next_token": token, "project_id": "proj-default"}
    admin.refused("GET", "/agents", 400, "invalid_request", params=filtered)


def test_short_pages_hold_fewer_items_and_only_null_ends(emu: Emulator, admin: Admin) -> None:
    made = emu.admin.add_agents(40)
    emu.admin.short_pages = True
    assert emu.admin.short_pages is True
    pages = admin.pages("/agents", "agents", limit=10)
    sizes = [len(p["agents"]) for p in pages]
    assert all(size < 10 for size in sizes), sizes
    assert any(size == 0 and p["next_token"] for size, p in zip(sizes, pages)), sizes
    assert items(pages, "agents", "agent_id")[-40:] == made
    emu.admin.short_pages = False
    assert len(admin.ok("GET", "/agents", params={"limit": 10})["agents"]) == 10


def test_deleting_between_pages_skips_and_repeats_nothing(emu: Emulator, admin: Admin) -> None:
    seeded = len(emu.admin.agents)
    made = emu.admin.add_agents(20)
    every = list(emu.admin.agents)
    first = admin.ok("GET", "/agents", params={"limit": seeded + 5})
    seen = [a["agent_id"] for a in first["agents"]]
    assert seen == every[: seeded + 5]
    # one already seen, one not yet seen
    admin.ok("DELETE", f"/agents/{made[2]}")
    admin.ok("DELETE", f"/agents/{made[10]}")
    rest = admin.get("/agents", limit=5, next_token=first["next_token"]).json()
    token = rest["next_token"]
    seen += [a["agent_id"] for a in rest["agents"]]
    while token:
        page = admin.get("/agents", limit=5, next_token=token).json()
        seen += [a["agent_id"] for a in page["agents"]]
        token = page["next_token"]
    assert seen == [a for a in every if a != made[10]]


def test_add_agents_is_fast(emu: Emulator) -> None:
    started = time.perf_counter()
    made = emu.admin.add_agents(1000, project_id="proj-marketing")
    assert time.perf_counter() - started < 0.5
    assert len(set(made)) == 1000
    with pytest.raises(ValueError, match="unknown project"):
        emu.admin.add_agents(1, project_id="proj-nowhere")


def test_a_thousand_agents_over_twenty_pages(emu: Emulator, admin: Admin) -> None:
    made = emu.admin.add_agents(1000, project_id="proj-marketing")
    pages = admin.pages("/agents", "agents", limit=50, project_id="proj-marketing")
    assert len(pages) == 20
    assert items(pages, "agents", "agent_id") == made


# -- agents ----------------------------------------------------------------------------


def test_agent_lifecycle_and_its_runs(emu: Emulator, admin: Admin, http: httpx.Client) -> None:
    body = {"name": "Support", "workflow_config": WORKFLOW, "description": "Answers"}
    admin.refused("POST", "/agents", 400, "project_id_required", json=body)
    created = admin.ok("POST", "/agents", 201, json={**body, "project_id": "proj-marketing"})
    agent_id = created["agent_id"]
    assert (created["name"], created["project_id"], created["workflow_config"]) == (
        "Support", "proj-marketing", WORKFLOW,
    )  # fmt: skip
    assert created["x_emulator"] is True
    assert created["created_at"].startswith("2025-01-01T")
    assert admin.ok("GET", f"/agents/{agent_id}") == created
    listed = admin.ok("GET", "/agents", params={"project_id": "proj-marketing"})["agents"]
    assert [a["agent_id"] for a in listed] == [agent_id]
    assert "workflow_config" not in listed[0]
    updated = admin.ok("PATCH", f"/agents/{agent_id}", json={"name": "Help desk"})
    assert (updated["name"], updated["workflow_config"]) == ("Help desk", WORKFLOW)
    # a created agent answers runs, which show as its conversations
    answer = run(http, emu, agent_id=agent_id, user_input="hi")
    assert answer.status_code == 201, answer.text
    conversations = admin.ok("GET", "/conversations", params={"agent_id": agent_id})
    assert [c["conversation_id"] for c in conversations["conversations"]] == [
        answer.json()["conversation_id"],
    ]  # fmt: skip
    assert admin.ok("DELETE", f"/agents/{agent_id}") == {"agent_id": agent_id, "deleted": True}
    admin.refused("GET", f"/agents/{agent_id}", 404, "not_found")
    admin.refused("DELETE", f"/agents/{agent_id}", 404, "not_found")
    assert run(http, emu, agent_id=agent_id).status_code == 404


@pytest.mark.parametrize(
    ("body", "says"),
    [
        ({"name": "A", "project_id": "proj-default"}, "workflow_config"),
        ({"name": "A", "workflow_config": [], "project_id": "proj-default"}, "dictionary"),
        ({"name": "", "workflow_config": {}, "project_id": "proj-default"}, "empty"),
        ({"name": 7, "workflow_config": {}, "project_id": "proj-default"}, "string"),
        ({"name": "A", "workflow_config": {}, "projectId": "proj-default"}, "unknown"),
        (["not", "an", "object"], "object"),
    ],
)
def test_bad_agent_bodies_are_400(admin: Admin, body: object, says: str) -> None:
    assert says in admin.refused("POST", "/agents", 400, "invalid_request", json=body)


def test_bodies_that_are_not_json_or_name_nothing_are_400(admin: Admin) -> None:
    headers = {"Content-Type": "application/json"}
    admin.refused("POST", "/agents", 400, "invalid_request", content=b"{nope", headers=headers)
    assert "nothing" in admin.refused("PATCH", "/agents/agent-123", 400, "invalid_request", json={})


def test_unknown_ids_are_404(admin: Admin) -> None:
    for path in (
        "/agents/nope", "/projects/nope", "/knowledge-bases/nope", "/jobs/nope",
        "/brand-agents/nope", "/agents/nope/embed-snippet", "/connectors/nope/tools",
        "/knowledge-bases/nope/data-sources",
    ):  # fmt: skip
        admin.refused("GET", path, 404, "not_found")
    body = {"name": "A", "workflow_config": {}, "project_id": "proj-nowhere"}
    admin.refused("POST", "/agents", 404, "not_found", json=body)
    admin.refused("GET", "/agents", 404, "not_found", params={"project_id": "proj-nowhere"})


def test_unknown_routes_and_methods(admin: Admin) -> None:
    admin.refused("GET", "/nowhere", 404, "not_found")
    admin.refused("PUT", "/agents/agent-123", 405, "method_not_allowed")


def test_run_is_501_run_not_available(emu: Emulator, admin: Admin) -> None:
    viewer = admin.as_key(emu.admin.add_key("viewer"))
    for caller in (admin, viewer):
        caller.refused("POST", "/agents/agent-123/run", 501, "run_not_available", json={})


def test_an_embed_snippet_of_a_workflow_agent(admin: Admin) -> None:
    snippet = admin.ok("GET", "/agents/agent-123/embed-snippet")
    assert snippet["agent_id"] == "agent-123"
    assert 'data-agent-id="agent-123"' in snippet["snippet"]


# -- roles and scopes ------------------------------------------------------------------


def test_a_viewer_reads_and_writes_nothing(emu: Emulator, admin: Admin) -> None:
    viewer = admin.as_key(emu.admin.add_key("viewer"))
    assert viewer.ok("GET", "/agents")["agents"]
    assert viewer.ok("GET", "/members")["members"]
    body = {"name": "A", "workflow_config": {}, "project_id": "proj-default"}
    for method, path, json in (
        ("POST", "/agents", body), ("PATCH", "/agents/agent-123", {"name": "B"}),
        ("DELETE", "/agents/agent-123", None), ("POST", "/knowledge-bases", {"name": "K"}),
        ("POST", "/connectors/gmail/connect-link", {}),
        ("POST", "/agents/agent-123/connectors", {"app_slug": "gmail", "allowed_tools": []}),
    ):  # fmt: skip
        viewer.refused(method, path, 403, "insufficient_role", json=json)
    assert "agent-123" in emu.admin.agents


def test_an_editor_changes_agents_but_not_projects_or_members(emu: Emulator, admin: Admin) -> None:
    editor = admin.as_key(emu.admin.add_key("editor"))
    body = {"name": "A", "workflow_config": {}, "project_id": "proj-default"}
    editor.ok("POST", "/agents", 201, json=body)
    editor.refused("POST", "/projects", 403, "insufficient_role", json={"display_name": "X"})
    editor.refused(
        "PATCH", "/projects/proj-default", 403, "insufficient_role", json={"display_name": "X"}
    )
    member = "/members/00000000-0000-4000-8000-000000000003"
    editor.refused("PATCH", member, 403, "insufficient_role", json={"role": "editor"})
    scoped_admin = admin.as_key(emu.admin.add_key("admin", projects=["proj-default"]))
    scoped_admin.refused("POST", "/projects", 403, "insufficient_role", json={"display_name": "X"})
    assert admin.ok("PATCH", member, json={"role": "editor"})["role"] == "editor"


def test_a_selected_project_key_sees_and_touches_only_its_projects(
    emu: Emulator, admin: Admin
) -> None:
    theirs = emu.admin.add_agents(3, project_id="proj-marketing")
    scoped = admin.as_key(emu.admin.add_key("editor", projects=["proj-marketing"]))
    assert [p["project_id"] for p in scoped.ok("GET", "/projects")["projects"]] == [
        "proj-marketing"
    ]
    assert items(scoped.pages("/agents", "agents", limit=2), "agents", "agent_id") == theirs
    scoped.refused("GET", "/projects/proj-default", 403, "project_scope_mismatch")
    scoped.refused("GET", "/agents/agent-123", 403, "project_scope_mismatch")
    scoped.refused("PATCH", "/agents/agent-123", 403, "project_scope_mismatch", json={"name": "X"})
    scoped.refused("DELETE", "/agents/agent-123", 403, "project_scope_mismatch")
    scoped.refused(
        "GET", "/agents", 403, "project_scope_mismatch", params={"project_id": "proj-default"}
    )
    body = {"name": "Mine", "workflow_config": {}}
    # one project: a create without project_id lands there
    assert scoped.ok("POST", "/agents", 201, json=body)["project_id"] == "proj-marketing"
    scoped.refused(
        "POST",
        "/agents",
        403,
        "project_scope_mismatch",
        json={**body, "project_id": "proj-default"},
    )
    assert "agent-123" in emu.admin.agents


def test_a_key_over_several_selected_projects_must_name_one(emu: Emulator, admin: Admin) -> None:
    third = emu.admin.add_project("Sales")
    scoped = admin.as_key(emu.admin.add_key("editor", projects=["proj-marketing", third]))
    body = {"name": "K"}
    scoped.refused("POST", "/knowledge-bases", 400, "project_id_required", json=body)
    made = scoped.ok("POST", "/knowledge-bases", 201, json={**body, "project_id": third})
    assert made["project_id"] == third


def test_a_downgraded_plan_refuses_new_agents(emu: Emulator, admin: Admin) -> None:
    emu.admin.downgrade_plan()
    assert admin.ok("GET", "/teamspaces")["teamspaces"][0]["subscription_plan"] == "free"
    body = {"name": "A", "workflow_config": {}, "project_id": "proj-default"}
    admin.refused("POST", "/agents", 403, "plan_downgraded", json=body)
    brand = {"name": "B", "seed_url": "https://acme.example", "project_id": "proj-default"}
    admin.refused("POST", "/brand-agents", 403, "plan_downgraded", json=brand)
    assert admin.ok("PATCH", "/agents/agent-123", json={"name": "Still editable"})
    emu.admin.downgrade_plan(False)
    admin.ok("POST", "/agents", 201, json=body)


# -- faults and records -----------------------------------------------------------------


def test_a_status_fault_on_admin_routes_answers_the_admin_error_shape(
    emu: Emulator, admin: Admin
) -> None:
    emu.add_fault(Fault.status(503, times=1, retry_after=2, endpoint="admin"))
    refused = admin.call("GET", "/agents")
    assert refused.status_code == 503
    assert refused.json() == {"error": "Service Unavailable", "code": "service_unavailable"}
    assert refused.headers["retry-after"] == "2"
    assert admin.call("GET", "/agents").status_code == 200
    assert [r.status for r in emu.requests_to("admin")] == [503, 200]


def test_chat_faults_leave_the_admin_api_alone(emu: Emulator, admin: Admin) -> None:
    emu.add_fault(Fault.status(500))
    assert admin.call("GET", "/teamspaces").status_code == 200


def test_the_fault_header_acts_on_admin_routes(emu: Emulator, admin: Admin) -> None:
    header = {"X-Emulator-Fault": "status(429, times=1, message='slow down')"}
    first = admin.call("GET", "/usage", headers=header)
    assert (first.status_code, first.json()["code"]) == (429, "rate_limited")
    assert first.json()["error"] == "slow down"
    assert admin.call("GET", "/usage", headers=header).status_code == 200
    page = admin.call("GET", "/usage", headers=Fault.header(Fault.html_page(502, endpoint="admin")))
    assert page.status_code == 502
    assert page.headers["content-type"].startswith("text/html")
    bad = admin.call("GET", "/usage", headers={"X-Emulator-Fault": "explode()"})
    assert (bad.status_code, bad.json()["code"]) == (400, "invalid_request")


def test_a_fault_for_one_agent_acts_on_its_admin_routes_only(emu: Emulator, admin: Admin) -> None:
    emu.add_fault(Fault.status(500, endpoint="admin"), agent_id="agent-123")
    assert admin.call("GET", "/agents/agent-123").status_code == 500
    assert admin.call("GET", "/agents/demo-agent").status_code == 200


def test_a_dropped_connection_on_an_admin_route(emu: Emulator, admin: Admin) -> None:
    emu.add_fault(Fault.close_before_answer(times=1, endpoint="admin"))
    with pytest.raises(httpx.RemoteProtocolError):
        admin.call("GET", "/agents")
    assert admin.call("GET", "/agents").status_code == 200


def test_admin_requests_are_recorded_with_the_key_masked(emu: Emulator, admin: Admin) -> None:
    body = {"name": "Rec", "workflow_config": {}, "project_id": "proj-default"}
    admin.ok("POST", "/agents", 201, json=body)
    admin.ok("GET", "/agents", params={"limit": 3})
    posted, listed = emu.requests_to("admin")
    assert (posted.method, posted.path, posted.endpoint, posted.status) == (
        "POST", "/admin/v1/agents", "admin", 201,
    )  # fmt: skip
    assert posted.json() == body
    assert posted.headers["authorization"] == "***"
    assert posted.carries_api_key
    assert emu.api_key not in repr(posted)
    assert (listed.query, listed.status) == ("limit=3", 200)
    assert emu.requests_to("/admin/v1/agents") == [posted, listed]


def test_reset_brings_the_seed_back(emu: Emulator, admin: Admin) -> None:
    made = emu.admin.add_agents(3)
    key = emu.admin.add_key("viewer")
    emu.admin.short_pages = True
    emu.admin.downgrade_plan()
    emu.reset()
    assert not set(made) & set(emu.admin.agents)
    assert emu.admin.short_pages is False
    assert emu.admin.teamspace["subscription_plan"] == "pro"
    admin.as_key(key).refused("GET", "/agents", 401, "invalid_key")
    assert emu.admin.add_agents(3) == made  # ids start over from the seed
