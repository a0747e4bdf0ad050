"""The incumbent's admin calls, made with the same arguments on this SDK, do the same thing.

Each case runs twice against the live emulator from the same fresh state: once through
the incumbent `sketricgen` 0.3.0 in a child process (tests/helpers/incumbent.py; `make
incumbent` installs it), once through this SDK. Both must send the same requests (method,
path, query, the Authorization / Accept / Content-Type headers and the JSON body, in
order) and get the same answers (status), and their results must hold the same field
values: every field of the incumbent's model, read from ours (ours keep more fields,
which are not compared), and for an error the same class name (among ours' classes)
and the same data. Every case runs async and sync.

The emulator records `Authorization` masked; each request's answer status is compared
too, and the emulator answers 401 to a missing, ill-formed (not `Bearer <key>`) or unknown
key, so equal 2xx statuses mean both sent `Bearer <the key>`.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, Callable, Optional
from urllib.parse import parse_qsl

import httpx
import pytest

from sketricgen import SketricGenClient
from sketricgen.testing import Emulator
from tests.helpers.incumbent import (
    INCUMBENT_VERSION,
    Call,
    Incumbent,
    IncumbentMissingError,
    Ref,
    perform,
    perform_async,
)

pytestmark = pytest.mark.emulator

COMPARED_HEADERS = ("authorization", "accept", "content-type")
POLL = {"poll_interval": 0.01, "timeout": 30.0}
Setup = Callable[[Emulator], Optional[str]]


@dataclass(frozen=True)
class Case:
    """Calls made in order from a fresh emulator; `setup` may seed it and return another key."""

    calls: list[Call]
    setup: Optional[Setup] = None
    errors: int = 0  # how many of the calls must fail (on both sides)


def _seed_agents(count: int, *, short_pages: bool = False) -> Setup:
    def setup(emulator: Emulator) -> None:
        emulator.admin.add_agents(count)
        emulator.admin.short_pages = short_pages

    return setup


def _seed_knowledge_bases(emulator: Emulator) -> None:
    with httpx.Client(headers={"Authorization": f"Bearer {emulator.api_key}"}) as http:
        for name in ("Handbook", "Pricing", "Support answers"):
            answer = http.post(
                f"{emulator.admin_base_url}/knowledge-bases",
                json={"name": name, "project_id": "proj-default"},
            )
            assert answer.status_code == 201, answer.text


def _key(role: str, **options: Any) -> Setup:
    def setup(emulator: Emulator) -> str:
        return str(emulator.admin.add_key(role, **options))

    return setup


def _downgraded(emulator: Emulator) -> None:
    emulator.admin.downgrade_plan(True)


def _wrong_key(emulator: Emulator) -> str:
    return "sk_api_not_a_key_of_this_teamspace"


# An all-Project key covering several projects names one in create bodies.
BRAND = ("Acme support", "https://acme.example", None, "proj-default")

CASES: dict[str, Case] = {
    "whoami": Case([Call("whoami")]),
    "projects_list": Case([Call("projects.list")]),
    "agents_list_over_three_pages": Case([Call("agents.list")], _seed_agents(120)),
    "agents_list_short_pages": Case([Call("agents.list")], _seed_agents(30, short_pages=True)),
    "knowledge_bases_list": Case([Call("knowledge_bases.list")], _seed_knowledge_bases),
    "brand_agent_templates": Case(
        [
            Call("brand_agents.list_templates"),
            Call("brand_agents.list_templates", (2, 1)),
            Call("brand_agents.list_templates", kwargs={"offset": 0}),
        ]
    ),
    "brand_agent_lifecycle": Case(
        [
            Call("brand_agents.list_templates"),
            Call(
                "brand_agents.create",
                (
                    *BRAND[:2],
                    "Answers our customers",
                    "proj-default",
                    True,
                    Ref(0, 0, "slug"),
                    "kb-product-docs",
                ),
            ),
            Call("brand_agents.get_status", (Ref(1, "job_id"),)),
            Call("brand_agents.get_status", (Ref(1, "job_id"),)),
            Call("brand_agents.get", (Ref(1, "agent_id"),)),
            Call(
                "brand_agents.update",
                (Ref(1, "agent_id"),),
                {"display_name": "Acme help", "instructions": "Be brief.", "model": None},
            ),
            Call("brand_agents.update", (Ref(1, "agent_id"),)),  # {}: refused, 400
            Call("brand_agents.get_widget_config", (Ref(1, "agent_id"),)),
            Call(
                "brand_agents.update_widget_config",
                (Ref(1, "agent_id"),),
                {"primary_color": "#112233", "greeting": "Hi!", "position": None},
            ),
            Call("brand_agents.update_widget_config", (Ref(1, "agent_id"),)),  # {}: refused
        ],
        errors=2,
    ),
    "brand_agent_create_minimal": Case([Call("brand_agents.create", BRAND)]),
    "create_and_wait_succeeds": Case(
        [Call("brand_agents.create_and_wait", BRAND, {"publish_widget": True, **POLL})]
    ),
    "create_and_wait_fails": Case(
        [
            Call(
                "brand_agents.create_and_wait",
                ("Broken", "https://fail.example.com"),
                {"project_id": "proj-default", **POLL},
            )
        ],
        errors=1,
    ),
    "connectors_catalog_and_links": Case(
        [
            Call("connectors.list"),
            Call("connectors.list_tools", ("gmail",)),
            Call("connectors.list_tools", ("gmail", 10, 20)),
            Call("connectors.list_tools", ("slack",), {"offset": 1}),
            Call("connectors.create_link", ("gmail",)),
            Call("connectors.create_link", ("slack", "proj-default")),
            Call("connectors.create_link", ("notion",), {"agent_type": "brand"}),
            Call("connectors.check_connection", ("gmail",)),
            Call("connectors.check_connection", ("gmail",), {"project_id": "proj-default"}),
            Call("connectors.check_connection", ("slack", "workflow", "proj-marketing")),
        ]
    ),
    "connectors_attach_and_detach": Case(
        [
            Call("connectors.list_tools", ("gmail",), {"limit": 3}),
            Call(
                "connectors.attach",
                (
                    "agent-123",
                    "gmail",
                    [Ref(0, "tools", 0, "tool_name"), Ref(0, "tools", 1, "tool_name")],
                ),
            ),
            Call("connectors.detach", ("agent-123", "gmail")),
        ]
    ),
    # The incumbent attached every tool when given none; this SDK asks for that in words.
    "connectors_attach_all_tools": Case(
        [
            Call("connectors.attach", ("agent-123", "slack"), ours_only={"allow_all_tools": True}),
            Call("connectors.detach", ("agent-123", "slack")),
        ]
    ),
    "error_wrong_key": Case([Call("whoami"), Call("agents.list")], _wrong_key, errors=2),
    "error_insufficient_role": Case(
        [
            Call("brand_agents.create", BRAND),
            Call("connectors.attach", ("agent-123", "gmail", ["gmail-send-email"])),
        ],
        _key("viewer"),
        errors=2,
    ),
    "error_plan_downgraded": Case([Call("brand_agents.create", BRAND)], _downgraded, errors=1),
    "error_not_found": Case(
        [
            Call("brand_agents.get", ("no-such-agent",)),
            Call("brand_agents.get_status", ("no-such-job",)),
            Call("connectors.list_tools", ("no-such-connector",)),
        ],
        errors=3,
    ),
}


@pytest.fixture(scope="module")
def incumbent() -> Iterator[Incumbent]:
    """The incumbent's child process for the whole module; fails (never skips) if missing."""
    try:
        child = Incumbent().start()
    except IncumbentMissingError as error:
        pytest.fail(str(error), pytrace=False)
    try:
        yield child
    finally:
        child.close()


def _request(record: Any) -> dict[str, Any]:
    return {
        "method": record.method,
        "path": record.path,
        "query": sorted(parse_qsl(record.query, keep_blank_values=True)),
        "headers": {name: record.headers.get(name) for name in COMPARED_HEADERS},
        "json": json.loads(record.body) if record.body else None,
        "status": record.status,
    }


def _ours(emulator: Emulator, api_key: str, case: Case, mode: str) -> list[dict[str, Any]]:
    calls = [call.encode(mode, ours=True) for call in case.calls]
    settings: dict[str, Any] = {
        "api_key": api_key,
        "base_url": emulator.base_url,
        "admin_base_url": emulator.admin_base_url,
    }
    if mode == "sync":
        with SketricGenClient(**settings) as client:
            return perform(client, calls, mode)

    async def main() -> list[dict[str, Any]]:
        async with SketricGenClient(**settings) as client:
            return await perform_async(client, calls)

    return asyncio.run(main())


def _run(
    emulator: Emulator, case: Case, side: Callable[[str], list[dict[str, Any]]]
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """From a fresh emulator: the setup, then `side(api_key)`; its results and its requests."""
    emulator.reset()
    key = (case.setup(emulator) if case.setup else None) or emulator.api_key
    seen = len(emulator.requests_to("admin"))
    results = side(key)
    return results, [_request(r) for r in emulator.requests_to("admin")[seen:]]


def _same_fields(ours: Any, theirs: Any, where: str) -> None:
    """Every value of `theirs` (a JSON-like dump) is in `ours` at the same place."""
    if isinstance(theirs, dict):
        assert isinstance(ours, dict), f"{where}: {ours!r} is not an object"
        for name, value in theirs.items():
            assert name in ours, f"{where}: ours has no field {name!r}"
            _same_fields(ours[name], value, f"{where}.{name}")
    elif isinstance(theirs, list):
        assert isinstance(ours, list), f"{where}: {ours!r} is not a list"
        assert len(ours) == len(theirs), (
            f"{where}: {len(ours)} items, the incumbent's {len(theirs)}"
        )
        for index, (mine, its) in enumerate(zip(ours, theirs)):
            _same_fields(mine, its, f"{where}[{index}]")
    else:
        assert ours == theirs, f"{where}: ours {ours!r}, the incumbent's {theirs!r}"


def _same_result(ours: dict[str, Any], theirs: dict[str, Any], where: str) -> None:
    if "error" in theirs:
        assert "error" in ours, f"{where}: the incumbent raised {theirs['error']}, ours gave {ours}"
        kind = theirs["error"]["classes"][0]
        assert kind in ours["error"]["classes"], f"{where}: ours is not a {kind}: {ours['error']}"
        expected = dict(theirs["error"]["attributes"])
        text = expected.pop("message")
        mine = ours["error"]["attributes"]
        if kind != "SketricGenJobError":  # a job error's words are the SDK's own, not the service's
            # The incumbent's `message` is the service's own words: ours keep them as
            # `detail`, and say them in a longer `message` (with the call and a hint).
            assert mine.get("detail") == text, f"{where}: ours {mine}, the incumbent's {text!r}"
            assert text in mine["message"], f"{where}: ours {mine}, the incumbent's {text!r}"
        _same_fields(mine, expected, f"{where} error")
        return
    assert "value" in ours, f"{where}: ours raised {ours.get('error')}"
    _same_fields(ours["value"], theirs["value"], where)


@pytest.mark.parametrize("mode", ["async", "sync"])
@pytest.mark.parametrize("name", sorted(CASES))
def test_same_requests_and_models(
    sketricgen_emulator: Emulator, incumbent: Incumbent, name: str, mode: str
) -> None:
    case = CASES[name]
    emulator = sketricgen_emulator
    theirs, their_requests = _run(
        emulator,
        case,
        lambda key: incumbent.run(emulator.admin_base_url, key, case.calls, mode),
    )
    ours, our_requests = _run(emulator, case, lambda key: _ours(emulator, key, case, mode))

    # The case is worth comparing: the incumbent's calls reached the emulator and did
    # what the case says (failed only where it must).
    assert their_requests, "the incumbent sent nothing to the emulator"
    assert sum("error" in result for result in theirs) == case.errors, theirs
    for index, (mine, its) in enumerate(zip(our_requests, their_requests)):
        assert mine == its, f"request {index}: ours {mine}, the incumbent's {its}"
    assert len(our_requests) == len(their_requests), (our_requests, their_requests)
    assert len(ours) == len(theirs)
    for index, (mine, its) in enumerate(zip(ours, theirs)):
        _same_result(mine, its, f"{case.calls[index].method} (call {index})")


def test_the_child_runs_the_incumbent(incumbent: Incumbent) -> None:
    """The reference is sketricgen 0.3.0 from .incumbent/, not this SDK."""
    assert incumbent.module_file.startswith(str(incumbent.directory))
    import sketricgen  # noqa: PLC0415

    assert sketricgen.__version__ != INCUMBENT_VERSION
    assert not sketricgen.__file__ or not sketricgen.__file__.startswith(str(incumbent.directory))


def test_every_admin_method_of_the_incumbent_is_compared(incumbent: Incumbent) -> None:
    """Each public admin method of the incumbent (async; `mode` adds its sync twin) is compared."""
    called = {call.method for case in CASES.values() for call in case.calls}
    assert len(incumbent.methods) == 18
    assert called == set(incumbent.methods)
