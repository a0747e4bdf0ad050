"""A run halted for lack of credits is an ending (RUN_HALTED_OUT_OF_CREDITS), not a failure."""

from __future__ import annotations

from typing import Callable

import pytest

from sketricgen import (
    SketricGenClient,
    SketricGenNetworkError,
    SketricGenOutOfCreditsError,
    SketricGenRunError,
    StreamEvent,
)
from sketricgen.events import RunHaltedOutOfCreditsEvent
from sketricgen.testing import AgentScript, Emulator
from tests.helpers.clients import ClientFactory

pytestmark = pytest.mark.emulator
AGENT = "out-of-credits-agent"
SAID = "Let me think about that."


def test_the_halt_ends_the_stream(
    make_client: ClientFactory, sketricgen_emulator: Emulator
) -> None:
    with make_client().run_workflow_sync(AGENT, "Hi", stream=True) as stream:
        events: list[StreamEvent] = list(stream)
        assert stream.outcome == "out_of_credits"
    last = events[-1]
    assert last.type == "RUN_HALTED_OUT_OF_CREDITS"
    assert last.is_terminal
    assert isinstance(last.ag_ui, RunHaltedOutOfCreditsEvent)
    assert last.ag_ui.message == "The account has run out of credits."
    assert [e.is_terminal for e in events].count(True) == 1
    (run,) = sketricgen_emulator.runs
    assert run.outcome == "out_of_credits"


def test_until_done_raises_the_typed_error(make_client: ClientFactory) -> None:
    stream = make_client().run_workflow_sync(AGENT, "Hi", stream=True)
    with pytest.raises(SketricGenOutOfCreditsError, match="out of credits") as caught:
        stream.until_done()
    error = caught.value
    assert isinstance(error, SketricGenRunError)
    assert not isinstance(error, SketricGenNetworkError)
    assert error.message == "The account has run out of credits."
    assert "Add credits" in str(error)
    assert error.result.outcome == "out_of_credits"
    assert error.result.text == SAID
    assert isinstance(error.result.out_of_credits, RunHaltedOutOfCreditsEvent)
    assert error.result.conversation_id is not None


@pytest.mark.anyio
async def test_the_halt_async(make_client: ClientFactory) -> None:
    client = make_client()
    stream = await client.run_workflow(AGENT, "Hi", stream=True)
    deltas: list[str] = []

    async def read() -> None:
        async for delta in stream.text_deltas():
            deltas.append(delta)

    with pytest.raises(SketricGenOutOfCreditsError):
        await read()
    assert "".join(deltas) == SAID
    assert stream.outcome == "out_of_credits"
    async with await client.run_workflow(AGENT, "Hi", stream=True) as stream:
        with pytest.raises(SketricGenOutOfCreditsError):
            await stream.until_done()
    await client.aclose()


def test_the_plain_answer_says_so(make_client: ClientFactory) -> None:
    client = make_client()
    answer = client.run_workflow_sync(AGENT, "Hi")
    assert answer.run_halted_out_of_credits is True
    assert answer.response == SAID
    assert client.run_workflow_sync("agent-123", "Hi").run_halted_out_of_credits is False


def test_a_scripted_halt_without_a_message(
    make_client: ClientFactory, sketricgen_emulator: Emulator
) -> None:
    sketricgen_emulator.add_agent("broke", AgentScript().out_of_credits())
    with pytest.raises(SketricGenOutOfCreditsError) as caught:
        make_client().run_workflow_sync("broke", "Hi", stream=True).until_done()
    assert caught.value.message == "the run stopped because the account ran out of credits"
    assert caught.value.result.text == ""


def test_camel_case_keys(sketricgen_emulator_factory: Callable[..., Emulator]) -> None:
    emu = sketricgen_emulator_factory(key_case="camel")
    with SketricGenClient(api_key=emu.api_key, base_url=emu.base_url) as client:
        stream = client.run_workflow_sync(AGENT, "Hi", stream=True)
        events = list(stream)
    assert '"threadId"' in events[-1].data
    assert stream.outcome == "out_of_credits"
    halted = events[-1].ag_ui
    assert isinstance(halted, RunHaltedOutOfCreditsEvent)
    assert halted.thread_id == events[0].json()["threadId"]
