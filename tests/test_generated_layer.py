"""The generated low-level client: an I/O-free pair per operation, made by our templates.

Each module under `sketricgen_lowlevel.api` exposes `build_request` (typed
arguments → the request to send) and `parse_response` (status and body → the
typed answer); its models are the pydantic wire models of `sketricgen_models`.
"""

from __future__ import annotations

import importlib
import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import httpx
import pytest
import yaml
from pydantic import ValidationError
from sketricgen_lowlevel import OperationRequest, UnexpectedStatus
from sketricgen_lowlevel.api.assets import init_asset_upload, presigned_post
from sketricgen_lowlevel.api.chat import run_workflow
from sketricgen_models import ChatResponse, ErrorBody, HitlDecision, HitlResume, RunWorkflowRequest

from sketricgen import SketricGenUnexpectedResponseError
from sketricgen._config import ClientConfig
from sketricgen._transport.core import RequestSpec, TransportCore

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "openapi" / "sketricgen.yaml"
GENERATOR = Path(sys.executable).parent / "openapi-python-client"
HTTP_METHODS = ("get", "put", "post", "delete", "patch", "head", "options")


def _operations() -> list[tuple[str, str, str, str]]:
    """(tag, module name, METHOD, path) of every operation the spec describes."""
    spec = yaml.safe_load(SPEC.read_text(encoding="utf-8"))
    found = []
    for path, item in spec["paths"].items():
        for method, operation in item.items():
            if method in HTTP_METHODS:
                name = operation["operationId"]
                module = "".join("_" + c.lower() if c.isupper() else c for c in name)
                found.append((operation["tags"][0], module.replace("-", "_"), method.upper(), path))
    return found


@pytest.mark.parametrize(("tag", "module", "method", "path"), _operations())
def test_every_operation_is_an_io_free_pair(tag: str, module: str, method: str, path: str) -> None:
    operation = importlib.import_module(f"sketricgen_lowlevel.api.{tag}.{module}")
    assert (method, path) == (operation.METHOD, operation.PATH)
    assert callable(operation.build_request)
    assert callable(operation.parse_response)
    assert not hasattr(operation, "_get_kwargs")


def test_the_operations_are_all_there() -> None:
    # Spec module names come from operationId: a silent rename would skip the test above.
    assert {module for _, module, _, _ in _operations()} == {
        "run_workflow", "init_asset_upload", "complete_asset_upload", "presigned_post",
    }  # fmt: skip


def test_build_request_sends_the_wire_model_leaving_none_out() -> None:
    body = RunWorkflowRequest(
        agent_id="agent-123",
        user_input="Hello",
        stream=True,
        hitl_resume=HitlResume(
            request_id="req-1", decisions=[HitlDecision(type="approve", message=None)]
        ),
    )
    call = run_workflow.build_request(body=body)
    assert isinstance(call, OperationRequest)
    assert (call.method, call.url, call.params) == ("POST", "/api/v1/run-workflow", {})
    assert call.headers == {"Content-Type": "application/json"}
    assert call.json == {
        "agent_id": "agent-123",
        "user_input": "Hello",
        "stream": True,
        "hitl_resume": {"request_id": "req-1", "decisions": [{"type": "approve"}]},
    }
    json.dumps(call.json)  # plain JSON data, ready to send


def test_a_multipart_operation_leaves_the_form_to_the_caller() -> None:
    call = presigned_post.build_request()
    assert (call.method, call.path, call.json) == ("POST", "/", None)
    assert presigned_post.parse_response(204, b"") is None


def test_a_query_string_follows_the_path() -> None:
    call = OperationRequest("GET", "/api/v1/agents", {}, {"limit": 10, "archived": False})
    assert call.url == "/api/v1/agents?limit=10&archived=false"


def test_parse_response_gives_the_typed_answer_or_error_body() -> None:
    chat: dict[str, Any] = {
        "agent_id": "a", "user_id": "u", "conversation_id": "c", "response": "Hi", "owner": "o",
    }  # fmt: skip
    answer = run_workflow.parse_response(201, json.dumps(chat).encode())
    assert isinstance(answer, ChatResponse)
    assert answer.response == "Hi"
    refused = run_workflow.parse_response(503, b'{"detail": "busy"}')
    assert isinstance(refused, ErrorBody)
    assert refused.detail == "busy"
    assert run_workflow.parse_response(200, b"data: {}\n\n") == "data: {}\n\n"
    started = init_asset_upload.parse_response(400, b'{"success": false, "message": "no"}')
    assert not isinstance(started, ChatResponse)


def test_parse_response_refuses_what_the_spec_does_not_describe() -> None:
    with pytest.raises(UnexpectedStatus) as caught:
        run_workflow.parse_response(418, b"x" * 10_000)
    assert caught.value.status_code == 418
    assert len(str(caught.value)) < 100  # the body stays out of the message
    assert isinstance(caught.value, ValueError)
    with pytest.raises(ValidationError):
        run_workflow.parse_response(201, b'{"response": "no ids"}')
    with pytest.raises(ValueError, match="JSON"):
        run_workflow.parse_response(201, b"<html>")


def test_the_lowlevel_package_does_no_io_and_needs_no_attrs() -> None:
    probe = (
        "import sys, sketricgen_lowlevel.api.chat.run_workflow, "
        "sketricgen_lowlevel.api.assets.init_asset_upload, "
        "sketricgen_lowlevel.api.assets.complete_asset_upload, "
        "sketricgen_lowlevel.api.assets.presigned_post, sketricgen_lowlevel.models\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'attrs', 'httpx', 'dateutil'}))"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


@pytest.mark.skipif(not GENERATOR.exists(), reason="the generators live in the dev environment")
def test_a_changed_template_makes_check_generated_fail(tmp_path: Path) -> None:
    for folder in ("openapi", "scripts", "generated"):
        shutil.copytree(
            ROOT / folder, tmp_path / folder, ignore=shutil.ignore_patterns("__pycache__")
        )
    template = (
        tmp_path / "scripts" / "templates" / "openapi-python-client" / "endpoint_module.py.jinja"
    )
    text = template.read_text(encoding="utf-8")
    assert 'PATH = "{{ endpoint.path }}"' in text
    changed = text.replace('PATH = "{{ endpoint.path }}"', 'PATH = "/v2{{ endpoint.path }}"')
    template.write_text(changed, encoding="utf-8")
    stale = subprocess.run(
        [sys.executable, str(tmp_path / "scripts" / "generate.py"), "--check"],
        cwd=tmp_path, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert stale.returncode == 1, stale.stdout + stale.stderr
    assert "generated/sketricgen_lowlevel/api/chat/run_workflow.py" in stale.stdout


# A new operation, as the Admin API will add them: a spec entry with a path and a query
# parameter, and no template or generator change.
NEW_OPERATION = """\
  /api/v1/agents/{agent_id}/conversations:
    get:
      tags: [admin]
      operationId: listConversations
      summary: The conversations of an agent
      parameters:
        - {name: agent_id, in: path, required: true, schema: {type: string}}
        - {name: limit, in: query, required: false, schema: {type: integer}}
        - {name: archived, in: query, required: false, schema: {type: boolean}}
      responses:
        "200":
          description: The conversations.
          content:
            application/json:
              schema: {type: array, items: {$ref: "#/components/schemas/ChatResponse"}}
        "404":
          description: No such agent.
          content:
            application/json:
              schema: {$ref: "#/components/schemas/ErrorBody"}
"""

USE_NEW_OPERATION = """\
import json
from sketricgen_lowlevel.api.admin import list_conversations as op
from sketricgen_models import ChatResponse, ErrorBody
call = op.build_request(agent_id="a/b c", limit=5, archived=True)
print(call.method, call.url)
chat = {"agent_id": "a", "user_id": "u", "conversation_id": "c", "response": "", "owner": "o"}
answer = op.parse_response(200, json.dumps([chat]).encode())
assert [type(item) for item in answer] == [ChatResponse], answer
assert isinstance(op.parse_response(404, b'{"detail": "no"}'), ErrorBody)
"""


@pytest.mark.skipif(not GENERATOR.exists(), reason="the generators live in the dev environment")
def test_a_new_operation_costs_a_spec_entry(tmp_path: Path) -> None:
    for folder in ("openapi", "scripts"):
        shutil.copytree(
            ROOT / folder, tmp_path / folder, ignore=shutil.ignore_patterns("__pycache__")
        )
    spec = tmp_path / "openapi" / "sketricgen.yaml"
    text = spec.read_text(encoding="utf-8")
    spec.write_text(text.replace("paths:\n", "paths:\n" + NEW_OPERATION, 1), encoding="utf-8")
    subprocess.run(
        [sys.executable, str(tmp_path / "scripts" / "generate.py")],
        cwd=tmp_path, capture_output=True, text=True, check=True,
    )  # fmt: skip
    generated = tmp_path / "generated"
    done = subprocess.run(
        [sys.executable, "-c", USE_NEW_OPERATION],
        cwd=tmp_path, capture_output=True, text=True, check=False,
        env={"PYTHONPATH": str(generated), "PATH": "/usr/bin:/bin"},
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == [
        "GET", "/api/v1/agents/a%2Fb%20c/conversations?limit=5&archived=true",
    ]  # fmt: skip


# -- the transport's side: it reads each answer with the operation's parse_response ----------


def _parsed(status: int, body: bytes) -> object:
    """What `TransportCore.parse` makes of a run-workflow answer (no I/O: a built response)."""
    core = TransportCore(ClientConfig.create(api_key="sk-parse-0000"))
    spec = RequestSpec.of(
        run_workflow.build_request(body=RunWorkflowRequest(agent_id="a", user_input="Hi"))
    )
    request = httpx.Request(spec.method, "https://chat.example" + spec.url)
    response = httpx.Response(status, content=body, request=request)
    return core.parse(spec, response, ChatResponse, run_workflow.parse_response)


CHAT_BODY = json.dumps(
    {"agent_id": "a", "user_id": "u", "conversation_id": "c", "response": "Hi", "owner": "o"}
).encode()


@pytest.mark.parametrize("status", [200, 201, 202, 299])
def test_the_transport_reads_any_success_status_as_the_answer(status: int) -> None:
    answer = _parsed(status, CHAT_BODY)
    assert isinstance(answer, ChatResponse)
    assert answer.conversation_id == "c"


@pytest.mark.parametrize(
    ("status", "body"),
    [(201, b'{"response": "no ids"}'), (201, b"<html>"), (200, b"data: {}\n\n"), (300, CHAT_BODY)],
    ids=["wrong-shape", "not-json", "a-stream-not-json", "not-a-success"],
)
def test_the_transport_refuses_an_answer_that_is_not_the_model(status: int, body: bytes) -> None:
    with pytest.raises(SketricGenUnexpectedResponseError) as caught:
        _parsed(status, body)
    assert caught.value.status_code == status
