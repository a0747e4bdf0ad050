"""`EventOrderVerifier`: AG-UI's event-order rules, checked one event at a time (sans-IO)."""

from __future__ import annotations

from typing import Any, Callable, Optional

from ._chunks import ChunkExpander
from ._error import AgUiOrderError, RuleError
from ._normalize import event_view, pick

__all__ = ["EventOrderVerifier"]

View = dict[str, Any]

_FINISHES = frozenset({"RUN_FINISHED", "RUN_PAUSED_HITL"})  # SketricGen's pause ends a run too
_ERRORS = frozenset({"RUN_ERROR", "RUN_HALTED_OUT_OF_CREDITS"})  # so does running out of credits
_MISSING = object()


def _who(owner: Optional[str]) -> str:
    return "the parent agent" if owner is None else f"subagent {owner!r}"


def _ids(found: Any) -> str:
    return ", ".join(repr(i) for i in found)


class _RunState:
    """What one run has open, and who opened what (owners are kept for the whole run)."""

    def __init__(self) -> None:
        self.messages: set[str] = set()
        self.tool_calls: set[str] = set()
        self.reasoning_spans: set[str] = set()
        self.reasoning_messages: set[str] = set()
        self.steps: dict[Optional[str], set[str]] = {}
        self.subagents: set[str] = set()
        self.closed_subagents: set[str] = set()
        self.message_owners: dict[str, Optional[str]] = {}
        self.tool_call_owners: dict[str, Optional[str]] = {}
        self.activity_owners: dict[str, Optional[str]] = {}
        self.reasoning_owners: dict[str, Optional[str]] = {}
        self.thread_id: Any = None
        self.run_id: Any = None


class EventOrderVerifier:
    """Checks AG-UI events as they come: `check(event)` for each, then `finish()`.

    Events may be `StreamEvent`s, dicts (snake_case or camelCase keys),
    pydantic events (ag-ui-protocol's, or the SDK's generated models) or the
    JSON text of one event. The
    first event that breaks a rule raises `AgUiOrderError` naming the rule
    and the event; the verifier should not be used after that. The rules are
    listed in `sketricgen.verify`'s docstring.
    """

    def __init__(self) -> None:
        self._chunks = ChunkExpander()
        self._run = _RunState()
        self._count = 0
        self._first_seen = False
        self._run_started = False
        self._finished: Optional[str] = None  # the type that finished the run
        self._errored: Optional[str] = None  # the type that ended it in error
        self._handlers: dict[str, Callable[[View, str], None]] = {
            "TEXT_MESSAGE_START": self._message_start,
            "TEXT_MESSAGE_CONTENT": self._message_continue,
            "TEXT_MESSAGE_END": self._message_continue,
            "TOOL_CALL_START": self._tool_call_start,
            "TOOL_CALL_ARGS": self._tool_call_continue,
            "TOOL_CALL_END": self._tool_call_continue,
            "TOOL_CALL_RESULT": self._tool_call_result,
            "STEP_STARTED": self._step_started,
            "STEP_FINISHED": self._step_finished,
            "REASONING_START": self._reasoning_start,
            "REASONING_MESSAGE_START": self._reasoning_start,
            "REASONING_MESSAGE_CONTENT": self._reasoning_continue,
            "REASONING_MESSAGE_END": self._reasoning_continue,
            "REASONING_END": self._reasoning_continue,
            "REASONING_ENCRYPTED_VALUE": self._encrypted_value,
            "ACTIVITY_SNAPSHOT": self._activity_snapshot,
            "ACTIVITY_DELTA": self._activity_delta,
            "SUBAGENT_STARTED": self._subagent_started,
            "SUBAGENT_FINISHED": self._subagent_ended,
            "SUBAGENT_ERROR": self._subagent_ended,
            "MESSAGES_SNAPSHOT": self._messages_snapshot,
            "RUN_STARTED": self._run_started_event,
            "RUN_FINISHED": self._run_finished,
            "RUN_PAUSED_HITL": self._run_finished,
        }

    @property
    def count(self) -> int:
        """How many events were checked."""
        return self._count

    def check(self, event: Any) -> None:
        """Check the next event of the stream; raises `AgUiOrderError` if it breaks a rule."""
        index = self._count
        self._count += 1
        view = event_view(event)
        if view is None:
            raise AgUiOrderError(
                "not-an-event", index, event,
                detail="an AG-UI event is a JSON object with a string 'type'.",
            )  # fmt: skip
        event_type: str = view["type"]
        try:
            self._null_tags(view, event_type)
            for expanded in self._chunks.expand(view, event_type):
                self._check(expanded, expanded["type"])
        except RuleError as broken:
            raise AgUiOrderError(
                broken.rule, index, event, event_type=event_type, detail=broken.detail
            ) from None

    def finish(self) -> None:
        """Check the end of the stream: it had events, and its last run ended."""
        if self._count == 0:
            raise AgUiOrderError(
                "no-events",
                0,
                None,
                detail="the stream had no events; it must begin with RUN_STARTED.",
            )
        if self._run_started and not (self._finished or self._errored):
            raise AgUiOrderError(
                "run-not-ended", self._count, None,
                detail="the stream ended inside a run: RUN_STARTED was never followed by "
                "RUN_FINISHED or RUN_ERROR (or SketricGen's RUN_PAUSED_HITL or "
                "RUN_HALTED_OUT_OF_CREDITS).",
            )  # fmt: skip

    # -- the run ----------------------------------------------------------------------

    def _check(self, view: View, event_type: str) -> None:
        if self._errored and event_type != "RUN_STARTED":
            raise RuleError(
                "after-run-error",
                f"the run already ended with {self._errored}; "
                "only RUN_STARTED (a new run) may follow.",
            )
        if self._finished and event_type != "RUN_STARTED" and event_type not in _ERRORS:
            raise RuleError(
                "after-run-finished",
                f"the run already ended with {self._finished}; start a new run with RUN_STARTED.",
            )
        if not self._first_seen:
            self._first_seen = True
            if event_type != "RUN_STARTED" and event_type not in _ERRORS:
                raise RuleError(
                    "first-event", "the first event must be RUN_STARTED (or RUN_ERROR)."
                )
        elif event_type == "RUN_STARTED":
            if self._run_started and not (self._finished or self._errored):
                raise RuleError(
                    "run-already-started",
                    "RUN_STARTED came while a run is still going; end it with RUN_FINISHED first.",
                )
            if self._finished or self._errored:
                self._run = _RunState()
                self._finished = self._errored = None
        if event_type in _ERRORS:
            self._errored = event_type
            return
        handler = self._handlers.get(event_type)
        if handler is not None:
            handler(view, event_type)

    def _run_started_event(self, view: View, event_type: str) -> None:
        self._run_started = True
        self._run.thread_id = view.get("threadId")
        self._run.run_id = view.get("runId")
        run_input = view.get("input")
        if isinstance(run_input, dict):
            self._seed(pick(run_input, "messages"), replace=False)

    def _run_finished(self, view: View, event_type: str) -> None:
        run = self._run
        open_now = [
            ("step-open-at-run-end", "steps", [
                name if owner is None else f"{name} (subagent {owner!r})"
                for owner, names in run.steps.items() for name in names
            ]),
            ("message-open-at-run-end", "text messages", run.messages),
            ("reasoning-message-open-at-run-end", "reasoning messages", run.reasoning_messages),
            ("reasoning-open-at-run-end", "reasoning spans", run.reasoning_spans),
            ("tool-call-open-at-run-end", "tool calls", run.tool_calls),
            ("subagent-open-at-run-end", "subagents", run.subagents),
        ]  # fmt: skip
        for rule, what, still_open in open_now:
            if still_open:
                raise RuleError(
                    rule, f"{event_type} came while {what} are still open: {_ids(still_open)}."
                )
        for key, started in (("threadId", run.thread_id), ("runId", run.run_id)):
            ended = view.get(key)
            if started is not None and ended is not None and ended != started:
                raise RuleError(
                    "run-ids-mismatch",
                    f"{event_type} has {key} {ended!r} but RUN_STARTED had {started!r}.",
                )
        outcome = view.get("outcome")
        if isinstance(outcome, dict) and isinstance(pick(outcome, "interrupts"), list):
            for interrupt in pick(outcome, "interrupts"):
                if (
                    isinstance(interrupt, dict)
                    and pick(interrupt, "subagentRunId", _MISSING) is None
                ):
                    raise RuleError(
                        "null-subagent-run-id",
                        f"interrupt {pick(interrupt, 'id')!r} has 'subagentRunId: null'; "
                        "omit the field instead.",
                    )
        self._finished = event_type

    # -- attribution ------------------------------------------------------------------

    def _null_tags(self, view: View, event_type: str) -> None:
        if "subagentRunId" in view and view["subagentRunId"] is None:
            raise RuleError(
                "null-subagent-run-id",
                f"{event_type} has 'subagentRunId: null'; the field is optional: omit it.",
            )

    def _agree(
        self,
        event_type: str,
        tag: Optional[str],
        owners: dict[str, Optional[str]],
        what: str,
        entity_id: str,
    ) -> None:
        """A continuation's subagentRunId must not disagree with its entity's opener."""
        owner = owners.get(entity_id, _MISSING)
        if tag is not None and owner is not _MISSING and owner != tag:
            raise RuleError(
                "owner-mismatch",
                f"{event_type} is tagged with subagent {tag!r} but {what} {entity_id!r} "
                f"belongs to {_who(owner)}.",  # type: ignore[arg-type]
            )

    def _seed(self, messages: Any, *, replace: bool) -> None:
        if not isinstance(messages, list):
            return
        run = self._run
        for message in messages:
            if not isinstance(message, dict) or not isinstance(message.get("id"), str):
                continue
            owner = pick(message, "subagentRunId", _MISSING)
            if owner is None:
                raise RuleError(
                    "null-subagent-run-id",
                    f"message {message['id']!r} has 'subagentRunId: null'; omit the field instead.",
                )
            owner = None if owner is _MISSING else owner
            role = message.get("role")
            owners = (
                run.reasoning_owners if role == "reasoning"
                else run.activity_owners if role == "activity"
                else run.message_owners
            )  # fmt: skip
            if replace or message["id"] not in owners:
                owners[message["id"]] = owner
            for call in pick(message, "toolCalls") or ():
                known = isinstance(call, dict) and isinstance(call.get("id"), str)
                if known and (replace or call["id"] not in run.tool_call_owners):
                    run.tool_call_owners[call["id"]] = owner

    def _messages_snapshot(self, view: View, event_type: str) -> None:
        self._seed(view.get("messages"), replace=True)

    # -- text messages and tool calls -------------------------------------------------

    @staticmethod
    def _required(view: View, key: str, event_type: str) -> str:
        value = view.get(key)
        if not isinstance(value, str):
            raise RuleError("missing-id", f"{event_type} has no {key} (a string).")
        return value

    def _message_start(self, view: View, event_type: str) -> None:
        message_id = self._required(view, "messageId", event_type)
        run, tag = self._run, view.get("subagentRunId")
        if message_id in run.messages:
            raise RuleError(
                "message-already-started",
                f"text message {message_id!r} is already open; end it with TEXT_MESSAGE_END first.",
            )
        self._agree(event_type, tag, run.message_owners, "text message", message_id)
        run.messages.add(message_id)
        run.message_owners.setdefault(message_id, tag)

    def _message_continue(self, view: View, event_type: str) -> None:
        message_id = self._required(view, "messageId", event_type)
        run = self._run
        if message_id not in run.messages:
            content = event_type == "TEXT_MESSAGE_CONTENT"
            raise RuleError(
                "content-before-start" if content else "end-before-start",
                f"no text message {message_id!r} is open; it must begin with TEXT_MESSAGE_START.",
            )
        tag = view.get("subagentRunId")
        self._agree(event_type, tag, run.message_owners, "text message", message_id)
        if event_type == "TEXT_MESSAGE_END":
            run.messages.discard(message_id)

    def _tool_call_start(self, view: View, event_type: str) -> None:
        call_id = self._required(view, "toolCallId", event_type)
        run, tag = self._run, view.get("subagentRunId")
        if call_id in run.tool_calls:
            raise RuleError(
                "tool-call-already-started",
                f"tool call {call_id!r} is already open; end it with TOOL_CALL_END first.",
            )
        parent_id = view.get("parentMessageId")
        inherited: Any = _MISSING
        if isinstance(parent_id, str) and parent_id in run.message_owners:
            inherited = run.message_owners[parent_id]
            if tag is not None and tag != inherited:
                raise RuleError(
                    "owner-mismatch",
                    f"TOOL_CALL_START is tagged with subagent {tag!r} but its parent message "
                    f"{parent_id!r} belongs to {_who(inherited)}.",
                )
        existing = run.tool_call_owners.get(call_id, _MISSING)
        if existing is not _MISSING:
            self._agree(event_type, tag, run.tool_call_owners, "tool call", call_id)
            if tag is None and inherited is not _MISSING and inherited != existing:
                raise RuleError(
                    "owner-mismatch",
                    f"tool call {call_id!r} belongs to {_who(existing)} but its parent message "  # type: ignore[arg-type]
                    f"{parent_id!r} belongs to {_who(inherited)}.",
                )
        run.tool_calls.add(call_id)
        if existing is _MISSING:
            run.tool_call_owners[call_id] = (
                tag if tag is not None else (None if inherited is _MISSING else inherited)
            )

    def _tool_call_continue(self, view: View, event_type: str) -> None:
        call_id = self._required(view, "toolCallId", event_type)
        run = self._run
        if call_id not in run.tool_calls:
            args = event_type == "TOOL_CALL_ARGS"
            raise RuleError(
                "args-before-start" if args else "tool-call-end-before-start",
                f"no tool call {call_id!r} is open; it must begin with TOOL_CALL_START.",
            )
        tag = view.get("subagentRunId")
        self._agree(event_type, tag, run.tool_call_owners, "tool call", call_id)
        if event_type == "TOOL_CALL_END":
            run.tool_calls.discard(call_id)

    def _tool_call_result(self, view: View, event_type: str) -> None:
        message_id = view.get("messageId")
        if isinstance(message_id, str):
            self._run.message_owners[message_id] = view.get("subagentRunId")

    # -- steps --------------------------------------------------------------------------

    def _step_started(self, view: View, event_type: str) -> None:
        name = self._required(view, "stepName", event_type)
        owner = view.get("subagentRunId")
        names = self._run.steps.setdefault(owner, set())
        if name in names:
            raise RuleError(
                "step-already-started",
                f"step {name!r} of {_who(owner)} is already open; finish it first.",
            )
        names.add(name)

    def _step_finished(self, view: View, event_type: str) -> None:
        name = self._required(view, "stepName", event_type)
        owner = view.get("subagentRunId")
        names = self._run.steps.get(owner, set())
        if name in names:
            names.discard(name)
            if not names:
                del self._run.steps[owner]
            return
        for other, other_names in self._run.steps.items():
            if name in other_names:
                raise RuleError(
                    "step-finished-by-other-owner",
                    f"STEP_FINISHED for step {name!r} comes from {_who(owner)} but the step "
                    f"was started by {_who(other)}.",
                )
        raise RuleError(
            "step-finished-before-start", f"step {name!r} was not started (no STEP_STARTED)."
        )

    # -- reasoning ----------------------------------------------------------------------

    def _reasoning_start(self, view: View, event_type: str) -> None:
        message_id = self._required(view, "messageId", event_type)
        run, tag = self._run, view.get("subagentRunId")
        span = event_type == "REASONING_START"
        opened = run.reasoning_spans if span else run.reasoning_messages
        if message_id in opened:
            raise RuleError(
                "reasoning-already-started" if span else "reasoning-message-already-started",
                f"reasoning {'span' if span else 'message'} {message_id!r} is already open; "
                f"end it with {'REASONING_END' if span else 'REASONING_MESSAGE_END'} first.",
            )
        self._agree(event_type, tag, run.reasoning_owners, "reasoning message", message_id)
        opened.add(message_id)
        run.reasoning_owners.setdefault(message_id, tag)

    def _reasoning_continue(self, view: View, event_type: str) -> None:
        message_id = self._required(view, "messageId", event_type)
        run = self._run
        span = event_type == "REASONING_END"
        opened = run.reasoning_spans if span else run.reasoning_messages
        if message_id not in opened:
            rule = {
                "REASONING_MESSAGE_CONTENT": "reasoning-content-before-start",
                "REASONING_MESSAGE_END": "reasoning-message-end-before-start",
                "REASONING_END": "reasoning-end-before-start",
            }[event_type]
            opener = "REASONING_START" if span else "REASONING_MESSAGE_START"
            raise RuleError(
                rule,
                f"no reasoning {'span' if span else 'message'} {message_id!r} is open; "
                f"it must begin with {opener}.",
            )
        tag = view.get("subagentRunId")
        self._agree(event_type, tag, run.reasoning_owners, "reasoning message", message_id)
        if event_type != "REASONING_MESSAGE_CONTENT":
            opened.discard(message_id)

    def _encrypted_value(self, view: View, event_type: str) -> None:
        entity_id = view.get("entityId")
        if not isinstance(entity_id, str):
            return
        run, subtype = self._run, view.get("subtype")
        if subtype == "tool-call":
            owners, what = run.tool_call_owners, "tool call"
        elif subtype == "message":
            owners = run.message_owners if entity_id in run.message_owners else run.reasoning_owners
            what = "message"
        else:
            owners, what = run.reasoning_owners, "reasoning message"
        self._agree(event_type, view.get("subagentRunId"), owners, what, entity_id)

    # -- activities ---------------------------------------------------------------------

    def _activity_snapshot(self, view: View, event_type: str) -> None:
        message_id = view.get("messageId")
        if not isinstance(message_id, str):
            return
        owners = self._run.activity_owners
        if message_id not in owners or view.get("replace") is not False:
            owners[message_id] = view.get("subagentRunId")

    def _activity_delta(self, view: View, event_type: str) -> None:
        message_id = view.get("messageId")
        if isinstance(message_id, str):
            tag = view.get("subagentRunId")
            self._agree(event_type, tag, self._run.activity_owners, "activity", message_id)

    # -- subagents ----------------------------------------------------------------------

    def _subagent_fields(self, view: View, event_type: str) -> str:
        subagent = view.get("subagentRunId")
        if not isinstance(subagent, str):
            raise RuleError("subagent-missing-field", f"{event_type} has no subagentRunId.")
        required = {"SUBAGENT_STARTED": "name", "SUBAGENT_ERROR": "message"}.get(event_type)
        if required and not isinstance(view.get(required), str):
            raise RuleError("subagent-missing-field", f"{event_type} has no {required}.")
        optional = {
            "SUBAGENT_STARTED": (
                "description", "parentSubagentRunId", "parentToolCallId", "parentMessageId",
            ),
            "SUBAGENT_FINISHED": ("outcome",),
            "SUBAGENT_ERROR": ("code",),
        }[event_type]  # fmt: skip
        for key in optional:
            if key in view and view[key] is None:
                raise RuleError(
                    "subagent-null-field",
                    f"{event_type} has '{key}: null'; omit the field instead.",
                )
        outcome = view.get("outcome")
        if outcome is not None:
            kind = outcome.get("type") if isinstance(outcome, dict) else None
            interrupt_ids = pick(outcome, "interruptIds", _MISSING) if kind else _MISSING
            if (
                kind not in ("success", "suspended")
                or interrupt_ids is None
                or (
                    isinstance(interrupt_ids, list)
                    and not all(isinstance(i, str) for i in interrupt_ids)
                )
            ):
                raise RuleError(
                    "subagent-bad-outcome",
                    f"{event_type}'s outcome must be {{type: 'success'}} or {{type: 'suspended'}}"
                    " (interruptIds, when given, a list of strings).",
                )
        return subagent

    def _subagent_started(self, view: View, event_type: str) -> None:
        subagent = self._subagent_fields(view, event_type)
        run = self._run
        if subagent in run.subagents:
            raise RuleError(
                "subagent-already-started",
                f"subagent {subagent!r} is already running; "
                "finish it with SUBAGENT_FINISHED first.",
            )
        if subagent in run.closed_subagents:
            raise RuleError(
                "subagent-id-reused",
                f"subagent {subagent!r} already finished in this run; ids are per invocation.",
            )
        parent = view.get("parentSubagentRunId")
        if parent is not None and parent not in run.subagents | run.closed_subagents:
            raise RuleError(
                "subagent-parent-not-started",
                f"parentSubagentRunId {parent!r} was not started in this run.",
            )
        run.subagents.add(subagent)

    def _subagent_ended(self, view: View, event_type: str) -> None:
        subagent = self._subagent_fields(view, event_type)
        run = self._run
        if subagent not in run.subagents:
            raise RuleError(
                "subagent-end-before-start",
                f"no subagent {subagent!r} is running; it must begin with SUBAGENT_STARTED.",
            )
        run.subagents.discard(subagent)
        run.closed_subagents.add(subagent)
