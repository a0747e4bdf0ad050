"""The Admin API's control-plane state: keys, projects, agents, knowledge bases, Brand Agents.

Records are the answers' plain dicts, kept in creation order in `Table`s
whose cursor is a creation sequence number, so a deletion between two pages
neither skips nor repeats an item. Ids come from a generator seeded apart
from the chat API's, timestamps from the emulator's virtual clock. Every
method expects the caller to hold the emulator's lock (`AdminControl`, the
tests' handle, takes it itself).
"""

from __future__ import annotations

import base64
import binascii
import bisect
import copy
import json
import random
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
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
from ._s3 import iso
from ._scripts import ECHO_AGENT_ID, builtin_agents

if TYPE_CHECKING:
    from ._state import EmulatorState

__all__ = ["AdminControl", "AdminError", "AdminState", "KeyGrant", "Table"]

ROLES = ("admin", "editor", "viewer")
KEY_STATUSES = ("active", "expired", "revoked")
JOB_STEPS = ("queued", "crawling", "crawled", "kb_processing", "agent_finalizing", "succeeded")
TERMINAL_JOB_STATES = frozenset({"succeeded", "failed"})
CREDITS_PER_RUN = 1
_CREDIT_LIMITS = {"pro": 10_000, "free": 100}
_TOKEN_PREFIX = "nt_"


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


class Table:
    """Records by id in creation order; `after(seq)` walks those created after a cursor."""

    def __init__(self) -> None:
        self.rows: dict[str, dict[str, Any]] = {}
        self._seq: dict[str, int] = {}
        self._ids: list[str] = []
        self._seqs: list[int] = []
        self._next = 1

    def add(self, ident: str, row: dict[str, Any]) -> dict[str, Any]:
        """Store `row` under `ident` (a re-added id goes to the end)."""
        self.rows[ident] = row
        self._seq[ident] = self._next
        self._ids.append(ident)
        self._seqs.append(self._next)
        self._next += 1
        return row

    def remove(self, ident: str) -> None:
        """Forget `ident` (its cursor position stays valid for pages in flight)."""
        self.rows.pop(ident, None)
        self._seq.pop(ident, None)

    def after(self, seq: int) -> Iterator[tuple[int, dict[str, Any]]]:
        """(seq, row) of the live records created after `seq`, in order."""
        start = bisect.bisect_right(self._seqs, seq)
        for index in range(start, len(self._ids)):
            ident, at = self._ids[index], self._seqs[index]
            if self._seq.get(ident) == at:
                yield at, self.rows[ident]


def _token(kind: str, scope: str, after: int, page: int) -> str:
    raw = json.dumps([kind, scope, after, page], separators=(",", ":")).encode()
    return _TOKEN_PREFIX + base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _untoken(token: str, kind: str, scope: str) -> tuple[int, int]:
    bad = invalid("next_token is not one this list handed out")
    if not token.startswith(_TOKEN_PREFIX):
        raise bad
    body = token[len(_TOKEN_PREFIX) :]
    try:
        raw = base64.urlsafe_b64decode(body + "=" * (-len(body) % 4))
        found = json.loads(raw)
    except (ValueError, binascii.Error):
        raise bad from None
    if (
        not isinstance(found, list)
        or len(found) != 4
        or found[:2] != [kind, scope]
        or not all(isinstance(n, int) and n >= 0 for n in found[2:])
    ):
        raise bad
    return found[2], found[3]


def _slugify(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "project"


def _month_bounds(moment: datetime) -> tuple[datetime, datetime]:
    start = moment.replace(day=1, hour=0, minute=0, second=0, microsecond=0)
    end = (start + timedelta(days=32)).replace(day=1)
    return start, end


def _from_ms(stamp: Any) -> Optional[str]:
    if not isinstance(stamp, int):
        return None
    return iso(datetime.fromtimestamp(stamp / 1000, tz=timezone.utc))


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

    def cursor(self, kind: str, scope: str, next_token: Optional[str]) -> tuple[int, int]:
        """(after_seq, page number) a next_token stands for; (0, 0) for the first page."""
        if next_token is None:
            return 0, 0
        return _untoken(next_token, kind, scope)

    def paginate(
        self,
        kind: str,
        scope: str,
        rows: Iterator[tuple[int, dict[str, Any]]],
        *,
        limit: int,
        page_number: int,
    ) -> tuple[list[dict[str, Any]], Optional[str]]:
        """Take one page from `rows` (those after the cursor); the token of the next page.

        With `short_pages`, every third page is empty and the others hold
        about half of `limit`; the token stays a string until the real end.
        """
        take = limit
        if self.short_pages:
            take = 0 if page_number % 3 == 1 else max(1, limit // 2)
        items: list[dict[str, Any]] = []
        last = None
        for seq, row in rows:
            if len(items) == take:
                after = last if last is not None else seq - 1
                return items, _token(kind, scope, after, page_number + 1)
            items.append(row)
            last = seq
        return items, None

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

    # -- conversations and usage ------------------------------------------------------

    def conversation_rows(self) -> list[tuple[int, dict[str, Any]]]:
        """(seq, summary) of every chat conversation, oldest first."""
        runs: dict[str, list[Any]] = {}
        for run in self._state.runs:
            runs.setdefault(run.conversation_id, []).append(run)
        rows = []
        for index, conversation in enumerate(self._state.conversations.values(), start=1):
            its_runs = runs.get(conversation.conversation_id, [])
            stamps = [e.get("timestamp") for r in its_runs for e in r.events]
            stamps = [s for s in stamps if isinstance(s, int)]
            first = conversation.history[0][0] if conversation.history else None
            rows.append((index, {
                "conversation_id": conversation.conversation_id,
                "agent_id": conversation.agent_id, "contact_id": conversation.contact_id,
                "title": first[:60] if first else None,
                "message_count": 2 * len(conversation.history),
                "created_at": _from_ms(min(stamps)) if stamps else None,
                "last_updated": _from_ms(max(stamps)) if stamps else None,
            }))  # fmt: skip
        return rows

    def conversation(self, conversation_id: str, agent_id: str) -> dict[str, Any]:
        """A conversation with its messages (404 unless it is `agent_id`'s)."""
        found = self._state.conversations.get(conversation_id)
        if found is None or found.agent_id != agent_id:
            raise not_found("Conversation", conversation_id)
        summary = next(
            r for _, r in self.conversation_rows() if r["conversation_id"] == conversation_id
        )
        finished = [r for r in self._state.runs if r.conversation_id == conversation_id]
        finished = [r for r in finished if r.outcome is not None]
        messages = []
        for index, (said, answered) in enumerate(found.history):
            events = finished[index].events if index < len(finished) else []
            start = _from_ms(events[0].get("timestamp")) if events else None
            end = _from_ms(events[-1].get("timestamp")) if events else None
            messages.append({"role": "user", "content": said, "created_at": start})
            messages.append({"role": "assistant", "content": answered, "created_at": end})
        shown = {k: summary[k] for k in ("conversation_id", "agent_id", "contact_id")}
        times = {k: summary[k] for k in ("created_at", "last_updated")}
        return {**shown, **times, "messages": messages}

    def traces(self, conversation_id: str, agent_id: str) -> dict[str, Any]:
        """One trace per run of the conversation, its steps and tool calls as spans."""
        self.conversation(conversation_id, agent_id)
        traces = []
        for run in self._state.runs:
            if run.conversation_id != conversation_id:
                continue
            stamps = [e.get("timestamp") for e in run.events]
            traces.append({
                "trace_id": f"tr-{run.run_id}", "run_id": run.run_id,
                "started_at": _from_ms(stamps[0]) if stamps else None,
                "finished_at": _from_ms(stamps[-1]) if stamps and run.outcome else None,
                "status": run.outcome or "running", "spans": _spans(run.events),
            })  # fmt: skip
        return {"conversation_id": conversation_id, "agent_id": agent_id, "traces": traces}

    def usage(self) -> dict[str, Any]:
        """The plan and the credits the runs so far used (one a run)."""
        plan = self.teamspace["subscription_plan"]
        limit = _CREDIT_LIMITS.get(plan, 0)
        runs = len(self._state.runs)
        used = runs * CREDITS_PER_RUN
        start, end = _month_bounds(self._state.det.now())
        return {
            "teamspace_id": TEAMSPACE_ID, "subscription_plan": plan,
            "period_start": iso(start), "period_end": iso(end), "credits_used": used,
            "credits_limit": limit, "credits_remaining": max(0, limit - used), "runs": runs,
        }  # fmt: skip


def _spans(events: list[dict[str, Any]]) -> list[dict[str, Any]]:
    spans: list[dict[str, Any]] = []
    for event in events:
        kind = event.get("type")
        if kind == "STEP_STARTED":
            spans.append({"kind": "step", "name": event.get("step_name"),
                          "started_at": _from_ms(event.get("timestamp"))})  # fmt: skip
        elif kind == "TOOL_CALL_START":
            spans.append({"kind": "tool_call", "name": event.get("tool_call_name"),
                          "tool_call_id": event.get("tool_call_id"),
                          "started_at": _from_ms(event.get("timestamp"))})  # fmt: skip
        elif kind == "TEXT_MESSAGE_START":
            spans.append({"kind": "message", "name": "assistant",
                          "started_at": _from_ms(event.get("timestamp"))})  # fmt: skip
    return spans


class AdminControl:
    """The tests' handle on the Admin API's state: `emulator.admin`.

    Snapshots (`projects`, `agents`, ...) are copies: dicts by id of the
    records as the Admin API answers them.
    """

    def __init__(self, state: EmulatorState) -> None:
        self._state = state

    @property
    def _admin(self) -> AdminState:
        return self._state.admin

    def add_key(
        self,
        role: str = "admin",
        *,
        projects: Optional[Iterable[str]] = None,
        status: str = "active",
    ) -> str:
        """A new `sk_api_...` key: `role` admin|editor|viewer, `projects` None (all) or ids,
        `status` active|expired|revoked (expired and revoked keys answer 403)."""
        with self._state.changed:
            return self._admin.add_key(role, projects, status)

    def set_key_status(self, key: str, status: str) -> None:
        """Expire or revoke (or revive) a key made by `add_key`."""
        if status not in KEY_STATUSES:
            raise ValueError(f"status must be one of {', '.join(KEY_STATUSES)}")
        with self._state.changed:
            grant = self._admin.keys.get(key)
            if grant is None:
                raise KeyError("not a key made by add_key")
            grant.status = status

    def add_agents(
        self, count: int, *, project_id: Optional[str] = None, name: str = "Agent"
    ) -> list[str]:
        """Seed `count` workflow agents named `"{name} 1"`, ... in `project_id`
        (None: the default project); their ids, in listing order."""
        if count < 0:
            raise ValueError("count must be 0 or more")
        with self._state.changed:
            admin = self._admin
            project = project_id or DEFAULT_PROJECT_ID
            if project not in admin.projects.rows:
                _unknown(project)
            made = [
                admin.new_agent(f"{name} {n}", project, {"nodes": []})["agent_id"]
                for n in range(1, count + 1)
            ]
            self._state.changed.notify_all()
            return made

    def add_project(self, display_name: str, *, slug: Optional[str] = None) -> str:
        """A new project; its id."""
        with self._state.changed:
            return str(self._admin.new_project(display_name, slug)["project_id"])

    def add_knowledge_base(
        self, name: str, *, project_id: Optional[str] = None, files: Iterable[str] = ()
    ) -> str:
        """A new knowledge base holding `files` (names) as data sources; its id."""
        with self._state.changed:
            admin = self._admin
            project = project_id or DEFAULT_PROJECT_ID
            if project not in admin.projects.rows:
                _unknown(project)
            kb = admin.new_knowledge_base(name, project)
            for file_name in files:
                admin.add_data_source(kb["knowledge_base_id"], file_name)
            return str(kb["knowledge_base_id"])

    def downgrade_plan(self, downgraded: bool = True) -> None:
        """While set, the plan reads `free` and creating agents or Brand Agents answers
        403 plan_downgraded."""
        with self._state.changed:
            self._admin.downgraded = downgraded
            self._admin.teamspace["subscription_plan"] = "free" if downgraded else "pro"

    @property
    def short_pages(self) -> bool:
        """When true, list pages hold fewer items than asked (every third one none)
        while next_token stays a string until the real end."""
        with self._state.lock:
            return self._admin.short_pages

    @short_pages.setter
    def short_pages(self, value: bool) -> None:
        with self._state.changed:
            self._admin.short_pages = bool(value)

    def advance_job(self, job_id: str) -> str:
        """Move a Brand Agent job one state on (as a `GET /jobs/{id}` does); its status."""
        with self._state.changed:
            try:
                return self._admin.advance_job(job_id)
            except AdminError as error:
                raise KeyError(error.message) from None

    def connect(self, app_slug: str, *, project_id: Optional[str] = None) -> None:
        """Link an account for a connector, as completing a connect link does."""
        with self._state.changed:
            self._admin.connector(app_slug)
            self._admin.connections.add((app_slug, project_id))

    def _snapshot(self, rows: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
        with self._state.lock:
            self._admin.sync_chat_agents()
            return copy.deepcopy(rows)

    @property
    def teamspace(self) -> dict[str, Any]:
        """The Teamspace (`ts-emulator`)."""
        with self._state.lock:
            return dict(self._admin.teamspace)

    @property
    def projects(self) -> dict[str, dict[str, Any]]:
        """Projects by id."""
        return self._snapshot(self._admin.projects.rows)

    @property
    def agents(self) -> dict[str, dict[str, Any]]:
        """Agents (workflow and Brand Agents) by id."""
        return self._snapshot(self._admin.agents.rows)

    @property
    def knowledge_bases(self) -> dict[str, dict[str, Any]]:
        """Knowledge bases by id."""
        return self._snapshot(self._admin.knowledge_bases.rows)

    def data_sources(self, knowledge_base_id: str) -> dict[str, dict[str, Any]]:
        """The files of a knowledge base by name."""
        with self._state.lock:
            return copy.deepcopy(self._admin.data_sources[knowledge_base_id].rows)

    @property
    def members(self) -> dict[str, dict[str, Any]]:
        """Members by user_uuid."""
        return self._snapshot(self._admin.members.rows)

    @property
    def jobs(self) -> dict[str, dict[str, Any]]:
        """Brand Agent jobs by id, as `GET /jobs/{id}` answers them."""
        with self._state.lock:
            return {k: _public(v) for k, v in self._admin.jobs.items()}

    @property
    def widget_configs(self) -> dict[str, dict[str, Any]]:
        """Brand Agents' widget configurations by agent id."""
        with self._state.lock:
            return copy.deepcopy(self._admin.widgets)

    @property
    def attachments(self) -> dict[str, dict[str, dict[str, Any]]]:
        """Connectors attached to agents: agent id -> app slug -> attachment."""
        with self._state.lock:
            return copy.deepcopy(self._admin.attachments)

    @property
    def connections(self) -> set[tuple[str, Optional[str]]]:
        """Linked accounts as (app_slug, project_id or None for the Teamspace)."""
        with self._state.lock:
            return set(self._admin.connections)

    def __repr__(self) -> str:
        return "<AdminControl>"


def _unknown(project_id: str) -> None:
    raise ValueError(f"unknown project {project_id!r}")


def _public(record: dict[str, Any]) -> dict[str, Any]:
    """A record without the emulator's private `x_` keys (`x_emulator` stays: it is shown)."""
    return {
        k: copy.deepcopy(v)
        for k, v in record.items()
        if k == "x_emulator" or not k.startswith("x_")
    }
