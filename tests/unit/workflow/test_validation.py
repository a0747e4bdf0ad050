"""run-workflow arguments are checked before any request is made."""

from __future__ import annotations

from typing import Any

import pytest
from sketricgen_lowlevel.api.chat import run_workflow as run_workflow_api
from sketricgen_models import RunWorkflowRequest

from sketricgen import (
    ChatResponse,
    HitlDecision,
    HitlResume,
    SketricGenClient,
    SketricGenValidationError,
)
from sketricgen._workflow.validation import (
    MAX_CONTACT_ID,
    MAX_USER_INPUT,
    _max_length,
    validate_run_workflow,
)
from sketricgen.testing import Emulator
from tests.helpers.clients import ClientFactory

OK: dict[str, Any] = {"agent_id": "agent-123", "user_input": "Hello!"}
RESUME = HitlResume(request_id="req-1", decisions=[HitlDecision(type="approve")])


def _body(**kwargs: Any) -> dict[str, Any]:
    request = validate_run_workflow(**{**OK, **kwargs})
    body: dict[str, Any] = run_workflow_api.build_request(body=request).json
    return body


def test_limits_come_from_the_spec() -> None:
    assert (MAX_USER_INPUT, MAX_CONTACT_ID) == (10_000, 255)


def test_minimal_body() -> None:
    assert _body() == {"agent_id": "agent-123", "user_input": "Hello!", "stream": False}


def test_every_optional_field_reaches_the_body() -> None:
    body = _body(
        conversation_id="conv-456", contact_id="user-9", assets=["file-1", "file-2"],
        enable_hitl=True, hitl_resume=RESUME,
    )  # fmt: skip
    assert body == {
        "agent_id": "agent-123",
        "user_input": "Hello!",
        "stream": False,
        "conversation_id": "conv-456",
        "contact_id": "user-9",
        "assets": ["file-1", "file-2"],
        "enable_hitl": True,
        "hitl_resume": {"request_id": "req-1", "decisions": [{"type": "approve"}]},
    }


def test_a_resume_may_be_a_dict_and_turns_hitl_on() -> None:
    body = _body(
        user_input="",
        conversation_id="conv-1",
        hitl_resume={"request_id": "r", "decisions": [{"type": "respond", "message": "yes"}]},
    )
    assert body["enable_hitl"] is True
    assert body["hitl_resume"]["decisions"] == [{"type": "respond", "message": "yes"}]


def test_limits_are_inclusive() -> None:
    assert len(_body(user_input="x" * MAX_USER_INPUT)["user_input"]) == MAX_USER_INPUT
    assert len(_body(contact_id="c" * MAX_CONTACT_ID)["contact_id"]) == MAX_CONTACT_ID


def test_empty_input_is_fine_with_assets() -> None:
    assert _body(user_input="", assets=["file-1"])["assets"] == ["file-1"]


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"agent_id": ""}, "agent_id"),
        ({"agent_id": "  "}, "agent_id"),
        ({"agent_id": None}, "agent_id"),
        ({"user_input": "x" * (MAX_USER_INPUT + 1)}, "user_input"),
        ({"user_input": ""}, "user_input"),
        ({"user_input": "   "}, "user_input"),
        ({"user_input": None}, "user_input"),
        ({"user_input": "", "assets": []}, "user_input"),
        ({"contact_id": "c" * (MAX_CONTACT_ID + 1)}, "contact_id"),
        ({"contact_id": ""}, "contact_id"),
        ({"conversation_id": 42}, "conversation_id"),
        ({"hitl_resume": RESUME}, "conversation_id"),
        ({"hitl_resume": RESUME, "conversation_id": "c", "enable_hitl": False}, "enable_hitl"),
        ({"hitl_resume": {"request_id": "r"}, "conversation_id": "c"}, "hitl_resume"),
        ({"hitl_resume": {"request_id": "r", "decisions": [{"type": "maybe"}]},
          "conversation_id": "c"}, "hitl_resume"),
        ({"hitl_resume": "approve", "conversation_id": "c"}, "hitl_resume"),
        ({"assets": "file-1"}, "assets"),
        ({"assets": ["file-1", ""]}, "assets"),
        ({"enable_hitl": "yes"}, "enable_hitl"),
        ({"stream": "no"}, "stream"),
    ],
)  # fmt: skip
def test_bad_arguments_name_the_field(kwargs: dict[str, Any], field: str) -> None:
    with pytest.raises(SketricGenValidationError) as caught:
        validate_run_workflow(**{**OK, **kwargs})
    assert caught.value.field == field
    assert field in str(caught.value)


def test_too_long_input_says_by_how_much() -> None:
    with pytest.raises(SketricGenValidationError, match=r"10,001 characters.*at most 10,000"):
        validate_run_workflow(agent_id="a", user_input="x" * 10_001)


@pytest.mark.parametrize(
    "kwargs",
    [
        {"agent_id": ""},
        {"user_input": "x" * (MAX_USER_INPUT + 1)},
        {"contact_id": "c" * 256},
        {"hitl_resume": RESUME},
    ],
)
def test_the_client_refuses_before_connecting(kwargs: dict[str, Any]) -> None:
    # Port 9 (discard) on loopback refuses connections: a request would fail
    # with a network error, not a validation error.
    client = SketricGenClient("sk-test-key", base_url="http://127.0.0.1:9", max_retries=0)
    with client, pytest.raises(SketricGenValidationError):
        client.run_workflow_sync(**{**OK, **kwargs})


# -- user_input defaults to "" (as in the incumbent) -------------------------------------


def _approval(paused: ChatResponse) -> dict[str, Any]:
    assert paused.run_paused_hitl is True
    assert paused.hitl_request is not None
    return {
        "conversation_id": paused.conversation_id,
        "enable_hitl": True,
        "hitl_resume": HitlResume(
            request_id=paused.hitl_request.request_id, decisions=[HitlDecision(type="approve")]
        ),
    }


def _resumed_without_input(emu: Emulator, resumed: ChatResponse) -> None:
    assert resumed.response == "Approved: the email was sent."
    assert resumed.run_paused_hitl is False
    first, second = emu.requests_to("run")
    assert first.json()["user_input"] == "Tell Bob hi"
    assert second.json()["user_input"] == ""
    assert second.json()["hitl_resume"]["decisions"] == [{"type": "approve"}]


@pytest.mark.emulator
def test_a_hitl_resume_needs_no_user_input_sync(
    make_client: ClientFactory, sketricgen_emulator: Emulator
) -> None:
    client = make_client()
    paused = client.run_workflow_sync("hitl-agent", "Tell Bob hi", enable_hitl=True)
    resumed = client.run_workflow_sync("hitl-agent", **_approval(paused))
    _resumed_without_input(sketricgen_emulator, resumed)


@pytest.mark.emulator
@pytest.mark.anyio
async def test_a_hitl_resume_needs_no_user_input_async(
    make_client: ClientFactory, sketricgen_emulator: Emulator
) -> None:
    async with make_client() as client:
        paused = await client.run_workflow("hitl-agent", "Tell Bob hi", enable_hitl=True)
        resumed = await client.run_workflow(agent_id="hitl-agent", **_approval(paused))
    _resumed_without_input(sketricgen_emulator, resumed)


EMPTY_INPUT = r"user_input is empty: pass a message as user_input, attach files \(file_paths="


@pytest.mark.emulator
@pytest.mark.parametrize("extra", [{}, {"user_input": "  "}, {"assets": []}, {"file_paths": []}])
def test_an_empty_run_is_refused_before_any_request_sync(
    make_client: ClientFactory, sketricgen_emulator: Emulator, extra: dict[str, Any]
) -> None:
    with pytest.raises(SketricGenValidationError, match=EMPTY_INPUT) as caught:
        make_client().run_workflow_sync("agent-123", **extra)
    assert caught.value.field == "user_input"
    assert "hitl_resume=" in str(caught.value)
    assert sketricgen_emulator.requests == []


@pytest.mark.emulator
@pytest.mark.anyio
async def test_an_empty_run_is_refused_before_any_request_async(
    make_client: ClientFactory, sketricgen_emulator: Emulator
) -> None:
    async with make_client() as client:
        with pytest.raises(SketricGenValidationError, match=EMPTY_INPUT):
            await client.run_workflow("agent-123", stream=True)
    assert sketricgen_emulator.requests == []


# -- what each refusal says (sans-IO) -------------------------------------------------


def _refusal(**kwargs: Any) -> SketricGenValidationError:
    with pytest.raises(SketricGenValidationError) as caught:
        validate_run_workflow(**{**OK, **kwargs})
    return caught.value


def test_a_field_the_spec_gives_no_max_length_is_an_error_not_unlimited() -> None:
    with pytest.raises(LookupError, match=r"RunWorkflowRequest\.agent_id no maxLength"):
        _max_length(RunWorkflowRequest, "agent_id")


def test_a_blank_conversation_id_is_refused() -> None:
    error = _refusal(conversation_id="  ")
    assert error.field == "conversation_id"
    assert "conversation_id is empty: pass an id from an earlier ChatResponse" in str(error)


def test_a_too_long_contact_id_says_its_length_and_the_limit() -> None:
    error = _refusal(contact_id="c" * 256)
    assert error.field == "contact_id"
    assert "contact_id is 256 characters; the service accepts at most 255" in str(error)


def test_a_resume_of_the_wrong_type_says_what_it_got() -> None:
    error = _refusal(conversation_id="conv-1", hitl_resume=42)
    assert error.field == "hitl_resume"
    assert "hitl_resume must be a HitlResume (or a dict of one), got int" in str(error)


def test_an_invalid_resume_dict_is_refused_as_a_resume() -> None:
    error = _refusal(conversation_id="conv-1", hitl_resume={"request_id": "req-1"})
    assert error.field == "hitl_resume"
    assert str(error).startswith("hitl_resume is not a valid HitlResume: decisions")
