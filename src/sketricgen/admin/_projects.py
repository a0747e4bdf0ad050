"""`client.projects`: the Teamspace's projects (`/projects`)."""

# The generated modules are imported inside the functions: they load on first
# use, off the event loop (`AdminCalls.ready`).
# ruff: noqa: PLC0415

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from typing import TYPE_CHECKING, Callable, Optional

from ._checks import check_id, check_limit, check_optional_id, check_text, check_token, request_body

if TYPE_CHECKING:
    from sketricgen_admin_models import Project, ProjectList

    from .._transport.core import OperationCall
    from ._calls import AdminCalls, ListCall, Reader
    from ._pages import Page

__all__ = ["Projects"]

Plan = Callable[[], "ListCall[ProjectList, Project]"]


def _listing(limit: Optional[int]) -> Plan:
    def plan() -> ListCall[ProjectList, Project]:
        from sketricgen_admin_lowlevel.api.projects import list_projects
        from sketricgen_admin_models import ProjectList

        def request(token: Optional[str]) -> OperationCall:
            return list_projects.build_request(limit=limit, next_token=token)

        return request, list_projects.parse_response, ProjectList, _projects

    return plan


def _projects(answer: ProjectList) -> list[Project]:
    return answer.projects


def _get(project_id: str) -> tuple[OperationCall, Reader, type[Project]]:
    from sketricgen_admin_lowlevel.api.projects import get_project
    from sketricgen_admin_models import Project

    return get_project.build_request(project_id=project_id), get_project.parse_response, Project


def _create(display_name: str, slug: Optional[str]) -> tuple[OperationCall, Reader, type[Project]]:
    from sketricgen_admin_lowlevel.api.projects import create_project
    from sketricgen_admin_models import Project, ProjectCreate

    new = request_body(ProjectCreate, {"display_name": display_name, "slug": slug})
    return create_project.build_request(body=new), create_project.parse_response, Project


def _rename(
    project_id: str, display_name: str, slug: Optional[str]
) -> tuple[OperationCall, Reader, type[Project]]:
    from sketricgen_admin_lowlevel.api.projects import update_project
    from sketricgen_admin_models import Project, ProjectUpdate

    change = request_body(ProjectUpdate, {"display_name": display_name, "slug": slug})
    call = update_project.build_request(project_id=project_id, body=change)
    return call, update_project.parse_response, Project


class Projects:
    """The Teamspace's projects. Every method has a blocking twin named `..._sync`."""

    def __init__(self, calls: AdminCalls) -> None:
        self._calls = calls

    def list(self, *, limit: Optional[int] = None) -> AsyncIterator[Project]:
        """Every project, page after page, fetched as you iterate (`async for`).

        `limit` is the page size asked of the service (1..200; None: its
        default, 50), not a cap on the items.
        """
        return self._calls.iterate(_listing(check_limit(limit)))

    def list_sync(self, *, limit: Optional[int] = None) -> Iterator[Project]:
        """The blocking twin of `list` (a plain iterator)."""
        return self._calls.iterate_sync(_listing(check_limit(limit)))

    async def page(
        self, *, limit: Optional[int] = None, next_token: Optional[str] = None
    ) -> Page[Project]:
        """One page of projects: pass the page's `next_token` back for the next one."""
        plan = _listing(check_limit(limit))
        return await self._calls.page(plan, check_token(next_token))

    def page_sync(
        self, *, limit: Optional[int] = None, next_token: Optional[str] = None
    ) -> Page[Project]:
        """The blocking twin of `page`."""
        return self._calls.page_sync(_listing(check_limit(limit)), check_token(next_token))

    async def get(self, project_id: str) -> Project:
        """One project by id."""
        project_id = check_id(project_id, "project_id")
        await self._calls.ready()
        return await self._calls.send(*_get(project_id))

    def get_sync(self, project_id: str) -> Project:
        """The blocking twin of `get`."""
        return self._calls.send_sync(*_get(check_id(project_id, "project_id")))

    async def create(self, display_name: str, *, slug: Optional[str] = None) -> Project:
        """Create a project (Admin role, all-Project key); `slug` is derived when None."""
        display_name = check_text(display_name, "display_name")
        slug = check_optional_id(slug, "slug")
        await self._calls.ready()
        return await self._calls.send(*_create(display_name, slug))

    def create_sync(self, display_name: str, *, slug: Optional[str] = None) -> Project:
        """The blocking twin of `create`."""
        display_name = check_text(display_name, "display_name")
        return self._calls.send_sync(*_create(display_name, check_optional_id(slug, "slug")))

    async def rename(
        self, project_id: str, display_name: str, *, slug: Optional[str] = None
    ) -> Project:
        """Give a project a new `display_name` (and `slug`, when given)."""
        project_id = check_id(project_id, "project_id")
        display_name = check_text(display_name, "display_name")
        slug = check_optional_id(slug, "slug")
        await self._calls.ready()
        return await self._calls.send(*_rename(project_id, display_name, slug))

    def rename_sync(
        self, project_id: str, display_name: str, *, slug: Optional[str] = None
    ) -> Project:
        """The blocking twin of `rename`."""
        project_id = check_id(project_id, "project_id")
        display_name = check_text(display_name, "display_name")
        slug = check_optional_id(slug, "slug")
        return self._calls.send_sync(*_rename(project_id, display_name, slug))
