"""A stream hands each event over at once, and gives its connection back however it ends.

The runs here are held open by a gate before their last event, so that a
connection can only be released by the client closing it: the emulator
counts open connections at the socket level.
"""

from __future__ import annotations

import asyncio

import pytest

from sketricgen import (
    AsyncStream,
    SketricGenClient,
    SketricGenIncompleteStreamError,
    Stream,
    StreamEvent,
)
from sketricgen.testing import Emulator
from tests.helpers.clients import ClientFactory
from tests.helpers.streams import ano_connection_left, await_in_thread, no_connection_left

pytestmark = pytest.mark.emulator


class UserError(Exception):
    """Raised by the code consuming a stream."""


def _open_sync(client: SketricGenClient) -> Stream:
    return client.run_workflow_sync("agent-123", "Hi", stream=True)


async def _open_async(client: SketricGenClient) -> AsyncStream:
    return await client.run_workflow("agent-123", "Hi", stream=True)


def _fail_in_the_loop(client: SketricGenClient) -> None:
    for _ in client.run_workflow_sync("agent-123", "Hi", stream=True):
        raise UserError


async def _fail_in_the_loop_async(client: SketricGenClient) -> None:
    async for _ in await client.run_workflow("agent-123", "Hi", stream=True):
        raise UserError


# -- no buffering ---------------------------------------------------------------------------


def test_each_event_arrives_before_the_next_is_produced(
    make_client: ClientFactory, sketricgen_emulator: Emulator
) -> None:
    emu = sketricgen_emulator
    kinds = ("TEXT_MESSAGE_START", "RUN_FINISHED")
    gates = {kind: emu.gate_before(kind) for kind in kinds}
    seen: list[str] = []
    with _open_sync(make_client(timeout=5)) as stream:
        for event in stream:
            seen.append(event.event_type)
            if event.event_type == "RUN_STARTED":
                # Here while the run is held before its second event: this one came alone.
                assert len(emu.runs[-1].events) == 1
                emu.wait_for(lambda: gates["TEXT_MESSAGE_START"].waiting == 1)
                gates["TEXT_MESSAGE_START"].open()
            if event.event_type == "TEXT_MESSAGE_END":
                assert emu.runs[-1].events[-1]["type"] == "TEXT_MESSAGE_END"
                emu.wait_for(lambda: gates["RUN_FINISHED"].waiting == 1)
                gates["RUN_FINISHED"].open()
    assert seen[-1] == "RUN_FINISHED"


@pytest.mark.anyio
async def test_each_event_arrives_before_the_next_is_produced_async(
    make_client: ClientFactory, sketricgen_emulator: Emulator
) -> None:
    emu = sketricgen_emulator
    gate = emu.gate_before("RUN_FINISHED")
    async with make_client(timeout=5) as client, await _open_async(client) as stream:
        async for event in stream:
            if event.event_type == "TEXT_MESSAGE_END":
                assert emu.runs[-1].events[-1]["type"] == "TEXT_MESSAGE_END"
                await await_in_thread(lambda: gate.waiting == 1, emu)
                gate.open()
        assert event.event_type == "RUN_FINISHED"


# -- every way out releases the connection --------------------------------------------------


def test_breaking_out_releases_the_connection(
    make_client: ClientFactory, sketricgen_emulator: Emulator
) -> None:
    sketricgen_emulator.gate_before("RUN_FINISHED")
    for event in make_client().run_workflow_sync("agent-123", "Hi", stream=True):
        assert event.event_type == "RUN_STARTED"
        break
    no_connection_left(sketricgen_emulator)


def test_an_exception_in_user_code_releases_the_connection(
    make_client: ClientFactory, sketricgen_emulator: Emulator
) -> None:
    sketricgen_emulator.gate_before("RUN_FINISHED")
    client = make_client()
    with pytest.raises(UserError):
        _fail_in_the_loop(client)
    no_connection_left(sketricgen_emulator)


def test_dropping_a_stream_releases_the_connection(
    make_client: ClientFactory, sketricgen_emulator: Emulator
) -> None:
    sketricgen_emulator.gate_before("RUN_FINISHED")
    client = make_client()
    stream = _open_sync(client)
    assert next(stream).event_type == "RUN_STARTED"
    del stream
    no_connection_left(sketricgen_emulator)
    unread = _open_sync(client)  # never iterated at all
    del unread
    no_connection_left(sketricgen_emulator)


def test_close_and_the_with_block(
    make_client: ClientFactory, sketricgen_emulator: Emulator
) -> None:
    sketricgen_emulator.gate_before("RUN_FINISHED")
    client = make_client()
    stream = _open_sync(client)
    next(stream)
    stream.close()
    stream.close()  # harmless
    assert list(stream) == []
    no_connection_left(sketricgen_emulator)
    with _open_sync(client) as stream:
        next(stream)
    no_connection_left(sketricgen_emulator)
    with pytest.raises(SketricGenIncompleteStreamError, match="was closed before the run did"):
        stream.until_done()


@pytest.mark.anyio
async def test_every_way_out_releases_the_connection_async(
    make_client: ClientFactory, sketricgen_emulator: Emulator
) -> None:
    sketricgen_emulator.gate_before("RUN_FINISHED")
    client = make_client()
    # break
    async for _ in await client.run_workflow("agent-123", "Hi", stream=True):
        break
    await ano_connection_left(sketricgen_emulator)
    # an exception in the loop
    with pytest.raises(UserError):
        await _fail_in_the_loop_async(client)
    await ano_connection_left(sketricgen_emulator)
    # aclose(), twice, and `async with`
    stream = await _open_async(client)
    assert (await stream.__anext__()).event_type == "RUN_STARTED"
    await stream.aclose()
    await stream.aclose()
    assert [e async for e in stream] == []
    async with await _open_async(client) as stream:
        await stream.__anext__()
    await ano_connection_left(sketricgen_emulator)
    await client.aclose()


@pytest.mark.anyio
async def test_dropping_an_async_stream_releases_the_connection(
    make_client: ClientFactory, sketricgen_emulator: Emulator
) -> None:
    sketricgen_emulator.gate_before("RUN_FINISHED")
    client = make_client()
    stream = await _open_async(client)
    first: StreamEvent = await stream.__anext__()
    assert first.event_type == "RUN_STARTED"
    del stream  # asyncio closes the dropped generator on this loop
    await ano_connection_left(sketricgen_emulator)
    unread = await _open_async(client)
    del unread
    await ano_connection_left(sketricgen_emulator)
    await client.aclose()


@pytest.mark.anyio
async def test_200_streams_abandoned_after_their_first_event(
    make_client: ClientFactory, sketricgen_emulator: Emulator
) -> None:
    gate = sketricgen_emulator.gate_before("RUN_FINISHED")
    client = make_client()

    async def first_event(n: int) -> str:
        async for event in await client.run_workflow("agent-123", f"stream {n}", stream=True):
            return event.event_type
        raise AssertionError("no event")

    kinds = await asyncio.gather(*(first_event(n) for n in range(200)))
    assert kinds == ["RUN_STARTED"] * 200
    assert len(sketricgen_emulator.requests_to("run")) == 200
    await ano_connection_left(sketricgen_emulator)
    await await_in_thread(lambda: gate.waiting == 0, sketricgen_emulator)  # the runs ended too
    await client.aclose()


def test_200_streams_abandoned_sync(
    make_client: ClientFactory, sketricgen_emulator: Emulator
) -> None:
    sketricgen_emulator.gate_before("RUN_FINISHED")
    client = make_client()
    for n in range(200):
        stream = client.run_workflow_sync("agent-123", f"stream {n}", stream=True)
        assert next(stream).event_type == "RUN_STARTED"
    del stream
    no_connection_left(sketricgen_emulator)
    assert len(sketricgen_emulator.requests_to("run")) == 200


def test_a_finished_stream_leaves_its_connection_to_the_pool(
    make_client: ClientFactory, sketricgen_emulator: Emulator
) -> None:
    client = make_client()
    for _ in range(5):
        assert _open_sync(client).until_done().outcome == "finished"
    assert sketricgen_emulator.connections_opened == 1
    client.close()
    no_connection_left(sketricgen_emulator)
