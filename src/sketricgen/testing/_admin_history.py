"""What the Admin API shows of the chat API's runs: conversations, traces, usage.

Read from the emulator's own records (its conversations and runs), so a
run of an emulated agent appears here without any bookkeeping of its own.
The caller holds the emulator's lock.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import TYPE_CHECKING, Any, Optional

from ._s3 import iso

if TYPE_CHECKING:
    from ._state import EmulatorState

__all__ = ["CREDITS_PER_RUN", "conversation", "conversation_rows", "traces", "usage"]

CREDITS_PER_RUN = 1
"""What a run costs, whatever its outcome."""

_CREDIT_LIMITS = {"pro": 10_000, "free": 100}


def _from_ms(stamp: Any) -> Optional[str]:
    if not isinstance(stamp, int) or isinstance(stamp, bool):
        return None
    return iso(datetime.fromtimestamp(stamp / 1000, tz=timezone.utc))


def conversation_rows(state: EmulatorState) -> list[tuple[int, dict[str, Any]]]:
    """(seq, summary) of every chat conversation, oldest first."""
    stamps_of: dict[str, list[int]] = {}
    for run in state.runs:
        stamps = stamps_of.setdefault(run.conversation_id, [])
        stamps += [e["timestamp"] for e in run.events if isinstance(e.get("timestamp"), int)]
    rows = []
    for index, found in enumerate(state.conversations.values(), start=1):
        stamps = stamps_of.get(found.conversation_id, [])
        first = found.history[0][0] if found.history else None
        rows.append((index, {
            "conversation_id": found.conversation_id, "agent_id": found.agent_id,
            "contact_id": found.contact_id, "title": first[:60] if first else None,
            "message_count": 2 * len(found.history),
            "created_at": _from_ms(min(stamps)) if stamps else None,
            "last_updated": _from_ms(max(stamps)) if stamps else None,
        }))  # fmt: skip
    return rows


def conversation(
    state: EmulatorState, conversation_id: str, agent_id: str
) -> Optional[dict[str, Any]]:
    """A conversation of `agent_id` with its messages (None when there is no such one)."""
    found = state.conversations.get(conversation_id)
    if found is None or found.agent_id != agent_id:
        return None
    summary = next(
        r for _, r in conversation_rows(state) if r["conversation_id"] == conversation_id
    )
    # Each finished run added one turn to the history, in order.
    finished = [r for r in state.runs if r.conversation_id == conversation_id and r.outcome]
    messages = []
    for index, (said, answered) in enumerate(found.history):
        events = finished[index].events if index < len(finished) else []
        start = _from_ms(events[0].get("timestamp")) if events else None
        end = _from_ms(events[-1].get("timestamp")) if events else None
        messages.append({"role": "user", "content": said, "created_at": start})
        messages.append({"role": "assistant", "content": answered, "created_at": end})
    shown = ("conversation_id", "agent_id", "contact_id", "created_at", "last_updated")
    return {**{k: summary[k] for k in shown}, "messages": messages}


def traces(state: EmulatorState, conversation_id: str, agent_id: str) -> Optional[dict[str, Any]]:
    """One trace per run of the conversation, its steps, tool calls and messages as spans."""
    if conversation(state, conversation_id, agent_id) is None:
        return None
    found = []
    for run in state.runs:
        if run.conversation_id != conversation_id:
            continue
        stamps = [e.get("timestamp") for e in run.events]
        found.append({
            "trace_id": f"tr-{run.run_id}", "run_id": run.run_id,
            "started_at": _from_ms(stamps[0]) if stamps else None,
            "finished_at": _from_ms(stamps[-1]) if stamps and run.outcome else None,
            "status": run.outcome or "running", "spans": _spans(run.events),
        })  # fmt: skip
    return {"conversation_id": conversation_id, "agent_id": agent_id, "traces": found}


def _spans(events: list[dict[str, Any]]) -> list[dict[str, Any]]:
    spans: list[dict[str, Any]] = []
    for event in events:
        kind = event.get("type")
        at = _from_ms(event.get("timestamp"))
        if kind == "STEP_STARTED":
            spans.append({"kind": "step", "name": event.get("step_name"), "started_at": at})
        elif kind == "TOOL_CALL_START":
            spans.append({
                "kind": "tool_call", "name": event.get("tool_call_name"),
                "tool_call_id": event.get("tool_call_id"), "started_at": at,
            })  # fmt: skip
        elif kind == "TEXT_MESSAGE_START":
            spans.append({"kind": "message", "name": "assistant", "started_at": at})
    return spans


def usage(state: EmulatorState, teamspace_id: str, plan: str) -> dict[str, Any]:
    """The plan and the credits the runs so far used, over the virtual clock's month."""
    limit = _CREDIT_LIMITS.get(plan, 0)
    runs = len(state.runs)
    used = runs * CREDITS_PER_RUN
    start = state.det.now().replace(day=1, hour=0, minute=0, second=0, microsecond=0)
    end = (start + timedelta(days=32)).replace(day=1)
    return {
        "teamspace_id": teamspace_id, "subscription_plan": plan, "period_start": iso(start),
        "period_end": iso(end), "credits_used": used, "credits_limit": limit,
        "credits_remaining": max(0, limit - used), "runs": runs,
    }  # fmt: skip
