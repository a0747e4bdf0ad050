"""The host application's hooks, and requests refused before anything reaches SketricGen."""

from __future__ import annotations

import logging
import socket
from typing import Any, Callable

import pytest
from starlette.requests import Request

from sketricgen import SketricGenClient, SketricGenValidationError
from sketricgen.relay import AgUiRelay, RelayRequestError
from sketricgen.testing import Emulator

pytestmark = pytest.mark.emulator

Post = Callable[..., Any]
Input = Callable[..., dict[str, Any]]


def _user(request: Request) -> str:
    return request.headers["x-user"]


def test_contact_id_comes_from_the_apps_own_user_and_keeps_threads_apart(
    relay_server_factory: Any, post_run: Post, run_input: Input, sketricgen_emulator: Emulator
) -> None:
    relay = relay_server_factory("agent-123", resolve_contact_id=_user)

    ada = post_run(run_input("Hi", thread_id="t"), url=relay.agent_url, headers={"x-user": "ada"})
    bob = post_run(run_input("Hi", thread_id="t"), url=relay.agent_url, headers={"x-user": "bob"})

    assert ada.status == 200
    assert bob.status == 403
    assert bob.json()["error"] == "forbidden_thread"
    (sent,) = [r.json() for r in sketricgen_emulator.requests_to("run")]
    assert sent["contact_id"] == "ada"


def test_an_async_authorize_hook_refusing_answers_403_and_sends_nothing(
    relay_server_factory: Any, post_run: Post, run_input: Input, sketricgen_emulator: Emulator
) -> None:
    seen: list[str] = []

    async def authorize(request: Request, run_input: Any) -> bool:
        seen.append(run_input.thread_id)
        return request.headers.get("authorization") == "Bearer good"

    relay = relay_server_factory(authorize=authorize)

    refused = post_run(run_input("Hi", thread_id="t1"), url=relay.agent_url)
    allowed = post_run(
        run_input("Hi", thread_id="t2"),
        url=relay.agent_url,
        headers={"authorization": "Bearer good"},
    )

    assert refused.status == 403
    assert refused.json() == {"error": "forbidden", "message": "this request is not allowed"}
    assert allowed.status == 200
    assert seen == ["t1", "t2"]
    assert len(sketricgen_emulator.requests_to("run")) == 1


def test_a_hook_may_refuse_with_its_own_status(
    relay_server_factory: Any, post_run: Post, run_input: Input, sketricgen_emulator: Emulator
) -> None:
    def who(request: Request) -> str:
        raise RelayRequestError("sign in first", status_code=401, code="signed_out")

    relay = relay_server_factory(resolve_contact_id=who)

    refused = post_run(run_input("Hi"), url=relay.agent_url)

    assert refused.status == 401
    assert refused.json() == {"error": "signed_out", "message": "sign in first"}
    assert sketricgen_emulator.requests == []


def test_forwarded_props_choose_an_agent_only_from_the_allowlist(
    relay_server_factory: Any, post_run: Post, run_input: Input, sketricgen_emulator: Emulator
) -> None:
    relay = relay_server_factory("demo-agent", allowed_agents=["agent-123"])

    chosen = post_run(run_input("Hi", forwardedProps={"agentId": "agent-123"}), url=relay.agent_url)
    mounted = post_run(run_input("Hi", thread_id="t2"), url=relay.agent_url)
    refused = post_run(
        run_input("Hi", thread_id="t3", forwardedProps={"agentId": "hitl-agent"}),
        url=relay.agent_url,
    )

    assert chosen.text == "Hello! You said: Hi"
    assert mounted.text.startswith("Let me look that up.")
    assert refused.status == 403
    assert refused.json()["error"] == "agent_not_allowed"
    assert [r.json()["agent_id"] for r in sketricgen_emulator.requests_to("run")] == [
        "agent-123",
        "demo-agent",
    ]


@pytest.mark.parametrize(
    ("content", "headers", "status", "code"),
    [
        (b"{", {"content-type": "application/json"}, 400, "invalid_json"),
        (b"[]", {"content-type": "application/json"}, 400, "invalid_input"),
        (b'{"threadId": "t"}', {"content-type": "application/json"}, 422, "invalid_input"),
        (b"threadId=t", {"content-type": "application/x-www-form-urlencoded"}, 415,
         "unsupported_media_type"),
        (b'{"a": "' + b"x" * 5000 + b'"}', {"content-type": "application/json"}, 413, "too_large"),
    ],
)  # fmt: skip
def test_a_bad_body_is_refused_before_any_network_call(
    relay_server_factory: Any,
    post_run: Post,
    sketricgen_emulator: Emulator,
    content: bytes,
    headers: dict[str, str],
    status: int,
    code: str,
) -> None:
    relay = relay_server_factory(max_request_bytes=4096)

    refused = post_run(None, url=relay.agent_url, content=content, headers=headers)

    assert refused.status == status
    assert refused.headers["content-type"] == "application/json"
    assert refused.json()["error"] == code
    assert sketricgen_emulator.requests == []


@pytest.mark.parametrize(
    ("messages", "code"),
    [
        ([], "no_user_message"),
        ([{"id": "a", "role": "assistant", "content": "Hi"}], "no_user_message"),
        ([{"id": "u", "role": "user", "content": ""}], "no_user_message"),
        ([{"id": "u", "role": "user", "content": "x" * 10_001}], "message_too_long"),
    ],
)
def test_a_run_input_without_a_usable_user_message_is_refused(
    post_run: Post,
    run_input: Input,
    sketricgen_emulator: Emulator,
    messages: list[dict[str, Any]],
    code: str,
) -> None:
    refused = post_run(run_input(messages=messages))

    assert refused.status == 400
    assert refused.json()["error"] == code
    assert sketricgen_emulator.requests == []


def test_the_last_user_message_is_the_one_sent(
    post_run: Post, run_input: Input, sketricgen_emulator: Emulator
) -> None:
    messages = [
        {"id": "1", "role": "user", "content": "First"},
        {"id": "2", "role": "assistant", "content": "Hello"},
        {"id": "3", "role": "user", "content": [{"type": "text", "text": "Second"}]},
        {"id": "4", "role": "assistant", "content": "…"},
    ]

    assert post_run(run_input(messages=messages)).status == 200

    assert sketricgen_emulator.requests_to("run")[0].json()["user_input"] == "Second"


def test_only_post_is_served(relay_server: Any) -> None:
    import httpx  # noqa: PLC0415

    answer = httpx.put(relay_server.agent_url, content=b"{}", timeout=5)

    assert answer.status_code == 405


def test_options_are_checked_when_the_relay_is_built() -> None:
    client = SketricGenClient(api_key="k")
    with pytest.raises(SketricGenValidationError, match="agent_id"):
        AgUiRelay(client)
    with pytest.raises(SketricGenValidationError, match="heartbeat_interval"):
        AgUiRelay(client, "a", heartbeat_interval=0)
    with pytest.raises(SketricGenValidationError, match="buffer_events"):
        AgUiRelay(client, "a", buffer_events=0)
    with pytest.raises(SketricGenValidationError, match="not one string"):
        AgUiRelay(client, "a", allowed_agents="demo-agent")
    client.close()


def test_a_browser_gone_before_its_body_arrived_is_no_error(
    relay_server: Any, sketricgen_emulator: Emulator, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.ERROR)
    head = (
        b"POST /agent HTTP/1.1\r\nHost: relay\r\nContent-Type: application/json\r\n"
        b"Content-Length: 1000\r\n\r\n"
    )
    with socket.create_connection(("127.0.0.1", relay_server.port)) as browser:
        browser.sendall(head + b'{"threadId": "t1", "runId"')
        relay_server.wait_for(lambda: relay_server.open_connections == 1)

    relay_server.wait_for(lambda: relay_server.open_connections == 0)
    assert [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR] == []
    assert sketricgen_emulator.requests == []
