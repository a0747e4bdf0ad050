"""The verifier agrees with AG-UI's own: `@ag-ui/client` 1.0.0's verifyEvents, run in Node.

Every rule case of test_verify_rules, and 1,800 generated streams (valid ones,
then bent: events swapped, dropped, repeated, retagged, inserted), go through both
verifiers; both must refuse the same event, or pass the same stream. The only
differences allowed are this verifier's documented additions. Needs Node and the npm
packages of tests/relay/js (`make test` installs them; a clear failure otherwise).
"""

from __future__ import annotations

import json
import random
import shutil
import subprocess
from pathlib import Path
from typing import Any, Optional

import pytest

from sketricgen.verify import AgUiOrderError, EventOrderVerifier
from tests.unit.verify.test_verifier import CASES, VALID

pytestmark = pytest.mark.frontend

JS_DIR = Path(__file__).resolve().parents[1] / "relay" / "js"
SCRIPT = Path(__file__).resolve().parent / "reference_verdicts.cjs"
ADDITIONS = frozenset({"run-ids-mismatch", "missing-id"})  # rules the reference does not have
SKETRICGEN_TYPES = frozenset({"RUN_PAUSED_HITL", "RUN_HALTED_OUT_OF_CREDITS", "CUSTOM_EVENT"})

Event = dict[str, Any]


def reference(sequences: list[list[Event]]) -> list[Optional[int]]:
    """For each sequence, the index of the event the reference refused (None: all passed)."""
    node = shutil.which("node")
    if node is None:
        pytest.fail("Node.js is not installed: `make test` needs `node` (apt-get install nodejs)")
    if not (JS_DIR / "node_modules" / "@ag-ui" / "client" / "package.json").is_file():
        pytest.fail(
            "@ag-ui/client is not installed in tests/relay/js: run `make frontend-deps` "
            "(npm ci against the lockfile; `make test` does it first)"
        )
    done = subprocess.run(
        [node, str(SCRIPT), str(JS_DIR / "package.json")],
        input=json.dumps(sequences), capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    verdicts = json.loads(done.stdout)
    assert len(verdicts) == len(sequences)
    return [verdict.get("index") for verdict in verdicts]


def refusal(events: list[Event]) -> Optional[AgUiOrderError]:
    """The error this verifier raises on `events` (None: all passed; the end is not checked)."""
    verifier = EventOrderVerifier()
    try:
        for event in events:
            verifier.check(event)
    except AgUiOrderError as error:
        return error
    return None


def ours(events: list[Event]) -> Optional[int]:
    """The index of the event this verifier refuses (None: all passed)."""
    error = refusal(events)
    return None if error is None else error.index


def test_every_rule_case_is_refused_where_the_reference_refuses_it() -> None:
    sequences = [events for _, events, _, _ in CASES]
    theirs = reference(sequences)
    for (rule, events, index, _), refused in zip(CASES, theirs):
        assert ours(events) == index
        if rule in ADDITIONS or any(e["type"] in SKETRICGEN_TYPES for e in events):
            assert refused is None, f"{rule}: the reference refuses it too, at {refused}"
        else:
            assert refused == index, f"{rule}: the reference refused event {refused}"


def test_valid_streams_pass_the_reference_too() -> None:
    assert reference(list(VALID.values())) == [None] * len(VALID)


# -- generated streams ----------------------------------------------------------------


def _block(rng: random.Random, sub: Optional[str]) -> list[Event]:
    """A well-formed piece of a run: a message, a tool call, reasoning, chunks, a step..."""
    tag = {} if sub is None else {"subagentRunId": sub}
    mid, cid = rng.choice("abc"), rng.choice("xyz")
    kind = rng.randrange(8)
    if kind == 0:
        content = [{"type": "TEXT_MESSAGE_CONTENT", "messageId": mid, "delta": "hi", **tag}]
        return [
            {"type": "TEXT_MESSAGE_START", "messageId": mid, "role": "assistant", **tag},
            *content * rng.randrange(3),
            {"type": "TEXT_MESSAGE_END", "messageId": mid, **tag},
        ]
    if kind == 1:
        return [
            {"type": "TOOL_CALL_START", "toolCallId": cid, "toolCallName": "t", **tag},
            {"type": "TOOL_CALL_ARGS", "toolCallId": cid, "delta": "{}", **tag},
            {"type": "TOOL_CALL_END", "toolCallId": cid, **tag},
            {"type": "TOOL_CALL_RESULT", "messageId": f"r{cid}", "toolCallId": cid,
             "content": "ok", **tag},
        ]  # fmt: skip
    if kind == 2:
        return [
            {"type": "REASONING_START", "messageId": mid, **tag},
            {"type": "REASONING_MESSAGE_START", "messageId": mid, "role": "reasoning", **tag},
            {"type": "REASONING_MESSAGE_CONTENT", "messageId": mid, "delta": "hm", **tag},
            {"type": "REASONING_MESSAGE_END", "messageId": mid, **tag},
            {"type": "REASONING_END", "messageId": mid, **tag},
        ]
    if kind == 3:
        first = {"type": "TEXT_MESSAGE_CHUNK", "messageId": mid, "delta": "a", **tag}
        return [first, *[{"type": "TEXT_MESSAGE_CHUNK", "delta": "b", **tag}] * rng.randrange(3)]
    if kind == 4:
        return [
            {
                "type": "TOOL_CALL_CHUNK",
                "toolCallId": cid,
                "toolCallName": "t",
                "delta": "{",
                **tag,
            },
            {"type": "TOOL_CALL_CHUNK", "delta": "}", **tag},
        ]
    if kind == 5:
        name = rng.choice(["plan", "act"])
        inner = _block(rng, sub) if rng.random() < 0.7 else []
        return [
            {"type": "STEP_STARTED", "stepName": name, **tag},
            *inner,
            {"type": "STEP_FINISHED", "stepName": name, **tag},
        ]
    if kind == 6 and sub is None:
        child = rng.choice(["s1", "s2"])
        inner = [e for _ in range(rng.randrange(1, 3)) for e in _block(rng, child)]
        return [
            {"type": "SUBAGENT_STARTED", "subagentRunId": child, "name": "helper"},
            *inner,
            {"type": "SUBAGENT_FINISHED", "subagentRunId": child},
        ]
    other = rng.choice(["CUSTOM", "STATE_SNAPSHOT", "RAW", "REASONING_MESSAGE_CHUNK"])
    extra = {"messageId": mid, "delta": "r"} if other == "REASONING_MESSAGE_CHUNK" else {}
    return [{"type": other, **extra, **tag}]


def _stream(rng: random.Random) -> list[Event]:
    events: list[Event] = []
    for _ in range(rng.choice([1, 1, 2])):
        events.append({"type": "RUN_STARTED", "threadId": "t", "runId": "r"})
        for _ in range(rng.randrange(1, 4)):
            events += _block(rng, None)
        end = {"type": "RUN_ERROR", "message": "x"} if rng.random() < 0.15 else {
            "type": "RUN_FINISHED", "threadId": "t", "runId": "r"
        }  # fmt: skip
        events.append(end)
    return events


def _bend(rng: random.Random, events: list[Event]) -> list[Event]:
    events = [dict(e) for e in events]
    for _ in range(rng.randrange(3)):
        at = rng.randrange(len(events))
        how = rng.randrange(5)
        if how == 0 and at + 1 < len(events):
            events[at], events[at + 1] = events[at + 1], events[at]
        elif how == 1 and len(events) > 1:
            del events[at]
        elif how == 2:
            events.insert(at, dict(events[at]))
        elif how == 3 and events[at]["type"] not in ("RUN_STARTED", "RUN_FINISHED"):
            tag = rng.choice([None, "s1", "s2"])
            events[at].pop("subagentRunId", None)
            if tag is not None:
                events[at]["subagentRunId"] = tag
        else:
            events.insert(at, rng.choice(_block(rng, rng.choice([None, "s1"]))))
    return events


def test_generated_streams_get_the_reference_verdict() -> None:
    rng = random.Random(20261130)
    valid = [_stream(rng) for _ in range(300)]
    bent = [_bend(rng, events) for events in valid for _ in range(5)]
    sequences = valid + bent
    theirs = reference(sequences)
    errors = [refusal(events) for events in sequences]
    mine = [None if error is None else error.index for error in errors]
    differing = [(i, mine[i], theirs[i]) for i in range(len(sequences)) if mine[i] != theirs[i]]
    shown = [(i, m, t, sequences[i]) for i, m, t in differing[:3]]
    assert not differing, f"{len(differing)} verdicts differ, e.g. (index, ours, theirs): {shown}"
    # The streams do exercise the rules: most built ones pass, the bent ones break many rules.
    assert sum(verdict is None for verdict in theirs[: len(valid)]) > 0.9 * len(valid)
    assert sum(verdict is not None for verdict in theirs[len(valid) :]) > len(bent) // 3
    assert len({error.rule for error in errors if error is not None}) >= 25
