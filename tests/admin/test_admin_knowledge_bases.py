"""client.knowledge_bases against the emulator, async and sync: the knowledge bases and
their data sources; bad input refused before any request."""

from __future__ import annotations

from typing import Any

import pytest

from sketricgen import SketricGenValidationError
from sketricgen.admin import DataSource, DataSourceDeletion, KnowledgeBase, KnowledgeBaseDeletion
from tests.admin.conftest import Admin

pytestmark = pytest.mark.emulator


def test_list_filters_by_project_and_walks_the_pages(admin: Admin) -> None:
    control = admin.emulator.admin
    made = [control.add_knowledge_base(f"KB {n}", project_id="proj-marketing") for n in range(3)]
    found = admin.knowledge_bases.list(project_id="proj-marketing", limit=1)
    assert [kb.knowledge_base_id for kb in found] == made
    assert all(isinstance(kb, KnowledgeBase) for kb in found)
    assert len(admin.requests()) == 3
    every = admin.knowledge_bases.list()
    assert {kb.knowledge_base_id for kb in every} == set(control.knowledge_bases)


def test_page(admin: Admin) -> None:
    admin.emulator.admin.add_knowledge_base("Second")
    first = admin.knowledge_bases.page(limit=1)
    assert len(first) == 1
    assert first.has_more
    second = admin.knowledge_bases.page(limit=1, next_token=first.next_token)
    assert [kb.name for kb in second] == ["Second"]


def test_create_get_rename_delete(admin: Admin) -> None:
    made = admin.knowledge_bases.create("Manuals", project_id="proj-default")
    assert isinstance(made, KnowledgeBase)
    assert (made.name, made.project_id) == ("Manuals", "proj-default")
    assert admin.knowledge_bases.get(made.knowledge_base_id).name == "Manuals"
    assert admin.knowledge_bases.rename(made.knowledge_base_id, "Guides").name == "Guides"
    deleted = admin.knowledge_bases.delete(made.knowledge_base_id)
    assert isinstance(deleted, KnowledgeBaseDeletion)
    assert (deleted.knowledge_base_id, deleted.deleted) == (made.knowledge_base_id, True)
    assert made.knowledge_base_id not in admin.emulator.admin.knowledge_bases
    path = f"/admin/v1/knowledge-bases/{made.knowledge_base_id}"
    create, get, rename, delete = admin.requests()
    assert (create.method, create.path, create.json()) == (
        "POST", "/admin/v1/knowledge-bases", {"name": "Manuals", "project_id": "proj-default"},
    )  # fmt: skip
    assert (get.method, get.path) == ("GET", path)
    assert (rename.method, rename.path, rename.json()) == ("PATCH", path, {"name": "Guides"})
    assert (delete.method, delete.path) == ("DELETE", path)


def test_data_sources_list_and_delete(admin: Admin) -> None:
    files = ["a.pdf", "b.md", "c.txt", "d e.csv"]
    kb_id = admin.emulator.admin.add_knowledge_base("Docs", files=files)
    sources = admin.knowledge_bases.list_data_sources(kb_id, limit=3)
    assert [s.file_name for s in sources] == files
    assert all(isinstance(s, DataSource) for s in sources)
    page = admin.knowledge_bases.page_data_sources(kb_id, limit=3)
    assert len(page) == 3
    assert page.has_more
    deleted = admin.knowledge_bases.delete_data_source(kb_id, "d e.csv")
    assert isinstance(deleted, DataSourceDeletion)
    assert (deleted.file_name, deleted.deleted) == ("d e.csv", True)
    assert set(admin.emulator.admin.data_sources(kb_id)) == {"a.pdf", "b.md", "c.txt"}
    requests = admin.requests()
    assert [r.method for r in requests] == ["GET", "GET", "GET", "DELETE"]
    assert requests[0].path == f"/admin/v1/knowledge-bases/{kb_id}/data-sources"
    assert requests[-1].path == f"/admin/v1/knowledge-bases/{kb_id}/data-sources/d e.csv"


@pytest.mark.parametrize(
    ("method", "args", "kwargs", "field"),
    [
        ("get", ("",), {}, "knowledge_base_id"),
        ("create", ("",), {}, "name"),
        ("create", ("KB",), {"project_id": 7}, "project_id"),
        ("rename", ("kb-product-docs", None), {}, "name"),
        ("delete", (None,), {}, "knowledge_base_id"),
        ("list_data_sources", ("",), {}, "knowledge_base_id"),
        ("list_data_sources", ("kb-product-docs",), {"limit": -5}, "limit"),
        ("page_data_sources", ("kb-product-docs",), {"next_token": 3}, "next_token"),
        ("delete_data_source", ("kb-product-docs", ""), {}, "file_name"),
        ("list", (), {"limit": 1000}, "limit"),
    ],
)
def test_bad_input_is_refused_before_any_request(
    admin: Admin, method: str, args: tuple[Any, ...], kwargs: dict[str, Any], field: str
) -> None:
    with pytest.raises(SketricGenValidationError) as caught:
        getattr(admin.knowledge_bases, method)(*args, **kwargs)
    assert caught.value.field == field
    assert admin.requests() == []
