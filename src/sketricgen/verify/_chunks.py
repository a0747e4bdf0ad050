"""Chunk events (TEXT_MESSAGE_CHUNK, TOOL_CALL_CHUNK, ...) as the events they stand for.

AG-UI's client expands chunks before verifying: the first chunk of an entity
opens it (a START), each chunk with a delta is its content, and the entity is
closed (an END) by the next event of the same producer (its `subagentRunId`,
its "lane") that is not a chunk of it, or by any run-level event. This module
does the same, so that the verifier checks the expanded events.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Optional

from ._error import RuleError

__all__ = ["ChunkExpander"]

View = dict[str, Any]

_CHUNKS = {
    "TEXT_MESSAGE_CHUNK": ("text", "messageId", "text message"),
    "TOOL_CALL_CHUNK": ("tool", "toolCallId", "tool call"),
    "REASONING_MESSAGE_CHUNK": ("reasoning", "messageId", "reasoning message"),
}
_ENDS = {
    "text": ("TEXT_MESSAGE_END", "messageId"),
    "tool": ("TOOL_CALL_END", "toolCallId"),
    "reasoning": ("REASONING_MESSAGE_END", "messageId"),
}
# Events that close their own producer's open chunk stream.
_CLOSE_OWN = frozenset(
    {
        "TEXT_MESSAGE_START", "TEXT_MESSAGE_CONTENT", "TEXT_MESSAGE_END", "TOOL_CALL_START",
        "TOOL_CALL_ARGS", "TOOL_CALL_END", "TOOL_CALL_RESULT", "STATE_SNAPSHOT", "STATE_DELTA",
        "CUSTOM", "CUSTOM_EVENT", "STEP_STARTED", "STEP_FINISHED", "REASONING_START",
        "REASONING_MESSAGE_START", "REASONING_MESSAGE_CONTENT", "REASONING_MESSAGE_END",
        "REASONING_END",
    }
)  # fmt: skip
# Run-level events close every open chunk stream.
_CLOSE_ALL = frozenset(
    {"RUN_STARTED", "RUN_FINISHED", "RUN_ERROR", "MESSAGES_SNAPSHOT"}
    | {"RUN_PAUSED_HITL", "RUN_HALTED_OUT_OF_CREDITS"}
)


@dataclass
class _Open:
    kind: str
    entity_id: str
    owner: Optional[str]
    fields: dict[str, Any]


def _owner_name(owner: Optional[str]) -> str:
    return "(the parent agent)" if owner is None else repr(owner)


class ChunkExpander:
    """Turns each event into the events it stands for (itself, for a non-chunk event)."""

    def __init__(self) -> None:
        self._lanes: dict[Optional[str], _Open] = {}

    def expand(self, view: View, event_type: str) -> list[View]:
        """The events `view` stands for, in order; raises `RuleError` for a bad chunk."""
        chunk = _CHUNKS.get(event_type)
        if chunk is not None:
            return self._chunk(view, event_type, *chunk)
        tag = view.get("subagentRunId")
        if event_type in _CLOSE_OWN:
            return [*self._close(tag), view]
        if event_type in _CLOSE_ALL:
            closing = [end for owner in list(self._lanes) for end in self._close(owner)]
            return [*closing, view]
        if event_type in ("SUBAGENT_FINISHED", "SUBAGENT_ERROR") and tag is not None:
            return [*self._close(tag), view]
        return [view]

    def _close(self, owner: Optional[str]) -> list[View]:
        pending = self._lanes.pop(owner, None)
        if pending is None:
            return []
        end_type, id_key = _ENDS[pending.kind]
        end: View = {"type": end_type, id_key: pending.entity_id}
        if pending.owner is not None:
            end["subagentRunId"] = pending.owner
        return [end]

    def _lane(self, kind: str, entity_id: Any, tag: Optional[str], what: str, chunk: str) -> Any:
        if entity_id is not None:
            for owner, pending in self._lanes.items():
                if pending.kind == kind and pending.entity_id == entity_id:
                    if tag is not None and tag != owner:
                        raise RuleError(
                            "owner-mismatch",
                            f"the chunk's subagentRunId {tag!r} does not match the open "
                            f"{what} {entity_id!r} of {_owner_name(owner)}.",
                        )
                    return owner
            return tag
        if tag is not None:
            return tag
        parent = self._lanes.get(None)
        if parent is not None and parent.kind == kind:
            return None
        candidates = [owner for owner, p in self._lanes.items() if p.kind == kind]
        if len(candidates) > 1:
            raise RuleError(
                "chunk-ambiguous",
                f"the {chunk} has neither an id nor a subagentRunId, and {len(candidates)} "
                f"producers have an open {what}; tag it with the subagent it belongs to.",
            )
        return candidates[0] if candidates else None

    def _chunk(self, view: View, chunk: str, kind: str, id_key: str, what: str) -> list[View]:
        entity_id = view.get(id_key)
        tag = view.get("subagentRunId")
        lane = self._lane(kind, entity_id, tag, what, chunk)
        pending = self._lanes.get(lane)
        out: list[View] = []
        if (
            pending is not None
            and pending.kind == kind
            and (entity_id is None or entity_id == pending.entity_id)
        ):
            for key in ("role", "name") if kind == "text" else ("toolCallName", "parentMessageId"):
                given = view.get(key)
                if kind != "reasoning" and given is not None and given != pending.fields.get(key):
                    raise RuleError(
                        "chunk-field-conflict",
                        f"the chunk's {key} {given!r} differs from the one that opened "
                        f"{what} {pending.entity_id!r} ({pending.fields.get(key)!r}).",
                    )
        else:
            out += self._close(lane)
            if not isinstance(entity_id, str):
                raise RuleError(
                    "chunk-without-id", f"the first {chunk} of a {what} must carry a {id_key}."
                )
            start: View
            if kind == "tool":
                name = view.get("toolCallName")
                if not isinstance(name, str):
                    raise RuleError(
                        "chunk-without-name", f"the first {chunk} must carry a toolCallName."
                    )
                fields = {"toolCallName": name, "parentMessageId": view.get("parentMessageId")}
                start = {"type": "TOOL_CALL_START", "toolCallId": entity_id, **fields}
            elif kind == "text":
                fields = {"role": view.get("role") or "assistant", "name": view.get("name")}
                start = {"type": "TEXT_MESSAGE_START", "messageId": entity_id, **fields}
            else:
                fields = {}
                start = {"type": "REASONING_MESSAGE_START", "messageId": entity_id}
            if tag is not None:
                start["subagentRunId"] = tag
            pending = _Open(kind, entity_id, tag, fields)
            self._lanes[lane] = pending
            out.append(start)
        if view.get("delta") is not None or view.get("rawEvent") is not None:
            content_type = {
                "text": "TEXT_MESSAGE_CONTENT",
                "tool": "TOOL_CALL_ARGS",
                "reasoning": "REASONING_MESSAGE_CONTENT",
            }[kind]
            content: View = {"type": content_type, id_key: pending.entity_id}
            owner = tag if tag is not None else pending.owner
            if owner is not None:
                content["subagentRunId"] = owner
            out.append(content)
        return out
