"""Record the replay scenarios as vcrpy cassettes in cassettes/.

    python scripts/record_cassettes.py                  # against a fresh local emulator
    python scripts/record_cassettes.py --live --out DIR # against the real service, by hand only

`make cassettes` runs the first form: each scenario runs against a freshly
reset emulator (seed 0, virtual clock), and every volatile bit is normalised
before writing, so recording twice gives identical files. The API key never
reaches a cassette: its headers are replaced by `REDACTED`, and any other
occurrence of the key too.

The live form needs SKETRICGEN_API_KEY and SKETRICGEN_AGENT_ID (and, for the
HITL scenario, SKETRICGEN_HITL_AGENT_ID); SKETRICGEN_BASE_URL and
SKETRICGEN_UPLOAD_BASE_URL override the service's hosts. CI never runs it.

A scenario is a function of a `Target`; SCENARIOS lists them. Each one goes
through the SDK, the way a user would.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Any, Callable, Optional

from sketricgen import (
    AdminErrorCode,
    ChatResponse,
    HitlDecision,
    HitlResume,
    SketricGenAdminError,
    SketricGenAPIError,
    SketricGenAuthenticationError,
    SketricGenBadRequestError,
    SketricGenClient,
    SketricGenError,
    SketricGenNotFoundError,
    SketricGenRunError,
    StreamResult,
)
from sketricgen.testing import DEFAULT_API_KEY, Emulator, Fault

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as `python scripts/record_cassettes.py`
    sys.path.insert(0, str(ROOT))

from tests.helpers.cassettes import (  # noqa: E402  (after the path it needs)
    CASSETTES,
    ERROR_STATUSES,
    REDACTED,
    REPLAY_BASE_URL,
    REPLAY_STORAGE_URL,
    Scrubber,
    Target,
    recorder,
)

ATTACHMENTS = ROOT / "tests" / "uploads" / "files"
LIVE_BASE_URL = "https://chat-v2.sketricgen.ai"
LIVE_UPLOAD_BASE_URL = "https://v9xof9ohlg.execute-api.us-east-1.amazonaws.com/dev"

# -- the scenarios ---------------------------------------------------------------
#
# Every seed example (async and sync: plain, streamed, with files) and every
# error status, through the SDK.


def _client(target: Target, **options: Any) -> SketricGenClient:
    settings = {"api_key": target.api_key, "base_url": target.base_url}
    settings["upload_base_url"] = target.upload_base_url
    if target.admin_base_url:
        settings["admin_base_url"] = target.admin_base_url
    return SketricGenClient(**{**settings, **options})


def _emulator_only(target: Target) -> bool:
    """Faults are asked of the emulator by a request header; the real service ignores it."""
    return target.api_key in (DEFAULT_API_KEY, REDACTED)


def _raises(
    kind: type[SketricGenError], call: Callable[..., object], *args: Any, **kwargs: Any
) -> SketricGenError:
    try:
        call(*args, **kwargs)
    except kind as error:
        return error
    raise AssertionError(f"expected {kind.__name__}")


def run_workflow(target: Target) -> None:
    """The seed's quick start: one awaited, non-streamed turn."""

    async def main() -> ChatResponse:
        async with _client(target) as client:
            return await client.run_workflow(
                agent_id=target.agent_id,
                user_input="Hello, how are you?",
            )

    response = asyncio.run(main())
    assert response.response
    assert response.conversation_id


def run_workflow_sync(target: Target) -> None:
    """The seed's `run_workflow_sync` example."""
    with _client(target) as client:
        response = client.run_workflow_sync(agent_id=target.agent_id, user_input="Hello!")
    assert response.response


def conversation(target: Target) -> None:
    """The seed's non-streaming example: a turn that resumes a conversation, with a contact id."""

    async def main() -> tuple[ChatResponse, ChatResponse]:
        async with _client(target) as client:
            first = await client.run_workflow(
                agent_id=target.agent_id, user_input="My name is Ada.", contact_id="contact-1"
            )
            second = await client.run_workflow(
                agent_id=target.agent_id,
                user_input="What is the weather like today?",
                conversation_id=first.conversation_id,
                contact_id="contact-1",
            )
            return first, second

    first, second = asyncio.run(main())
    assert second.conversation_id == first.conversation_id
    assert second.contact_id == "contact-1"


def conversation_sync(target: Target) -> None:
    """The same two turns through `run_workflow_sync`."""
    with _client(target) as client:
        first = client.run_workflow_sync(target.agent_id, "My name is Ada.", contact_id="contact-1")
        second = client.run_workflow_sync(
            target.agent_id, "What is my name?", first.conversation_id, contact_id="contact-1"
        )
    assert second.conversation_id == first.conversation_id


def run_workflow_stream(target: Target) -> None:
    """The seed's streaming example: `async for event in await client.run_workflow(...)`."""

    async def main() -> list[dict[str, Any]]:
        async with _client(target) as client:
            return [
                json.loads(event.data)
                async for event in await client.run_workflow(
                    agent_id=target.agent_id,
                    user_input="Tell me a story",
                    stream=True,
                )
            ]

    types = [event["type"] for event in asyncio.run(main())]
    assert types[0] == "RUN_STARTED"
    assert types[-1] == "RUN_FINISHED"
    assert "TEXT_MESSAGE_CONTENT" in types


def run_workflow_stream_sync(target: Target) -> None:
    """The seed's sync streaming example: `for event in client.run_workflow_sync(...)`."""
    with _client(target) as client:
        types = [
            json.loads(event.data)["type"]
            for event in client.run_workflow_sync(
                agent_id=target.agent_id, user_input="Tell me a story", stream=True
            )
        ]
    assert types[-1] == "RUN_FINISHED"


def stream_tool_calls(target: Target) -> None:
    """The seed's complete streaming example (a tool call), read with `until_done()`."""
    agent_id = "demo-agent" if _emulator_only(target) else target.agent_id

    async def main() -> StreamResult:
        async with _client(target) as client:
            stream = await client.run_workflow(
                agent_id=agent_id, user_input="Search for info and summarize it", stream=True
            )
            return await stream.until_done()

    result = asyncio.run(main())
    assert result.outcome == "finished"
    assert result.text


def stream_run_error(target: Target) -> None:
    """A streamed run that ends in RUN_ERROR: `until_done()` raises `SketricGenRunError`."""
    if not _emulator_only(target):
        return
    with _client(target) as client:
        stream = client.run_workflow_sync("error-agent", "Hi", stream=True)
        error = _raises(SketricGenRunError, stream.until_done)
    assert isinstance(error, SketricGenRunError)
    assert error.code == "AGENT_ERROR"


def stream_retried(target: Target) -> None:
    """A 503 before the first event: retried, then the stream."""
    if not _emulator_only(target):
        return
    fault = Fault.status(503, times=1, retry_after=0)
    with _client(target, default_headers=Fault.header(fault)) as client:
        deltas = list(client.run_workflow_sync(target.agent_id, "Again", stream=True).text_deltas())
    assert "".join(deltas) == "Hello! You said: Again"


def _attachment(name: str) -> str:
    """One of the tiny committed files the attachment scenarios send."""
    return str(ATTACHMENTS / name)


def attach_file(target: Target) -> None:
    """The seed's "Single File" example: a PDF uploaded (three calls), then the run."""

    async def main() -> ChatResponse:
        async with _client(target) as client:
            return await client.run_workflow(
                agent_id=target.agent_id,
                user_input="Summarize this document",
                file_paths=[_attachment("document1.pdf")],
            )

    response = asyncio.run(main())
    assert response.response


def attach_files(target: Target) -> None:
    """The seed's "Multiple Files" example: two PDFs, attached in the order given.

    One upload at a time while recording: the service hands out ids in the
    order the inits arrive, and a cassette must come out the same each time.
    """

    async def main() -> ChatResponse:
        async with _client(target, max_concurrent_uploads=1) as client:
            return await client.run_workflow(
                agent_id=target.agent_id,
                user_input="Compare these two documents",
                file_paths=[_attachment("document1.pdf"), _attachment("document2.pdf")],
            )

    response = asyncio.run(main())
    assert response.response


def attach_files_sync(target: Target) -> None:
    """`run_workflow_sync` with a PDF and a PNG."""
    with _client(target, max_concurrent_uploads=1) as client:
        response = client.run_workflow_sync(
            target.agent_id,
            "Describe these",
            file_paths=[Path(_attachment("document1.pdf")), Path(_attachment("image.png"))],
        )
    assert response.response


def stream_with_file(target: Target) -> None:
    """The seed's "Streaming with Files" example: a PNG uploaded, then the run's events."""

    async def main() -> list[dict[str, Any]]:
        async with _client(target) as client:
            return [
                json.loads(event.data)
                async for event in await client.run_workflow(
                    agent_id=target.agent_id,
                    user_input="Analyze this image",
                    file_paths=[_attachment("image.png")],
                    stream=True,
                )
            ]

    events = asyncio.run(main())
    assert events[0]["type"] == "RUN_STARTED"
    assert events[-1]["type"] == "RUN_FINISHED"
    assert any(event["type"] == "TEXT_MESSAGE_CONTENT" for event in events)


def upload_then_ask(target: Target) -> None:
    """`upload_file` on its own (bytes with a name), then its id as an asset of a turn."""
    with _client(target) as client:
        upload = client.upload_file_sync(
            target.agent_id, b"name,score\nada,10\n", file_name="scores.csv"
        )
        assert upload.file_size_bytes == 18
        response = client.run_workflow_sync(
            target.agent_id, "Summarize this file", assets=[upload.file_id]
        )
    assert response.response


def hitl_pause_and_resume(target: Target) -> None:
    """A run that pauses for approval, then its resume."""
    if target.hitl_agent_id is None:
        return
    with _client(target) as client:
        paused = client.run_workflow_sync(target.hitl_agent_id, "Email Bob hello", enable_hitl=True)
        assert paused.run_paused_hitl is True, paused
        assert paused.hitl_request is not None
        resumed = client.run_workflow_sync(
            target.hitl_agent_id, "", paused.conversation_id,
            hitl_resume=HitlResume(
                request_id=paused.hitl_request.request_id,
                decisions=[HitlDecision(type="approve")],
            ),
        )  # fmt: skip
    assert resumed.conversation_id == paused.conversation_id


def service_errors(target: Target) -> None:
    """What the service itself refuses: a bad key, an unknown agent, an asset never uploaded."""
    with _client(target, api_key="not-a-valid-key") as client:
        error = _raises(
            SketricGenAuthenticationError, client.run_workflow_sync, target.agent_id, "hi"
        )
    with _client(target) as client:
        _raises(SketricGenNotFoundError, client.run_workflow_sync, "no-such-agent", "hi")
        _raises(
            SketricGenBadRequestError, client.run_workflow_sync,
            target.agent_id, "Look at this", assets=["file-never-uploaded"],
        )  # fmt: skip
    assert isinstance(error, SketricGenAPIError)
    assert error.status_code == 401


def error_statuses(target: Target) -> None:
    """Each error status once (no retries), as the typed exception it maps to."""
    if not _emulator_only(target):
        return
    for status, kind in ERROR_STATUSES.items():
        fault = (
            Fault.html_page(status) if status == 502
            else Fault.status(status, retry_after=30 if status == 429 else None)
        )  # fmt: skip
        with _client(target, max_retries=0, default_headers=Fault.header(fault)) as client:
            error = _raises(kind, client.run_workflow_sync, target.agent_id, f"status {status}")
        assert isinstance(error, SketricGenAPIError)
        assert error.status_code == status


def retried_then_success(target: Target) -> None:
    """Two 503s, then the answer: the client retries on its own."""
    if not _emulator_only(target):
        return
    fault = Fault.status(503, times=2, retry_after=0)
    with _client(target, default_headers=Fault.header(fault)) as client:
        response = client.run_workflow_sync(target.agent_id, "Try again")
    assert response.response


# -- the Admin API -----------------------------------------------------------------------
#
# The main admin flows through the SDK: who am I and every agent over pages, a Brand
# Agent created and waited for, a connector attached with chosen tools and detached,
# and errors by code. (Live, these create a Brand Agent and change an agent's tools.)


def _project(target: Target) -> Optional[str]:
    """The project a create names: a key covering several projects must name one."""
    return "proj-default" if _emulator_only(target) else os.environ.get("SKETRICGEN_PROJECT_ID")


def _poll(target: Target) -> dict[str, float]:
    """The emulator moves a job one state per poll: no need to wait between polls there."""
    return {"poll_interval": 0.01 if _emulator_only(target) else 10.0, "timeout": 600.0}


def admin_agents_pages(target: Target) -> None:
    """`whoami()`, then every agent, two a page: `async for` over `client.agents.list()`."""

    async def main() -> tuple[Any, list[Any]]:
        async with _client(target) as client:
            teamspace = await client.whoami()
            return teamspace, [agent async for agent in client.agents.list(limit=2)]

    teamspace, agents = asyncio.run(main())
    assert teamspace.teamspace_id
    assert len(agents) > 4, agents  # three pages at least
    assert len({agent.agent_id for agent in agents}) == len(agents)


def admin_agents_pages_sync(target: Target) -> None:
    """`whoami_sync()`, two pages by hand (`page_sync`), then every project (`list_sync`)."""
    with _client(target) as client:
        assert client.whoami_sync().teamspace_id
        first = client.agents.page_sync(limit=2)
        assert first.has_more
        second = client.agents.page_sync(limit=2, next_token=first.next_token)
        projects = list(client.projects.list_sync(limit=1))
    assert len(first.items) + len(second.items) == 4
    assert {a.agent_id for a in first.items}.isdisjoint(a.agent_id for a in second.items)
    assert projects


def admin_brand_agent(target: Target) -> None:
    """A Brand Agent created and polled to `succeeded`, then its settings and widget."""
    with _client(target) as client:
        done = client.brand_agents.create_and_wait_sync(
            "Acme support",
            "https://acme.example",
            project_id=_project(target),
            publish_widget=True,
            **_poll(target),
        )
        assert done.status == "succeeded", done
        assert done.agent_id
        detail = client.brand_agents.get_sync(done.agent_id)
        widget = client.brand_agents.get_widget_config_sync(done.agent_id)
    assert done.embed is not None
    assert detail.agent is not None
    assert widget.agent_id == done.agent_id


def admin_connectors(target: Target) -> None:
    """A connector's tools listed, two of them attached to an agent, then detached."""

    async def main() -> tuple[Any, Any]:
        async with _client(target) as client:
            tools = await client.connectors.list_tools("gmail", limit=3)
            chosen = [tool.tool_name for tool in tools.tools[:2]]
            attached = await client.connectors.attach(target.agent_id, "gmail", chosen)
            detached = await client.connectors.detach(target.agent_id, "gmail")
            return attached, detached

    attached, detached = asyncio.run(main())
    assert attached.allowed_tools is not None
    assert len(attached.allowed_tools) == 2, attached
    assert detached.app_slug == "gmail"


def admin_errors(target: Target) -> None:
    """Errors by code: a wrong key, an embed snippet before the job is done, an unknown id."""
    with _client(target, api_key="sk_api_not_a_valid_key") as client:
        wrong = _raises(SketricGenAuthenticationError, client.whoami_sync)
    with _client(target) as client:
        job = client.brand_agents.create_sync(
            "Not ready yet", "https://slow.example", project_id=_project(target)
        )
        early = _raises(SketricGenAdminError, client.agents.embed_snippet_sync, job.agent_id)
        unknown = _raises(SketricGenAdminError, client.agents.get_sync, "no-such-agent")
    assert isinstance(wrong, SketricGenAdminError)
    assert wrong.code == AdminErrorCode.INVALID_KEY
    assert isinstance(early, SketricGenAdminError)
    assert early.code == AdminErrorCode.WORKFLOW_NOT_READY
    assert early.status_code == 409
    assert isinstance(unknown, SketricGenAdminError)
    assert unknown.status_code == 404


Scenario = Callable[[Target], None]
SCENARIOS: list[Scenario] = [
    run_workflow,
    run_workflow_sync,
    conversation,
    conversation_sync,
    run_workflow_stream,
    run_workflow_stream_sync,
    stream_tool_calls,
    stream_run_error,
    stream_retried,
    attach_file,
    attach_files,
    attach_files_sync,
    stream_with_file,
    upload_then_ask,
    hitl_pause_and_resume,
    service_errors,
    error_statuses,
    retried_then_success,
    admin_agents_pages,
    admin_agents_pages_sync,
    admin_brand_agent,
    admin_connectors,
    admin_errors,
]


# -- recording ---------------------------------------------------------------------------


@contextmanager
def _emulated() -> Iterator[tuple[Target, Scrubber, Callable[[], None]]]:
    with Emulator(seed=0) as emulator:
        target = Target(emulator.base_url, emulator.upload_base_url, emulator.api_key)
        target = replace(target, admin_base_url=emulator.admin_base_url)
        storage = emulator.storage_url.rsplit("/s3/", 1)[0]
        scrubber = Scrubber(
            {emulator.base_url: REPLAY_BASE_URL, storage: REPLAY_STORAGE_URL}, emulator.api_key
        )
        yield target, scrubber, emulator.reset


@contextmanager
def _live() -> Iterator[tuple[Target, Scrubber, Callable[[], None]]]:
    missing = [
        name for name in ("SKETRICGEN_API_KEY", "SKETRICGEN_AGENT_ID") if not os.environ.get(name)
    ]
    if missing:
        raise SystemExit(f"--live needs {', '.join(missing)} in the environment")
    target = Target(
        base_url=os.environ.get("SKETRICGEN_BASE_URL", LIVE_BASE_URL).rstrip("/"),
        upload_base_url=os.environ.get("SKETRICGEN_UPLOAD_BASE_URL", LIVE_UPLOAD_BASE_URL).rstrip(
            "/"
        ),
        api_key=os.environ["SKETRICGEN_API_KEY"],
        agent_id=os.environ["SKETRICGEN_AGENT_ID"],
        hitl_agent_id=os.environ.get("SKETRICGEN_HITL_AGENT_ID"),
        admin_base_url=os.environ.get("SKETRICGEN_ADMIN_BASE_URL"),
    )
    yield target, Scrubber({}, target.api_key), lambda: None


def main(argv: Optional[list[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--live", action="store_true", help="record against the real service")
    parser.add_argument("--out", type=Path, default=CASSETTES, help="where to write cassettes")
    options = parser.parse_args(argv)
    if options.live and options.out.resolve() == CASSETTES:
        raise SystemExit("--live writes elsewhere: pass --out DIR and review before committing")

    options.out.mkdir(parents=True, exist_ok=True)
    for stale in options.out.glob("*.yaml"):
        stale.unlink()
    with _live() if options.live else _emulated() as (target, scrubber, reset):
        config = recorder(scrubber, "all")
        for scenario in SCENARIOS:
            reset()
            path = options.out / f"{scenario.__name__}.yaml"
            with config.use_cassette(str(path)):
                scenario(target)
            print(f"recorded {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
