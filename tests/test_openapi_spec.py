"""The OpenAPI description is valid and says what API.md says about the wire."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from openapi_spec_validator import validate

SPEC_PATH = Path(__file__).resolve().parent.parent / "openapi" / "sketricgen.yaml"

AG_UI_TYPES = {
    "TEXT_MESSAGE_START", "TEXT_MESSAGE_CONTENT", "TEXT_MESSAGE_END", "TEXT_MESSAGE_CHUNK",
    "TOOL_CALL_START", "TOOL_CALL_ARGS", "TOOL_CALL_END", "TOOL_CALL_CHUNK", "TOOL_CALL_RESULT",
    "STATE_SNAPSHOT", "STATE_DELTA", "MESSAGES_SNAPSHOT", "ACTIVITY_SNAPSHOT", "ACTIVITY_DELTA",
    "RAW", "CUSTOM", "RUN_STARTED", "RUN_FINISHED", "RUN_ERROR", "STEP_STARTED", "STEP_FINISHED",
    "REASONING_START", "REASONING_MESSAGE_START", "REASONING_MESSAGE_CONTENT",
    "REASONING_MESSAGE_END", "REASONING_MESSAGE_CHUNK", "REASONING_END",
    "REASONING_ENCRYPTED_VALUE", "SUBAGENT_STARTED", "SUBAGENT_FINISHED", "SUBAGENT_ERROR",
}  # fmt: skip
SKETRICGEN_TYPES = {"RUN_PAUSED_HITL", "RUN_HALTED_OUT_OF_CREDITS", "CUSTOM_EVENT"}


@pytest.fixture(scope="module")
def spec() -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load(SPEC_PATH.read_text(encoding="utf-8"))
    return loaded


def _schema(spec: dict[str, Any], name: str) -> dict[str, Any]:
    found: dict[str, Any] = spec["components"]["schemas"][name]
    return found


def test_spec_is_valid_openapi_3_1(spec: dict[str, Any]) -> None:
    assert spec["openapi"].startswith("3.1")
    validate(spec)


def test_run_workflow_answers(spec: dict[str, Any]) -> None:
    answers = spec["paths"]["/api/v1/run-workflow"]["post"]["responses"]
    assert set(answers) == {
        "200",
        "201",
        "400",
        "401",
        "403",
        "404",
        "409",
        "413",
        "422",
        "429",
        "5XX",
    }
    assert "text/event-stream" in answers["200"]["content"]
    assert answers["201"]["content"]["application/json"]["schema"]["$ref"].endswith("/ChatResponse")


def test_request_constraints(spec: dict[str, Any]) -> None:
    request = _schema(spec, "RunWorkflowRequest")
    props = request["properties"]
    assert set(request["required"]) == {"agent_id", "user_input"}
    assert props["user_input"]["maxLength"] == 10_000
    assert props["contact_id"]["maxLength"] == 255
    assert props["stream"]["default"] is False
    assert {"assets", "enable_hitl", "hitl_resume"} <= set(props)


def test_chat_response_fields_and_open_objects(spec: dict[str, Any]) -> None:
    chat = _schema(spec, "ChatResponse")
    assert chat["additionalProperties"] is True
    assert {
        "agent_id", "user_id", "conversation_id", "contact_id", "response", "owner", "error",
        "assets", "run_paused_hitl", "hitl_interrupts", "hitl_request",
        "run_halted_out_of_credits", "web_search_citations",
    } <= set(chat["properties"])  # fmt: skip
    for name in ("UploadInitResponse", "UploadCompleteResponse", "PresignedPost", "ErrorBody"):
        assert _schema(spec, name)["additionalProperties"] is True, name


def test_event_union_is_discriminated_on_type(spec: dict[str, Any]) -> None:
    union = _schema(spec, "AgUiEvent")
    mapping = union["discriminator"]["mapping"]
    assert union["discriminator"]["propertyName"] == "type"
    assert set(mapping) == AG_UI_TYPES | SKETRICGEN_TYPES
    for event_type, ref in mapping.items():
        member = _schema(spec, ref.rsplit("/", 1)[1])
        assert member["properties"]["type"]["const"] == event_type
        assert member["additionalProperties"] is True


def test_security_schemes_per_host(spec: dict[str, Any]) -> None:
    schemes = spec["components"]["securitySchemes"]
    assert schemes["ChatApiKey"]["name"] == "API-KEY"
    assert schemes["UploadApiKey"]["name"] == "X-API-KEY"
    paths = spec["paths"]
    assert paths["/publicAssetsUploadInit"]["post"]["security"] == [{"UploadApiKey": []}]
    assert paths["/publicAssetsUploadComplete"]["post"]["security"] == [{"UploadApiKey": []}]
    assert paths["/"]["post"]["security"] == []  # the presigned target gets no key
