"""The SDK against the recorded cassettes (vcrpy), with no server: seed examples and errors.

Matching covers the method, the URL and the JSON body, so each test also
proves the SDK sends exactly what was recorded.
"""

from __future__ import annotations

import asyncio

import pytest

from sketricgen import (
    ChatResponse,
    HitlDecision,
    HitlResume,
    SketricGenAPIError,
    SketricGenAuthenticationError,
    SketricGenBadRequestError,
    SketricGenNotFoundError,
    SketricGenRateLimitError,
    SketricGenServerError,
    SketricGenValidationError,
)
from tests.helpers.cassettes import ERROR_STATUSES, client, replaying


def test_quick_start_async() -> None:
    async def main() -> ChatResponse:
        async with client() as sdk:
            return await sdk.run_workflow(agent_id="agent-123", user_input="Hello, how are you?")

    with replaying("run_workflow"):
        response = asyncio.run(main())
    assert isinstance(response, ChatResponse)
    assert response.response == "Hello! You said: Hello, how are you?"
    assert response.agent_id == "agent-123"
    assert response.conversation_id
    assert response.error is False


def test_sync_example() -> None:
    with replaying("run_workflow_sync"), client() as sdk:
        response = sdk.run_workflow_sync(agent_id="agent-123", user_input="Hello!")
    assert response.response == "Hello! You said: Hello!"


def test_resume_a_conversation_async() -> None:
    async def main() -> tuple[ChatResponse, ChatResponse]:
        async with client() as sdk:
            first = await sdk.run_workflow(
                agent_id="agent-123", user_input="My name is Ada.", contact_id="contact-1"
            )
            second = await sdk.run_workflow(
                agent_id="agent-123",
                user_input="What is the weather like today?",
                conversation_id=first.conversation_id,
                contact_id="contact-1",
            )
            return first, second

    with replaying("conversation"):
        first, second = asyncio.run(main())
    assert second.conversation_id == first.conversation_id
    assert second.contact_id == "contact-1"
    assert "message 2 of our conversation" in second.response


def test_resume_a_conversation_sync() -> None:
    with replaying("conversation_sync"), client() as sdk:
        first = sdk.run_workflow_sync("agent-123", "My name is Ada.", contact_id="contact-1")
        second = sdk.run_workflow_sync(
            "agent-123", "What is my name?", first.conversation_id, contact_id="contact-1"
        )
    assert second.conversation_id == first.conversation_id


def test_hitl_pause_and_resume() -> None:
    with replaying("hitl_pause_and_resume"), client() as sdk:
        paused = sdk.run_workflow_sync("hitl-agent", "Email Bob hello", enable_hitl=True)
        assert paused.run_paused_hitl is True
        assert paused.hitl_request is not None
        assert paused.hitl_request.action_requests
        assert paused.hitl_request.action_requests[0].name == "send_email"
        resumed = sdk.run_workflow_sync(
            "hitl-agent",
            "",
            paused.conversation_id,
            hitl_resume=HitlResume(
                request_id=paused.hitl_request.request_id,
                decisions=[HitlDecision(type="approve")],
            ),
        )
    assert resumed.run_paused_hitl is False


def test_errors_the_service_raises() -> None:
    with replaying("service_errors"):
        wrong_key = client(api_key="not-a-valid-key")
        with wrong_key, pytest.raises(SketricGenAuthenticationError, match="API key") as bad_key:
            wrong_key.run_workflow_sync("agent-123", "hi")
        with client() as sdk:
            with pytest.raises(SketricGenNotFoundError, match="no-such-agent") as unknown:
                sdk.run_workflow_sync("no-such-agent", "hi")
            with pytest.raises(SketricGenBadRequestError) as bad_asset:
                sdk.run_workflow_sync("agent-123", "Look at this", assets=["file-never-uploaded"])
    assert bad_key.value.status_code == 401
    assert unknown.value.status_code == 404
    assert bad_asset.value.status_code == 400
    assert isinstance(bad_asset.value, SketricGenValidationError)


@pytest.mark.parametrize("status", sorted(ERROR_STATUSES))
def test_each_error_status(status: int) -> None:
    kind = ERROR_STATUSES[status]
    sdk = client(max_retries=0)
    with replaying("error_statuses", all_played=False), sdk, pytest.raises(kind) as caught:
        sdk.run_workflow_sync("agent-123", f"status {status}")
    error = caught.value
    assert isinstance(error, SketricGenAPIError)
    assert error.status_code == status
    assert str(status) in str(error)
    if status == 429:
        assert isinstance(error, SketricGenRateLimitError)
        assert error.retry_after == 30
    if status == 502:
        assert "HTML page" in str(error)
        assert "<" not in str(error)
    if status >= 500:
        assert isinstance(error, SketricGenServerError)
    if status in (409, 413, 422):
        assert isinstance(error, SketricGenValidationError)


def test_a_retried_call_replays_every_attempt() -> None:
    with replaying("retried_then_success"), client() as sdk:
        response = sdk.run_workflow_sync("agent-123", "Try again")
    assert response.response == "Hello! You said: Try again"
