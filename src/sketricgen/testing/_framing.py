"""Server-Sent Events framing of AG-UI events, bent by the stream faults (no I/O)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from ._faults import AppliedFaults

__all__ = ["BOM", "FramePlan"]

BOM = "\ufeff".encode()


@dataclass(frozen=True)
class FramePlan:
    """How to write each frame: line ending, heartbeat comments, `id:`/`event:` lines."""

    eol: str = "\n"
    heartbeat: Optional[str] = None
    sse_fields: bool = False

    @classmethod
    def from_faults(cls, applied: AppliedFaults) -> FramePlan:
        """The plan the shaping faults ask for (plain `data: {json}\\n\\n` without any)."""
        endings = applied.first("line_endings")
        heartbeat = applied.first("heartbeat")
        return cls(
            eol=endings.line_ending if endings else "\n",
            heartbeat=heartbeat.text if heartbeat else None,
            sse_fields=applied.first("sse_fields") is not None,
        )

    def frame(self, data: str, *, number: int, event_type: str) -> bytes:
        """One event: `data` must hold no line break (compact JSON does not)."""
        lines = []
        if self.heartbeat is not None:
            lines += [f": {self.heartbeat}", ""]
        if self.sse_fields:
            lines += [f"id: {number}", f"event: {event_type}"]
        lines += [f"data: {data}", ""]
        return (self.eol.join(lines) + self.eol).encode("utf-8")
