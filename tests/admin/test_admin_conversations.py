"""client.conversations against the emulator, async and sync: a run of an emulated agent
is listed, read with its messages, and traced; bad input refused before any request."""

from __future__ import annotations

from typing import Any

import pytest

from sketricgen import SketricGenAdminNotFoundError, SketricGenValidationError
from sketricgen.admin import Conversation, ConversationSummary, ConversationTraces
from tests.admin.conftest import Admin

pytestmark = pytest.mark.emulator


def _run_twice(admin: Admin) -> str:
    first = admin.client.run_workflow_sync("agent-123", "Hello there")
    admin.client.run_workflow_sync("agent-123", "And again", first.conversation_id)
    admin.client.run_workflow_sync("demo-agent", "Other agent")
    return first.conversation_id


def test_list_get_and_traces(admin: Admin) -> None:
    conversation_id = _run_twice(admin)
    listed = admin.conversations.list(agent_id="agent-123", limit=1)
    assert [c.conversation_id for c in listed] == [conversation_id]
    assert all(isinstance(c, ConversationSummary) for c in listed)
    assert len(admin.conversations.list()) == 2
    conversation = admin.conversations.get(conversation_id, "agent-123")
    assert isinstance(conversation, Conversation)
    assert [m.role for m in conversation.messages] == ["user", "assistant"] * 2
    assert conversation.messages[0].content == "Hello there"
    traces = admin.conversations.traces(conversation_id, "agent-123")
    assert isinstance(traces, ConversationTraces)
    assert len(traces.traces) == 2  # one per run
    page = admin.conversations.page(limit=1)
    assert len(page) == 1
    assert page.has_more
    get, trace = [r for r in admin.requests() if r.path.startswith("/admin/v1/conversations/")]
    assert (get.path, get.query) == (
        f"/admin/v1/conversations/{conversation_id}",
        "agent_id=agent-123",
    )
    assert (trace.path, trace.query) == (
        f"/admin/v1/conversations/{conversation_id}/traces",
        "agent_id=agent-123",
    )


def test_another_agents_conversation_is_not_found(admin: Admin) -> None:
    conversation_id = _run_twice(admin)
    with pytest.raises(SketricGenAdminNotFoundError):
        admin.conversations.get(conversation_id, "demo-agent")


@pytest.mark.parametrize(
    ("method", "args", "kwargs", "field"),
    [
        ("get", ("", "agent-123"), {}, "conversation_id"),
        ("get", ("c-1", ""), {}, "agent_id"),
        ("traces", ("c-1", None), {}, "agent_id"),
        ("list", (), {"agent_id": ""}, "agent_id"),
        ("page", (), {"limit": 0}, "limit"),
    ],
)
def test_bad_input_is_refused_before_any_request(
    admin: Admin, method: str, args: tuple[Any, ...], kwargs: dict[str, Any], field: str
) -> None:
    with pytest.raises(SketricGenValidationError) as caught:
        getattr(admin.conversations, method)(*args, **kwargs)
    assert caught.value.field == field
    assert admin.requests() == []
