"""The generated Admin API layer: an I/O-free pair per contract operation, open wire models.

`sketricgen_admin_lowlevel.api.<tag>.<operation>` builds requests and reads
answers; `sketricgen_admin_models` holds the pydantic models. The contract and
the incumbent's fields come from tests/test_admin_spec.py.
"""

from __future__ import annotations

import importlib
import json
import pkgutil
import subprocess
import sys
from types import ModuleType
from typing import Any
from urllib.parse import quote

import pydantic
import pytest
import sketricgen_admin_lowlevel.api
import sketricgen_admin_models as models
from sketricgen_admin_lowlevel import OperationRequest
from sketricgen_admin_lowlevel.api.agents import create_agent, list_agents
from sketricgen_admin_lowlevel.api.brand_agents import update_widget_config
from sketricgen_admin_lowlevel.api.knowledge_bases import delete_data_source

from tests.test_admin_spec import CONTRACT, INCUMBENT_MODELS, Operation, incumbent_fields, load_spec

SPEC = load_spec()
SCHEMAS: dict[str, Any] = SPEC["components"]["schemas"]
ERROR_STATUSES = (400, 401, 403, 404, 409, 413, 422, 429, 500, 501, 502, 503, 504)
AWKWARD = "a/b c?d#e%f&g=h"  # every character a path segment must escape
UNKNOWN = {"field_from_the_future": {"nested": [1, "two", None]}}


def _module(op: Operation) -> ModuleType:
    return importlib.import_module(f"sketricgen_admin_lowlevel.api.{op.tag}.{op.module}")


def _sample(schema: dict[str, Any]) -> Any:
    """The smallest value `schema` accepts: each required property with a plain value."""
    if "$ref" in schema:
        return _sample(SCHEMAS[schema["$ref"].rsplit("/", 1)[1]])
    if "enum" in schema:
        return schema["enum"][0]
    kinds = schema.get("type", "string")
    kind = next(k for k in ([kinds] if isinstance(kinds, str) else kinds) if k != "null")
    if kind == "object":
        properties = schema.get("properties", {})
        return {name: _sample(properties[name]) for name in schema.get("required", ())}
    return {"string": "x", "boolean": True, "integer": 1, "number": 1.5, "array": []}[kind]


def _arguments(op: Operation, path_value: str = "id-1") -> dict[str, Any]:
    """Keyword arguments for `build_request`: path parameters, the body, required queries."""
    kwargs: dict[str, Any] = {name: path_value for name in _path_names(op)}
    kwargs.update({name.rstrip("!"): "q" for name in op.query if name.endswith("!")})
    if op.body:
        kwargs["body"] = getattr(models, op.body).model_validate(_sample(SCHEMAS[op.body]))
    return kwargs


def _path_names(op: Operation) -> list[str]:
    return [part[1:-1] for part in op.path.split("/") if part.startswith("{")]


def test_the_operation_modules_are_exactly_the_contract() -> None:
    package = sketricgen_admin_lowlevel.api
    found = {
        (tag.name, module.name)
        for tag in pkgutil.iter_modules(package.__path__)
        for module in pkgutil.iter_modules([f"{package.__path__[0]}/{tag.name}"])
    }
    assert found == {(op.tag, op.module) for op in CONTRACT}


@pytest.mark.parametrize("op", CONTRACT, ids=[op.operation_id for op in CONTRACT])
def test_every_operation_is_an_io_free_pair(op: Operation) -> None:
    operation = _module(op)
    assert (op.method, op.path) == (operation.METHOD, operation.PATH)
    call = operation.build_request(**_arguments(op))
    assert isinstance(call, OperationRequest)
    assert call.method == op.method
    assert call.path == op.path.format(**{name: "id-1" for name in _path_names(op)})
    if op.body:
        assert call.headers == {"Content-Type": "application/json"}
        json.dumps(call.json)  # plain JSON data, ready to send
    else:
        assert (dict(call.headers), call.json) == ({}, None)


PATH_OPERATIONS = [op for op in CONTRACT if "{" in op.path]


@pytest.mark.parametrize("op", PATH_OPERATIONS, ids=[op.operation_id for op in PATH_OPERATIONS])
def test_path_parameters_are_escaped(op: Operation) -> None:
    call = _module(op).build_request(**_arguments(op, AWKWARD))
    escaped = quote(AWKWARD, safe="")
    assert call.path == op.path.format(**{name: escaped for name in _path_names(op)})
    assert call.path.count("/") == op.path.count("/")  # a slash cannot add a segment
    assert "?" not in call.path
    assert "#" not in call.path


def test_a_file_name_is_one_path_segment() -> None:
    call = delete_data_source.build_request(knowledge_base_id="kb 1", file_name="../etc/passwd")
    assert call.url == "/knowledge-bases/kb%201/data-sources/..%2Fetc%2Fpasswd"


QUERY_OPERATIONS = [op for op in CONTRACT if op.query]


@pytest.mark.parametrize("op", QUERY_OPERATIONS, ids=[op.operation_id for op in QUERY_OPERATIONS])
def test_none_query_parameters_are_left_out(op: Operation) -> None:
    operation = _module(op)
    required = {name.rstrip("!") for name in op.query if name.endswith("!")}
    bare = operation.build_request(**_arguments(op))
    assert set(bare.params) == required
    names = [name.rstrip("!") for name in op.query]
    given = {name: 7 if name in ("limit", "offset") else f"v-{name}" for name in names}
    full = operation.build_request(**{**_arguments(op), **given})
    assert dict(full.params) == given
    explicit_none = {name: None for name in names if name not in required}
    assert set(operation.build_request(**_arguments(op), **explicit_none).params) == required


def test_a_page_request() -> None:
    call = list_agents.build_request(limit=5, next_token="tok/+=", project_id=None)
    assert call.url == "/agents?limit=5&next_token=tok%2F%2B%3D"


@pytest.mark.parametrize("op", CONTRACT, ids=[op.operation_id for op in CONTRACT])
def test_any_error_status_reads_as_the_admin_error_body(op: Operation) -> None:
    body = {"error": "Viewer keys cannot write", "code": "insufficient_role", **UNKNOWN}
    for status in ERROR_STATUSES:
        error = _module(op).parse_response(status, json.dumps(body).encode())
        assert isinstance(error, models.AdminErrorBody), status
        assert (error.code, error.error) == ("insufficient_role", "Viewer keys cannot write")
        assert error.model_extra == UNKNOWN
    bare = _module(op).parse_response(502, b"{}")  # a gateway's empty object is still an error
    assert isinstance(bare, models.AdminErrorBody)
    assert bare.code is None


ANSWERING = [op for op in CONTRACT if op.answer]


@pytest.mark.parametrize("op", ANSWERING, ids=[op.operation_id for op in ANSWERING])
def test_the_answer_reads_as_its_model(op: Operation) -> None:
    name = op.answer or ""
    body = {**_sample(SCHEMAS[name]), **UNKNOWN}
    answer = _module(op).parse_response(int(op.status), json.dumps(body).encode())
    assert type(answer) is getattr(models, name)
    assert answer.model_extra == UNKNOWN
    with pytest.raises(pydantic.ValidationError):
        _module(op).parse_response(int(op.status), b"[]")


@pytest.mark.parametrize("name", sorted(SCHEMAS))
def test_every_model_keeps_unknown_fields(name: str) -> None:
    model = getattr(models, name)
    value = model.model_validate({**_sample(SCHEMAS[name]), **UNKNOWN})
    assert value.model_extra == UNKNOWN
    assert value.model_dump()["field_from_the_future"] == UNKNOWN["field_from_the_future"]
    again = model.model_validate_json(value.model_dump_json())
    assert again == value


@pytest.mark.parametrize("name", sorted(INCUMBENT_MODELS))
def test_incumbent_models_have_the_incumbents_fields(name: str) -> None:
    fields = getattr(models, name).model_fields
    expected = incumbent_fields(name)
    assert set(fields) == set(expected)
    assert {n for n, f in fields.items() if f.is_required()} == {
        n for n, f in expected.items() if f.required
    }
    for field_name, field in expected.items():
        if not field.required:
            # Optional fields default to None; the incumbent's lists and dicts to empty ones.
            default = fields[field_name].get_default(call_default_factory=True)
            assert default == (None if "null" in field.types else type(default)()), field_name


def test_optional_fields_accept_null_and_lists_default_empty() -> None:
    job = models.JobStatus.model_validate_json(
        b'{"job_id": "j", "status": "queued", "embed": null, "progress": null}'
    )
    assert (job.embed, job.progress, job.connectors) == (None, None, None)
    assert models.KnowledgeBase(knowledge_base_id="kb").agents_using_kb == []
    assert models.Connector.model_validate({"app_slug": "gmail"}).tools == []
    assert models.WidgetConfig(agent_id="a").widget_config == {}
    with pytest.raises(pydantic.ValidationError):
        models.Project.model_validate({"project_id": None})


def test_job_states_are_open() -> None:
    for state in ("queued", "succeeded", "failed", "a_state_added_next_year"):
        assert models.JobStatus(job_id="j", status=state).status == state


def test_next_token_null_or_absent_ends_a_list_and_a_string_does_not() -> None:
    last = models.AgentList.model_validate_json(b'{"agents": [], "next_token": null}')
    assert last.next_token is None
    assert models.AgentList.model_validate_json(b'{"agents": []}').next_token is None
    more = models.AgentList.model_validate_json(b'{"agents": [], "next_token": ""}')
    assert more.next_token == ""  # an empty page with a token is not the end


def test_a_json_body_leaves_none_out() -> None:
    body = models.AgentCreate(
        name="Support", workflow_config={"nodes": [], "edges": []}, description=None
    )
    call = create_agent.build_request(body=body)
    assert call.json == {"name": "Support", "workflow_config": {"nodes": [], "edges": []}}


def test_a_free_body_sends_its_fields() -> None:
    body = models.WidgetConfigUpdate.model_validate({"primary_color": "#123456", "greeting": "Hi"})
    call = update_widget_config.build_request(agent_id="agent-9", body=body)
    assert call.url == "/brand-agents/agent-9/widget-config"
    assert call.json == {"primary_color": "#123456", "greeting": "Hi"}


def test_a_member_role_is_one_of_three() -> None:
    assert models.MemberUpdate(role="editor").role == "editor"
    with pytest.raises(pydantic.ValidationError):
        models.MemberUpdate.model_validate({"role": "owner"})


def test_the_admin_packages_do_no_io_and_load_nothing_else() -> None:
    names = ", ".join(f"sketricgen_admin_lowlevel.api.{op.tag}.{op.module}" for op in CONTRACT)
    probe = (
        f"import sys, {names}\n"
        "print(sorted({m.split('.')[0] for m in sys.modules}"
        " & {'attrs', 'httpx', 'dateutil', 'sketricgen', 'sketricgen_models'}))"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


EXAMPLES = sorted(name for name, schema in SCHEMAS.items() if "example" in schema)


@pytest.mark.parametrize("name", EXAMPLES)
def test_the_spec_examples_fit_their_models(name: str) -> None:
    example = SCHEMAS[name]["example"]
    value = getattr(models, name).model_validate(example)
    assert value.model_extra == {}  # an example shows described fields only
    assert value.model_dump(exclude_unset=True) == example
