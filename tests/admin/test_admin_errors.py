"""Admin API errors by code, against the emulator, async and sync.

Each documented `{error, code}` answer becomes a `SketricGenAdminError` subclass
that is also the general class of its status, with `code` an `AdminErrorCode`.
"""

from __future__ import annotations

from typing import Any, Callable

import httpx
import pytest
from sketricgen_admin_lowlevel.api.agents import run_agent
from sketricgen_admin_models import AgentRunRequest

from sketricgen import (
    AdminErrorCode,
    SketricGenAdminAuthenticationError,
    SketricGenAdminBadRequestError,
    SketricGenAdminConflictError,
    SketricGenAdminError,
    SketricGenAdminNotFoundError,
    SketricGenAdminPermissionDeniedError,
    SketricGenAdminServerError,
    SketricGenAPIError,
    SketricGenAuthenticationError,
    SketricGenBadRequestError,
    SketricGenConflictError,
    SketricGenNotFoundError,
    SketricGenPermissionDeniedError,
    SketricGenServerError,
)
from sketricgen.admin import Agent
from tests.admin.conftest import Admin
from tests.helpers.hostile_server import HostileServer, answer

pytestmark = pytest.mark.emulator

CONFIG: dict[str, Any] = {"nodes": []}
MODES = ["async", "sync"]


def _raises(call: Callable[[], Any], cls: type[SketricGenAdminError], code: str) -> Any:
    with pytest.raises(cls) as caught:
        call()
    error = caught.value
    assert error.code == code
    assert isinstance(error.code, AdminErrorCode)
    assert isinstance(error, SketricGenAdminError)
    assert isinstance(error, SketricGenAPIError)
    assert f"(code {code})" in str(error)
    return error


@pytest.mark.parametrize("mode", MODES)
def test_401_invalid_key(mode: str, admin_factory: Callable[..., Admin]) -> None:
    admin = admin_factory(mode, api_key="sk_api_not-a-known-key-000")
    error = _raises(admin.whoami, SketricGenAdminAuthenticationError, "invalid_key")
    assert isinstance(error, SketricGenAuthenticationError)
    assert error.status_code == 401
    assert "sk_api_not-a-known-key-000" not in str(error)


def _strip_authorization(request: httpx.Request) -> None:
    del request.headers["authorization"]  # as a proxy that drops it would


async def _strip_authorization_async(request: httpx.Request) -> None:
    _strip_authorization(request)


@pytest.mark.parametrize("mode", MODES)
def test_401_missing_token(mode: str, admin_factory: Callable[..., Admin]) -> None:
    # A proxy in between drops the header: the user's own httpx client plays it.
    if mode == "sync":
        own: dict[str, Any] = {
            "http_client": httpx.Client(event_hooks={"request": [_strip_authorization]})
        }
    else:
        hooks = {"request": [_strip_authorization_async]}
        own = {"async_http_client": httpx.AsyncClient(event_hooks=hooks)}
    admin = admin_factory(mode, **own)
    try:
        error = _raises(admin.whoami, SketricGenAdminAuthenticationError, "missing_token")
        assert error.code is AdminErrorCode.MISSING_TOKEN
    finally:
        if mode == "sync":
            own["http_client"].close()
        else:
            assert admin.loop is not None
            admin.loop.run_until_complete(own["async_http_client"].aclose())


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("status", ["expired", "revoked"])
def test_403_expired_and_revoked_keys(
    mode: str, status: str, admin_factory: Callable[..., Admin], sketricgen_emulator: Any
) -> None:
    key = sketricgen_emulator.admin.add_key("admin", status=status)
    admin = admin_factory(mode, api_key=key)
    error = _raises(admin.whoami, SketricGenAdminPermissionDeniedError, f"key_{status}")
    assert isinstance(error, SketricGenPermissionDeniedError)
    assert error.status_code == 403


@pytest.mark.parametrize("mode", MODES)
def test_403_project_scope_mismatch(
    mode: str, admin_factory: Callable[..., Admin], sketricgen_emulator: Any
) -> None:
    key = sketricgen_emulator.admin.add_key("admin", projects=["proj-marketing"])
    admin = admin_factory(mode, api_key=key)
    _raises(
        lambda: admin.agents.delete("agent-123"),  # in proj-default
        SketricGenAdminPermissionDeniedError,
        "project_scope_mismatch",
    )
    assert "agent-123" in sketricgen_emulator.admin.agents


@pytest.mark.parametrize("mode", MODES)
def test_403_insufficient_role(
    mode: str, admin_factory: Callable[..., Admin], sketricgen_emulator: Any
) -> None:
    admin = admin_factory(mode, api_key=sketricgen_emulator.admin.add_key("viewer"))
    assert admin.whoami().teamspace_id == "ts-emulator"  # a viewer reads
    error = _raises(
        lambda: admin.agents.create("Bot", CONFIG, project_id="proj-default"),
        SketricGenAdminPermissionDeniedError,
        "insufficient_role",
    )
    assert "Viewers read" in str(error)  # what the role allows, in the message


def test_403_plan_downgraded(admin: Admin) -> None:
    admin.emulator.admin.downgrade_plan()
    _raises(
        lambda: admin.agents.create("Bot", CONFIG, project_id="proj-default"),
        SketricGenAdminPermissionDeniedError,
        "plan_downgraded",
    )


def test_409_workflow_not_ready(admin: Admin) -> None:
    job = admin.client.brand_agents.create_sync(
        "Acme", "https://acme.example", project_id="proj-default"
    )
    error = _raises(
        lambda: admin.agents.embed_snippet(job.agent_id),
        SketricGenAdminConflictError,
        "workflow_not_ready",
    )
    assert isinstance(error, SketricGenConflictError)
    assert error.status_code == 409
    assert error.detail is not None
    assert "still being built" in error.detail  # the service's own words


def test_501_run_not_available_through_the_generated_operation(admin: Admin) -> None:
    # The SDK does not wrap POST /agents/{id}/run (runs go through run_workflow):
    # the generated operation, sent through the admin bridge, maps its answer.
    calls = admin.client._admin_calls()
    request = run_agent.build_request(agent_id="agent-123", body=AgentRunRequest())
    loop = admin.loop

    def call() -> Any:
        if loop is None:
            return calls.send_sync(request, run_agent.parse_response, Agent)
        return loop.run_until_complete(calls.send(request, run_agent.parse_response, Agent))

    error = _raises(call, SketricGenAdminServerError, "run_not_available")
    assert isinstance(error, SketricGenServerError)
    assert error.status_code == 501
    assert "run_workflow()" in str(error)
    assert len(admin.requests()) == 1  # not retried


def test_400_project_id_required_and_404_not_found(admin: Admin) -> None:
    error = _raises(
        lambda: admin.agents.create("Bot", CONFIG),  # the key covers several projects
        SketricGenAdminBadRequestError,
        "project_id_required",
    )
    assert isinstance(error, SketricGenBadRequestError)
    assert "project_id=" in str(error)
    missing = _raises(
        lambda: admin.knowledge_bases.get("kb-nope"), SketricGenAdminNotFoundError, "not_found"
    )
    assert isinstance(missing, SketricGenNotFoundError)


@pytest.mark.parametrize("mode", MODES)
def test_an_unknown_code_stays_a_string_and_a_page_from_a_proxy_is_summarized(
    mode: str, admin_factory: Callable[..., Admin]
) -> None:
    body = b'{"error": "Too many agents", "code": "agent_limit_reached"}'
    with HostileServer(answer("403 Forbidden", body, {"Content-Type": "application/json"})) as one:
        admin = admin_factory(mode, admin_base_url=one.base_url, max_retries=0)
        with pytest.raises(SketricGenAdminPermissionDeniedError) as caught:
            admin.whoami()
    assert caught.value.code == "agent_limit_reached"
    assert not isinstance(caught.value.code, AdminErrorCode)
    assert caught.value.detail == "Too many agents"
    page = b"<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>"
    with HostileServer(answer("502 Bad Gateway", page, {"Content-Type": "text/html"})) as two:
        admin = admin_factory(mode, admin_base_url=two.base_url, max_retries=0)
        with pytest.raises(SketricGenAdminServerError) as proxied:
            admin.whoami()
    assert proxied.value.code is None
    assert "502 Bad Gateway" in str(proxied.value)


def test_the_incumbents_constructor_still_works() -> None:
    positional = SketricGenAdminError(403, "key_expired", "The key has expired")
    assert (positional.status_code, positional.code, positional.message) == (
        403, AdminErrorCode.KEY_EXPIRED, "The key has expired",
    )  # fmt: skip
    keywords = SketricGenAdminError(status_code=500, code="invalid_response", message="odd")
    assert (keywords.status_code, keywords.code, str(keywords)) == (500, "invalid_response", "odd")
    assert str.__eq__(AdminErrorCode.KEY_EXPIRED, "key_expired")
    assert f"{AdminErrorCode.KEY_EXPIRED}" == "key_expired"
