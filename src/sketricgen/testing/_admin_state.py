"""The Admin API's control-plane state: keys, projects, agents, knowledge bases, Brand Agents.

Records are the answers' plain dicts in `Table`s (`_admin_pages`); what
runs left (conversations, traces, usage) is read from the chat side's own
records (`_admin_history`). Ids come from a generator seeded apart from the
chat API's, timestamps from the emulator's virtual clock. Every method
expects the caller to hold the emulator's lock (`AdminControl`, the tests'
handle, takes it itself).
"""

from __future__ import annotations

import copy
import random
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import timedelta
from typing import TYPE_CHECKING, Any, Optional
from urllib.parse import urlsplit

from ._admin_catalog import (
    AVAILABLE_MODELS,
    CONNECTORS,
    DEFAULT_PROJECT_ID,
    DOCS_KB_ID,
    MEMBERS,
    PROJECTS,
    TEAMSPACE,
    TEAMSPACE_ID,
    TEMPLATES,
    connector_tools,
)
from ._admin_history import conversation, conversation_rows, traces, usage
from ._admin_pages import Row, Table, cursor, paginate
from ._s3 import iso
from ._scripts import ECHO_AGENT_ID, builtin_agents

if TYPE_CHECKING:
    from ._state import EmulatorState

__all__ = ["KEY_STATUSES", "ROLES", "AdminError", "AdminState", "KeyGrant"]

ROLES = ("admin", "editor", "viewer")
KEY_STATUSES = ("active", "expired", "revoked")
JOB_STEPS = ("queued", "crawling", "crawled", "kb_processing", "agent_finalizing", "succeeded")
TERMINAL_JOB_STATES = frozenset({"succeeded", "failed"})


class AdminError(Exception):
    """An answer `{"error": message, "code": code}` with `status`."""

    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message


def not_found(what: str, ident: str) -> AdminError:
    """404 not_found for an unknown id."""
    return AdminError(404, "not_found", f"{what} '{ident}' not found")


def invalid(message: str) -> AdminError:
    """400 invalid_request."""
    return AdminError(400, "invalid_request", message)


@dataclass
class KeyGrant:
    """What an API key may do: its role, its projects (None: all) and its status."""

    role: str
    projects: Optional[tuple[str, ...]]
    status: str = "active"

    def covers(self, project_id: Optional[str]) -> bool:
        """Whether the key reaches `project_id` (a record of no project: only all-Project keys)."""
        if self.projects is None:
            return True
        return project_id is not None and project_id in self.projects


def _slugify(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "project"


class AdminState:
    """The Teamspace the Admin API manages (see the module docstring)."""

    def __init__(self, state: EmulatorState, seed: int) -> None:
        self._state = state
        self._seed = seed
        self._echo = builtin_agents()[ECHO_AGENT_ID]
        self.reset()

    # -- setup ------------------------------------------------------------------

    def reset(self) -> None:
        """Back to the seed data."""
        self._random = random.Random(f"sketricgen-admin:{self._seed}")
        self.keys: dict[str, KeyGrant] = {}
        self.teamspace = dict(TEAMSPACE)
        self.projects = Table()
        self.agents = Table()
        self.knowledge_bases = Table()
        self.data_sources: dict[str, Table] = {}
        self.members = Table()
        self.jobs: dict[str, dict[str, Any]] = {}
        self.brand: dict[str, dict[str, Any]] = {}
        self.widgets: dict[str, dict[str, Any]] = {}
        self.attachments: dict[str, dict[str, dict[str, Any]]] = {}
        self.connections: set[tuple[str, Optional[str]]] = set()
        self.links: dict[str, tuple[str, Optional[str]]] = {}
        self.downgraded = False
        self.short_pages = False
        now = self.now()
        for project in PROJECTS:
            row = {**project, "teamspace_id": TEAMSPACE_ID, "created_at": now}
            row["is_default"] = project["project_id"] == DEFAULT_PROJECT_ID
            self.projects.add(project["project_id"], row)
        for member in MEMBERS:
            self.members.add(member["user_uuid"], dict(member))
        self.sync_chat_agents()
        kb = self.new_knowledge_base("Product docs", DEFAULT_PROJECT_ID, ident=DOCS_KB_ID)
        for name in ("getting-started.md", "pricing.pdf", "faq.html"):
            self.add_data_source(kb["knowledge_base_id"], name)

    def now(self) -> str:
        """The virtual clock, ISO 8601."""
        return iso(self._state.det.now())

    def new_id(self, prefix: str) -> str:
        """A seeded id with `prefix`."""
        return f"{prefix}{self._random.getrandbits(48):012x}"

    def sync_chat_agents(self) -> None:
        """List every chat agent of the emulator (built in or added) as a workflow agent."""
        for agent_id in self._state.agents:
            if agent_id not in self.agents.rows:
                name = agent_id.replace("-", " ").title()
                self.new_agent(name, DEFAULT_PROJECT_ID, {"nodes": []}, ident=agent_id)

    # -- keys -----------------------------------------------------------------

    def grant(self, key: str) -> Optional[KeyGrant]:
        """The grant of an API key, None for an unknown key."""
        if key == self._state.api_key:
            return KeyGrant("admin", None)
        return self.keys.get(key)

    def add_key(self, role: str, projects: Optional[Iterable[str]], status: str) -> str:
        """A new `sk_api_...` key with `role`, `projects` (None: all) and `status`."""
        if role not in ROLES:
            raise ValueError(f"role must be one of {', '.join(ROLES)}")
        if status not in KEY_STATUSES:
            raise ValueError(f"status must be one of {', '.join(KEY_STATUSES)}")
        chosen = None
        if projects is not None:
            chosen = tuple(projects)
            if isinstance(projects, str) or not chosen:
                raise ValueError("projects must be None (all) or a non-empty list of project ids")
            for project_id in chosen:
                if project_id not in self.projects.rows:
                    raise ValueError(f"unknown project {project_id!r}")
        key = f"sk_api_{self._random.getrandbits(128):032x}"
        self.keys[key] = KeyGrant(role, chosen, status)
        return key

    def project_ids(self, grant: KeyGrant) -> list[str]:
        """The projects a key reaches."""
        return [p for p in self.projects.rows if grant.covers(p)]

    # -- pages ----------------------------------------------------------------

    @staticmethod
    def cursor(kind: str, scope: str, next_token: Optional[str]) -> tuple[int, int]:
        """(after_seq, page number) of a next_token (400 for one this list did not hand out)."""
        try:
            return cursor(kind, scope, next_token)
        except ValueError as error:
            raise invalid(str(error)) from None

    def paginate(
        self,
        kind: str,
        scope: str,
        rows: Iterator[tuple[int, Row]],
        *,
        limit: int,
        page_number: int,
    ) -> tuple[list[Row], Optional[str]]:
        """One page of `rows` and the next token, short when `short_pages` is set."""
        return paginate(
            kind, scope, rows, limit=limit, page_number=page_number, short=self.short_pages
        )

    # -- projects -------------------------------------------------------------

    def project(self, project_id: str) -> dict[str, Any]:
        """A project by id (404 when unknown)."""
        found = self.projects.rows.get(project_id)
        if found is None:
            raise not_found("Project", project_id)
        return found

    def new_project(self, display_name: str, slug: Optional[str]) -> dict[str, Any]:
        """Create a project; its slug from the name unless given (400 when taken)."""
        chosen = slug or _slugify(display_name)
        self.check_slug(chosen, None)
        project_id = self.new_id("proj-")
        row = {
            "project_id": project_id, "teamspace_id": TEAMSPACE_ID, "slug": chosen,
            "display_name": display_name, "is_default": False, "created_at": self.now(),
        }  # fmt: skip
        return self.projects.add(project_id, row)

    def check_slug(self, slug: str, owner: Optional[str]) -> None:
        """400 when another project has `slug`."""
        if not re.fullmatch(r"[a-z0-9][a-z0-9-]{0,62}", slug):
            raise invalid("slug must be lower-case letters, digits and dashes")
        for project_id, row in self.projects.rows.items():
            if row["slug"] == slug and project_id != owner:
                raise invalid(f"slug '{slug}' is already in use")

    # -- agents ---------------------------------------------------------------

    def agent(self, agent_id: str) -> dict[str, Any]:
        """An agent by id (404 when unknown)."""
        found = self.agents.rows.get(agent_id)
        if found is None:
            raise not_found("Agent", agent_id)
        return found

    def new_agent(
        self,
        name: str,
        project_id: str,
        workflow_config: dict[str, Any],
        *,
        description: Optional[str] = None,
        ident: Optional[str] = None,
        agent_type: str = "workflow",
    ) -> dict[str, Any]:
        """Create an agent; a workflow agent also answers runs (as the echo agent does)."""
        agent_id = ident or self.new_id("agt-")
        now = self.now()
        published = agent_type == "workflow"
        row: dict[str, Any] = {
            "agent_id": agent_id, "name": name, "agent_type": agent_type,
            "agent_status": "published" if published else "building",
            "teamspace_id": TEAMSPACE_ID, "project_id": project_id, "created_at": now,
            "last_updated": now, "is_draft": not published,
            "last_published_at": now if published else None,
            "description": description, "workflow_config": workflow_config, "x_emulator": True,
        }  # fmt: skip
        self.agents.add(agent_id, row)
        if published and agent_id not in self._state.agents:
            self._state.agents[agent_id] = self._echo
        return row

    def delete_agent(self, agent_id: str) -> None:
        """Forget an agent everywhere: listings, runs, Brand Agent settings, KB usage."""
        self.agents.remove(agent_id)
        self._state.agents.pop(agent_id, None)
        self.brand.pop(agent_id, None)
        self.widgets.pop(agent_id, None)
        self.attachments.pop(agent_id, None)
        for kb in self.knowledge_bases.rows.values():
            if agent_id in kb["agents_using_kb"]:
                kb["agents_using_kb"].remove(agent_id)

    def embed(self, agent_id: str, base: str) -> dict[str, Any]:
        """The embed snippet of an agent (409 workflow_not_ready before its job succeeded)."""
        agent = self.agent(agent_id)
        settings = self.brand.get(agent_id)
        if settings is not None and self.jobs[settings["job_id"]]["status"] != "succeeded":
            raise AdminError(
                409, "workflow_not_ready",
                f"Agent '{agent_id}' is still being built; try again once its job succeeded",
            )  # fmt: skip
        if agent["agent_status"] != "published":
            raise AdminError(409, "workflow_not_ready", f"Agent '{agent_id}' is not published")
        public = settings["publish_widget"] if settings is not None else True
        return {"agent_id": agent_id, **self._embed_parts(agent_id, base, public)}

    @staticmethod
    def _embed_parts(agent_id: str, base: str, public: bool) -> dict[str, Any]:
        snippet = (
            f'<script src="{base}/widget/v1/embed.js" data-agent-id="{agent_id}" async></script>'
        )
        return {"snippet": snippet, "widget_url": f"{base}/widget/{agent_id}", "is_public": public}

    # -- knowledge bases ---------------------------------------------------------

    def knowledge_base(self, kb_id: str) -> dict[str, Any]:
        """A knowledge base by id (404 when unknown)."""
        found = self.knowledge_bases.rows.get(kb_id)
        if found is None:
            raise not_found("Knowledge base", kb_id)
        return found

    def new_knowledge_base(
        self, name: str, project_id: str, *, ident: Optional[str] = None
    ) -> dict[str, Any]:
        """Create an (empty, ready) knowledge base."""
        kb_id = ident or self.new_id("kb-")
        now = self.now()
        row = {
            "knowledge_base_id": kb_id, "name": name, "kb_status": "ready",
            "vector_store_id": f"vs_{self._random.getrandbits(64):016x}", "agents_using_kb": [],
            "teamspace_id": TEAMSPACE_ID, "project_id": project_id, "created_at": now,
            "last_updated": now,
        }  # fmt: skip
        self.data_sources[kb_id] = Table()
        return self.knowledge_bases.add(kb_id, row)

    def delete_knowledge_base(self, kb_id: str) -> None:
        """Forget a knowledge base and its files; agents stop using it."""
        self.knowledge_bases.remove(kb_id)
        self.data_sources.pop(kb_id, None)
        for settings in self.brand.values():
            if kb_id in settings["knowledge_base_ids"]:
                settings["knowledge_base_ids"].remove(kb_id)

    def add_data_source(self, kb_id: str, file_name: str, size: int = 2048) -> dict[str, Any]:
        """A file in a knowledge base (replacing one of the same name)."""
        table = self.data_sources[kb_id]
        row = {"file_name": file_name, "status": "indexed", "size_bytes": size}
        row["created_at"] = self.now()
        table.remove(file_name)
        return table.add(file_name, row)

    # -- Brand Agents and jobs ---------------------------------------------------

    def new_brand_agent(
        self, body: dict[str, Any], project_id: str, base: str
    ) -> tuple[dict[str, Any], dict[str, Any]]:
        """Create a Brand Agent (building) and its queued job; (agent, job)."""
        template = body.get("template_slug")
        kb_id = body.get("knowledge_base_id")
        agent = self.new_agent(
            body["name"], project_id, {"nodes": [{"type": "agent"}]},
            description=body.get("description"), agent_type="brand_agent",
        )  # fmt: skip
        agent_id = agent["agent_id"]
        job_id = self.new_id("job-")
        required: list[dict[str, Any]] = next(
            (t["required_connectors"] for t in TEMPLATES if t["slug"] == template), []
        )
        self.jobs[job_id] = {
            "job_id": job_id, "status": "queued", "crawl_status": "pending", "phase": "queued",
            "agent_id": agent_id, "base_url": body["seed_url"],
            "progress": {"pages_crawled": 0, "pages_total": 3},
            "connectors": copy.deepcopy(required), "error_summary": None,
            "created_at": self.now(), "started_at": None, "finished_at": None, "embed": None,
            "x_base": base,
        }  # fmt: skip
        publish = body.get("publish_widget")
        self.brand[agent_id] = {
            "job_id": job_id, "display_name": body["name"], "agent_name": body["name"],
            "instructions": f"You are the assistant of {urlsplit(body['seed_url']).hostname}.",
            "model": AVAILABLE_MODELS[0]["id"], "knowledge_base_ids": [kb_id] if kb_id else [],
            "publish_widget": True if publish is None else publish, "template_slug": template,
        }  # fmt: skip
        if kb_id:
            self.knowledge_bases.rows[kb_id]["agents_using_kb"].append(agent_id)
        self.widgets[agent_id] = {
            "title": body["name"], "primary_color": "#4f46e5", "position": "bottom-right",
            "greeting": "Hi! How can I help?", "show_branding": True,
        }  # fmt: skip
        answer = {
            "agent_id": agent_id, "job_id": job_id, "status": "queued",
            "poll_url": f"{base}/admin/v1/jobs/{job_id}",
            "publish_widget": self.brand[agent_id]["publish_widget"],
            "template_slug": template, "knowledge_base_id": kb_id,
            "note": "Poll poll_url until status is succeeded or failed.",
        }  # fmt: skip
        return agent, answer

    def job(self, job_id: str) -> dict[str, Any]:
        """A job by id (404 when unknown)."""
        found = self.jobs.get(job_id)
        if found is None:
            raise not_found("Job", job_id)
        return found

    def advance_job(self, job_id: str) -> str:
        """Move a job one state on (terminal states stay); its new status."""
        job = self.job(job_id)
        status = job["status"]
        if status in TERMINAL_JOB_STATES:
            return str(status)
        host = urlsplit(job["base_url"]).hostname or ""
        now = self.now()
        if status == "crawling" and host.startswith("fail."):
            job.update(status="failed", crawl_status="failed", phase="crawling", finished_at=now)
            job["error_summary"] = f"Could not crawl {job['base_url']}: the site answered 503"
            self._agent_built(job, "failed")
            return "failed"
        status = JOB_STEPS[JOB_STEPS.index(status) + 1]
        job.update(status=status, phase=status)
        if status == "crawling":
            job.update(crawl_status="running", started_at=now)
        elif status == "crawled":
            job.update(crawl_status="completed", progress={"pages_crawled": 3, "pages_total": 3})
        elif status == "kb_processing":
            self._brand_knowledge(job, host)
        elif status == "succeeded":
            settings = self.brand.get(job["agent_id"])
            public = settings["publish_widget"] if settings else True
            job.update(
                finished_at=now, embed=self._embed_parts(job["agent_id"], job["x_base"], public)
            )
            self._agent_built(job, "published")
        return str(status)

    def _brand_knowledge(self, job: dict[str, Any], host: str) -> None:
        settings = self.brand.get(job["agent_id"])
        agent = self.agents.rows.get(job["agent_id"])
        if settings is None or agent is None or settings["knowledge_base_ids"]:
            return
        kb = self.new_knowledge_base(f"{agent['name']} site", agent["project_id"])
        for page in ("index", "about", "pricing"):
            self.add_data_source(kb["knowledge_base_id"], f"{host}-{page}.md", 4096)
        kb["agents_using_kb"].append(agent["agent_id"])
        settings["knowledge_base_ids"].append(kb["knowledge_base_id"])

    def _agent_built(self, job: dict[str, Any], status: str) -> None:
        agent = self.agents.rows.get(job["agent_id"])
        if agent is None:
            return
        now = self.now()
        agent.update(agent_status=status, last_updated=now)
        if status == "published":
            agent.update(is_draft=False, last_published_at=now)
            self._state.agents.setdefault(agent["agent_id"], self._echo)

    def brand_detail(self, agent_id: str) -> dict[str, Any]:
        """GET /brand-agents/{id}: the agent, its settings, its knowledge bases."""
        agent = self.agent(agent_id)
        settings = self.brand.get(agent_id)
        if settings is None:
            raise not_found("Brand Agent", agent_id)
        shown = {k: agent[k] for k in ("agent_id", "name", "agent_status", "project_id")}
        kbs = list(settings["knowledge_base_ids"])
        return {
            "agent": {**shown, "display_name": settings["display_name"],
                      "agent_name": settings["agent_name"]},
            "settings": {"instructions": settings["instructions"], "model": settings["model"],
                         "publish_widget": settings["publish_widget"],
                         "template_slug": settings["template_slug"]},
            "used_knowledge_bases": kbs,
            "structure": {"nodes": 2 + len(kbs), "edges": 1 + len(kbs)},
            "subscription_plan": self.teamspace["subscription_plan"],
            "available_models": copy.deepcopy(AVAILABLE_MODELS),
        }  # fmt: skip

    # -- connectors -----------------------------------------------------------------

    @staticmethod
    def connector(app_slug: str) -> dict[str, Any]:
        """A connector of the catalog (404 when unknown)."""
        found = next((c for c in CONNECTORS if c["app_slug"] == app_slug), None)
        if found is None:
            raise not_found("Connector", app_slug)
        return dict(found)

    def connected(self, app_slug: str, project_id: Optional[str]) -> bool:
        """Whether the Teamspace (or `project_id`) has an account linked for `app_slug`."""
        if (app_slug, None) in self.connections:
            return True
        if project_id is None:
            return any(slug == app_slug for slug, _ in self.connections)
        return (app_slug, project_id) in self.connections

    def new_link(self, app_slug: str, project_id: Optional[str], base: str) -> dict[str, Any]:
        """A connect link whose GET links the account."""
        already = self.connected(app_slug, project_id)
        answer: dict[str, Any] = {
            "app_slug": app_slug,
            "provider": "pipedream",
            "already_connected": already,
        }
        if already:
            answer["note"] = "An account is already connected."
            return answer
        token = f"ctok_{self._random.getrandbits(96):024x}"
        self.links[token] = (app_slug, project_id)
        expires = iso(self._state.det.now() + timedelta(minutes=10))
        answer.update(connect_url=f"{base}/connect/{token}", expires_at=expires)
        return answer

    @staticmethod
    def tools(app_slug: str) -> list[dict[str, Any]]:
        """The tools of a connector."""
        return connector_tools(app_slug)

    # -- what the runs left -----------------------------------------------------

    def conversation_rows(self) -> list[tuple[int, Row]]:
        """(seq, summary) of every chat conversation, oldest first."""
        return conversation_rows(self._state)

    def conversation(self, conversation_id: str, agent_id: str) -> dict[str, Any]:
        """A conversation with its messages (404 unless it is `agent_id`'s)."""
        found = conversation(self._state, conversation_id, agent_id)
        if found is None:
            raise not_found("Conversation", conversation_id)
        return found

    def traces(self, conversation_id: str, agent_id: str) -> dict[str, Any]:
        """The traces of a conversation's runs (404 unless it is `agent_id`'s)."""
        found = traces(self._state, conversation_id, agent_id)
        if found is None:
            raise not_found("Conversation", conversation_id)
        return found

    def usage(self) -> dict[str, Any]:
        """The plan and the credits used so far."""
        return usage(self._state, TEAMSPACE_ID, self.teamspace["subscription_plan"])
