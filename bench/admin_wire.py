"""The Admin API pages the benchmark server answers: 1,000 agents, listed with `next_token`.

Both sides of the `admin-list-*` rows read them: `GET /admin/v1/agents?limit=50`, then
`&next_token=...` until it is null. Each page is built once per (offset, limit), so
the server's cost stays out of the comparison.
"""

from __future__ import annotations

import json
from typing import Any, Optional
from urllib.parse import parse_qs

AGENTS_PATH = b"/admin/v1/agents"
ADMIN_PREFIX = "/admin/v1"
AGENT_COUNT = 1000
PAGE_LIMIT = 50
_TOKEN_PREFIX = "bench_page_"


def agent(index: int) -> dict[str, Any]:
    """One agent as the service lists it (every field the incumbent's `Agent` has, and one more)."""
    return {
        "agent_id": f"agent-{index:04d}",
        "name": f"Bench agent {index}",
        "agent_type": "workflow",
        "agent_status": "active",
        "teamspace_id": "ts-bench",
        "project_id": "proj-bench",
        "created_at": "2026-11-01T09:00:00Z",
        "last_updated": "2026-11-02T10:30:00Z",
        "is_draft": False,
        "last_published_at": "2026-11-02T10:30:00Z",
        "description": f"An agent the benchmark lists ({index} of {AGENT_COUNT}).",
    }


def _offset(token: Optional[str]) -> int:
    if token and token.startswith(_TOKEN_PREFIX) and token[len(_TOKEN_PREFIX) :].isdigit():
        return int(token[len(_TOKEN_PREFIX) :])
    return 0


class AgentPages:
    """`GET /admin/v1/agents` answers by query string, each body built once."""

    def __init__(self) -> None:
        self._cache: dict[bytes, bytes] = {}

    def body(self, query: bytes) -> bytes:
        """The JSON body answering `query` (`limit`, 1..200, default 50; `next_token`)."""
        if query not in self._cache:
            params = parse_qs(query.decode("latin-1"))
            limit = min(max(int(params.get("limit", [str(PAGE_LIMIT)])[0]), 1), 200)
            start = _offset(params.get("next_token", [None])[0])
            end = min(start + limit, AGENT_COUNT)
            page = {
                "agents": [agent(i) for i in range(start, end)],
                "next_token": f"{_TOKEN_PREFIX}{end}" if end < AGENT_COUNT else None,
            }
            self._cache[query] = json.dumps(page, separators=(",", ":")).encode()
        return self._cache[query]
