"""An AG-UI event-order verifier: the rules of AG-UI's reference `verifyEvents`.

Check any AG-UI event stream, a SketricGen stream or your own server's::

    from sketricgen.verify import verify_events, assert_valid_ag_ui

    for event in stream.verified():  # or: async for event in stream.verified()
        ...                          # raises AgUiOrderError at the first broken rule
    verify_events(events)            # a whole list: StreamEvents, dicts, ag-ui events
    assert_valid_ag_ui(events)       # in tests: an AssertionError showing the events

`EventOrderVerifier().check(event)` checks one event at a time and
`finish()` checks the end. Events may be `StreamEvent`s, dicts (snake_case or
camelCase keys), pydantic models (ag-ui-protocol's or the SDK's) or the JSON
text of one event (`str`/`bytes`, such as an SSE `data` field). An
`AgUiOrderError` names the `rule` (ids below), the event's `index` and
`event_type`, and the `event` itself.

The rules, as `@ag-ui/client` 1.0.0 checks them (its `verifyEvents`, after
its expansion of chunk events):

- `first-event`: the first event is RUN_STARTED or RUN_ERROR.
- `after-run-error`: after RUN_ERROR only RUN_STARTED (a new run) may come.
- `after-run-finished`: after RUN_FINISHED only RUN_STARTED or RUN_ERROR.
- `run-already-started`: no RUN_STARTED while a run is going.
- `message-already-started`, `content-before-start`, `end-before-start`:
  a text message's START, CONTENT and END, by `messageId`.
- `tool-call-already-started`, `args-before-start`,
  `tool-call-end-before-start`: the same for tool calls, by `toolCallId`.
- `step-already-started`, `step-finished-before-start`,
  `step-finished-by-other-owner`: steps, by name and producer.
- `reasoning-already-started`, `reasoning-end-before-start` (spans:
  REASONING_START/_END), `reasoning-message-already-started`,
  `reasoning-content-before-start`, `reasoning-message-end-before-start`.
- `step-open-at-run-end`, `message-open-at-run-end`,
  `reasoning-message-open-at-run-end`, `reasoning-open-at-run-end`,
  `tool-call-open-at-run-end`, `subagent-open-at-run-end`: everything
  opened is closed before RUN_FINISHED.
- `subagent-missing-field`, `subagent-null-field`, `subagent-bad-outcome`,
  `subagent-already-started`, `subagent-id-reused`,
  `subagent-parent-not-started`, `subagent-end-before-start`: SUBAGENT_*.
- `null-subagent-run-id`, `owner-mismatch`: attribution (`subagentRunId`
  is omitted rather than null; a continuation does not name another
  producer than its opener).
- `chunk-without-id`, `chunk-without-name`, `chunk-field-conflict`,
  `chunk-ambiguous`: *_CHUNK events (a chunk opens its entity; the next
  other event of its producer closes it).

Added here, beyond the reference:

- `run-ids-mismatch`: RUN_FINISHED's `threadId`/`runId` are RUN_STARTED's.
- `missing-id`: an event that opens or continues something names it.
- `not-an-event`: every event is a JSON object with a string `type`.
- `no-events`, `run-not-ended` (from `finish()`): the stream had events,
  and its last run ended.

SketricGen's own types: RUN_PAUSED_HITL ends a run as RUN_FINISHED does,
RUN_HALTED_OUT_OF_CREDITS as RUN_ERROR does, CUSTOM_EVENT is a custom event;
other unknown types pass, as in the reference. A stream may hold several
runs, one after another (as in the reference).
"""

from __future__ import annotations

from ._error import AgUiOrderError
from ._helpers import assert_valid_ag_ui, iter_verified, iter_verified_async, verify_events
from ._verifier import EventOrderVerifier

__all__ = [
    "AgUiOrderError",
    "EventOrderVerifier",
    "assert_valid_ag_ui",
    "iter_verified",
    "iter_verified_async",
    "verify_events",
]
