"""`client.whoami()`: the Teamspace the API key belongs to (`GET /teamspaces`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .._exceptions import SketricGenUnexpectedResponseError

if TYPE_CHECKING:
    from sketricgen_admin_models import Teamspace, TeamspaceList

    from .._transport.core import OperationCall
    from ._calls import AdminCalls, Reader

__all__ = ["whoami", "whoami_sync"]


def _list() -> tuple[OperationCall, Reader, type[TeamspaceList]]:
    from sketricgen_admin_lowlevel.api.teamspace import list_teamspaces  # noqa: PLC0415
    from sketricgen_admin_models import TeamspaceList  # noqa: PLC0415

    return list_teamspaces.build_request(), list_teamspaces.parse_response, TeamspaceList


def _first(answer: TeamspaceList) -> Teamspace:
    if not answer.teamspaces:
        raise SketricGenUnexpectedResponseError(
            "GET /teamspaces answered 200 with no Teamspace: the key should belong to one. "
            "Check admin_base_url and the key.",
            status_code=200,
        )
    return answer.teamspaces[0]


async def whoami(calls: AdminCalls) -> Teamspace:
    """The key's Teamspace: the first of `GET /teamspaces`."""
    await calls.ready()
    return _first(await calls.send(*_list()))


def whoami_sync(calls: AdminCalls) -> Teamspace:
    """The blocking twin of `whoami`."""
    return _first(calls.send_sync(*_list()))
