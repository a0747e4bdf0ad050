"""`client.conversations`: the agents' conversations and their run traces (read-only)."""

# The generated modules are imported inside the functions: they load on first
# use, off the event loop (`AdminCalls.ready`).
# ruff: noqa: PLC0415

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from typing import TYPE_CHECKING, Any, Callable, Optional

from ._checks import check_id, check_limit, check_optional_id, check_token

if TYPE_CHECKING:
    from sketricgen_admin_models import (
        Conversation,
        ConversationList,
        ConversationSummary,
        ConversationTraces,
    )

    from .._transport.core import OperationCall
    from ._calls import AdminCalls, ListCall, Reader
    from ._pages import Page

__all__ = ["Conversations"]

Plan = Callable[[], "ListCall[ConversationList, ConversationSummary]"]


def _plan(agent_id: Any, limit: Any) -> Plan:
    agent_id = check_optional_id(agent_id, "agent_id")
    limit = check_limit(limit)

    def plan() -> ListCall[ConversationList, ConversationSummary]:
        from sketricgen_admin_lowlevel.api.conversations import list_conversations as op
        from sketricgen_admin_models import ConversationList

        def request(token: Optional[str]) -> OperationCall:
            return op.build_request(limit=limit, next_token=token, agent_id=agent_id)

        return request, op.parse_response, ConversationList, _conversations

    return plan


def _conversations(answer: ConversationList) -> list[ConversationSummary]:
    return answer.conversations


def _ids(conversation_id: Any, agent_id: Any) -> tuple[str, str]:
    return check_id(conversation_id, "conversation_id"), check_id(agent_id, "agent_id")


def _get(conversation_id: str, agent_id: str) -> tuple[OperationCall, Reader, type[Conversation]]:
    from sketricgen_admin_lowlevel.api.conversations import get_conversation as op
    from sketricgen_admin_models import Conversation

    call = op.build_request(conversation_id=conversation_id, agent_id=agent_id)
    return call, op.parse_response, Conversation


def _traces(
    conversation_id: str, agent_id: str
) -> tuple[OperationCall, Reader, type[ConversationTraces]]:
    from sketricgen_admin_lowlevel.api.conversations import get_conversation_traces as op
    from sketricgen_admin_models import ConversationTraces

    call = op.build_request(conversation_id=conversation_id, agent_id=agent_id)
    return call, op.parse_response, ConversationTraces


class Conversations:
    """The agents' conversations (read-only). Every method has a blocking twin `..._sync`."""

    def __init__(self, calls: AdminCalls) -> None:
        self._calls = calls

    def list(
        self, *, agent_id: Optional[str] = None, limit: Optional[int] = None
    ) -> AsyncIterator[ConversationSummary]:
        """Every conversation (of `agent_id`, when given), page after page, as you iterate.

        `limit` is the page size asked of the service (1..200; None: its
        default, 50), not a cap on the items.
        """
        return self._calls.iterate(_plan(agent_id, limit))

    def list_sync(
        self, *, agent_id: Optional[str] = None, limit: Optional[int] = None
    ) -> Iterator[ConversationSummary]:
        """The blocking twin of `list` (a plain iterator)."""
        return self._calls.iterate_sync(_plan(agent_id, limit))

    async def page(
        self,
        *,
        agent_id: Optional[str] = None,
        limit: Optional[int] = None,
        next_token: Optional[str] = None,
    ) -> Page[ConversationSummary]:
        """One page of conversations: pass the page's `next_token` back for the next one."""
        plan = _plan(agent_id, limit)
        return await self._calls.page(plan, check_token(next_token))

    def page_sync(
        self,
        *,
        agent_id: Optional[str] = None,
        limit: Optional[int] = None,
        next_token: Optional[str] = None,
    ) -> Page[ConversationSummary]:
        """The blocking twin of `page`."""
        return self._calls.page_sync(_plan(agent_id, limit), check_token(next_token))

    async def get(self, conversation_id: str, agent_id: str) -> Conversation:
        """One conversation of `agent_id`, with its messages."""
        ids = _ids(conversation_id, agent_id)
        await self._calls.ready()
        return await self._calls.send(*_get(*ids))

    def get_sync(self, conversation_id: str, agent_id: str) -> Conversation:
        """The blocking twin of `get`."""
        return self._calls.send_sync(*_get(*_ids(conversation_id, agent_id)))

    async def traces(self, conversation_id: str, agent_id: str) -> ConversationTraces:
        """The traces of a conversation's runs (one per run)."""
        ids = _ids(conversation_id, agent_id)
        await self._calls.ready()
        return await self._calls.send(*_traces(*ids))

    def traces_sync(self, conversation_id: str, agent_id: str) -> ConversationTraces:
        """The blocking twin of `traces`."""
        return self._calls.send_sync(*_traces(*_ids(conversation_id, agent_id)))
