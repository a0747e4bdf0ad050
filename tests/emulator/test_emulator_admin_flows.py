"""The emulator's Admin API over real HTTP: Brand Agents and jobs, knowledge bases,
conversations from runs, members, usage, connectors, and the served command."""

from __future__ import annotations

import signal
import subprocess
import sys

import httpx
import pytest

from sketricgen.testing import Emulator
from tests.emulator.admin_calls import Admin, items
from tests.helpers.emulator import run, stream

pytestmark = pytest.mark.emulator

BRAND = {"name": "Acme help", "seed_url": "https://acme.example/", "project_id": "proj-default"}
STEPS = ["crawling", "crawled", "kb_processing", "agent_finalizing", "succeeded"]


@pytest.fixture
def admin(emu: Emulator, http: httpx.Client) -> Admin:
    return Admin(http, emu)


# -- Brand Agents and jobs ----------------------------------------------------------------


def test_a_brand_agent_job_moves_one_state_per_poll(emu: Emulator, admin: Admin) -> None:
    job = admin.ok("POST", "/brand-agents", 202, json={**BRAND, "publish_widget": True})
    agent_id, job_id = job["agent_id"], job["job_id"]
    assert job["status"] == "queued"
    assert job["poll_url"] == f"{emu.admin_base_url}/jobs/{job_id}"
    assert job["publish_widget"] is True
    admin.refused("GET", f"/agents/{agent_id}/embed-snippet", 409, "workflow_not_ready")
    seen = [admin.ok("GET", f"/jobs/{job_id}") for _ in STEPS]
    assert [s["status"] for s in seen] == STEPS
    assert seen[-1]["embed"]["is_public"] is True
    assert seen[-1]["finished_at"]
    assert seen[0]["started_at"]
    assert admin.ok("GET", f"/jobs/{job_id}")["status"] == "succeeded"  # terminal stays
    snippet = admin.ok("GET", f"/agents/{agent_id}/embed-snippet")
    assert snippet["snippet"] == seen[-1]["embed"]["snippet"]
    agent = admin.ok("GET", f"/agents/{agent_id}")
    assert (agent["agent_type"], agent["agent_status"]) == ("brand_agent", "published")
    detail = admin.ok("GET", f"/brand-agents/{agent_id}")
    [kb_id] = detail["used_knowledge_bases"]
    assert agent_id in admin.ok("GET", f"/knowledge-bases/{kb_id}")["agents_using_kb"]
    files = admin.ok("GET", f"/knowledge-bases/{kb_id}/data-sources")["data_sources"]
    assert [f["file_name"] for f in files] == [
        "acme.example-index.md", "acme.example-about.md", "acme.example-pricing.md",
    ]  # fmt: skip


def test_a_fail_host_ends_failed_with_a_summary(emu: Emulator, admin: Admin) -> None:
    body = {**BRAND, "seed_url": "https://fail.acme.example"}
    job_id = admin.ok("POST", "/brand-agents", 202, json=body)["job_id"]
    assert emu.admin.advance_job(job_id) == "crawling"
    failed = admin.ok("GET", f"/jobs/{job_id}")
    assert failed["status"] == "failed"
    assert "fail.acme.example" in failed["error_summary"]
    assert emu.admin.advance_job(job_id) == "failed"
    assert emu.admin.jobs[job_id]["status"] == "failed"
    with pytest.raises(KeyError):
        emu.admin.advance_job("job-nope")


def test_brand_agent_inputs_are_checked(admin: Admin) -> None:
    bad_url = {**BRAND, "seed_url": "acme.example"}
    admin.refused("POST", "/brand-agents", 400, "invalid_request", json=bad_url)
    admin.refused(
        "POST", "/brand-agents", 400, "invalid_request", json={**BRAND, "publish_widget": "yes"}
    )
    admin.refused(
        "POST", "/brand-agents", 404, "not_found", json={**BRAND, "template_slug": "nope"}
    )
    admin.refused(
        "POST", "/brand-agents", 404, "not_found", json={**BRAND, "knowledge_base_id": "kb-x"}
    )
    no_project = {k: v for k, v in BRAND.items() if k != "project_id"}
    admin.refused("POST", "/brand-agents", 400, "project_id_required", json=no_project)
    admin.refused("GET", "/brand-agents/agent-123", 404, "not_found")  # not a Brand Agent


def test_a_brand_agent_with_a_template_and_a_knowledge_base(emu: Emulator, admin: Admin) -> None:
    body = {**BRAND, "template_slug": "sales-assistant", "knowledge_base_id": "kb-product-docs"}
    job = admin.ok("POST", "/brand-agents", 202, json=body)
    assert (job["template_slug"], job["knowledge_base_id"]) == (
        "sales-assistant",
        "kb-product-docs",
    )
    status = admin.ok("GET", f"/jobs/{job['job_id']}")
    assert [c["app_slug"] for c in status["connectors"]] == ["gmail"]
    detail = admin.ok("GET", f"/brand-agents/{job['agent_id']}")
    assert detail["used_knowledge_bases"] == ["kb-product-docs"]
    assert {m["id"] for m in detail["available_models"]} >= {"gpt-4.1-mini"}


def test_updating_a_brand_agent(emu: Emulator, admin: Admin) -> None:
    agent_id = admin.ok("POST", "/brand-agents", 202, json=BRAND)["agent_id"]
    path = f"/brand-agents/{agent_id}"
    admin.refused("PATCH", path, 400, "invalid_request", json={"model": "gpt-0"})
    admin.refused("PATCH", path, 404, "not_found", json={"knowledge_base_ids": ["kb-x"]})
    admin.refused(
        "PATCH", path, 400, "invalid_request", json={"knowledge_base_ids": "kb-product-docs"}
    )
    change = {
        "instructions": "Be brief.",
        "model": "gpt-4.1",
        "knowledge_base_ids": ["kb-product-docs"],
    }
    result = admin.ok("PATCH", path, json=change)
    assert result["updated"] == ["instructions", "model", "knowledge_base_ids"]
    assert result["file_search_node_added"] is True
    assert result["republished"] is False
    assert result["settings"]["model"] == "gpt-4.1"
    assert admin.ok("GET", path)["settings"]["instructions"] == "Be brief."
    assert agent_id in emu.admin.knowledge_bases["kb-product-docs"]["agents_using_kb"]


def test_a_widget_config(emu: Emulator, admin: Admin) -> None:
    agent_id = admin.ok("POST", "/brand-agents", 202, json=BRAND)["agent_id"]
    path = f"/brand-agents/{agent_id}/widget-config"
    config = admin.ok("GET", path)
    assert (config["agent_id"], config["exists"], config["branding_removal_entitled"]) == (
        agent_id, True, True,
    )  # fmt: skip
    result = admin.ok("PATCH", path, json={"primary_color": "#000000", "launcher": {"size": 56}})
    assert result["updated"] == ["primary_color", "launcher"]
    assert result["widget_config"]["launcher"] == {"size": 56}
    assert emu.admin.widget_configs[agent_id]["primary_color"] == "#000000"
    admin.refused("PATCH", path, 400, "invalid_request", json={})
    admin.refused("GET", "/brand-agents/agent-123/widget-config", 404, "not_found")


def test_templates_page_by_offset(admin: Admin) -> None:
    first = admin.ok("GET", "/brand-agent-templates", params={"limit": 2})
    assert [t["slug"] for t in first["brand_agent_templates"]] == [
        "support-agent",
        "sales-assistant",
    ]
    assert (first["total"], first["limit"], first["offset"], first["has_more"]) == (3, 2, 0, True)
    rest = admin.ok("GET", "/brand-agent-templates", params={"limit": 2, "offset": 2})
    assert [t["slug"] for t in rest["brand_agent_templates"]] == ["team-concierge"]
    assert rest["has_more"] is False
    admin.refused("GET", "/brand-agent-templates", 400, "invalid_request", params={"offset": "-1"})


# -- knowledge bases ----------------------------------------------------------------------


def test_knowledge_base_lifecycle(emu: Emulator, admin: Admin) -> None:
    admin.refused("POST", "/knowledge-bases", 400, "project_id_required", json={"name": "Docs"})
    kb = admin.ok(
        "POST", "/knowledge-bases", 201, json={"name": "Docs", "project_id": "proj-marketing"}
    )
    path = f"/knowledge-bases/{kb['knowledge_base_id']}"
    assert (kb["kb_status"], kb["agents_using_kb"]) == ("ready", [])
    assert admin.ok("PATCH", path, json={"name": "Handbook"})["name"] == "Handbook"
    listed = admin.ok("GET", "/knowledge-bases", params={"project_id": "proj-marketing"})
    assert [k["name"] for k in listed["knowledge_bases"]] == ["Handbook"]
    assert admin.ok("DELETE", path) == {
        "knowledge_base_id": kb["knowledge_base_id"],
        "deleted": True,
    }
    admin.refused("GET", path, 404, "not_found")


def test_data_sources_page_and_delete(emu: Emulator, admin: Admin) -> None:
    names = [f"doc {n}.md" for n in range(7)]
    kb_id = emu.admin.add_knowledge_base("Files", files=names)
    path = f"/knowledge-bases/{kb_id}/data-sources"
    pages = admin.pages(path, "data_sources", limit=3)
    assert items(pages, "data_sources", "file_name") == names
    assert len(pages) == 3
    gone = admin.ok("DELETE", f"{path}/doc%203.md")
    assert gone == {"knowledge_base_id": kb_id, "file_name": "doc 3.md", "deleted": True}
    admin.refused("DELETE", f"{path}/doc%203.md", 404, "not_found")
    assert "doc 3.md" not in emu.admin.data_sources(kb_id)
    viewer = admin.as_key(emu.admin.add_key("viewer"))
    viewer.refused("DELETE", f"{path}/doc%201.md", 403, "insufficient_role")


# -- conversations, usage, members ----------------------------------------------------------


def test_runs_show_as_conversations_with_traces(
    emu: Emulator, admin: Admin, http: httpx.Client
) -> None:
    first = run(http, emu, user_input="Hello", contact_id="c-1").json()
    conversation_id = first["conversation_id"]
    second = run(http, emu, user_input="Again", conversation_id=conversation_id).json()
    stream(http, emu, agent_id="demo-agent", user_input="Find shoes")
    listed = admin.ok("GET", "/conversations")["conversations"]
    assert [(c["agent_id"], c["message_count"]) for c in listed] == [
        ("agent-123", 4),
        ("demo-agent", 2),
    ]
    assert (listed[0]["contact_id"], listed[0]["title"]) == ("c-1", "Hello")
    mine = admin.ok("GET", "/conversations", params={"agent_id": "demo-agent"})["conversations"]
    assert [c["agent_id"] for c in mine] == ["demo-agent"]
    query = {"agent_id": "agent-123"}
    conversation = admin.ok("GET", f"/conversations/{conversation_id}", params=query)
    assert [(m["role"], m["content"]) for m in conversation["messages"]] == [
        ("user", "Hello"), ("assistant", "Hello! You said: Hello"),
        ("user", "Again"), ("assistant", second["response"]),
    ]  # fmt: skip
    traces = admin.ok("GET", f"/conversations/{conversation_id}/traces", params=query)["traces"]
    runs = [r for r in emu.runs if r.conversation_id == conversation_id]
    assert [t["run_id"] for t in traces] == [r.run_id for r in runs]
    assert [t["status"] for t in traces] == ["finished", "finished"]
    demo = mine[0]["conversation_id"]
    demo_traces = admin.ok(
        "GET", f"/conversations/{demo}/traces", params={"agent_id": "demo-agent"}
    )
    spans = demo_traces["traces"][0]["spans"]
    assert {"kind": "tool_call", "name": "web_search"}.items() <= next(
        s for s in spans if s["kind"] == "tool_call"
    ).items()
    admin.refused("GET", f"/conversations/{conversation_id}", 400, "invalid_request")
    admin.refused(
        "GET",
        f"/conversations/{conversation_id}",
        404,
        "not_found",
        params={"agent_id": "demo-agent"},
    )
    admin.refused("GET", "/conversations/nope/traces", 404, "not_found", params=query)


def test_conversations_page(emu: Emulator, admin: Admin, http: httpx.Client) -> None:
    made = [run(http, emu, user_input=f"n{n}").json()["conversation_id"] for n in range(5)]
    pages = admin.pages("/conversations", "conversations", limit=2)
    assert items(pages, "conversations", "conversation_id") == made
    assert len(pages) == 3


def test_usage_counts_runs(emu: Emulator, admin: Admin, http: httpx.Client) -> None:
    before = admin.ok("GET", "/usage")
    assert (before["subscription_plan"], before["runs"], before["credits_used"]) == ("pro", 0, 0)
    run(http, emu)
    run(http, emu, agent_id="error-agent")
    after = admin.ok("GET", "/usage")
    assert (after["runs"], after["credits_used"]) == (2, 2)
    assert after["credits_remaining"] == after["credits_limit"] - 2
    assert after["period_start"] == "2025-01-01T00:00:00.000Z"


def test_members_and_roles(emu: Emulator, admin: Admin) -> None:
    members = admin.ok("GET", "/members")["members"]
    assert [m["role"] for m in members] == ["admin", "editor", "viewer"]
    viewer = members[2]["user_uuid"]
    assert admin.ok("PATCH", f"/members/{viewer}", json={"role": "editor"})["role"] == "editor"
    assert emu.admin.members[viewer]["role"] == "editor"
    admin.refused("PATCH", f"/members/{viewer}", 400, "invalid_request", json={"role": "owner"})
    admin.refused("PATCH", "/members/nobody", 404, "not_found", json={"role": "viewer"})
    pages = admin.pages("/members", "members", limit=1)
    assert len(items(pages, "members", "user_uuid")) == 3


# -- connectors ----------------------------------------------------------------------------


def test_the_connector_catalog_and_its_tools(admin: Admin) -> None:
    connectors = admin.ok("GET", "/connectors")["connectors"]
    assert [c["app_slug"] for c in connectors] == ["gmail", "slack", "notion"]
    first = admin.ok("GET", "/connectors/gmail/tools", params={"limit": 20})
    assert (first["total"], len(first["tools"]), first["has_more"]) == (32, 20, True)
    rest = admin.ok("GET", "/connectors/gmail/tools", params={"limit": 20, "offset": 20})
    assert (len(rest["tools"]), rest["has_more"]) == (12, False)
    names = [t["tool_name"] for t in first["tools"] + rest["tools"]]
    assert len(set(names)) == 32
    assert "gmail-send-email" in names


def test_a_connect_link_completes_on_its_url(
    emu: Emulator, admin: Admin, http: httpx.Client
) -> None:
    assert admin.ok("GET", "/connectors/slack/connection")["connected"] is False
    link = admin.ok("POST", "/connectors/slack/connect-link", json={"project_id": "proj-default"})
    assert link["already_connected"] is False
    assert link["expires_at"]
    assert link["connect_url"].startswith(emu.base_url + "/connect/")
    page = http.get(link["connect_url"])
    assert page.status_code == 200
    assert "Slack connected" in page.text
    assert http.get(link["connect_url"]).status_code == 404  # a link works once
    scoped = {"project_id": "proj-default"}
    assert admin.ok("GET", "/connectors/slack/connection", params=scoped)["connected"] is True
    other = {"project_id": "proj-marketing"}
    assert admin.ok("GET", "/connectors/slack/connection", params=other)["connected"] is False
    again = admin.ok("POST", "/connectors/slack/connect-link", json=scoped)
    assert again["already_connected"] is True
    assert "connect_url" not in again
    assert emu.admin.connections == {("slack", "proj-default")}


def test_attaching_and_detaching_a_connector(emu: Emulator, admin: Admin) -> None:
    path = "/agents/agent-123/connectors"
    body = {"app_slug": "gmail", "allowed_tools": ["gmail-send-email"]}
    attached = admin.ok("POST", path, json=body)
    assert (attached["allowed_tools"], attached["unrestricted"], attached["changed"]) == (
        ["gmail-send-email"], False, True,
    )  # fmt: skip
    assert "note" in attached  # no account connected yet
    emu.admin.connect("gmail")
    again = admin.ok("POST", path, json=body)
    assert again["changed"] is False
    assert "note" not in again
    everything = admin.ok("POST", path, json={"app_slug": "gmail"})
    assert everything["unrestricted"] is True
    assert everything["allowed_tools"] is None
    bad = {"app_slug": "gmail", "allowed_tools": ["gmail-launch-rockets"]}
    admin.refused("POST", path, 400, "invalid_request", json=bad)
    admin.refused("POST", path, 404, "not_found", json={"app_slug": "fax"})
    assert emu.admin.attachments["agent-123"]["gmail"]["unrestricted"] is True
    detached = admin.ok("DELETE", f"{path}/gmail")
    assert detached == {"agent_id": "agent-123", "app_slug": "gmail", "attached": False}
    assert emu.admin.attachments["agent-123"] == {}


# -- the served command ---------------------------------------------------------------------


def test_python_dash_m_prints_the_admin_base_url() -> None:
    command = [sys.executable, "-m", "sketricgen.testing", "--port", "0", "--api-key", "cli-key"]
    with subprocess.Popen(command, stdout=subprocess.PIPE, text=True) as process:
        assert process.stdout is not None
        lines = [process.stdout.readline().strip() for _ in range(4)]
        assert lines[3].startswith("# admin base URL: http://"), lines
        admin_base_url = lines[3].split(": ", 1)[1]
        answer = httpx.get(
            admin_base_url + "/teamspaces", headers={"Authorization": "Bearer cli-key"}
        )
        assert answer.json()["teamspaces"][0]["teamspace_id"] == "ts-emulator"
        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=10) == 0
