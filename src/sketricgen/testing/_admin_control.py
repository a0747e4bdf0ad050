"""`emulator.admin`: the tests' handle on the Admin API's state (`AdminControl`)."""

from __future__ import annotations

import copy
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, Optional

from ._admin_catalog import DEFAULT_PROJECT_ID
from ._admin_state import KEY_STATUSES, AdminError, AdminState

if TYPE_CHECKING:
    from ._state import EmulatorState

__all__ = ["AdminControl"]


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
