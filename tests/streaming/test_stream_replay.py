"""The seed's streaming examples against the recorded cassettes (vcrpy), with no server.

Matching covers the method, the URL and the JSON body: each test also proves
the SDK asks for the same stream as when the cassette was recorded.
"""

from __future__ import annotations

import asyncio
import json

import pytest

from sketricgen import SketricGenRunError, StreamResult
from tests.helpers.cassettes import client, replaying

STORY = "Hello! You said: Tell me a story"


def test_seed_streaming_example_async() -> None:
    async def main() -> list[str]:
        printed = []
        async with client() as sdk:
            async for event in await sdk.run_workflow(
                agent_id="agent-123",
                user_input="Tell me a story",
                stream=True,
            ):
                data = json.loads(event.data)
                if data["type"] == "TEXT_MESSAGE_CONTENT":
                    printed.append(data["delta"])
                elif data["type"] == "RUN_FINISHED":
                    printed.append("\n")
        return printed

    with replaying("run_workflow_stream"):
        printed = asyncio.run(main())
    assert "".join(printed) == STORY + "\n"


def test_seed_streaming_example_sync() -> None:
    printed = []
    with replaying("run_workflow_stream_sync"), client() as sdk:
        for event in sdk.run_workflow_sync(
            agent_id="agent-123",
            user_input="Tell me a story",
            stream=True,
        ):
            data = json.loads(event.data)
            if data["type"] == "TEXT_MESSAGE_CONTENT":
                printed.append(data["delta"])
        assert event.is_terminal
    assert "".join(printed) == STORY


def test_seed_complete_streaming_example() -> None:
    async def main() -> tuple[list[str], StreamResult]:
        async with client() as sdk:
            stream = await sdk.run_workflow(
                agent_id="demo-agent", user_input="Search for info and summarize it", stream=True
            )
            kinds = []
            async for event in stream:
                kinds.append(event.event_type)
                if event.event_type == "TOOL_CALL_END":
                    break
            return kinds, await stream.until_done()

    with replaying("stream_tool_calls"):
        kinds, rest = asyncio.run(main())
    assert kinds[0] == "RUN_STARTED"
    assert kinds[-3:] == ["TOOL_CALL_ARGS", "TOOL_CALL_ARGS", "TOOL_CALL_END"]
    assert rest.outcome == "finished"
    assert rest.text.startswith("Here is what I found about")


def test_a_run_error() -> None:
    with replaying("stream_run_error"), client() as sdk:
        stream = sdk.run_workflow_sync("error-agent", "Hi", stream=True)
        with pytest.raises(SketricGenRunError, match="AGENT_ERROR") as caught:
            stream.until_done()
    assert caught.value.result.text == "Working on it."


def test_a_503_before_the_first_event_is_retried() -> None:
    with replaying("stream_retried"), client() as sdk:
        stream = sdk.run_workflow_sync("agent-123", "Again", stream=True)
        assert "".join(stream.text_deltas()) == "Hello! You said: Again"
