"""client.connectors against the emulator: catalog, tools, connect links, guarded attach, detach."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from urllib.parse import parse_qs

import httpx
import pytest

from sketricgen import SketricGenClient, SketricGenNotFoundError, SketricGenValidationError
from sketricgen.admin import (
    ConnectionStatus,
    ConnectLink,
    Connector,
    ConnectorAttachment,
    ConnectorDetachment,
    ConnectorTools,
)
from sketricgen.testing import Emulator, RecordedRequest

pytestmark = pytest.mark.emulator

AGENT = "agent-123"


@pytest.fixture
def key(sketricgen_emulator: Emulator) -> str:
    """An Admin key of one project: creates need no project_id (the incumbent's bodies)."""
    return sketricgen_emulator.admin.add_key("admin", projects=["proj-default"])


@pytest.fixture
def client(sketricgen_emulator: Emulator, key: str) -> Iterator[SketricGenClient]:
    client = SketricGenClient(
        key,
        base_url=sketricgen_emulator.base_url,
        admin_base_url=sketricgen_emulator.admin_base_url,
        max_retries=0,
    )
    yield client
    client.close()


def _last(emulator: Emulator) -> RecordedRequest:
    return emulator.requests_to("admin")[-1]


def _query(request: RecordedRequest) -> dict[str, list[str]]:
    return parse_qs(request.query, keep_blank_values=True)


# -- list ---------------------------------------------------------------------------------


@pytest.mark.anyio
async def test_list_is_a_list_of_the_catalog_async(
    client: SketricGenClient, sketricgen_emulator: Emulator
) -> None:
    connectors = await client.connectors.list()
    assert isinstance(connectors, list)
    assert all(isinstance(c, Connector) for c in connectors)
    assert [c.app_slug for c in connectors] == ["gmail", "slack", "notion"]
    gmail = connectors[0]
    assert (gmail.name, gmail.provider, gmail.supports_connect_link) == ("Gmail", "pipedream", True)
    request = _last(sketricgen_emulator)
    assert (request.method, request.path, request.query) == ("GET", "/admin/v1/connectors", "")
    # The emulator records the key masked; it answers 401 unless it got `Bearer <key>`.
    assert "authorization" in request.headers
    assert "api-key" not in request.headers


def test_list_sync(client: SketricGenClient) -> None:
    connectors = client.connectors.list_sync()
    assert isinstance(connectors, list)
    assert [c.app_slug for c in connectors] == ["gmail", "slack", "notion"]


# -- list_tools ---------------------------------------------------------------------------


@pytest.mark.anyio
async def test_list_tools_sends_limit_and_offset_async(
    client: SketricGenClient, sketricgen_emulator: Emulator
) -> None:
    tools = await client.connectors.list_tools("gmail", 5, 10)
    assert isinstance(tools, ConnectorTools)
    assert tools.app_slug == "gmail"
    assert [t.tool_name for t in tools.tools] == [
        "gmail-mark-as-unread", "gmail-star-email", "gmail-unstar-email", "gmail-add-label",
        "gmail-remove-label",
    ]  # fmt: skip
    assert (tools.limit, tools.offset, tools.has_more) == (5, 10, True)
    request = _last(sketricgen_emulator)
    assert request.path == "/admin/v1/connectors/gmail/tools"
    assert _query(request) == {"limit": ["5"], "offset": ["10"]}


def test_list_tools_without_paging_leaves_the_query_out_sync(
    client: SketricGenClient, sketricgen_emulator: Emulator
) -> None:
    tools = client.connectors.list_tools_sync("slack")
    assert tools.total == len(tools.tools) == 8
    assert tools.tools[0].tool_name == "slack-send-message"
    assert _last(sketricgen_emulator).query == ""


def test_list_tools_of_an_unknown_connector_is_not_found(client: SketricGenClient) -> None:
    with pytest.raises(SketricGenNotFoundError):
        client.connectors.list_tools_sync("no-such-app")


# -- create_link / check_connection --------------------------------------------------------


@pytest.mark.anyio
async def test_create_link_then_check_connection_async(
    client: SketricGenClient, sketricgen_emulator: Emulator
) -> None:
    before = await client.connectors.check_connection("notion")
    assert isinstance(before, ConnectionStatus)
    assert (before.app_slug, before.connected) == ("notion", False)

    link = await client.connectors.create_link("notion")
    assert isinstance(link, ConnectLink)
    assert link.app_slug == "notion"
    assert link.connect_url is not None
    # As the incumbent: an empty object when nothing is given.
    assert _last(sketricgen_emulator).json() == {}
    assert _last(sketricgen_emulator).path == "/admin/v1/connectors/notion/connect-link"

    async with httpx.AsyncClient() as browser:  # the user opens the consent page
        assert (await browser.get(link.connect_url)).status_code == 200

    after = await client.connectors.check_connection("notion")
    assert after.connected is True


def test_create_link_and_check_connection_send_their_arguments_sync(
    client: SketricGenClient, sketricgen_emulator: Emulator
) -> None:
    link = client.connectors.create_link_sync("slack", "proj-default", "brand_agent")
    assert link.app_slug == "slack"
    assert _last(sketricgen_emulator).json() == {
        "project_id": "proj-default",
        "agent_type": "brand_agent",
    }
    status = client.connectors.check_connection_sync("slack", "brand_agent", "proj-default")
    assert status.app_slug == "slack"
    request = _last(sketricgen_emulator)
    assert request.path == "/admin/v1/connectors/slack/connection"
    assert _query(request) == {"agent_type": ["brand_agent"], "project_id": ["proj-default"]}


def test_check_connection_leaves_none_out_sync(
    client: SketricGenClient, sketricgen_emulator: Emulator
) -> None:
    client.connectors.check_connection_sync("gmail", project_id="proj-default")
    assert _query(_last(sketricgen_emulator)) == {"project_id": ["proj-default"]}
    client.connectors.check_connection_sync("gmail")
    assert _last(sketricgen_emulator).query == ""


# -- attach: the guard ----------------------------------------------------------------------


@pytest.mark.parametrize("allowed_tools", [None, []])
@pytest.mark.anyio
async def test_attach_without_tools_is_refused_before_any_request_async(
    client: SketricGenClient, sketricgen_emulator: Emulator, allowed_tools: Any
) -> None:
    with pytest.raises(SketricGenValidationError) as caught:
        await client.connectors.attach(AGENT, "gmail", allowed_tools)
    message = str(caught.value)
    assert "every tool" in message
    assert "allow_all_tools=True" in message
    assert "list_tools" in message
    assert caught.value.field == "allowed_tools"
    assert sketricgen_emulator.requests_to("admin") == []


@pytest.mark.parametrize("allowed_tools", [None, []])
def test_attach_without_tools_is_refused_before_any_request_sync(
    client: SketricGenClient, sketricgen_emulator: Emulator, allowed_tools: Any
) -> None:
    with pytest.raises(SketricGenValidationError, match="allow_all_tools=True"):
        client.connectors.attach_sync(AGENT, "gmail", allowed_tools)
    with pytest.raises(SketricGenValidationError, match="allow_all_tools=True"):
        client.connectors.attach_sync(AGENT, "gmail", allowed_tools=allowed_tools)
    assert sketricgen_emulator.requests_to("admin") == []


@pytest.mark.parametrize("allowed_tools", [["gmail-send-email"], []])
def test_tools_and_allow_all_tools_together_are_refused(
    client: SketricGenClient, sketricgen_emulator: Emulator, allowed_tools: list[str]
) -> None:
    with pytest.raises(SketricGenValidationError) as caught:
        client.connectors.attach_sync(AGENT, "gmail", allowed_tools, allow_all_tools=True)
    assert "not both" in str(caught.value)
    assert sketricgen_emulator.requests_to("admin") == []


@pytest.mark.parametrize(
    ("allowed_tools", "allow_all_tools"),
    [("gmail-send-email", False), (["gmail-send-email", 3], False), ([""], False), (None, 1)],
)
def test_attach_with_ill_typed_arguments_is_refused(
    client: SketricGenClient,
    sketricgen_emulator: Emulator,
    allowed_tools: Any,
    allow_all_tools: Any,
) -> None:
    with pytest.raises(SketricGenValidationError):
        client.connectors.attach_sync(
            AGENT, "gmail", allowed_tools, allow_all_tools=allow_all_tools
        )
    assert sketricgen_emulator.requests_to("admin") == []


# -- attach / detach -----------------------------------------------------------------------


@pytest.mark.anyio
async def test_attach_named_tools_then_detach_async(
    client: SketricGenClient, sketricgen_emulator: Emulator
) -> None:
    attached = await client.connectors.attach(
        AGENT, "gmail", ["gmail-list-emails", "gmail-get-email"]
    )
    assert isinstance(attached, ConnectorAttachment)
    assert (attached.agent_id, attached.app_slug) == (AGENT, "gmail")
    assert attached.allowed_tools == ["gmail-list-emails", "gmail-get-email"]
    assert attached.unrestricted is not True
    request = _last(sketricgen_emulator)
    assert (request.method, request.path) == ("POST", f"/admin/v1/agents/{AGENT}/connectors")
    assert request.json() == {
        "app_slug": "gmail",
        "allowed_tools": ["gmail-list-emails", "gmail-get-email"],
    }

    detached = await client.connectors.detach(AGENT, "gmail")
    assert isinstance(detached, ConnectorDetachment)
    assert (detached.agent_id, detached.app_slug, detached.attached) == (AGENT, "gmail", False)
    request = _last(sketricgen_emulator)
    assert (request.method, request.path) == (
        "DELETE",
        f"/admin/v1/agents/{AGENT}/connectors/gmail",
    )


def test_attach_every_tool_with_the_opt_in_then_detach_sync(
    client: SketricGenClient, sketricgen_emulator: Emulator
) -> None:
    attached = client.connectors.attach_sync(AGENT, "slack", allow_all_tools=True)
    assert attached.unrestricted is True
    # The incumbent's body for attach(agent_id, app_slug): allowed_tools left out.
    assert _last(sketricgen_emulator).json() == {"app_slug": "slack"}

    detached = client.connectors.detach_sync(AGENT, "slack")
    assert (detached.app_slug, detached.attached) == ("slack", False)


def test_attach_takes_a_tuple_of_tools(
    client: SketricGenClient, sketricgen_emulator: Emulator
) -> None:
    client.connectors.attach_sync(AGENT, "notion", ("notion-get-page",))
    assert _last(sketricgen_emulator).json() == {
        "app_slug": "notion",
        "allowed_tools": ["notion-get-page"],
    }


@pytest.mark.parametrize(
    "call",
    [
        lambda c: c.connectors.list_tools_sync(""),
        lambda c: c.connectors.create_link_sync(""),
        lambda c: c.connectors.check_connection_sync(""),
        lambda c: c.connectors.attach_sync("", "gmail", ["gmail-get-email"]),
        lambda c: c.connectors.attach_sync(AGENT, "", ["gmail-get-email"]),
        lambda c: c.connectors.detach_sync(AGENT, ""),
        lambda c: c.connectors.detach_sync(None, "gmail"),
    ],
)
def test_empty_ids_are_refused_before_any_request(
    client: SketricGenClient, sketricgen_emulator: Emulator, call: Any
) -> None:
    with pytest.raises(SketricGenValidationError):
        call(client)
    assert sketricgen_emulator.requests_to("admin") == []
