"""client.brand_agents against the emulator: templates, create (and wait), get, update, widget."""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any
from urllib.parse import parse_qs

import pytest

from sketricgen import (
    SketricGenClient,
    SketricGenJobError,
    SketricGenJobTimeoutError,
    SketricGenPermissionDeniedError,
    SketricGenTimeoutError,
    SketricGenValidationError,
)
from sketricgen.admin import (
    BrandAgentDetail,
    BrandAgentJob,
    BrandAgentTemplate,
    BrandAgentUpdateResult,
    JobStatus,
    WidgetConfig,
    WidgetConfigUpdateResult,
)
from sketricgen.testing import Emulator, RecordedRequest

pytestmark = pytest.mark.emulator

FAST = 0.001  # the emulator moves a job one state per poll
SEED = "https://acme.example/"


@pytest.fixture
def key(sketricgen_emulator: Emulator) -> str:
    """An Admin key of one project: creates need no project_id (the incumbent's bodies)."""
    return sketricgen_emulator.admin.add_key("admin", projects=["proj-default"])


@pytest.fixture
def client(sketricgen_emulator: Emulator, key: str) -> Iterator[SketricGenClient]:
    client = SketricGenClient(
        key,
        base_url=sketricgen_emulator.base_url,
        admin_base_url=sketricgen_emulator.admin_base_url,
        max_retries=0,
    )
    yield client
    client.close()


def _last(emulator: Emulator) -> RecordedRequest:
    return emulator.requests_to("admin")[-1]


def _calls(emulator: Emulator) -> list[tuple[str, str]]:
    return [(r.method, r.path) for r in emulator.requests_to("admin")]


def _agent(client: SketricGenClient) -> str:
    """A Brand Agent whose job has succeeded."""
    return client.brand_agents.create_and_wait_sync("Acme", SEED, poll_interval=FAST).agent_id or ""


# -- templates ----------------------------------------------------------------------------


@pytest.mark.anyio
async def test_list_templates_is_a_list_async(
    client: SketricGenClient, sketricgen_emulator: Emulator
) -> None:
    templates = await client.brand_agents.list_templates()
    assert isinstance(templates, list)
    assert all(isinstance(t, BrandAgentTemplate) for t in templates)
    assert [t.slug for t in templates] == ["support-agent", "sales-assistant", "team-concierge"]
    sales = templates[1]
    assert sales.required_connectors is not None
    assert sales.required_connectors[0].app_slug == "gmail"
    request = _last(sketricgen_emulator)
    assert (request.method, request.path, request.query) == (
        "GET",
        "/admin/v1/brand-agent-templates",
        "",
    )


def test_list_templates_sends_limit_and_offset_sync(
    client: SketricGenClient, sketricgen_emulator: Emulator
) -> None:
    templates = client.brand_agents.list_templates_sync(1, 1)
    assert [t.slug for t in templates] == ["sales-assistant"]
    assert parse_qs(_last(sketricgen_emulator).query) == {"limit": ["1"], "offset": ["1"]}
    client.brand_agents.list_templates_sync(offset=2)
    assert parse_qs(_last(sketricgen_emulator).query) == {"offset": ["2"]}


# -- create / get_status ------------------------------------------------------------------


@pytest.mark.anyio
async def test_create_sends_only_the_given_fields_async(
    client: SketricGenClient, sketricgen_emulator: Emulator
) -> None:
    job = await client.brand_agents.create("Acme", SEED)
    assert isinstance(job, BrandAgentJob)
    assert job.status == "queued"
    assert job.agent_id
    assert job.job_id
    request = _last(sketricgen_emulator)
    assert (request.method, request.path) == ("POST", "/admin/v1/brand-agents")
    assert request.json() == {"name": "Acme", "seed_url": SEED}
    assert request.headers["content-type"] == "application/json"


def test_create_sends_every_field_in_the_incumbents_order_sync(
    client: SketricGenClient, sketricgen_emulator: Emulator
) -> None:
    job = client.brand_agents.create_sync(
        "Acme", SEED, "Answers Acme's customers", "proj-default", True, "support-agent",
        "kb-product-docs",
    )  # fmt: skip
    assert job.status == "queued"
    assert _last(sketricgen_emulator).json() == {
        "name": "Acme",
        "seed_url": SEED,
        "description": "Answers Acme's customers",
        "project_id": "proj-default",
        "publish_widget": True,
        "template_slug": "support-agent",
        "knowledge_base_id": "kb-product-docs",
    }


@pytest.mark.anyio
async def test_get_status_follows_the_job_from_queued_to_succeeded_async(
    client: SketricGenClient, sketricgen_emulator: Emulator
) -> None:
    job = await client.brand_agents.create("Acme", SEED)
    seen = [job.status]
    while seen[-1] not in ("succeeded", "failed"):
        status = await client.brand_agents.get_status(job.job_id)
        assert isinstance(status, JobStatus)
        seen.append(status.status)
    assert seen == [
        "queued", "crawling", "crawled", "kb_processing", "agent_finalizing", "succeeded",
    ]  # fmt: skip
    assert _last(sketricgen_emulator).path == f"/admin/v1/jobs/{job.job_id}"


def test_get_status_sync(client: SketricGenClient) -> None:
    job = client.brand_agents.create_sync("Acme", SEED)
    status = client.brand_agents.get_status_sync(job.job_id)
    assert (status.job_id, status.status, status.agent_id) == (job.job_id, "crawling", job.agent_id)


def test_create_refused_by_a_downgraded_plan(
    client: SketricGenClient, sketricgen_emulator: Emulator
) -> None:
    sketricgen_emulator.admin.downgrade_plan()
    with pytest.raises(SketricGenPermissionDeniedError) as caught:
        client.brand_agents.create_sync("Acme", SEED)
    assert caught.value.code == "plan_downgraded"


# -- create_and_wait ----------------------------------------------------------------------


@pytest.mark.anyio
async def test_create_and_wait_polls_to_succeeded_async(
    client: SketricGenClient, sketricgen_emulator: Emulator
) -> None:
    done = await client.brand_agents.create_and_wait(
        "Acme", SEED, publish_widget=True, poll_interval=FAST, timeout=30
    )
    assert isinstance(done, JobStatus)
    assert done.status == "succeeded"
    assert done.embed is not None
    assert done.embed.snippet
    calls = _calls(sketricgen_emulator)
    assert calls[0] == ("POST", "/admin/v1/brand-agents")
    assert calls[1:] == [("GET", f"/admin/v1/jobs/{done.job_id}")] * 5


def test_create_and_wait_polls_to_succeeded_sync(
    client: SketricGenClient, sketricgen_emulator: Emulator
) -> None:
    done = client.brand_agents.create_and_wait_sync("Acme", SEED, poll_interval=FAST)
    assert done.status == "succeeded"
    assert len(_calls(sketricgen_emulator)) == 1 + 5
    assert sketricgen_emulator.requests_to("admin")[0].json() == {"name": "Acme", "seed_url": SEED}


@pytest.mark.anyio
async def test_create_and_wait_raises_the_job_error_on_failure_async(
    client: SketricGenClient,
) -> None:
    with pytest.raises(SketricGenJobError) as caught:
        await client.brand_agents.create_and_wait(
            "Acme", "https://fail.acme.example/", poll_interval=FAST
        )
    error = caught.value
    assert error.status == "failed"
    assert error.job_id.startswith("job")
    assert error.error_summary
    assert error.job_id in str(error)


def test_create_and_wait_raises_the_job_error_on_failure_sync(client: SketricGenClient) -> None:
    with pytest.raises(SketricGenJobError) as caught:
        client.brand_agents.create_and_wait_sync(
            "Acme", "https://fail.acme.example/", poll_interval=FAST
        )
    assert caught.value.status == "failed"
    assert caught.value.error_summary


@pytest.mark.anyio
async def test_create_and_wait_times_out_naming_the_job_async(
    client: SketricGenClient, sketricgen_emulator: Emulator
) -> None:
    started = time.monotonic()
    with pytest.raises(SketricGenJobTimeoutError) as caught:
        await client.brand_agents.create_and_wait("Acme", SEED, poll_interval=60, timeout=0.2)
    assert 0.2 <= time.monotonic() - started < 5
    error = caught.value
    assert isinstance(error, SketricGenTimeoutError)
    job_id = sketricgen_emulator.requests_to("admin")[-1].path.rsplit("/", 1)[-1]
    assert error.job_id == job_id
    assert error.status in ("crawling", "crawled")
    assert job_id in str(error)


def test_create_and_wait_times_out_sync(client: SketricGenClient) -> None:
    with pytest.raises(SketricGenTimeoutError, match=r"did not finish within 0\.2 seconds"):
        client.brand_agents.create_and_wait_sync("Acme", SEED, poll_interval=60, timeout=0.2)


@pytest.mark.parametrize(
    "options", [{"poll_interval": 0}, {"poll_interval": 3600}, {"timeout": -1}, {"timeout": "1"}]
)
@pytest.mark.anyio
async def test_create_and_wait_refuses_bad_timing_before_creating_anything(
    client: SketricGenClient, sketricgen_emulator: Emulator, options: dict[str, Any]
) -> None:
    with pytest.raises(SketricGenValidationError):
        await client.brand_agents.create_and_wait("Acme", SEED, **options)
    with pytest.raises(SketricGenValidationError):
        client.brand_agents.create_and_wait_sync("Acme", SEED, **options)
    assert sketricgen_emulator.requests_to("admin") == []


# -- get / update -------------------------------------------------------------------------


@pytest.mark.anyio
async def test_get_and_update_async(
    client: SketricGenClient, sketricgen_emulator: Emulator
) -> None:
    agent_id = _agent(client)
    detail = await client.brand_agents.get(agent_id)
    assert isinstance(detail, BrandAgentDetail)
    assert detail.agent is not None
    assert _last(sketricgen_emulator).path == f"/admin/v1/brand-agents/{agent_id}"

    result = await client.brand_agents.update(agent_id, display_name="Acme Help", model="gpt-4.1")
    assert isinstance(result, BrandAgentUpdateResult)
    assert sorted(result.updated) == ["display_name", "model"]
    request = _last(sketricgen_emulator)
    assert (request.method, request.path) == ("PATCH", f"/admin/v1/brand-agents/{agent_id}")
    assert request.json() == {"display_name": "Acme Help", "model": "gpt-4.1"}


def test_update_sends_every_field_in_the_incumbents_order_sync(
    client: SketricGenClient, sketricgen_emulator: Emulator
) -> None:
    agent_id = _agent(client)
    result = client.brand_agents.update_sync(
        agent_id, "Acme Help", "acme-help", "Be brief.", "gpt-4.1", ["kb-product-docs"]
    )
    assert set(result.updated) == {
        "display_name", "agent_name", "instructions", "model", "knowledge_base_ids",
    }  # fmt: skip
    assert _last(sketricgen_emulator).json() == {
        "display_name": "Acme Help",
        "agent_name": "acme-help",
        "instructions": "Be brief.",
        "model": "gpt-4.1",
        "knowledge_base_ids": ["kb-product-docs"],
    }
    assert client.brand_agents.get_sync(agent_id).agent is not None


# -- widget config ------------------------------------------------------------------------


@pytest.mark.anyio
async def test_widget_config_get_and_update_async(
    client: SketricGenClient, sketricgen_emulator: Emulator
) -> None:
    agent_id = _agent(client)
    config = await client.brand_agents.get_widget_config(agent_id)
    assert isinstance(config, WidgetConfig)
    assert config.agent_id == agent_id
    assert _last(sketricgen_emulator).path == f"/admin/v1/brand-agents/{agent_id}/widget-config"

    result = await client.brand_agents.update_widget_config(
        agent_id, primary_color="#112233", greeting=None, launcher={"position": "left"}
    )
    assert isinstance(result, WidgetConfigUpdateResult)
    assert result.agent_id == agent_id
    assert result.widget_config["primary_color"] == "#112233"
    request = _last(sketricgen_emulator)
    assert request.method == "PATCH"
    # None values are left out (as the incumbent); the rest goes as given.
    assert request.json() == {"primary_color": "#112233", "launcher": {"position": "left"}}


def test_widget_config_get_and_update_sync(
    client: SketricGenClient, sketricgen_emulator: Emulator
) -> None:
    agent_id = _agent(client)
    result = client.brand_agents.update_widget_config_sync(agent_id, title="Acme")
    assert result.widget_config["title"] == "Acme"
    assert _last(sketricgen_emulator).json() == {"title": "Acme"}
    assert client.brand_agents.get_widget_config_sync(agent_id).widget_config["title"] == "Acme"


@pytest.mark.parametrize(
    "call",
    [
        lambda c: c.brand_agents.get_status_sync(""),
        lambda c: c.brand_agents.get_sync(""),
        lambda c: c.brand_agents.update_sync("", display_name="x"),
        lambda c: c.brand_agents.get_widget_config_sync(""),
        lambda c: c.brand_agents.update_widget_config_sync("", title="x"),
        lambda c: c.brand_agents.create_sync("", SEED),
        lambda c: c.brand_agents.create_sync("Acme", ""),
    ],
)
def test_empty_ids_and_names_are_refused_before_any_request(
    client: SketricGenClient, sketricgen_emulator: Emulator, call: Any
) -> None:
    with pytest.raises(SketricGenValidationError):
        call(client)
    assert sketricgen_emulator.requests_to("admin") == []
