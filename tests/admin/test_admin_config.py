"""The Admin API's host and transport: admin_base_url and its variables, the key only as
`Authorization: Bearer` and only there, redaction, redirects, retries, timeouts, and the
admin code loaded lazily and never on the event loop."""

from __future__ import annotations

import json
import logging
import subprocess
import sys
import threading
from typing import Any, Callable

import pytest

from sketricgen import (
    SketricGenAdminError,
    SketricGenAdminNotFoundError,
    SketricGenAdminServerError,
    SketricGenClient,
    SketricGenRedirectError,
    SketricGenTimeoutError,
    SketricGenValidationError,
)
from sketricgen.admin import DEFAULT_ADMIN_BASE_URL
from sketricgen.testing import Fault
from tests.admin.conftest import Admin
from tests.helpers.hostile_server import HostileServer, Received, answer

pytestmark = pytest.mark.emulator

DOCS_ADMIN_URL = "https://krjavjkt27.execute-api.us-east-1.amazonaws.com/dev/admin/v1"
KEY = "sk_api_config-test-key-123"
VARIABLES = ("SKETRICGEN_ADMIN_BASE_URL", "SKETRICGEN_ADMIN_API_URL")


@pytest.fixture(autouse=True)
def _no_admin_variables(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in VARIABLES:
        monkeypatch.delenv(name, raising=False)


def test_the_default_host_is_the_one_the_admin_docs_give() -> None:
    assert DEFAULT_ADMIN_BASE_URL == DOCS_ADMIN_URL
    with SketricGenClient(KEY) as client:
        assert client.admin_base_url == DOCS_ADMIN_URL


def test_the_keyword_sets_the_host() -> None:
    with SketricGenClient(KEY, admin_base_url="http://localhost:9000/admin/v1/") as client:
        assert client.admin_base_url == "http://localhost:9000/admin/v1"


@pytest.mark.parametrize(
    ("variables", "expected"),
    [
        ({"SKETRICGEN_ADMIN_BASE_URL": "https://ours.example/admin/v1"}, "https://ours.example/admin/v1"),
        ({"SKETRICGEN_ADMIN_API_URL": "https://docs.example/admin/v1"}, "https://docs.example/admin/v1"),
        (
            {"SKETRICGEN_ADMIN_BASE_URL": "https://ours.example", "SKETRICGEN_ADMIN_API_URL": "https://docs.example"},
            "https://ours.example",
        ),
    ],
)  # fmt: skip
def test_the_variables_set_the_host(
    monkeypatch: pytest.MonkeyPatch, variables: dict[str, str], expected: str
) -> None:
    for name, value in variables.items():
        monkeypatch.setenv(name, value)
    with SketricGenClient(KEY) as client:
        assert client.admin_base_url == expected
    monkeypatch.setenv("SKETRICGEN_API_KEY", KEY)
    with SketricGenClient.from_env() as client:
        assert client.admin_base_url == expected
    with SketricGenClient.from_env(admin_base_url="https://kw.example") as client:
        assert client.admin_base_url == "https://kw.example"  # a keyword wins


@pytest.mark.parametrize("variable", VARIABLES)
def test_a_bad_variable_is_named_in_the_error(
    monkeypatch: pytest.MonkeyPatch, variable: str
) -> None:
    monkeypatch.setenv(variable, "ftp://nope.example")
    with pytest.raises(SketricGenValidationError, match=variable) as caught:
        SketricGenClient(KEY)
    assert caught.value.field == "admin_base_url"


@pytest.mark.parametrize("value", ["admin.example", "https://h.example/admin/v1?x=1", 42])
def test_a_bad_keyword_is_refused(value: Any) -> None:
    with pytest.raises(SketricGenValidationError) as caught:
        SketricGenClient(KEY, admin_base_url=value)
    assert caught.value.field == "admin_base_url"


def test_default_headers_may_not_carry_authorization() -> None:
    with pytest.raises(SketricGenValidationError, match="Authorization"):
        SketricGenClient(KEY, default_headers={"Authorization": "Bearer other"})


def test_each_host_gets_the_key_under_its_own_header_only(admin: Admin) -> None:
    admin.whoami()
    admin.client.run_workflow_sync("agent-123", "Hello")
    (to_admin,) = admin.emulator.requests_to("admin")
    (to_chat,) = admin.emulator.requests_to("run")
    assert "authorization" in to_admin.headers
    assert "api-key" not in to_admin.headers
    assert "x-api-key" not in to_admin.headers
    assert "api-key" in to_chat.headers
    assert "authorization" not in to_chat.headers


def test_the_key_never_reaches_a_log_line(admin: Admin, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG, logger="sketricgen")
    admin.emulator.add_fault(Fault.status(503, times=1, retry_after=0, endpoint="admin"))
    admin.whoami()
    with pytest.raises(SketricGenAdminNotFoundError):
        admin.agents.get("nope")
    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert "retrying in" in logged  # the logs were on
    assert "not retried" in logged
    assert admin.emulator.api_key not in logged
    assert "Bearer" not in logged


def _handler(status: str, body: bytes) -> Callable[[Any, Received], None]:
    return answer(status, body, {"Content-Type": "application/json"})


@pytest.mark.parametrize("mode", ["async", "sync"])
def test_a_redirect_is_not_followed_and_the_key_stays(
    mode: str, admin_factory: Callable[..., Admin]
) -> None:
    with HostileServer(_handler("200 OK", b'{"teamspaces": []}')) as elsewhere:
        location = {"Location": f"{elsewhere.base_url}/steal"}
        with HostileServer(answer("307 Temporary Redirect", b"", location)) as server:
            admin = admin_factory(mode, admin_base_url=server.base_url)
            with pytest.raises(SketricGenRedirectError) as caught:
                admin.whoami()
        assert caught.value.location == f"{elsewhere.base_url}/steal"
        assert elsewhere.received == []
        assert len(server.received) == 1
        assert server.received[0].header("authorization") == f"Bearer {admin.emulator.api_key}"


@pytest.mark.parametrize("mode", ["async", "sync"])
def test_a_key_echoed_in_an_error_is_masked(mode: str, admin_factory: Callable[..., Admin]) -> None:
    body = json.dumps({"error": f"bad key Bearer {KEY}", "code": "invalid_key"}).encode()
    with HostileServer(_handler("401 Unauthorized", body)) as server:
        admin = admin_factory(mode, api_key=KEY, admin_base_url=server.base_url)
        with pytest.raises(SketricGenAdminError) as caught:
            admin.whoami()
    error = caught.value
    assert KEY not in str(error)
    assert KEY not in json.dumps(error.response_body)
    assert KEY not in str(error.detail)


def test_a_get_is_retried_after_a_500_and_a_write_is_not(admin: Admin) -> None:
    admin.emulator.add_fault(Fault.status(500, times=1, endpoint="admin"))
    assert admin.projects.get("proj-default").project_id == "proj-default"
    assert [r.status for r in admin.requests()] == [500, 200]
    admin.emulator.add_fault(Fault.status(500, times=1, endpoint="admin"))
    with pytest.raises(SketricGenAdminServerError) as caught:
        admin.projects.create("Never twice")
    assert caught.value.status_code == 500
    assert caught.value.attempts == 1
    assert [r.method for r in admin.requests()] == ["GET", "GET", "POST"]
    assert all(p["display_name"] != "Never twice" for p in admin.emulator.admin.projects.values())


@pytest.mark.parametrize("mode", ["async", "sync"])
def test_a_silent_admin_host_times_out_within_timeout(
    mode: str, admin_factory: Callable[..., Admin]
) -> None:
    release = threading.Event()

    def hold(conn: Any, request: Received) -> None:
        release.wait(10)

    with HostileServer(hold) as server:
        admin = admin_factory(mode, admin_base_url=server.base_url, timeout=0.3, max_retries=0)
        try:
            with pytest.raises(SketricGenTimeoutError):
                admin.whoami()
        finally:
            release.set()


IMPORTS = """
import json, sys
import sketricgen
from sketricgen import SketricGenClient, SketricGenAdminError, AdminErrorCode
client = SketricGenClient("sk_api_x-12345678")
print(json.dumps(sorted(m for m in sys.modules if "admin" in m)))
"""


def test_the_admin_code_loads_only_when_used() -> None:
    done = subprocess.run(
        [sys.executable, "-c", IMPORTS], capture_output=True, text=True, timeout=60, check=True
    )
    assert json.loads(done.stdout.splitlines()[-1]) == []


FIRST_CALLS = """
import asyncio, json, sys, threading
from sketricgen import SketricGenClient

loaded = []
recording = False

def hook(event, args):
    if event == "import" and recording and args[0] not in sys.modules:
        if threading.current_thread() is threading.main_thread():
            loaded.append(args[0])

sys.addaudithook(hook)

async def main():
    global recording
    async with SketricGenClient(api_key=KEY, base_url=BASE, admin_base_url=ADMIN) as client:
        recording = True
        (await client.whoami()).teamspace_id
        recording = False
        agents = client.agents  # the namespace's own small module loads here
        recording = True
        [agent.agent_id async for agent in agents.list(limit=2)]
        (await agents.get("agent-123")).name
        recording = False

asyncio.run(main())
print(json.dumps([name for name in loaded if name in sys.modules]))
"""


def test_the_first_async_admin_calls_load_nothing_on_the_loop(sketricgen_emulator: Any) -> None:
    settings = (
        f"KEY = {sketricgen_emulator.api_key!r}\nBASE = {sketricgen_emulator.base_url!r}\n"
        f"ADMIN = {sketricgen_emulator.admin_base_url!r}\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", settings + FIRST_CALLS],
        capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    loaded = json.loads(done.stdout.strip().splitlines()[-1])
    assert loaded == [], f"imported on the event loop's thread: {loaded}"
