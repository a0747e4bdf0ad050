"""client.projects and client.whoami() against the emulator, async and sync."""

from __future__ import annotations

from typing import Any, Callable

import pytest

from sketricgen import SketricGenUnexpectedResponseError, SketricGenValidationError
from sketricgen.admin import Page, Project, Teamspace
from tests.admin.conftest import Admin
from tests.helpers.hostile_server import HostileServer, answer

pytestmark = pytest.mark.emulator


def test_whoami_is_the_keys_teamspace(admin: Admin) -> None:
    teamspace = admin.whoami()
    assert isinstance(teamspace, Teamspace)
    assert teamspace.teamspace_id == "ts-emulator"
    assert teamspace.subscription_plan == "pro"
    (request,) = admin.requests()
    assert (request.method, request.path) == ("GET", "/admin/v1/teamspaces")
    # The emulator records the key masked; it answers 200 only to `Bearer <its key>`.
    assert "authorization" in request.headers
    assert request.status == 200
    assert request.headers["accept"] == "application/json"
    assert "api-key" not in request.headers  # the chat API's header stays on the chat host


@pytest.mark.parametrize("mode", ["async", "sync"])
def test_whoami_without_a_teamspace_is_an_unexpected_answer(
    mode: str, admin_factory: Callable[..., Admin]
) -> None:
    body = b'{"teamspaces": []}'
    with HostileServer(answer("200 OK", body, {"Content-Type": "application/json"})) as server:
        admin = admin_factory(mode, admin_base_url=server.base_url + "/admin/v1")
        with pytest.raises(SketricGenUnexpectedResponseError, match="no Teamspace"):
            admin.whoami()
    assert [r.request_line for r in server.received] == ["GET /admin/v1/teamspaces HTTP/1.1"]


def test_list_walks_every_page_lazily(admin: Admin) -> None:
    for number in range(5):
        admin.emulator.admin.add_project(f"Team {number}")
    projects = admin.projects.list(limit=2)
    assert [p.display_name for p in projects] == [
        "Default", "Marketing", "Team 0", "Team 1", "Team 2", "Team 3", "Team 4",
    ]  # fmt: skip
    assert all(isinstance(p, Project) for p in projects)
    queries = [r.query for r in admin.requests()]
    assert len(queries) == 4  # 2 + 2 + 2 + 1
    assert queries[0] == "limit=2"
    assert all(q.startswith("limit=2&next_token=") for q in queries[1:])


def test_list_without_a_limit_sends_none(admin: Admin) -> None:
    assert len(list(admin.projects.list())) == 2
    assert [r.query for r in admin.requests()] == [""]


def test_page_gives_one_page_and_the_token_of_the_next(admin: Admin) -> None:
    admin.emulator.admin.add_project("Third")
    first = admin.projects.page(limit=2)
    assert isinstance(first, Page)
    assert [p.project_id for p in first] == ["proj-default", "proj-marketing"]
    assert first.has_more
    second = admin.projects.page(limit=2, next_token=first.next_token)
    assert [p.display_name for p in second.items] == ["Third"]
    assert not second.has_more
    assert second.next_token is None
    assert len(admin.requests()) == 2


def test_get_create_and_rename(admin: Admin) -> None:
    project = admin.projects.get("proj-marketing")
    assert project.display_name == "Marketing"
    made = admin.projects.create("Support", slug="support")
    assert isinstance(made, Project)
    assert (made.display_name, made.slug) == ("Support", "support")
    assert made.project_id in admin.emulator.admin.projects
    renamed = admin.projects.rename(made.project_id, "Customer care")
    assert renamed.display_name == "Customer care"
    assert admin.emulator.admin.projects[made.project_id]["display_name"] == "Customer care"
    get, create, rename = admin.requests()
    assert (get.method, get.path) == ("GET", "/admin/v1/projects/proj-marketing")
    assert (create.method, create.path) == ("POST", "/admin/v1/projects")
    assert create.json() == {"display_name": "Support", "slug": "support"}
    assert create.headers["content-type"] == "application/json"
    assert (rename.method, rename.path) == ("PATCH", f"/admin/v1/projects/{made.project_id}")
    assert rename.json() == {"display_name": "Customer care"}


@pytest.mark.parametrize(
    ("method", "args", "kwargs", "field"),
    [
        ("get", ("",), {}, "project_id"),
        ("get", (None,), {}, "project_id"),
        ("create", ("  ",), {}, "display_name"),
        ("create", ("Ok",), {"slug": 3}, "slug"),
        ("rename", ("proj-default", ""), {}, "display_name"),
        ("page", (), {"limit": 0}, "limit"),
        ("page", (), {"next_token": ""}, "next_token"),
        ("list", (), {"limit": 201}, "limit"),
    ],
)
def test_bad_input_is_refused_before_any_request(
    admin: Admin, method: str, args: tuple[Any, ...], kwargs: dict[str, Any], field: str
) -> None:
    with pytest.raises(SketricGenValidationError) as caught:
        getattr(admin.projects, method)(*args, **kwargs)
    assert caught.value.field == field
    assert admin.requests() == []
