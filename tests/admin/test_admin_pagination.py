"""Admin lists over many pages, against the emulator and a hostile server, async and sync.

A list goes on while `next_token` is a string: short and empty pages are not
its end; pages are fetched as the caller iterates; a token given twice is an
error, not an endless loop.
"""

from __future__ import annotations

import asyncio
import json
import socket
from typing import Any, Callable, Optional

import pytest

from sketricgen import SketricGenClient, SketricGenUnexpectedResponseError
from tests.admin.conftest import Admin
from tests.helpers.hostile_server import HostileServer, Received, response_head

pytestmark = pytest.mark.emulator


def test_short_and_empty_pages_do_not_end_the_list(admin: Admin) -> None:
    made = admin.emulator.admin.add_agents(30, project_id="proj-marketing")
    admin.emulator.admin.short_pages = True
    found = admin.agents.list(project_id="proj-marketing", limit=5)
    assert [a.agent_id for a in found] == made  # each once, in order
    requests = admin.requests()
    assert len(requests) > 30 / 5 + 1  # short pages: more pages than full ones would take
    assert all("limit=5" in r.query for r in requests)


def test_a_ui_walks_the_pages_keeping_only_the_token(admin: Admin) -> None:
    made = admin.emulator.admin.add_agents(12, project_id="proj-marketing")
    admin.emulator.admin.short_pages = True
    seen: list[str] = []
    sizes: list[int] = []
    token: Optional[str] = None
    while True:
        page = admin.agents.page(project_id="proj-marketing", limit=4, next_token=token)
        seen += [a.agent_id for a in page]
        sizes.append(len(page))
        if not page.has_more:
            break
        token = page.next_token
    assert seen == made
    assert len(sizes) >= 3
    assert 0 in sizes[:-1]  # an empty page that was not the last


def test_the_sync_list_fetches_a_page_when_the_last_is_used_up(
    sketricgen_emulator: Any, admin_factory: Callable[..., Admin]
) -> None:
    sketricgen_emulator.admin.add_agents(7, project_id="proj-marketing")
    admin = admin_factory("sync")
    agents = admin.client.agents.list_sync(project_id="proj-marketing", limit=3)
    assert admin.requests() == []  # nothing sent before the first item is asked for
    for _ in range(3):
        next(agents)
    assert len(admin.requests()) == 1
    next(agents)
    assert len(admin.requests()) == 2
    assert len(list(agents)) == 3
    assert len(admin.requests()) == 3


def test_the_async_list_fetches_a_page_when_the_last_is_used_up(
    sketricgen_emulator: Any, admin_factory: Callable[..., Admin]
) -> None:
    sketricgen_emulator.admin.add_agents(7, project_id="proj-marketing")
    admin = admin_factory("async")

    async def walk() -> list[int]:
        agents = admin.client.agents.list(project_id="proj-marketing", limit=3)
        counts = [len(admin.requests())]
        for _ in range(3):
            await agents.__anext__()
        counts.append(len(admin.requests()))
        await agents.__anext__()
        counts.append(len(admin.requests()))
        rest = [agent async for agent in agents]
        counts += [len(rest), len(admin.requests())]
        return counts

    assert admin.loop is not None
    assert admin.loop.run_until_complete(walk()) == [0, 1, 2, 3, 3]


def _page(items: list[str], token: Optional[str]) -> bytes:
    body = json.dumps({"agents": [{"agent_id": i} for i in items], "next_token": token}).encode()
    head = response_head(
        "200 OK", {"Content-Type": "application/json", "Content-Length": str(len(body))}
    )
    return head + body


def _looping(conn: socket.socket, request: Received) -> None:
    """Page 1 gives token A; page A gives token B; page B gives A again."""
    line = request.request_line
    if "next_token=B" in line:
        conn.sendall(_page(["a5"], "A"))
    elif "next_token=A" in line:
        conn.sendall(_page(["a3", "a4"], "B"))
    else:
        conn.sendall(_page(["a1", "a2"], "A"))


@pytest.mark.parametrize("mode", ["async", "sync"])
def test_a_token_given_twice_stops_the_list_with_an_error(mode: str) -> None:
    delivered: list[str] = []

    def walk_sync(client: SketricGenClient) -> None:
        with client:
            for agent in client.agents.list_sync():
                delivered.append(agent.agent_id)

    async def walk(client: SketricGenClient) -> None:
        async with client:
            async for agent in client.agents.list():
                delivered.append(agent.agent_id)

    with HostileServer(_looping) as server:
        client = SketricGenClient("sk_api_test-key-1234", admin_base_url=server.base_url)

        def run() -> None:
            if mode == "sync":
                walk_sync(client)
            else:
                asyncio.run(walk(client))

        with pytest.raises(SketricGenUnexpectedResponseError, match="already given"):
            run()
    assert delivered == ["a1", "a2", "a3", "a4"]  # the items before the loop, each once
    assert len(server.received) == 3
