"""The Admin API's OpenAPI description is valid and says what API.md and issue #13 say.

The contract (operations, their parameters, bodies and answers) and the
incumbent's model fields are written out here, from API.md's "Admin API"
section, so that a spec edit that drifts from them fails.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, NamedTuple, Optional

import pytest
import yaml
from openapi_spec_validator import validate

SPEC_PATH = Path(__file__).resolve().parent.parent / "openapi" / "sketricgen-admin.yaml"
DOCS_BASE_URL = "https://krjavjkt27.execute-api.us-east-1.amazonaws.com/dev/admin/v1"
HTTP_METHODS = ("get", "put", "post", "delete", "patch", "head", "options")
OFFSET = ("limit", "offset")  # offset pagination (templates and connector tools)


class Operation(NamedTuple):
    """One row of the contract: where it lives, what it takes, what it answers."""

    tag: str
    operation_id: str
    method: str
    path: str
    query: tuple[str, ...]  # a name ending in "!" is required
    body: Optional[str]
    status: str
    answer: Optional[str]

    @property
    def module(self) -> str:
        """The generated module's name (`listAgents` → `list_agents`)."""
        return re.sub(r"(?<!^)([A-Z])", r"_\1", self.operation_id).lower()


# The contract's table, by tag: operationId METHOD path query body status answer
# ("-" for none; a query name ending in "!" is required; {kb}, {ba}, {cv} shorten paths).
CONTRACT_TABLE = """
[teamspace]
listTeamspaces GET /teamspaces - - 200 TeamspaceList
[projects]
listProjects GET /projects limit,next_token - 200 ProjectList
createProject POST /projects - ProjectCreate 201 Project
getProject GET /projects/{project_id} - - 200 Project
updateProject PATCH /projects/{project_id} - ProjectUpdate 200 Project
[agents]
listAgents GET /agents limit,next_token,project_id - 200 AgentList
createAgent POST /agents - AgentCreate 201 Agent
getAgent GET /agents/{agent_id} - - 200 Agent
updateAgent PATCH /agents/{agent_id} - AgentUpdate 200 Agent
deleteAgent DELETE /agents/{agent_id} - - 200 AgentDeletion
getAgentEmbedSnippet GET /agents/{agent_id}/embed-snippet - - 200 EmbedSnippet
runAgent POST /agents/{agent_id}/run - AgentRunRequest 501 -
[brand_agents]
listBrandAgentTemplates GET /brand-agent-templates limit,offset - 200 BrandAgentTemplateList
createBrandAgent POST /brand-agents - BrandAgentCreate 202 BrandAgentJob
getBrandAgent GET {ba} - - 200 BrandAgentDetail
updateBrandAgent PATCH {ba} - BrandAgentUpdate 200 BrandAgentUpdateResult
getWidgetConfig GET {ba}/widget-config - - 200 WidgetConfig
updateWidgetConfig PATCH {ba}/widget-config - WidgetConfigUpdate 200 WidgetConfigUpdateResult
[jobs]
getJob GET /jobs/{job_id} - - 200 JobStatus
[knowledge_bases]
listKnowledgeBases GET /knowledge-bases limit,next_token,project_id - 200 KnowledgeBaseList
createKnowledgeBase POST /knowledge-bases - KnowledgeBaseCreate 201 KnowledgeBase
getKnowledgeBase GET {kb} - - 200 KnowledgeBase
updateKnowledgeBase PATCH {kb} - KnowledgeBaseUpdate 200 KnowledgeBase
deleteKnowledgeBase DELETE {kb} - - 200 KnowledgeBaseDeletion
listDataSources GET {kb}/data-sources limit,next_token - 200 DataSourceList
deleteDataSource DELETE {kb}/data-sources/{file_name} - - 200 DataSourceDeletion
[conversations]
listConversations GET /conversations limit,next_token,agent_id - 200 ConversationList
getConversation GET {cv} agent_id! - 200 Conversation
getConversationTraces GET {cv}/traces agent_id! - 200 ConversationTraces
[members]
listMembers GET /members limit,next_token - 200 MemberList
updateMember PATCH /members/{user_uuid} - MemberUpdate 200 Member
[usage]
getUsage GET /usage - - 200 Usage
[connectors]
listConnectors GET /connectors - - 200 ConnectorList
listConnectorTools GET /connectors/{app_slug}/tools limit,offset - 200 ConnectorTools
createConnectLink POST /connectors/{app_slug}/connect-link - ConnectLinkRequest 200 ConnectLink
getConnection GET /connectors/{app_slug}/connection agent_type,project_id - 200 ConnectionStatus
attachConnector POST /agents/{agent_id}/connectors - ConnectorAttachRequest 200 ConnectorAttachment
detachConnector DELETE /agents/{agent_id}/connectors/{app_slug} - - 200 ConnectorDetachment
"""
PATH_SHORTHANDS = {
    "{kb}": "/knowledge-bases/{knowledge_base_id}",
    "{ba}": "/brand-agents/{agent_id}",
    "{cv}": "/conversations/{conversation_id}",
}


def _contract() -> tuple[Operation, ...]:
    """The rows of CONTRACT_TABLE as Operations."""
    found, tag = [], ""
    for line in CONTRACT_TABLE.strip().splitlines():
        if line.startswith("["):
            tag = line.strip("[]")
            continue
        operation_id, method, path, query, body, status, answer = line.split()
        for short, full in PATH_SHORTHANDS.items():
            path = path.replace(short, full)
        found.append(
            Operation(
                tag, operation_id, method, path,
                () if query == "-" else tuple(query.split(",")),
                None if body == "-" else body, status, None if answer == "-" else answer,
            )
        )  # fmt: skip
    return tuple(found)


CONTRACT = _contract()

# API.md, "Response models of the incumbent", verbatim (`?` = optional).
# API.md, "Response models of the incumbent", as written there (`?` = optional; an
# indented line continues the one above).
INCUMBENT_TEXT = """
Agent = agent_id: str, name?: Optional[str], agent_type?: Optional[str], agent_status?:
    Optional[str], teamspace_id?: Optional[str], project_id?: Optional[str], created_at?:
    Optional[str], last_updated?: Optional[str], is_draft?: Optional[bool], last_published_at?:
    Optional[str]
BrandAgentDetail = agent?: Optional[dict[str, Any]], settings?: Optional[dict[str, Any]],
    used_knowledge_bases?: Optional[list[str]], structure?: Optional[dict[str, int]],
    subscription_plan?: Optional[str], available_models?: Optional[list[dict[str, Any]]]
BrandAgentJob = agent_id: str, job_id: str, status?: Optional[str], poll_url?: Optional[str],
    publish_widget?: Optional[bool], template_slug?: Optional[str], knowledge_base_id?:
    Optional[str], note?: Optional[str]
BrandAgentTemplate = slug: str, name?: Optional[str], description?: Optional[str],
    thumbnail_url?: Optional[str], difficulty_level?: Optional[str], industries?:
    Optional[list[str]], min_plan?: Optional[str], has_skills?: Optional[bool], has_artifacts?:
    Optional[bool], required_connectors?: Optional[list[RequiredConnector]]
BrandAgentUpdateResult = agent?: Optional[dict[str, Any]], settings?: Optional[dict[str, Any]],
    used_knowledge_bases?: Optional[list[str]], structure?: Optional[dict[str, int]],
    subscription_plan?: Optional[str], available_models?: Optional[list[dict[str, Any]]],
    updated?: list[str], file_search_node_added?: Optional[bool], republished?: Optional[bool]
ConnectLink = app_slug: str, provider?: Optional[str], already_connected?: Optional[bool],
    connect_url?: Optional[str], expires_at?: Optional[str], note?: Optional[str]
ConnectionStatus = app_slug: str, provider?: Optional[str], connected: bool
Connector = app_slug: str, name?: Optional[str], description?: Optional[str], logo_url?:
    Optional[str], category?: Optional[str], provider?: Optional[str], auth_strategy?:
    Optional[str], requires_auth?: Optional[bool], supports_connect_link?: Optional[bool],
    tools?: list[ConnectorTool]
ConnectorAttachment = agent_id: str, app_slug: str, provider?: Optional[str], allowed_tools?:
    Optional[list[str]], unrestricted?: Optional[bool], note?: Optional[str], attached?:
    Optional[bool], changed?: Optional[bool]
ConnectorDetachment = agent_id: str, app_slug: str, attached?: Optional[bool]
ConnectorTool = tool_name: str, tool_display_name?: Optional[str], tool_description?:
    Optional[str]
ConnectorTools = app_slug: str, provider?: Optional[str], restriction?: Optional[str], tools?:
    list[ConnectorTool], total?: Optional[int], limit?: Optional[int], offset?: Optional[int],
    has_more?: Optional[bool], note?: Optional[str]
JobEmbed = widget_url?: Optional[str], snippet?: Optional[str], is_public?: Optional[bool]
JobStatus = job_id: str, status: str, crawl_status?: Optional[str], phase?: Optional[str],
    agent_id?: Optional[str], base_url?: Optional[str], progress?: Optional[dict[str, Any]],
    connectors?: Optional[list[RequiredConnector]], error_summary?: Optional[str], created_at?:
    Optional[str], started_at?: Optional[str], finished_at?: Optional[str], embed?:
    Optional[JobEmbed]
KnowledgeBase = knowledge_base_id: str, name?: Optional[str], kb_status?: Optional[str],
    vector_store_id?: Optional[str], agents_using_kb?: list[str], teamspace_id?: Optional[str],
    project_id?: Optional[str], created_at?: Optional[str], last_updated?: Optional[str]
Project = project_id: str, teamspace_id?: Optional[str], slug?: Optional[str], display_name?:
    Optional[str], is_default?: Optional[bool]
RequiredConnector = app_slug: str, name?: Optional[str], provider?: Optional[str],
    requires_auth?: Optional[bool], allowed_tools?: Optional[list[str]]
Teamspace = teamspace_id: str, slug?: Optional[str], display_name?: Optional[str],
    subscription_plan?: Optional[str]
WidgetConfig = agent_id: str, exists?: Optional[bool], widget_config?: dict[str, Any],
    branding_removal_entitled?: Optional[bool]
WidgetConfigUpdateResult = agent_id: str, updated?: list[str], widget_config?: dict[str, Any],
    branding_removal_entitled?: Optional[bool]
"""


def _incumbent_models() -> dict[str, str]:
    """Model name → its fields as API.md writes them."""
    models: dict[str, str] = {}
    for line in INCUMBENT_TEXT.replace("\n    ", " ").strip().splitlines():
        name, fields = line.split(" = ", 1)
        models[name] = fields
    return models


INCUMBENT_MODELS = _incumbent_models()

JOB_STATES = (
    "queued", "crawling", "crawled", "kb_processing", "agent_finalizing", "succeeded", "failed",
)  # fmt: skip
DOCUMENTED_ERROR_CODES = (
    "missing_token", "invalid_key", "key_expired", "key_revoked", "project_scope_mismatch",
    "insufficient_role", "plan_downgraded", "workflow_not_ready", "run_not_available",
)  # fmt: skip
PYTHON_TO_JSON = {"str": "string", "bool": "boolean", "int": "integer", "float": "number"}


class Field(NamedTuple):
    """One incumbent field, as API.md writes it."""

    required: bool
    types: frozenset[str]  # JSON types, or "ref:<Schema>"


def _split_top_level(text: str) -> list[str]:
    """`text` split on the commas outside brackets."""
    parts, depth, start = [], 0, 0
    for i, char in enumerate(text):
        depth += {"[": 1, "]": -1}.get(char, 0)
        if char == "," and depth == 0:
            parts.append(text[start:i].strip())
            start = i + 1
    parts.append(text[start:].strip())
    return parts


def _json_types(annotation: str) -> frozenset[str]:
    """The JSON types of an API.md annotation (`Optional[list[str]]` → {array, null})."""
    optional = re.fullmatch(r"Optional\[(.*)\]", annotation)
    if optional:
        return _json_types(optional.group(1)) | {"null"}
    if annotation.startswith("list["):
        return frozenset({"array"})
    if annotation.startswith("dict["):
        return frozenset({"object"})
    if annotation in PYTHON_TO_JSON:
        return frozenset({PYTHON_TO_JSON[annotation]})
    return frozenset({f"ref:{annotation}"})


def incumbent_fields(model: str) -> dict[str, Field]:
    """The fields of the incumbent's `model`, by name."""
    fields = {}
    for part in _split_top_level(INCUMBENT_MODELS[model]):
        name, annotation = (piece.strip() for piece in part.split(":", 1))
        fields[name.rstrip("?")] = Field(not name.endswith("?"), _json_types(annotation))
    return fields


def _spec_types(schema: dict[str, Any]) -> frozenset[str]:
    """The JSON types a property schema allows (a `$ref` as "ref:<Schema>")."""
    if "$ref" in schema:
        return frozenset({"ref:" + schema["$ref"].rsplit("/", 1)[1]})
    if "oneOf" in schema:
        return frozenset().union(*(_spec_types(member) for member in schema["oneOf"]))
    kind = schema["type"]
    return frozenset([kind] if isinstance(kind, str) else kind)


def load_spec() -> dict[str, Any]:
    """The Admin API spec, as data."""
    loaded: dict[str, Any] = yaml.safe_load(SPEC_PATH.read_text(encoding="utf-8"))
    return loaded


@pytest.fixture(scope="module")
def spec() -> dict[str, Any]:
    return load_spec()


def _resolve(spec: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    """`node`, or what its `$ref` points at."""
    while "$ref" in node:
        _, _, kind, name = node["$ref"].split("/", 3)
        node = spec["components"][kind][name]
    return node


def _ref_name(node: dict[str, Any]) -> str:
    ref: str = node["$ref"]
    return ref.rsplit("/", 1)[1]


def test_spec_is_valid_openapi_3_1(spec: dict[str, Any]) -> None:
    assert spec["openapi"].startswith("3.1")
    validate(spec)


def test_base_url_and_bearer_auth(spec: dict[str, Any]) -> None:
    assert [server["url"] for server in spec["servers"]] == [DOCS_BASE_URL]
    scheme = spec["components"]["securitySchemes"]["AdminBearer"]
    assert (scheme["type"], scheme["scheme"]) == ("http", "bearer")
    assert spec["security"] == [{"AdminBearer": []}]


def test_the_operations_are_exactly_the_contract(spec: dict[str, Any]) -> None:
    found = {
        (method.upper(), path)
        for path, item in spec["paths"].items()
        for method in item
        if method in HTTP_METHODS
    }
    assert found == {(op.method, op.path) for op in CONTRACT}
    assert len({op.operation_id for op in CONTRACT}) == len(CONTRACT) == 38


@pytest.mark.parametrize("op", CONTRACT, ids=[op.operation_id for op in CONTRACT])
def test_each_operation_follows_the_contract(spec: dict[str, Any], op: Operation) -> None:
    item = spec["paths"][op.path]
    operation = item[op.method.lower()]
    assert (operation["tags"], operation["operationId"]) == ([op.tag], op.operation_id)
    assert operation["summary"]
    listed = item.get("parameters", []) + operation.get("parameters", [])
    parameters = [_resolve(spec, p) for p in listed]
    in_path = [p for p in parameters if p["in"] == "path"]
    assert {p["name"] for p in in_path} == set(re.findall(r"\{(\w+)\}", op.path))
    assert all(p["required"] and p["schema"]["type"] == "string" for p in in_path)
    query = {p["name"] + "!" * bool(p.get("required")) for p in parameters if p["in"] == "query"}
    assert query == set(op.query)
    assert {p["in"] for p in parameters} <= {"path", "query"}

    body = operation.get("requestBody")
    if op.body is None:
        assert body is None
    else:
        assert body["required"] is True
        assert _ref_name(body["content"]["application/json"]["schema"]) == op.body

    answers = operation["responses"]
    assert answers["default"] == {"$ref": "#/components/responses/AdminError"}
    assert set(answers) == {op.status, "default"}
    answer = _resolve(spec, answers[op.status])
    schema = answer["content"]["application/json"]["schema"]
    assert _ref_name(schema) == (op.answer or "AdminErrorBody")


def test_errors_are_error_and_code(spec: dict[str, Any]) -> None:
    error = _resolve(spec, {"$ref": "#/components/responses/AdminError"})
    body = _resolve(spec, error["content"]["application/json"]["schema"])
    assert body is spec["components"]["schemas"]["AdminErrorBody"]
    assert set(body["properties"]) == {"error", "code"}
    assert not body.get("required")  # a bare error body still reads as one
    for code in DOCUMENTED_ERROR_CODES:
        assert f"`{code}`" in body["properties"]["code"]["description"], code


def test_every_schema_keeps_unknown_properties(spec: dict[str, Any]) -> None:
    schemas = spec["components"]["schemas"]
    for name, schema in schemas.items():
        assert schema["type"] == "object", name
        assert schema["additionalProperties"] is True, name


@pytest.mark.parametrize("model", sorted(INCUMBENT_MODELS))
def test_incumbent_models_keep_their_fields(spec: dict[str, Any], model: str) -> None:
    schema = spec["components"]["schemas"][model]
    expected = incumbent_fields(model)
    assert set(schema["properties"]) == set(expected)
    assert set(schema.get("required", ())) == {name for name, f in expected.items() if f.required}
    for name, field in expected.items():
        assert _spec_types(schema["properties"][name]) == field.types, name


def test_next_token_pagination(spec: dict[str, Any]) -> None:
    limit = spec["components"]["parameters"]["Limit"]
    assert (limit["name"], limit["in"]) == ("limit", "query")
    bounds = {key: limit["schema"][key] for key in ("type", "minimum", "maximum", "default")}
    assert bounds == {"type": "integer", "minimum": 1, "maximum": 200, "default": 50}
    token = spec["components"]["parameters"]["NextToken"]
    assert (token["name"], token["in"], token["schema"]["type"]) == (
        "next_token",
        "query",
        "string",
    )
    paged = [op for op in CONTRACT if "next_token" in op.query]
    assert len(paged) == 6
    for op in paged:
        refs = [p.get("$ref") for p in spec["paths"][op.path]["get"]["parameters"]]
        assert {"#/components/parameters/Limit", "#/components/parameters/NextToken"} <= set(refs)
        answer = spec["components"]["schemas"][op.answer or ""]
        items = [name for name in answer["required"] if name != "next_token"]
        assert len(items) == 1, op
        assert answer["properties"][items[0]]["type"] == "array", op
        assert answer["properties"]["next_token"]["type"] == ["string", "null"], op


def test_offset_pagination(spec: dict[str, Any]) -> None:
    for op in (op for op in CONTRACT if op.query == OFFSET):
        answer = spec["components"]["schemas"][op.answer or ""]["properties"]
        assert {"total", "limit", "offset", "has_more"} <= set(answer), op
        refs = [p.get("$ref") for p in spec["paths"][op.path]["get"]["parameters"]]
        assert "#/components/parameters/Offset" in refs


def test_job_states_are_named_but_open(spec: dict[str, Any]) -> None:
    status = spec["components"]["schemas"]["JobStatus"]["properties"]["status"]
    assert status["type"] == "string"
    assert "enum" not in status  # a future state must still validate
    assert tuple(status["examples"]) == JOB_STATES
    for state in JOB_STATES:
        assert f"`{state}`" in status["description"]


def test_request_bodies(spec: dict[str, Any]) -> None:
    schemas = spec["components"]["schemas"]
    assert schemas["AgentCreate"]["required"] == ["name", "workflow_config"]
    assert schemas["AgentCreate"]["properties"]["workflow_config"]["type"] == "object"
    assert schemas["BrandAgentCreate"]["required"] == ["name", "seed_url"]
    assert set(schemas["BrandAgentCreate"]["properties"]) == {
        "name", "seed_url", "description", "project_id", "publish_widget", "template_slug",
        "knowledge_base_id",
    }  # fmt: skip
    assert set(schemas["BrandAgentUpdate"]["properties"]) == {
        "display_name", "agent_name", "instructions", "model", "knowledge_base_ids",
    }  # fmt: skip
    assert schemas["MemberUpdate"]["properties"]["role"]["enum"] == ["admin", "editor", "viewer"]
    assert schemas["ConnectorAttachRequest"]["required"] == ["app_slug"]
    assert "properties" not in schemas["WidgetConfigUpdate"]  # any widget fields
