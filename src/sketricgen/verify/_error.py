"""`AgUiOrderError`: the rule an AG-UI event stream broke, and the event that broke it."""

from __future__ import annotations

from typing import Any, Optional

from .._exceptions import SketricGenError

__all__ = ["AgUiOrderError"]


class AgUiOrderError(SketricGenError):
    """An AG-UI event stream broke one of the protocol's ordering rules.

    - `rule`: a stable short id, e.g. `"content-before-start"` (the rules are
      listed in `sketricgen.verify`'s docstring);
    - `index`: the position of the offending event in the stream (0-based;
      for an end-of-stream rule, the number of events seen);
    - `event`: the offending event as it was given (None at the end of a stream);
    - `event_type`: its AG-UI `type` (None when it had none);
    - `detail`: the sentence that explains the rule.
    """

    def __init__(
        self,
        rule: str,
        index: int,
        event: Any,
        *,
        event_type: Optional[str] = None,
        detail: str = "",
    ) -> None:
        where = f"event {index} ({event_type or 'no type'})" if event is not None else "the end"
        super().__init__(f"AG-UI order rule {rule!r} broken at {where}: {detail}")
        self.rule = rule
        self.index = index
        self.event = event
        self.event_type = event_type
        self.detail = detail

    def __reduce__(self) -> Any:
        return (
            _rebuild,
            (self.rule, self.index, self.event, self.event_type, self.detail),
        )


def _rebuild(
    rule: str, index: int, event: Any, event_type: Optional[str], detail: str
) -> AgUiOrderError:
    return AgUiOrderError(rule, index, event, event_type=event_type, detail=detail)


class RuleError(Exception):
    """Internal: a rule broken by the event being checked (turned into an AgUiOrderError)."""

    def __init__(self, rule: str, detail: str) -> None:
        super().__init__(rule, detail)
        self.rule = rule
        self.detail = detail
