"""How the emulator writes: JSON (snake_case or camelCase keys), SSE frames, S3 XML (no I/O).

Generated models become compact JSON as FastAPI and AG-UI's encoders write
it; a streamed event becomes one Server-Sent Events frame, bent by the
stream faults (line endings, heartbeats, `id:`/`event:` lines); an S3 error
becomes the XML document S3 sends.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, Literal, Optional
from xml.sax.saxutils import escape

from pydantic import BaseModel
from pydantic.alias_generators import to_camel

from ._faults import AppliedFaults

__all__ = [
    "BOM", "KEY_CASE_HEADER", "FramePlan", "KeyCase", "dump", "json_bytes", "json_text",
    "xml_document",
]  # fmt: skip

KeyCase = Literal["snake", "camel"]
"""How the keys of streamed AG-UI events are spelled."""

KEY_CASE_HEADER = "X-Emulator-Key-Case"
"""Request header choosing `snake` or `camel` keys for that request's events."""


def dump(model: BaseModel, key_case: KeyCase = "snake") -> dict[str, Any]:
    """The model as a JSON-ready dict without unset (None) fields, keys in `key_case`.

    camelCase renames only the model's own fields (recursively through nested
    models), never the keys inside free-form values such as tool arguments,
    the way AG-UI's encoders do.
    """
    data = model.model_dump(mode="json", exclude_none=True)
    return data if key_case == "snake" else _camelize(model, data)


def _camelize(model: BaseModel, data: dict[str, Any]) -> dict[str, Any]:
    fields = type(model).model_fields
    out: dict[str, Any] = {}
    for key, value in data.items():
        if key in fields:
            out[to_camel(key)] = _camelize_value(getattr(model, key), value)
        else:
            out[key] = value
    return out


def _camelize_value(attr: Any, value: Any) -> Any:
    if isinstance(attr, BaseModel):
        return _camelize(attr, value)
    if isinstance(attr, list):
        return [_camelize_value(a, v) for a, v in zip(attr, value)]
    return value


def json_text(data: Any) -> str:
    """Compact JSON, as FastAPI and AG-UI's encoders write it."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def json_bytes(data: Any) -> bytes:
    """Compact JSON in UTF-8."""
    return json_text(data).encode("utf-8")


def xml_document(root: str, model: BaseModel) -> bytes:
    """An S3-style XML document: one child element per set field, in field order."""
    children = "".join(
        f"<{name}>{escape(str(value))}</{name}>"
        for name, value in model.model_dump(exclude_none=True).items()
    )
    return f'<?xml version="1.0" encoding="UTF-8"?>\n<{root}>{children}</{root}>'.encode()


# -- Server-Sent Events frames ---------------------------------------------

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
