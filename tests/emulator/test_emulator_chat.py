"""POST /api/v1/run-workflow over real HTTP: answers, validation, streams, scripts."""

from __future__ import annotations

import json
from typing import Any, Callable

import httpx
import pytest
from ag_ui.core import Event
from pydantic import TypeAdapter
from sketricgen_models import ChatResponse

from sketricgen.testing import AgentScript, Emulator
from tests.helpers.emulator import chat_headers, data_lines, events, run, stream

pytestmark = pytest.mark.emulator

AG_UI_EVENT: TypeAdapter[Any] = TypeAdapter(Event)


def test_non_streamed_answer_is_a_201_chat_response(emu: Emulator, http: httpx.Client) -> None:
    response = run(http, emu, user_input="Hello, how are you?")
    assert response.status_code == 201
    assert response.headers["content-type"] == "application/json"
    answer = ChatResponse.model_validate(response.json())
    assert answer.response == "Hello! You said: Hello, how are you?"
    assert (answer.agent_id, answer.user_id, answer.owner) == (
        "agent-123", "user-emulator", "owner-emulator",
    )  # fmt: skip
    assert answer.error is False
    assert answer.conversation_id in emu.conversation_ids
    assert "contact_id" not in response.json()


def test_contact_id_is_echoed(emu: Emulator, http: httpx.Client) -> None:
    assert run(http, emu, contact_id="user-42").json()["contact_id"] == "user-42"


def test_a_conversation_continues_with_its_id(emu: Emulator, http: httpx.Client) -> None:
    first = run(http, emu, user_input="one").json()
    second = run(http, emu, user_input="two", conversation_id=first["conversation_id"]).json()
    assert second["conversation_id"] == first["conversation_id"]
    assert second["response"].endswith("This is message 2 of our conversation.")
    third = run(http, emu, user_input="three").json()
    assert third["conversation_id"] != first["conversation_id"]


def test_unknown_conversation_is_404(emu: Emulator, http: httpx.Client) -> None:
    response = run(http, emu, conversation_id="no-such-conversation")
    assert response.status_code == 404
    assert response.json() == {"detail": "Conversation 'no-such-conversation' not found"}


def test_a_conversation_belongs_to_its_agent(emu: Emulator, http: httpx.Client) -> None:
    conversation = run(http, emu).json()["conversation_id"]
    response = run(http, emu, agent_id="demo-agent", conversation_id=conversation)
    assert response.status_code == 404


@pytest.mark.parametrize(
    "headers",
    [{}, {"API-KEY": "wrong-key"}, {"X-API-KEY": "<the right key>"}],
    ids=["missing", "wrong", "upload-header-name"],
)
def test_a_bad_key_is_401_with_json(
    emu: Emulator, http: httpx.Client, headers: dict[str, str]
) -> None:
    headers = {k: emu.api_key if v.startswith("<") else v for k, v in headers.items()}
    response = run(http, emu, headers=headers or {"Accept": "application/json"})
    assert response.status_code == 401
    assert response.json() == {"detail": "Invalid or missing API key"}
    assert emu.runs == []


def test_the_key_header_name_is_case_insensitive(emu: Emulator, http: httpx.Client) -> None:
    assert run(http, emu, headers={"api-key": emu.api_key}).status_code == 201


def test_unknown_agent_is_404(emu: Emulator, http: httpx.Client) -> None:
    response = run(http, emu, agent_id="nobody")
    assert response.status_code == 404
    assert response.json() == {"detail": "Agent 'nobody' not found"}


@pytest.mark.parametrize(
    ("field", "limit", "error_type"),
    [("user_input", 10_000, "string_too_long"), ("contact_id", 255, "string_too_long")],
)
def test_length_limits_answer_422_with_a_detail_list(
    emu: Emulator, http: httpx.Client, field: str, limit: int, error_type: str
) -> None:
    assert run(http, emu, **{field: "x" * limit}).status_code == 201
    response = run(http, emu, **{field: "x" * (limit + 1)})
    assert response.status_code == 422
    (item,) = response.json()["detail"]
    assert item["loc"] == ["body", field]
    assert item["type"] == error_type
    assert item["ctx"] == {"max_length": limit}
    assert str(limit) in item["msg"]


@pytest.mark.parametrize(
    ("content", "loc", "error_type"),
    [
        (b'{"user_input": "hi"}', ["body", "agent_id"], "missing"),
        (b'{"agent_id": "agent-123", "user_input": ""}', ["body", "user_input"], "value_error"),
        (b'{"agent_id": "agent-123", "user_input": 7}', ["body", "user_input"], "string_type"),
        (b'{"agent_id": "agent-123", "user_input": "hi", "stream": "maybe"}', ["body", "stream"],
         "bool_parsing"),
        (b'{"agent_id": ', ["body", 13], "json_invalid"),
        (b"", ["body"], "missing"),
    ],
    ids=["no-agent", "empty-input", "input-not-string", "stream-not-bool", "bad-json", "no-body"],
)  # fmt: skip
def test_malformed_requests_answer_422(
    emu: Emulator, http: httpx.Client, content: bytes, loc: list[Any], error_type: str
) -> None:
    headers = chat_headers(emu, **{"Content-Type": "application/json"})
    response = http.post(emu.run_url, content=content, headers=headers)
    assert response.status_code == 422
    (item,) = response.json()["detail"]
    assert (item["loc"], item["type"]) == (loc, error_type)
    assert item["msg"]


def test_assets_must_be_completed_uploads_of_the_agent(emu: Emulator, http: httpx.Client) -> None:
    response = run(http, emu, assets=["file-that-was-never-uploaded"])
    assert response.status_code == 400
    assert "file-that-was-never-uploaded" in response.json()["detail"]


def test_the_first_event_arrives_before_the_last_is_produced(
    emu: Emulator, http: httpx.Client
) -> None:
    """No buffering: the run is held before RUN_FINISHED until the first frame is read."""
    gate = emu.gate_before("RUN_FINISHED", agent_id="demo-agent")
    body = {"agent_id": "demo-agent", "user_input": "the weather", "stream": True}
    with http.stream("POST", emu.run_url, json=body, headers=chat_headers(emu)) as response:
        assert response.status_code == 200
        lines = response.iter_lines()
        first = json.loads(next(lines).removeprefix("data: "))
        assert first["type"] == "RUN_STARTED"
        (the_run,) = emu.runs
        assert "RUN_FINISHED" not in the_run.event_types
        emu.wait_for(lambda: gate.waiting == 1)
        gate.open()
        rest = [json.loads(line[6:]) for line in lines if line.startswith("data: ")]
    assert rest[-1]["type"] == "RUN_FINISHED"
    assert [first["type"]] + [e["type"] for e in rest] == the_run.event_types


def test_the_demo_stream_is_made_of_ag_ui_events(emu: Emulator, http: httpx.Client) -> None:
    response = run(http, emu, agent_id="demo-agent", user_input="the weather", stream=True)
    assert response.headers["content-type"].startswith("text/event-stream")
    assert response.text.endswith("\n\n")
    frames = data_lines(response.content)
    parsed = [AG_UI_EVENT.validate_json(frame) for frame in frames]
    for model in parsed:
        assert not model.model_extra, model  # every key is one AG-UI knows
    types = [str(model.type.value) for model in parsed]
    assert types[0] == "RUN_STARTED"
    assert types[-1] == "RUN_FINISHED"
    assert {"STEP_STARTED", "TOOL_CALL_START", "TOOL_CALL_ARGS", "TOOL_CALL_END",
            "TOOL_CALL_RESULT", "TEXT_MESSAGE_CONTENT"} <= set(types)  # fmt: skip
    args = "".join(e["delta"] for e in map(json.loads, frames) if e["type"] == "TOOL_CALL_ARGS")
    assert json.loads(args) == {"query": "the weather"}
    parsed_frames = [json.loads(frame) for frame in frames]
    text = "".join(e["delta"] for e in parsed_frames if e["type"] == "TEXT_MESSAGE_CONTENT")
    assert text.startswith("Let me look that up.Here is what I found about")
    assert emu.runs[0].events == parsed_frames


def test_events_have_increasing_timestamps_and_consistent_ids(
    emu: Emulator, http: httpx.Client
) -> None:
    found = stream(http, emu, agent_id="demo-agent")
    stamps = [e["timestamp"] for e in found]
    assert stamps == sorted(stamps)
    assert len(set(stamps)) == len(stamps)
    assert found[0]["thread_id"] == found[-1]["thread_id"] == emu.conversation_ids[0]
    assert found[0]["run_id"] == found[-1]["run_id"] == emu.runs[0].run_id


def _camel_keys(found: list[dict[str, Any]]) -> None:
    assert found[0]["threadId"] == found[-1]["threadId"]
    assert found[0]["runId"] == found[-1]["runId"]
    assert all("_" not in key for event in found for key in event)
    for event in found:
        AG_UI_EVENT.validate_python(event)


def test_camel_case_keys_by_constructor(
    sketricgen_emulator_factory: Callable[..., Emulator], http: httpx.Client
) -> None:
    camel = sketricgen_emulator_factory(key_case="camel")
    _camel_keys(stream(http, camel, agent_id="demo-agent"))


def test_camel_case_keys_by_request_header(emu: Emulator, http: httpx.Client) -> None:
    headers = chat_headers(emu, **{"X-Emulator-Key-Case": "camel"})
    response = run(http, emu, headers=headers, agent_id="demo-agent", stream=True)
    _camel_keys(events(response.content))
    # Keys inside free-form values are data, not field names: they keep their spelling.
    args = "".join(e["delta"] for e in events(response.content) if e["type"] == "TOOL_CALL_ARGS")
    assert "query" in json.loads(args)


def test_a_scripted_agent_emits_its_steps_in_order(emu: Emulator, http: httpx.Client) -> None:
    emu.add_agent(
        "scripted",
        AgentScript()
        .reasoning("Thinking.")
        .step("lookup", AgentScript().tool_call("search", {"q": "x"}, result="found"))
        .custom("progress", {"percent_done": 50})
        .event({"type": "BRAND_NEW_EVENT", "payload": [1, 2]})
        .text(lambda turn: f"Done with {turn.user_input}.", chunk_size=4),
    )
    found = stream(http, emu, agent_id="scripted", user_input="it")
    assert [e["type"] for e in found] == [
        "RUN_STARTED",
        "REASONING_START", "REASONING_MESSAGE_START", "REASONING_MESSAGE_CONTENT",
        "REASONING_MESSAGE_END", "REASONING_END",
        "STEP_STARTED", "TOOL_CALL_START", "TOOL_CALL_ARGS", "TOOL_CALL_ARGS", "TOOL_CALL_END",
        "TOOL_CALL_RESULT", "STEP_FINISHED",
        "CUSTOM", "BRAND_NEW_EVENT",
        "TEXT_MESSAGE_START", "TEXT_MESSAGE_CONTENT", "TEXT_MESSAGE_CONTENT",
        "TEXT_MESSAGE_CONTENT", "TEXT_MESSAGE_CONTENT", "TEXT_MESSAGE_END",
        "RUN_FINISHED",
    ]  # fmt: skip
    assert found[14] == {"type": "BRAND_NEW_EVENT", "payload": [1, 2]}
    assert found[13]["value"] == {"percent_done": 50}
    assert [e["delta"] for e in found[16:20]] == ["Done", " wit", "h it", "."]
    assert found[-1]["result"] == "Done with it."


def test_a_frame_goes_out_verbatim(emu: Emulator, http: httpx.Client) -> None:
    frame = 'data: {"type":"CUSTOM","name":"x","value":{"snake_key":1},"rawEvent":null}\n\n'
    emu.add_agent(
        "framed", AgentScript().frame(frame).frame(': note\r\ndata: {"type":"Z"}\r\n\r\n')
    )
    fault = {"X-Emulator-Fault": "line_endings('cr')", "X-Emulator-Key-Case": "camel"}
    response = run(http, emu, headers=chat_headers(emu, **fault), agent_id="framed", stream=True)
    body = response.content.decode()
    # The run's own events follow the fault (CR line ends); the frames are left alone.
    assert frame + ': note\r\ndata: {"type":"Z"}\r\n\r\n' in body
    assert body.startswith('data: {"type":"RUN_STARTED"')
    assert body.count("\r") == 2 + 2 + 3  # RUN_STARTED's, RUN_FINISHED's, the frame's
    assert [e["type"] for e in emu.runs[-1].events] == [
        "RUN_STARTED",
        "CUSTOM",
        "Z",
        "RUN_FINISHED",
    ]


@pytest.mark.parametrize(
    "text",
    ["data: not json\n\n", 'data: {"no_type":1}\n\n', 'data: {"type":"A"}\n', ""],
    ids=["not-json", "no-type", "unterminated", "empty"],
)
def test_a_frame_must_hold_one_typed_event(text: str) -> None:
    with pytest.raises(ValueError, match="one event"):
        AgentScript().frame(text)


def test_a_run_error_ends_the_run(emu: Emulator, http: httpx.Client) -> None:
    found = stream(http, emu, agent_id="error-agent")
    assert found[-1] == {
        "type": "RUN_ERROR", "message": "The agent failed to complete the run.",
        "code": "AGENT_ERROR", "timestamp": found[-1]["timestamp"],
    }  # fmt: skip
    assert "RUN_FINISHED" not in [e["type"] for e in found]
    answer = run(http, emu, agent_id="error-agent").json()
    assert answer["error"] is True
    assert answer["response"] == "Working on it.\n\nThe agent failed to complete the run."


def test_generated_assets_are_listed_and_downloadable(emu: Emulator, http: httpx.Client) -> None:
    emu.add_agent(
        "artist",
        AgentScript()
        .text("Here is your chart.")
        .asset("chart.csv", b"a,b\n1,2\n", content_type="text/csv"),
    )
    answer = ChatResponse.model_validate(run(http, emu, agent_id="artist").json())
    assert answer.assets is not None
    (asset,) = answer.assets
    assert asset.content_type == "text/csv"
    assert asset.url is not None
    assert asset.url.startswith(emu.storage_url)
    download = http.get(asset.url)
    assert download.status_code == 200
    assert download.content == b"a,b\n1,2\n"
    tampered = http.get(asset.url.replace("X-Amz-Signature=", "X-Amz-Signature=0"))
    assert tampered.status_code == 403
    assert "<Code>SignatureDoesNotMatch</Code>" in tampered.text
    found = stream(http, emu, agent_id="artist")
    (custom,) = [e for e in found if e["type"] == "CUSTOM"]
    assert custom["name"] == "generated_asset"
    assert custom["value"]["content_type"] == "text/csv"


def test_same_seed_same_bytes(
    sketricgen_emulator_factory: Callable[..., Emulator], http: httpx.Client
) -> None:
    def transcript(emulator: Emulator) -> bytes:
        first = run(http, emulator, agent_id="demo-agent", stream=True).content
        return first + run(http, emulator).content

    one, two = sketricgen_emulator_factory(seed=7), sketricgen_emulator_factory(seed=7)
    other = sketricgen_emulator_factory(seed=8)
    first = transcript(one)
    assert first == transcript(two)
    assert transcript(other) != first
    assert transcript(one) != first  # later runs get later ids...
    one.reset()
    assert transcript(one) == first  # ...until a reset starts over from the seed


def test_unknown_paths_are_404(emu: Emulator, http: httpx.Client) -> None:
    response = http.get(emu.base_url + "/api/v2/nothing")
    assert response.status_code == 404
    assert response.json() == {"detail": "Not Found"}
    assert emu.requests_to("/api/v2/nothing")[0].endpoint == "other"
