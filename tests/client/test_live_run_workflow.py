"""run_workflow / run_workflow_sync against the emulator: the seed's examples, every field."""

from __future__ import annotations

import asyncio
import json
import platform
from typing import Any

import pytest

from sketricgen import (
    ChatResponse,
    HitlDecision,
    HitlResume,
    SketricGenBadRequestError,
    SketricGenClient,
    SketricGenNotFoundError,
    SketricGenUnexpectedResponseError,
    SketricGenValidationError,
)
from sketricgen.testing import Emulator, Fault
from tests.helpers.clients import ClientFactory

pytestmark = pytest.mark.emulator


def _body(emulator: Emulator, index: int = -1) -> dict[str, Any]:
    body: dict[str, Any] = json.loads(emulator.requests_to("run")[index].body)
    return body


@pytest.mark.anyio
async def test_seed_quick_start_async(
    make_client: ClientFactory, sketricgen_emulator: Emulator
) -> None:
    async with make_client() as client:
        response = await client.run_workflow(
            agent_id="agent-123",
            user_input="Hello, how are you?",
        )
    assert isinstance(response, ChatResponse)
    assert response.response == "Hello! You said: Hello, how are you?"
    assert response.agent_id == "agent-123"
    assert response.conversation_id in sketricgen_emulator.conversation_ids
    assert response.error is False
    assert _body(sketricgen_emulator) == {
        "agent_id": "agent-123", "user_input": "Hello, how are you?", "stream": False,
    }  # fmt: skip


@pytest.mark.anyio
async def test_seed_resume_a_conversation_async(
    make_client: ClientFactory, sketricgen_emulator: Emulator
) -> None:
    async with make_client() as client:
        first = await client.run_workflow(agent_id="agent-123", user_input="Hi")
        response = await client.run_workflow(
            agent_id="agent-123",
            user_input="What is the weather like today?",
            conversation_id=first.conversation_id,
        )
    assert response.conversation_id == first.conversation_id
    assert "message 2 of our conversation" in response.response
    assert _body(sketricgen_emulator)["conversation_id"] == first.conversation_id


def test_seed_sync_example(make_client: ClientFactory, sketricgen_emulator: Emulator) -> None:
    client = make_client()
    response = client.run_workflow_sync(agent_id="agent-123", user_input="Hello!")
    assert response.response == "Hello! You said: Hello!"
    again = client.run_workflow_sync("agent-123", "And again", response.conversation_id)
    assert again.conversation_id == response.conversation_id
    assert len(sketricgen_emulator.requests_to("run")) == 2


def test_headers_on_the_wire(make_client: ClientFactory, sketricgen_emulator: Emulator) -> None:
    make_client(default_headers={"X-Trace": "t-1"}).run_workflow_sync("agent-123", "Hi")
    (request,) = sketricgen_emulator.requests_to("run")
    headers = {k.lower(): v for k, v in request.headers.items()}
    assert headers["api-key"] == "***"  # sent (the emulator masks it in its records)
    assert "x-api-key" not in headers
    assert headers["content-type"] == "application/json"
    assert headers["accept"] == "application/json"
    assert headers["x-trace"] == "t-1"
    agent = headers["user-agent"]
    assert agent.startswith("sketricgen-python/")
    assert platform.python_version() in agent


def test_contact_id_and_hitl_round_trip(
    make_client: ClientFactory, sketricgen_emulator: Emulator
) -> None:
    client = make_client()
    paused = client.run_workflow_sync(
        "hitl-agent", "Email the report", contact_id="customer-7", enable_hitl=True
    )
    assert paused.run_paused_hitl is True
    assert paused.contact_id == "customer-7"
    assert paused.hitl_request is not None
    assert paused.hitl_request.status == "pending"
    resume = HitlResume(
        request_id=paused.hitl_request.request_id,
        decisions=[HitlDecision(type="approve")],
    )
    done = client.run_workflow_sync(
        "hitl-agent", "", conversation_id=paused.conversation_id, hitl_resume=resume
    )
    assert done.run_paused_hitl is False
    assert done.conversation_id == paused.conversation_id
    sent = _body(sketricgen_emulator)
    assert sent["enable_hitl"] is True
    assert sent["hitl_resume"] == {
        "request_id": paused.hitl_request.request_id, "decisions": [{"type": "approve"}],
    }  # fmt: skip


def test_unknown_agent_is_not_found(make_client: ClientFactory) -> None:
    with pytest.raises(SketricGenNotFoundError, match="ghost") as caught:
        make_client().run_workflow_sync("ghost", "Hi")
    assert caught.value.status_code == 404
    assert "agent_id" in str(caught.value)


def test_assets_that_are_not_uploads_are_refused(make_client: ClientFactory) -> None:
    with pytest.raises(SketricGenBadRequestError) as caught:
        make_client().run_workflow_sync("agent-123", "Look", assets=["file-that-never-was"])
    assert isinstance(caught.value, SketricGenValidationError)
    assert caught.value.status_code == 400


@pytest.mark.parametrize(
    "kwargs",
    [
        {"agent_id": ""},
        {"user_input": "x" * 10_001},
        {"user_input": ""},
        {"contact_id": "c" * 256},
        {"hitl_resume": {"request_id": "r", "decisions": [{"type": "approve"}]}},
    ],
)
def test_bad_input_sends_nothing(
    make_client: ClientFactory, sketricgen_emulator: Emulator, kwargs: dict[str, Any]
) -> None:
    client = make_client()
    with pytest.raises(SketricGenValidationError):
        client.run_workflow_sync(**{"agent_id": "agent-123", "user_input": "Hi", **kwargs})
    assert sketricgen_emulator.requests == []
    assert sketricgen_emulator.connections_opened == 0


def test_an_unreadable_success_body_is_a_typed_error(
    make_client: ClientFactory, sketricgen_emulator: Emulator
) -> None:
    # A proxy's HTML page, with a success status, where a ChatResponse was expected.
    client = make_client(default_headers=Fault.header(Fault.html_page(200)))
    with pytest.raises(SketricGenUnexpectedResponseError) as caught:
        client.run_workflow_sync("agent-123", "Hi")
    assert caught.value.status_code == 200
    assert "<" not in str(caught.value)


def test_client_works_across_asyncio_run_calls(make_client: ClientFactory) -> None:
    client: SketricGenClient = make_client()
    first = asyncio.run(client.run_workflow("agent-123", "one"))
    second = asyncio.run(client.run_workflow("agent-123", "two"))
    assert (first.response, second.response) == (
        "Hello! You said: one",
        "Hello! You said: two",
    )
