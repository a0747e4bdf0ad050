"""`client.members`: the Teamspace's members and their roles (`/members`)."""

# The generated modules are imported inside the functions: they load on first
# use, off the event loop (`AdminCalls.ready`).
# ruff: noqa: PLC0415

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from typing import TYPE_CHECKING, Any, Callable, Optional

from ._checks import check_id, check_limit, check_token, request_body

if TYPE_CHECKING:
    from sketricgen_admin_models import Member, MemberList

    from .._transport.core import OperationCall
    from ._calls import AdminCalls, ListCall, Reader
    from ._pages import Page

__all__ = ["Members"]

Plan = Callable[[], "ListCall[MemberList, Member]"]


def _plan(limit: Any) -> Plan:
    limit = check_limit(limit)

    def plan() -> ListCall[MemberList, Member]:
        from sketricgen_admin_lowlevel.api.members import list_members as op
        from sketricgen_admin_models import MemberList

        def request(token: Optional[str]) -> OperationCall:
            return op.build_request(limit=limit, next_token=token)

        return request, op.parse_response, MemberList, _members

    return plan


def _members(answer: MemberList) -> list[Member]:
    return answer.members


def _update(user_uuid: str, role: Any) -> tuple[OperationCall, Reader, type[Member]]:
    from sketricgen_admin_lowlevel.api.members import update_member as op
    from sketricgen_admin_models import Member, MemberUpdate

    call = op.build_request(user_uuid=user_uuid, body=request_body(MemberUpdate, {"role": role}))
    return call, op.parse_response, Member


class Members:
    """The Teamspace's members. Every method has a blocking twin named `..._sync`."""

    def __init__(self, calls: AdminCalls) -> None:
        self._calls = calls

    def list(self, *, limit: Optional[int] = None) -> AsyncIterator[Member]:
        """Every member, page after page, fetched as you iterate (`async for`).

        `limit` is the page size asked of the service (1..200; None: its
        default, 50), not a cap on the items.
        """
        return self._calls.iterate(_plan(limit))

    def list_sync(self, *, limit: Optional[int] = None) -> Iterator[Member]:
        """The blocking twin of `list` (a plain iterator)."""
        return self._calls.iterate_sync(_plan(limit))

    async def page(
        self, *, limit: Optional[int] = None, next_token: Optional[str] = None
    ) -> Page[Member]:
        """One page of members: pass the page's `next_token` back for the next one."""
        return await self._calls.page(_plan(limit), check_token(next_token))

    def page_sync(
        self, *, limit: Optional[int] = None, next_token: Optional[str] = None
    ) -> Page[Member]:
        """The blocking twin of `page`."""
        return self._calls.page_sync(_plan(limit), check_token(next_token))

    async def update_role(self, user_uuid: str, role: str) -> Member:
        """Give a member the role `"admin"`, `"editor"` or `"viewer"` (Admin role,
        all-Project key)."""
        user_uuid = check_id(user_uuid, "user_uuid")
        await self._calls.ready()
        return await self._calls.send(*_update(user_uuid, role))

    def update_role_sync(self, user_uuid: str, role: str) -> Member:
        """The blocking twin of `update_role`."""
        return self._calls.send_sync(*_update(check_id(user_uuid, "user_uuid"), role))
