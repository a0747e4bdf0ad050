"""The Admin API, `/admin/v1/...`: its routes, each checked (`_admin_call`), then answered.

Each request is checked in this order: the key (401 missing_token,
invalid_key; 403 key_expired, key_revoked), the role a write needs (403
insufficient_role), the query and body (400 invalid_request), the ids it
names (404 not_found), the key's projects (403 project_scope_mismatch), the
plan (403 plan_downgraded). Every answer is built and the state changed
under the emulator's lock, so a request is atomic. Faults act as on the
other endpoints (`endpoint="admin"`, or the `X-Emulator-Fault` header).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from http import HTTPStatus
from typing import Any, Callable, Optional
from urllib.parse import urlsplit

from sketricgen_admin_models import (
    AgentCreate,
    AgentUpdate,
    BrandAgentCreate,
    BrandAgentUpdate,
    ConnectLinkRequest,
    ConnectorAttachRequest,
    KnowledgeBaseCreate,
    KnowledgeBaseUpdate,
    MemberUpdate,
    ProjectCreate,
    ProjectUpdate,
)
from starlette.requests import Request
from starlette.responses import Response

from ._admin_call import Answer, Call, allowed, grant_of
from ._admin_catalog import AVAILABLE_MODELS, CONNECTORS, TEMPLATES
from ._admin_state import AdminError, invalid, not_found
from ._exchange import Exchange
from ._state import EmulatorState
from ._wire import json_bytes

__all__ = ["ADMIN_PREFIX", "CONNECT_PREFIX", "admin_api", "complete_connection"]

ADMIN_PREFIX = "/admin/v1"
CONNECT_PREFIX = "/connect"
_FAULT_CODES = {429: "rate_limited", 500: "internal_error", 502: "bad_gateway"}
_FAULT_CODES.update({503: "service_unavailable", 504: "gateway_timeout"})


def _json(status: int, data: Any, headers: Optional[dict[str, str]] = None) -> Response:
    return Response(json_bytes(data), status, headers, media_type="application/json")


def _error(error: AdminError) -> Response:
    headers = {"www-authenticate": "Bearer"} if error.status == 401 else None
    return _json(error.status, {"error": error.message, "code": error.code}, headers)


def _listed(row: dict[str, Any]) -> dict[str, Any]:
    """An agent as lists show it (without its workflow)."""
    return {k: v for k, v in row.items() if k != "workflow_config"}


def _copy(row: dict[str, Any]) -> dict[str, Any]:
    return json.loads(json.dumps(row))  # type: ignore[no-any-return]


# -- teamspace, projects ---------------------------------------------------------


def _teamspaces(call: Call) -> Answer:
    return 200, {"teamspaces": [dict(call.admin.teamspace)]}


def _list_projects(call: Call) -> Answer:
    def rows(after: int) -> Iterator[Any]:
        return (
            (s, r)
            for s, r in call.admin.projects.after(after)
            if call.grant.covers(r["project_id"])
        )

    return call.page("projects", "projects", "", rows)


def _create_project(call: Call) -> Answer:
    body = call.body(ProjectCreate)
    return 201, call.admin.new_project(body["display_name"], body.get("slug"))


def _get_project(call: Call) -> Answer:
    project = call.admin.project(call.params["project_id"])
    call.reach(project["project_id"])
    return 200, project


def _update_project(call: Call) -> Answer:
    body = call.body(ProjectUpdate, allow_empty=False)
    project = call.admin.project(call.params["project_id"])
    if "slug" in body:
        call.admin.check_slug(body["slug"], project["project_id"])
    project.update(body)
    return 200, project


# -- agents ------------------------------------------------------------------------


def _project_filter(call: Call) -> Optional[str]:
    project_id = call.text("project_id")
    if project_id is not None:
        call.admin.project(project_id)
        call.reach(project_id)
    return project_id


def _list_agents(call: Call) -> Answer:
    project_id = _project_filter(call)

    def rows(after: int) -> Iterator[Any]:
        for seq, row in call.admin.agents.after(after):
            if project_id in (None, row["project_id"]) and call.grant.covers(row["project_id"]):
                yield seq, _listed(row)

    return call.page("agents", "agents", project_id or "", rows)


def _create_agent(call: Call) -> Answer:
    body = call.body(AgentCreate)
    project_id = call.project_for_create(body.get("project_id"))
    call.plan_allows_creation()
    row = call.admin.new_agent(
        body["name"], project_id, body["workflow_config"], description=body.get("description")
    )
    return 201, row


def _get_agent(call: Call) -> Answer:
    return 200, call.agent()


def _update_agent(call: Call) -> Answer:
    body = call.body(AgentUpdate, allow_empty=False)
    agent = call.agent()
    agent.update(body, last_updated=call.admin.now())
    return 200, agent


def _delete_agent(call: Call) -> Answer:
    agent = call.agent()
    call.admin.delete_agent(agent["agent_id"])
    return 200, {"agent_id": agent["agent_id"], "deleted": True}


def _embed_snippet(call: Call) -> Answer:
    agent = call.agent()
    return 200, call.admin.embed(agent["agent_id"], call.base)


def _run_agent(call: Call) -> Answer:
    raise AdminError(
        501, "run_not_available",
        "agents are not run through the Admin API: use POST /api/v1/run-workflow",
    )  # fmt: skip


# -- Brand Agents and jobs ------------------------------------------------------------


def _offset_page(call: Call, items: list[Any]) -> dict[str, Any]:
    limit = call.limit()
    offset = call.number("offset", 0, 0, None)
    shown = items[offset : offset + limit]
    has_more = offset + len(shown) < len(items)
    return {
        "items": shown,
        "total": len(items),
        "limit": limit,
        "offset": offset,
        "has_more": has_more,
    }


def _list_templates(call: Call) -> Answer:
    page = _offset_page(call, [_copy(t) for t in TEMPLATES])
    return 200, {"brand_agent_templates": page.pop("items"), **page}


def _create_brand_agent(call: Call) -> Answer:
    body = call.body(BrandAgentCreate)
    seed = urlsplit(body["seed_url"])
    if seed.scheme not in ("http", "https") or not seed.hostname:
        raise invalid("seed_url must be an http(s) URL")
    template = body.get("template_slug")
    if template is not None and all(t["slug"] != template for t in TEMPLATES):
        raise not_found("Template", template)
    project_id = call.project_for_create(body.get("project_id"))
    kb_id = body.get("knowledge_base_id")
    if kb_id is not None:
        call.reach(call.admin.knowledge_base(kb_id)["project_id"])
    call.plan_allows_creation()
    _, answer = call.admin.new_brand_agent(body, project_id, call.base)
    return 202, answer


def _brand(call: Call) -> tuple[dict[str, Any], dict[str, Any]]:
    agent = call.agent()
    settings = call.admin.brand.get(agent["agent_id"])
    if settings is None:
        raise not_found("Brand Agent", agent["agent_id"])
    return agent, settings


def _get_brand_agent(call: Call) -> Answer:
    agent, _ = _brand(call)
    return 200, call.admin.brand_detail(agent["agent_id"])


def _update_brand_agent(call: Call) -> Answer:
    body = call.body(BrandAgentUpdate, allow_empty=False)
    agent, settings = _brand(call)
    model = body.get("model")
    if model is not None and all(m["id"] != model for m in AVAILABLE_MODELS):
        raise invalid(f"model '{model}' is not one of available_models")
    kb_ids = body.get("knowledge_base_ids")
    had_files = bool(settings["knowledge_base_ids"])
    if kb_ids is not None:
        for kb_id in kb_ids:
            call.reach(call.admin.knowledge_base(kb_id)["project_id"])
        for kb in call.admin.knowledge_bases.rows.values():
            using = kb["agents_using_kb"]
            if agent["agent_id"] in using and kb["knowledge_base_id"] not in kb_ids:
                using.remove(agent["agent_id"])
            elif kb["knowledge_base_id"] in kb_ids and agent["agent_id"] not in using:
                using.append(agent["agent_id"])
    settings.update(body)
    if "agent_name" in body:
        agent["name"] = body["agent_name"]
    published = agent["agent_status"] == "published"
    agent["last_updated"] = call.admin.now()
    detail = call.admin.brand_detail(agent["agent_id"])
    detail.update(
        updated=list(body), republished=published,
        file_search_node_added=not had_files and bool(settings["knowledge_base_ids"]),
    )  # fmt: skip
    return 200, detail


def _widget_answer(call: Call, agent_id: str) -> dict[str, Any]:
    entitled = call.admin.teamspace["subscription_plan"] == "pro"
    config = _copy(call.admin.widgets.get(agent_id, {}))
    return {"agent_id": agent_id, "widget_config": config, "branding_removal_entitled": entitled}


def _get_widget_config(call: Call) -> Answer:
    agent, _ = _brand(call)
    return 200, {**_widget_answer(call, agent["agent_id"]), "exists": True}


def _update_widget_config(call: Call) -> Answer:
    body = call.body(None, allow_empty=False)
    agent, _ = _brand(call)
    call.admin.widgets.setdefault(agent["agent_id"], {}).update(body)
    return 200, {**_widget_answer(call, agent["agent_id"]), "updated": list(body)}


def _get_job(call: Call) -> Answer:
    job = call.admin.job(call.params["job_id"])
    agent = call.admin.agents.rows.get(job["agent_id"])
    call.reach(agent["project_id"] if agent else None)
    call.admin.advance_job(job["job_id"])
    return 200, {k: v for k, v in job.items() if not k.startswith("x_")}


# -- knowledge bases -----------------------------------------------------------------


def _list_knowledge_bases(call: Call) -> Answer:
    project_id = _project_filter(call)

    def rows(after: int) -> Iterator[Any]:
        for seq, row in call.admin.knowledge_bases.after(after):
            if project_id in (None, row["project_id"]) and call.grant.covers(row["project_id"]):
                yield seq, row

    return call.page("knowledge_bases", "knowledge_bases", project_id or "", rows)


def _create_knowledge_base(call: Call) -> Answer:
    body = call.body(KnowledgeBaseCreate)
    project_id = call.project_for_create(body.get("project_id"))
    return 201, call.admin.new_knowledge_base(body["name"], project_id)


def _get_knowledge_base(call: Call) -> Answer:
    return 200, call.knowledge_base()


def _update_knowledge_base(call: Call) -> Answer:
    body = call.body(KnowledgeBaseUpdate, allow_empty=False)
    kb = call.knowledge_base()
    kb.update(name=body["name"], last_updated=call.admin.now())
    return 200, kb


def _delete_knowledge_base(call: Call) -> Answer:
    kb_id = call.knowledge_base()["knowledge_base_id"]
    call.admin.delete_knowledge_base(kb_id)
    return 200, {"knowledge_base_id": kb_id, "deleted": True}


def _list_data_sources(call: Call) -> Answer:
    kb_id = call.knowledge_base()["knowledge_base_id"]
    table = call.admin.data_sources[kb_id]
    return call.page("data_sources", "data_sources", kb_id, table.after)


def _delete_data_source(call: Call) -> Answer:
    kb = call.knowledge_base()
    file_name = call.params["file_name"]
    table = call.admin.data_sources[kb["knowledge_base_id"]]
    if file_name not in table.rows:
        raise not_found("Data source", file_name)
    table.remove(file_name)
    kb["last_updated"] = call.admin.now()
    return 200, {
        "knowledge_base_id": kb["knowledge_base_id"],
        "file_name": file_name,
        "deleted": True,
    }


# -- conversations, members, usage ---------------------------------------------------


def _agent_reach(call: Call, agent_id: str) -> bool:
    agent = call.admin.agents.rows.get(agent_id)
    return call.grant.covers(agent["project_id"] if agent else None)


def _list_conversations(call: Call) -> Answer:
    agent_id = call.text("agent_id")
    if agent_id is not None:
        call.reach(call.admin.agent(agent_id)["project_id"])

    def rows(after: int) -> Iterator[Any]:
        for seq, row in call.admin.conversation_rows():
            if (
                seq > after
                and agent_id in (None, row["agent_id"])
                and _agent_reach(call, row["agent_id"])
            ):
                yield seq, row

    return call.page("conversations", "conversations", agent_id or "", rows)


def _conversation_agent(call: Call) -> str:
    agent_id = call.text("agent_id", required=True)
    assert agent_id is not None
    if not _agent_reach(call, agent_id):
        agent = call.admin.agents.rows.get(agent_id)
        call.reach(agent["project_id"] if agent else None)
    return agent_id


def _get_conversation(call: Call) -> Answer:
    agent_id = _conversation_agent(call)
    return 200, call.admin.conversation(call.params["conversation_id"], agent_id)


def _conversation_traces(call: Call) -> Answer:
    agent_id = _conversation_agent(call)
    return 200, call.admin.traces(call.params["conversation_id"], agent_id)


def _list_members(call: Call) -> Answer:
    return call.page("members", "members", "", call.admin.members.after)


def _update_member(call: Call) -> Answer:
    body = call.body(MemberUpdate)
    member = call.admin.members.rows.get(call.params["user_uuid"])
    if member is None:
        raise not_found("Member", call.params["user_uuid"])
    member["role"] = body["role"]
    return 200, member


def _usage(call: Call) -> Answer:
    return 200, call.admin.usage()


# -- connectors ------------------------------------------------------------------------


def _list_connectors(call: Call) -> Answer:
    return 200, {"connectors": [dict(c) for c in CONNECTORS]}


def _list_tools(call: Call) -> Answer:
    connector = call.admin.connector(call.params["app_slug"])
    page = _offset_page(call, call.admin.tools(connector["app_slug"]))
    return 200, {"app_slug": connector["app_slug"], "provider": connector["provider"],
                 "tools": page.pop("items"), **page}  # fmt: skip


def _connect_link(call: Call) -> Answer:
    body = call.body(ConnectLinkRequest)
    connector = call.admin.connector(call.params["app_slug"])
    project_id = body.get("project_id")
    if project_id is not None:
        call.admin.project(project_id)
        call.reach(project_id)
    return 200, call.admin.new_link(connector["app_slug"], project_id, call.base)


def _connection(call: Call) -> Answer:
    connector = call.admin.connector(call.params["app_slug"])
    call.text("agent_type")
    project_id = _project_filter(call)
    connected = call.admin.connected(connector["app_slug"], project_id)
    return 200, {"app_slug": connector["app_slug"], "provider": connector["provider"],
                 "connected": connected}  # fmt: skip


def _attach(call: Call) -> Answer:
    body = call.body(ConnectorAttachRequest)
    agent = call.agent()
    connector = call.admin.connector(body["app_slug"])
    slug = connector["app_slug"]
    allowed = body.get("allowed_tools")
    if allowed is not None:
        known = {t["tool_name"] for t in call.admin.tools(slug)}
        unknown = [t for t in allowed if t not in known]
        if unknown:
            raise invalid(f"unknown tool(s) of {slug}: {', '.join(unknown)}")
    attached = call.admin.attachments.setdefault(agent["agent_id"], {})
    record = {"allowed_tools": allowed, "unrestricted": not allowed}
    changed = attached.get(slug) != record
    attached[slug] = record
    answer = {"agent_id": agent["agent_id"], "app_slug": slug, "provider": connector["provider"],
              **record, "attached": True, "changed": changed}  # fmt: skip
    if not call.admin.connected(slug, agent["project_id"]):
        answer["note"] = f"Connect a {connector['name']} account before the agent uses it."
    return 200, answer


def _detach(call: Call) -> Answer:
    agent = call.agent()
    slug = call.admin.connector(call.params["app_slug"])["app_slug"]
    call.admin.attachments.get(agent["agent_id"], {}).pop(slug, None)
    return 200, {"agent_id": agent["agent_id"], "app_slug": slug, "attached": False}


# -- routing -----------------------------------------------------------------------------

# What a route needs beyond a readable key: "" none, "editor" the Editor role,
# "admin" the Admin role with an all-Project key; "run" answers 501 to any key.
Handler = Callable[[Call], Answer]
_ID = r"(?P<{}>[^/]+)"


_Route = tuple[str, "re.Pattern[str]", Handler, str]


def _route(method: str, pattern: str, handler: Handler, needs: str = "") -> _Route:
    regex = re.sub(r"\{(\w+)\}", lambda m: _ID.format(m.group(1)), pattern)
    regex = regex.replace("(?P<file_name>[^/]+)", "(?P<file_name>.+)")
    return method, re.compile(regex + "$"), handler, needs


_ROUTES = [
    _route("GET", "/teamspaces", _teamspaces),
    _route("GET", "/projects", _list_projects),
    _route("POST", "/projects", _create_project, "admin"),
    _route("GET", "/projects/{project_id}", _get_project),
    _route("PATCH", "/projects/{project_id}", _update_project, "admin"),
    _route("GET", "/agents", _list_agents),
    _route("POST", "/agents", _create_agent, "editor"),
    _route("GET", "/agents/{agent_id}", _get_agent),
    _route("PATCH", "/agents/{agent_id}", _update_agent, "editor"),
    _route("DELETE", "/agents/{agent_id}", _delete_agent, "editor"),
    _route("GET", "/agents/{agent_id}/embed-snippet", _embed_snippet),
    _route("POST", "/agents/{agent_id}/run", _run_agent, "run"),
    _route("POST", "/agents/{agent_id}/connectors", _attach, "editor"),
    _route("DELETE", "/agents/{agent_id}/connectors/{app_slug}", _detach, "editor"),
    _route("GET", "/brand-agent-templates", _list_templates),
    _route("POST", "/brand-agents", _create_brand_agent, "editor"),
    _route("GET", "/brand-agents/{agent_id}", _get_brand_agent),
    _route("PATCH", "/brand-agents/{agent_id}", _update_brand_agent, "editor"),
    _route("GET", "/brand-agents/{agent_id}/widget-config", _get_widget_config),
    _route("PATCH", "/brand-agents/{agent_id}/widget-config", _update_widget_config, "editor"),
    _route("GET", "/jobs/{job_id}", _get_job),
    _route("GET", "/knowledge-bases", _list_knowledge_bases),
    _route("POST", "/knowledge-bases", _create_knowledge_base, "editor"),
    _route("GET", "/knowledge-bases/{knowledge_base_id}", _get_knowledge_base),
    _route("PATCH", "/knowledge-bases/{knowledge_base_id}", _update_knowledge_base, "editor"),
    _route("DELETE", "/knowledge-bases/{knowledge_base_id}", _delete_knowledge_base, "editor"),
    _route("GET", "/knowledge-bases/{knowledge_base_id}/data-sources", _list_data_sources),
    _route(
        "DELETE",
        "/knowledge-bases/{knowledge_base_id}/data-sources/{file_name}",
        _delete_data_source,
        "editor",
    ),
    _route("GET", "/conversations", _list_conversations),
    _route("GET", "/conversations/{conversation_id}", _get_conversation),
    _route("GET", "/conversations/{conversation_id}/traces", _conversation_traces),
    _route("GET", "/members", _list_members),
    _route("PATCH", "/members/{user_uuid}", _update_member, "admin"),
    _route("GET", "/usage", _usage),
    _route("GET", "/connectors", _list_connectors),
    _route("GET", "/connectors/{app_slug}/tools", _list_tools),
    _route("POST", "/connectors/{app_slug}/connect-link", _connect_link, "editor"),
    _route("GET", "/connectors/{app_slug}/connection", _connection),
]


def _dispatch(state: EmulatorState, request: Request, path: str, body: bytes) -> Answer:
    admin = state.admin
    admin.sync_chat_agents()
    grant = grant_of(admin, request.headers.get("authorization"))
    found = None
    allowed_methods = []
    for method, regex, handler, needs in _ROUTES:
        match = regex.match(path)
        if match is not None:
            allowed_methods.append(method)
            if method == request.method:
                found = (handler, needs, match.groupdict())
                break
    if found is None:
        if allowed_methods:
            raise AdminError(405, "method_not_allowed", f"{request.method} is not allowed here")
        raise AdminError(404, "not_found", f"no Admin API route {path}")
    handler, needs, params = found
    allowed(grant, needs)
    query: dict[str, list[str]] = {}
    for name, value in request.query_params.multi_items():
        query.setdefault(name, []).append(value)
    base = str(request.base_url).rstrip("/")
    call = Call(admin, grant, query, body, base, params)
    return handler(call)


def _fault_answer(exchange: Exchange, instead: Response) -> Response:
    """A replacing fault's JSON error in the Admin API's shape (`{error, code}`)."""
    if instead.media_type != "application/json":
        return instead  # a dropped connection or a proxy's HTML page stays as it is
    detail = json.loads(bytes(instead.body)).get("detail", "")
    status = instead.status_code
    code = _FAULT_CODES.get(status, "invalid_request" if status == 400 else "emulated_fault")
    headers = {k: v for k, v in instead.headers.items() if k.startswith("retry-after")}
    return _json(status, {"error": detail or HTTPStatus(status).phrase, "code": code}, headers)


def _agent_hint(path: str) -> Optional[str]:
    match = re.match(r"/(?:brand-)?agents/([^/]+)", path)
    return match.group(1) if match else None


async def admin_api(state: EmulatorState, request: Request) -> Response:
    """Answer one Admin API request."""
    body = await request.body()
    exchange = Exchange(state, request, body, "admin")
    path = request.scope["path"][len(ADMIN_PREFIX) :].rstrip("/") or "/"
    instead = exchange.take_faults("admin", _agent_hint(path), "chat")
    if instead is not None:
        return _fault_answer(exchange, instead)
    await exchange.stall_before_answer()
    try:
        with state.changed:
            status, data = _dispatch(state, request, path, body)
            answer = _json(status, data)
            state.changed.notify_all()
    except AdminError as error:
        return exchange.answer(_error(error))
    return exchange.answer(answer)


_CONNECTED_PAGE = (
    "<html><body><h1>{name} connected</h1><p>You can close this window.</p></body></html>"
)


async def complete_connection(state: EmulatorState, request: Request) -> Response:
    """GET of a connect link's URL: links the account (what the provider's page would do)."""
    exchange = Exchange(state, request, await request.body(), "admin")
    token = request.path_params.get("token", "")
    with state.changed:
        link = state.admin.links.pop(token, None)
        if link is not None:
            state.admin.connections.add(link)
            state.changed.notify_all()
    if link is None:
        return exchange.answer(_error(not_found("Connect link", token)))
    name = state.admin.connector(link[0])["name"]
    return exchange.answer(Response(_CONNECTED_PAGE.format(name=name), 200, media_type="text/html"))
