"""Thread stores: the in-memory default stays bounded; a store of your own plugs in."""

from __future__ import annotations

import asyncio
import json
from typing import Any, Callable, Optional

import pytest

from sketricgen.relay import InMemoryThreadStore, PendingHitl, ThreadRecord, ThreadStore
from sketricgen.testing import Emulator

Post = Callable[..., Any]
Input = Callable[..., dict[str, Any]]


def test_the_in_memory_store_keeps_the_most_recent_threads() -> None:
    store = InMemoryThreadStore(max_threads=2)

    async def scenario() -> list[Optional[str]]:
        for thread in ("a", "b"):
            await store.save(thread, ThreadRecord(f"conv-{thread}", "agent"))
        await store.load("a")  # "a" is now the most recent
        await store.save("c", ThreadRecord("conv-c", "agent"))
        found = [await store.load(thread) for thread in ("a", "b", "c")]
        return [None if record is None else record.conversation_id for record in found]

    assert asyncio.run(scenario()) == ["conv-a", None, "conv-c"]
    assert len(store) == 2
    with pytest.raises(ValueError, match="max_threads"):
        InMemoryThreadStore(max_threads=0)


def test_a_record_survives_json() -> None:
    record = ThreadRecord(
        "conv-1", "hitl-agent", "user-7", PendingHitl("hitl_1", ("int_1", "int_2"))
    )

    assert ThreadRecord.from_dict(json.loads(json.dumps(record.to_dict()))) == record
    assert ThreadRecord.from_dict(ThreadRecord("c", "a").to_dict()) == ThreadRecord("c", "a")


class JsonStore:
    """A store that keeps records as JSON text, as one over Redis would."""

    def __init__(self) -> None:
        self.texts: dict[str, str] = {}

    async def load(self, thread_id: str) -> Optional[ThreadRecord]:
        text = self.texts.get(thread_id)
        return None if text is None else ThreadRecord.from_dict(json.loads(text))

    async def save(self, thread_id: str, record: ThreadRecord) -> None:
        self.texts[thread_id] = json.dumps(record.to_dict())


@pytest.mark.emulator
def test_a_store_of_your_own_carries_the_conversation_and_the_pause(
    relay_server_factory: Any, post_run: Post, run_input: Input, sketricgen_emulator: Emulator
) -> None:
    store = JsonStore()
    assert isinstance(store, ThreadStore)
    relay = relay_server_factory("hitl-agent", store=store)

    paused = post_run(run_input("Mail Bob", thread_id="t"), url=relay.agent_url)
    saved = json.loads(store.texts["t"])
    (interrupt,) = paused.events[-1]["outcome"]["interrupts"]
    resume = [{"interruptId": interrupt["id"], "status": "resolved", "payload": "approve"}]
    resumed = post_run(run_input(thread_id="t", run_id="r2", resume=resume), url=relay.agent_url)

    assert saved["conversation_id"] == sketricgen_emulator.runs[0].conversation_id
    assert saved["pending_hitl"]["interrupt_ids"] == [interrupt["id"]]
    assert "Approved: the email was sent." in resumed.text
    assert json.loads(store.texts["t"])["pending_hitl"] is None
