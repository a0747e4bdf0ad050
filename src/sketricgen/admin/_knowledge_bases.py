"""`client.knowledge_bases`: knowledge bases and their data sources (`/knowledge-bases`)."""

# The generated modules are imported inside the functions: they load on first
# use, off the event loop (`AdminCalls.ready`).
# ruff: noqa: PLC0415

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from typing import TYPE_CHECKING, Any, Callable, Optional

from ._checks import check_id, check_limit, check_optional_id, check_text, check_token, request_body

if TYPE_CHECKING:
    from sketricgen_admin_models import (
        DataSource,
        DataSourceDeletion,
        DataSourceList,
        KnowledgeBase,
        KnowledgeBaseDeletion,
        KnowledgeBaseList,
    )

    from .._transport.core import OperationCall
    from ._calls import AdminCalls, ListCall, Reader
    from ._pages import Page

__all__ = ["KnowledgeBases"]

Plan = Callable[[], "ListCall[KnowledgeBaseList, KnowledgeBase]"]
SourcesPlan = Callable[[], "ListCall[DataSourceList, DataSource]"]


def _plan(project_id: Any, limit: Any) -> Plan:
    project_id = check_optional_id(project_id, "project_id")
    limit = check_limit(limit)

    def plan() -> ListCall[KnowledgeBaseList, KnowledgeBase]:
        from sketricgen_admin_lowlevel.api.knowledge_bases import list_knowledge_bases as op
        from sketricgen_admin_models import KnowledgeBaseList

        def request(token: Optional[str]) -> OperationCall:
            return op.build_request(limit=limit, next_token=token, project_id=project_id)

        return request, op.parse_response, KnowledgeBaseList, _knowledge_bases

    return plan


def _knowledge_bases(answer: KnowledgeBaseList) -> list[KnowledgeBase]:
    return answer.knowledge_bases


def _sources_plan(knowledge_base_id: Any, limit: Any) -> SourcesPlan:
    knowledge_base_id = check_id(knowledge_base_id, "knowledge_base_id")
    limit = check_limit(limit)

    def plan() -> ListCall[DataSourceList, DataSource]:
        from sketricgen_admin_lowlevel.api.knowledge_bases import list_data_sources as op
        from sketricgen_admin_models import DataSourceList

        def request(token: Optional[str]) -> OperationCall:
            return op.build_request(
                knowledge_base_id=knowledge_base_id, limit=limit, next_token=token
            )

        return request, op.parse_response, DataSourceList, _data_sources

    return plan


def _data_sources(answer: DataSourceList) -> list[DataSource]:
    return answer.data_sources


def _get(knowledge_base_id: str) -> tuple[OperationCall, Reader, type[KnowledgeBase]]:
    from sketricgen_admin_lowlevel.api.knowledge_bases import get_knowledge_base as op
    from sketricgen_admin_models import KnowledgeBase

    return op.build_request(knowledge_base_id=knowledge_base_id), op.parse_response, KnowledgeBase


def _create(
    name: str, project_id: Optional[str]
) -> tuple[OperationCall, Reader, type[KnowledgeBase]]:
    from sketricgen_admin_lowlevel.api.knowledge_bases import create_knowledge_base as op
    from sketricgen_admin_models import KnowledgeBase, KnowledgeBaseCreate

    new = request_body(KnowledgeBaseCreate, {"name": name, "project_id": project_id})
    return op.build_request(body=new), op.parse_response, KnowledgeBase


def _rename(knowledge_base_id: str, name: str) -> tuple[OperationCall, Reader, type[KnowledgeBase]]:
    from sketricgen_admin_lowlevel.api.knowledge_bases import update_knowledge_base as op
    from sketricgen_admin_models import KnowledgeBase, KnowledgeBaseUpdate

    call = op.build_request(
        knowledge_base_id=knowledge_base_id, body=request_body(KnowledgeBaseUpdate, {"name": name})
    )
    return call, op.parse_response, KnowledgeBase


def _delete(knowledge_base_id: str) -> tuple[OperationCall, Reader, type[KnowledgeBaseDeletion]]:
    from sketricgen_admin_lowlevel.api.knowledge_bases import delete_knowledge_base as op
    from sketricgen_admin_models import KnowledgeBaseDeletion

    call = op.build_request(knowledge_base_id=knowledge_base_id)
    return call, op.parse_response, KnowledgeBaseDeletion


def _delete_source(
    knowledge_base_id: str, file_name: str
) -> tuple[OperationCall, Reader, type[DataSourceDeletion]]:
    from sketricgen_admin_lowlevel.api.knowledge_bases import delete_data_source as op
    from sketricgen_admin_models import DataSourceDeletion

    call = op.build_request(knowledge_base_id=knowledge_base_id, file_name=file_name)
    return call, op.parse_response, DataSourceDeletion


def _ids(knowledge_base_id: Any, file_name: Any) -> tuple[str, str]:
    return check_id(knowledge_base_id, "knowledge_base_id"), check_id(file_name, "file_name")


class KnowledgeBases:
    """Knowledge bases and their data sources. Every method has a blocking twin `..._sync`."""

    def __init__(self, calls: AdminCalls) -> None:
        self._calls = calls

    def list(
        self, *, project_id: Optional[str] = None, limit: Optional[int] = None
    ) -> AsyncIterator[KnowledgeBase]:
        """Every knowledge base (of `project_id`, when given), page after page, as you iterate.

        `limit` is the page size asked of the service (1..200; None: its
        default, 50), not a cap on the items.
        """
        return self._calls.iterate(_plan(project_id, limit))

    def list_sync(
        self, *, project_id: Optional[str] = None, limit: Optional[int] = None
    ) -> Iterator[KnowledgeBase]:
        """The blocking twin of `list` (a plain iterator)."""
        return self._calls.iterate_sync(_plan(project_id, limit))

    async def page(
        self,
        *,
        project_id: Optional[str] = None,
        limit: Optional[int] = None,
        next_token: Optional[str] = None,
    ) -> Page[KnowledgeBase]:
        """One page of knowledge bases: pass the page's `next_token` back for the next one."""
        plan = _plan(project_id, limit)
        return await self._calls.page(plan, check_token(next_token))

    def page_sync(
        self,
        *,
        project_id: Optional[str] = None,
        limit: Optional[int] = None,
        next_token: Optional[str] = None,
    ) -> Page[KnowledgeBase]:
        """The blocking twin of `page`."""
        return self._calls.page_sync(_plan(project_id, limit), check_token(next_token))

    async def get(self, knowledge_base_id: str) -> KnowledgeBase:
        """One knowledge base by id."""
        knowledge_base_id = check_id(knowledge_base_id, "knowledge_base_id")
        await self._calls.ready()
        return await self._calls.send(*_get(knowledge_base_id))

    def get_sync(self, knowledge_base_id: str) -> KnowledgeBase:
        """The blocking twin of `get`."""
        return self._calls.send_sync(*_get(check_id(knowledge_base_id, "knowledge_base_id")))

    async def create(self, name: str, *, project_id: Optional[str] = None) -> KnowledgeBase:
        """Create an empty knowledge base (a key covering several projects names `project_id`)."""
        name = check_text(name, "name")
        project_id = check_optional_id(project_id, "project_id")
        await self._calls.ready()
        return await self._calls.send(*_create(name, project_id))

    def create_sync(self, name: str, *, project_id: Optional[str] = None) -> KnowledgeBase:
        """The blocking twin of `create`."""
        name = check_text(name, "name")
        return self._calls.send_sync(*_create(name, check_optional_id(project_id, "project_id")))

    async def rename(self, knowledge_base_id: str, name: str) -> KnowledgeBase:
        """Give a knowledge base a new `name`."""
        knowledge_base_id = check_id(knowledge_base_id, "knowledge_base_id")
        name = check_text(name, "name")
        await self._calls.ready()
        return await self._calls.send(*_rename(knowledge_base_id, name))

    def rename_sync(self, knowledge_base_id: str, name: str) -> KnowledgeBase:
        """The blocking twin of `rename`."""
        knowledge_base_id = check_id(knowledge_base_id, "knowledge_base_id")
        return self._calls.send_sync(*_rename(knowledge_base_id, check_text(name, "name")))

    async def delete(self, knowledge_base_id: str) -> KnowledgeBaseDeletion:
        """Delete a knowledge base; the answer says `deleted`."""
        knowledge_base_id = check_id(knowledge_base_id, "knowledge_base_id")
        await self._calls.ready()
        return await self._calls.send(*_delete(knowledge_base_id))

    def delete_sync(self, knowledge_base_id: str) -> KnowledgeBaseDeletion:
        """The blocking twin of `delete`."""
        return self._calls.send_sync(*_delete(check_id(knowledge_base_id, "knowledge_base_id")))

    def list_data_sources(
        self, knowledge_base_id: str, *, limit: Optional[int] = None
    ) -> AsyncIterator[DataSource]:
        """Every data source (file) of a knowledge base, page after page, as you iterate."""
        return self._calls.iterate(_sources_plan(knowledge_base_id, limit))

    def list_data_sources_sync(
        self, knowledge_base_id: str, *, limit: Optional[int] = None
    ) -> Iterator[DataSource]:
        """The blocking twin of `list_data_sources` (a plain iterator)."""
        return self._calls.iterate_sync(_sources_plan(knowledge_base_id, limit))

    async def page_data_sources(
        self,
        knowledge_base_id: str,
        *,
        limit: Optional[int] = None,
        next_token: Optional[str] = None,
    ) -> Page[DataSource]:
        """One page of a knowledge base's data sources."""
        plan = _sources_plan(knowledge_base_id, limit)
        return await self._calls.page(plan, check_token(next_token))

    def page_data_sources_sync(
        self,
        knowledge_base_id: str,
        *,
        limit: Optional[int] = None,
        next_token: Optional[str] = None,
    ) -> Page[DataSource]:
        """The blocking twin of `page_data_sources`."""
        plan = _sources_plan(knowledge_base_id, limit)
        return self._calls.page_sync(plan, check_token(next_token))

    async def delete_data_source(
        self, knowledge_base_id: str, file_name: str
    ) -> DataSourceDeletion:
        """Remove one file from a knowledge base; the answer says `deleted`."""
        ids = _ids(knowledge_base_id, file_name)
        await self._calls.ready()
        return await self._calls.send(*_delete_source(*ids))

    def delete_data_source_sync(self, knowledge_base_id: str, file_name: str) -> DataSourceDeletion:
        """The blocking twin of `delete_data_source`."""
        return self._calls.send_sync(*_delete_source(*_ids(knowledge_base_id, file_name)))
