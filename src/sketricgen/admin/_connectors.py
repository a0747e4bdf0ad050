"""`client.connectors`: the connector catalog, connected accounts, and agents' connector tools.

The incumbent's methods, parameters and defaults, each async with a `_sync`
twin, with one guard the service's docs ask for: `attach` without named
tools would grant the agent every tool of the connector (sending email,
deleting files...), so it is refused before any request unless the caller
opts in with `allow_all_tools=True`.
"""

# The generated modules are imported inside the helpers: an async method awaits
# `ready()` first, so they load in a worker thread, never on the event loop.
# ruff: noqa: PLC0415

from __future__ import annotations

import builtins
from typing import TYPE_CHECKING, Any, Optional

from .._exceptions import SketricGenValidationError
from ._checks import (
    check_id,
    check_id_list,
    check_offset_paging,
    check_optional_text,
    request_body,
)

if TYPE_CHECKING:
    from collections.abc import Sequence

    from sketricgen_admin_models import (
        ConnectionStatus,
        ConnectLink,
        Connector,
        ConnectorAttachment,
        ConnectorDetachment,
        ConnectorList,
        ConnectorTools,
    )

    from .._transport.core import OperationCall
    from ._calls import AdminCalls, Reader

__all__ = ["Connectors"]


def _optional_query(value: Any, name: str) -> Optional[str]:
    """None, or a string; an empty one is left out of the query (as the incumbent does)."""
    return check_optional_text(value, name) or None


def _attach_tools(allowed_tools: Any, allow_all_tools: Any) -> Optional[builtins.list[str]]:
    """The `allowed_tools` to send (None: every tool, only with the opt-in), or a refusal."""
    if not isinstance(allow_all_tools, bool):
        raise SketricGenValidationError(
            f"allow_all_tools must be True or False, got {allow_all_tools!r}",
            field="allow_all_tools",
        )
    tools = check_id_list(allowed_tools, "allowed_tools")
    if allow_all_tools:
        if tools is not None:
            raise SketricGenValidationError(
                "give allowed_tools or allow_all_tools=True, not both: allowed_tools names "
                "the only tools the agent may call, allow_all_tools=True grants every tool",
                field="allowed_tools",
            )
        return None
    if not tools:
        raise SketricGenValidationError(
            "attaching a connector without allowed_tools grants the agent every tool of the "
            "connector (including ones that send, change or delete data); name the tools "
            "the agent may call in allowed_tools (see connectors.list_tools(app_slug)), or "
            "pass allow_all_tools=True to grant every tool on purpose",
            field="allowed_tools",
        )
    return tools


# Each helper below gives (call, reader, model), for AdminCalls.send, from checked arguments.


def _catalog() -> tuple[OperationCall, Reader, type[ConnectorList]]:
    from sketricgen_admin_lowlevel.api.connectors import list_connectors as op
    from sketricgen_admin_models import ConnectorList

    return op.build_request(), op.parse_response, ConnectorList


def _tools(
    app_slug: str, limit: Optional[int], offset: Optional[int]
) -> tuple[OperationCall, Reader, type[ConnectorTools]]:
    from sketricgen_admin_lowlevel.api.connectors import list_connector_tools as op
    from sketricgen_admin_models import ConnectorTools

    call = op.build_request(app_slug=app_slug, limit=limit, offset=offset)
    return call, op.parse_response, ConnectorTools


def _link(
    app_slug: str, project_id: Optional[str], agent_type: Optional[str]
) -> tuple[OperationCall, Reader, type[ConnectLink]]:
    from sketricgen_admin_lowlevel.api.connectors import create_connect_link as op
    from sketricgen_admin_models import ConnectLink, ConnectLinkRequest

    # Nothing given: the body is `{}`, as the incumbent sends.
    request = request_body(ConnectLinkRequest, {"project_id": project_id, "agent_type": agent_type})
    return op.build_request(app_slug=app_slug, body=request), op.parse_response, ConnectLink


def _connection(
    app_slug: str, agent_type: Optional[str], project_id: Optional[str]
) -> tuple[OperationCall, Reader, type[ConnectionStatus]]:
    from sketricgen_admin_lowlevel.api.connectors import get_connection as op
    from sketricgen_admin_models import ConnectionStatus

    call = op.build_request(app_slug=app_slug, agent_type=agent_type, project_id=project_id)
    return call, op.parse_response, ConnectionStatus


def _attach(
    agent_id: str, app_slug: str, tools: Optional[builtins.list[str]]
) -> tuple[OperationCall, Reader, type[ConnectorAttachment]]:
    from sketricgen_admin_lowlevel.api.connectors import attach_connector as op
    from sketricgen_admin_models import ConnectorAttachment, ConnectorAttachRequest

    request = request_body(ConnectorAttachRequest, {"app_slug": app_slug, "allowed_tools": tools})
    return op.build_request(agent_id=agent_id, body=request), op.parse_response, ConnectorAttachment


def _detach(
    agent_id: str, app_slug: str
) -> tuple[OperationCall, Reader, type[ConnectorDetachment]]:
    from sketricgen_admin_lowlevel.api.connectors import detach_connector as op
    from sketricgen_admin_models import ConnectorDetachment

    call = op.build_request(agent_id=agent_id, app_slug=app_slug)
    return call, op.parse_response, ConnectorDetachment


class Connectors:
    """Connectors (Gmail, Slack, Notion...): the catalog, accounts, and agents' tools."""

    def __init__(self, calls: AdminCalls) -> None:
        self._calls = calls

    async def list(self) -> builtins.list[Connector]:
        """Every connector of the catalog, as a list (one request)."""
        await self._calls.ready()
        return (await self._calls.send(*_catalog())).connectors

    def list_sync(self) -> builtins.list[Connector]:
        """The blocking twin of `list`."""
        return self._calls.send_sync(*_catalog()).connectors

    async def list_tools(
        self, app_slug: str, limit: Optional[int] = None, offset: Optional[int] = None
    ) -> ConnectorTools:
        """The tools a connector offers: `limit` of them (None: the service's page) from `offset`.

        `has_more` says whether more follow (ask again with a larger `offset`).
        """
        app_slug = check_id(app_slug, "app_slug")
        limit, offset = check_offset_paging(limit, offset)
        await self._calls.ready()
        return await self._calls.send(*_tools(app_slug, limit, offset))

    def list_tools_sync(
        self, app_slug: str, limit: Optional[int] = None, offset: Optional[int] = None
    ) -> ConnectorTools:
        """The blocking twin of `list_tools`."""
        app_slug = check_id(app_slug, "app_slug")
        limit, offset = check_offset_paging(limit, offset)
        return self._calls.send_sync(*_tools(app_slug, limit, offset))

    async def create_link(
        self,
        app_slug: str,
        project_id: Optional[str] = None,
        agent_type: Optional[str] = None,
    ) -> ConnectLink:
        """A link (`connect_url`) where a person connects their account to the connector."""
        app_slug = check_id(app_slug, "app_slug")
        project_id = check_optional_text(project_id, "project_id")
        agent_type = check_optional_text(agent_type, "agent_type")
        await self._calls.ready()
        return await self._calls.send(*_link(app_slug, project_id, agent_type))

    def create_link_sync(
        self,
        app_slug: str,
        project_id: Optional[str] = None,
        agent_type: Optional[str] = None,
    ) -> ConnectLink:
        """The blocking twin of `create_link`."""
        app_slug = check_id(app_slug, "app_slug")
        project_id = check_optional_text(project_id, "project_id")
        agent_type = check_optional_text(agent_type, "agent_type")
        return self._calls.send_sync(*_link(app_slug, project_id, agent_type))

    async def check_connection(
        self,
        app_slug: str,
        agent_type: Optional[str] = None,
        project_id: Optional[str] = None,
    ) -> ConnectionStatus:
        """Whether an account is connected to the connector (`connected`)."""
        app_slug = check_id(app_slug, "app_slug")
        agent_type = _optional_query(agent_type, "agent_type")
        project_id = _optional_query(project_id, "project_id")
        await self._calls.ready()
        return await self._calls.send(*_connection(app_slug, agent_type, project_id))

    def check_connection_sync(
        self,
        app_slug: str,
        agent_type: Optional[str] = None,
        project_id: Optional[str] = None,
    ) -> ConnectionStatus:
        """The blocking twin of `check_connection`."""
        app_slug = check_id(app_slug, "app_slug")
        agent_type = _optional_query(agent_type, "agent_type")
        project_id = _optional_query(project_id, "project_id")
        return self._calls.send_sync(*_connection(app_slug, agent_type, project_id))

    async def attach(
        self,
        agent_id: str,
        app_slug: str,
        allowed_tools: Optional[Sequence[str]] = None,
        *,
        allow_all_tools: bool = False,
    ) -> ConnectorAttachment:
        """Let the agent call the connector's `allowed_tools` (names from `list_tools`).

        Without `allowed_tools` the service would grant every tool of the
        connector: that needs `allow_all_tools=True`, else
        `SketricGenValidationError` is raised before any request.
        """
        agent_id = check_id(agent_id, "agent_id")
        app_slug = check_id(app_slug, "app_slug")
        tools = _attach_tools(allowed_tools, allow_all_tools)
        await self._calls.ready()
        return await self._calls.send(*_attach(agent_id, app_slug, tools))

    def attach_sync(
        self,
        agent_id: str,
        app_slug: str,
        allowed_tools: Optional[Sequence[str]] = None,
        *,
        allow_all_tools: bool = False,
    ) -> ConnectorAttachment:
        """The blocking twin of `attach`."""
        agent_id = check_id(agent_id, "agent_id")
        app_slug = check_id(app_slug, "app_slug")
        tools = _attach_tools(allowed_tools, allow_all_tools)
        return self._calls.send_sync(*_attach(agent_id, app_slug, tools))

    async def detach(self, agent_id: str, app_slug: str) -> ConnectorDetachment:
        """Take the connector's tools away from the agent."""
        agent_id = check_id(agent_id, "agent_id")
        app_slug = check_id(app_slug, "app_slug")
        await self._calls.ready()
        return await self._calls.send(*_detach(agent_id, app_slug))

    def detach_sync(self, agent_id: str, app_slug: str) -> ConnectorDetachment:
        """The blocking twin of `detach`."""
        agent_id = check_id(agent_id, "agent_id")
        app_slug = check_id(app_slug, "app_slug")
        return self._calls.send_sync(*_detach(agent_id, app_slug))
