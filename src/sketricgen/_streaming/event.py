"""`StreamEvent`: one event of a streamed run, its JSON parsed and typed only when asked."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, Callable, Optional

from .._exceptions import SketricGenEventDecodeError

if TYPE_CHECKING:
    from ..events import AgUiEventModel
    from .result import Outcome

__all__ = ["TERMINAL_EVENT_TYPES", "TERMINAL_OUTCOMES", "DataEvent", "StreamEvent", "data_events"]

TERMINAL_OUTCOMES: dict[str, Outcome] = {
    "RUN_FINISHED": "finished",
    "RUN_ERROR": "error",
    "RUN_PAUSED_HITL": "paused",
    "RUN_HALTED_OUT_OF_CREDITS": "out_of_credits",
}
"""The event types that end a run (the one place they are listed), each with its outcome."""

TERMINAL_EVENT_TYPES = frozenset(TERMINAL_OUTCOMES)
"""The event types that end a run."""

# What compact and default JSON encoders write first when `type` is the first key.
_TYPE_PREFIXES = ('{"type":"', '{"type": "')
_SHOWN = 120


class StreamEvent:
    """One Server-Sent Event of a run's stream; `data` is its AG-UI event as JSON text.

    - `data`: the event's data, exactly as sent (`json.loads(event.data)` works).
    - `event_type`: the SSE event type when the server named one (an
      `event:` line), else the AG-UI `type` inside the data, else `"message"`.
      AG-UI servers send no `event:` line, so this is normally the AG-UI type.
    - `id`: the SSE event id in force (`id:` lines), or None.
    - `retry`: the reconnection delay (ms) a `retry:` line set in this event, or None.
    - `type`, `json()`, `is_terminal`, `ag_ui`: computed on first use, then cached;
      an event nobody asks about costs no JSON parsing.

    Data that is not JSON is still delivered: `json()` then raises
    `SketricGenEventDecodeError` and `ag_ui` is a `GenericAgUiEvent`.
    """

    __slots__ = ("_ag_ui", "_json", "_sse_type", "_type", "data", "id", "retry")
    # Set on first use (an unset slot raises AttributeError): nothing to pay per event.
    _ag_ui: AgUiEventModel
    _json: Any
    _type: Optional[str]

    def __init__(
        self,
        event_type: str = "message",
        data: str = "",
        id: Optional[str] = None,
        retry: Optional[int] = None,
    ) -> None:
        self._sse_type = event_type
        self.data = data
        self.id = id
        self.retry = retry

    @property
    def event_type(self) -> str:
        """The SSE event type if the server set one, else the AG-UI type (else "message")."""
        if self._sse_type != "message":
            return self._sse_type
        return self.type or "message"

    @property
    def type(self) -> Optional[str]:
        """The AG-UI `type` in the data; None when the data is not a JSON object with one.

        Read off the start of the data when it begins with the type (as AG-UI
        encoders write it), from the parsed JSON otherwise.
        """
        try:
            return self._type
        except AttributeError:
            pass
        data = self.data
        found: Optional[str] = None
        for prefix in _TYPE_PREFIXES:
            if data.startswith(prefix):
                start = len(prefix)
                end = data.find('"', start)
                if end > 0 and "\\" not in data[start:end]:
                    found = data[start:end]
                    break
        else:
            try:
                payload = self.json()
            except SketricGenEventDecodeError:
                payload = None
            if isinstance(payload, dict) and isinstance(payload.get("type"), str):
                found = payload["type"]
        self._type = found
        return found

    @property
    def is_terminal(self) -> bool:
        """True when the run ends with this event: its type is in `TERMINAL_EVENT_TYPES`.

        RUN_FINISHED, RUN_ERROR, RUN_PAUSED_HITL and RUN_HALTED_OUT_OF_CREDITS.
        """
        return self.type in TERMINAL_EVENT_TYPES

    def json(self) -> Any:
        """The data parsed as JSON (parsed once, then cached: treat it as read-only).

        Raises `SketricGenEventDecodeError` (a `ValueError`) when the data is not JSON.
        """
        try:
            return self._json
        except AttributeError:
            pass
        try:
            value = json.loads(self.data)
        except ValueError as exc:
            shown = self.data if len(self.data) <= _SHOWN else self.data[: _SHOWN - 1] + "…"
            raise SketricGenEventDecodeError(
                f"event data is not JSON ({exc}): {shown!r}; the raw text is in event.data"
            ) from None
        self._json = value
        return value

    @property
    def ag_ui(self) -> AgUiEventModel:
        """The AG-UI event as its generated model (`RunStartedEvent`, `TextMessageContentEvent`...).

        Typed as `sketricgen.events.AgUiEventModel`, so `isinstance(event.ag_ui,
        TextMessageContentEvent)` narrows it (the classes are in `sketricgen.events`).
        snake_case and camelCase keys both read. An unknown type, fields that
        do not fit the type, or data that is not a JSON object give a
        `GenericAgUiEvent` keeping the whole payload (non-JSON text under
        `data`); this never raises.
        """
        try:
            return self._ag_ui
        except AttributeError:
            pass
        from .typed import typed_view  # noqa: PLC0415 - pydantic models load on first use

        try:
            payload = self.json()
        except SketricGenEventDecodeError:
            payload = None
        view = typed_view(payload, self.event_type, self.data)
        self._ag_ui = view
        return view

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, StreamEvent):
            return NotImplemented
        return (self._sse_type, self.data, self.id, self.retry) == (
            other._sse_type,
            other.data,
            other.id,
            other.retry,
        )

    __hash__ = None  # type: ignore[assignment]

    def __reduce__(self) -> tuple[Callable[..., StreamEvent], tuple[Any, ...]]:
        # Copies and pickles keep the fields; what is computed is computed again.
        return (StreamEvent, (self._sse_type, self.data, self.id, self.retry))

    def __repr__(self) -> str:
        shown = self.data if len(self.data) <= _SHOWN else self.data[: _SHOWN - 1] + "…"
        extra = f", id={self.id!r}" if self.id is not None else ""
        return f"StreamEvent(event_type={self.event_type!r}, data={shown!r}{extra})"


class DataEvent(StreamEvent):
    """A `StreamEvent` that is only data (no `event:`, `id:` or `retry:` line): the usual one.

    The decoder builds these with a single attribute store; the other fields
    read the class's defaults.
    """

    __slots__ = ()
    _sse_type = "message"
    id = None
    retry = None

    def __init__(self, data: str) -> None:
        self.data = data


def data_events(values: list[str]) -> Iterator[DataEvent]:
    """A `DataEvent` for each data string, each made as it is taken.

    Made without calling the class: a class called from C code (`map`) goes
    through its `__init__` with an argument tuple, some 400 instructions an
    event more than this loop.
    """
    new = object.__new__
    for value in values:
        event: DataEvent = new(DataEvent)
        event.data = value
        yield event
