"""The admin commands (`whoami`, `agents`, `conversations`, `usage`), run as a subprocess.

Each test runs the real `sketricgen` console script against a live emulator's
Admin API: tables, NDJSON over several pages, single JSON objects, the
documented error codes, usage errors before any request, Ctrl-C and `| head`.
"""

from __future__ import annotations

import json
import signal
import subprocess
from typing import Any
from urllib.parse import parse_qsl

import pytest

from sketricgen.testing import ECHO_AGENT_ID, Emulator, Fault
from tests.helpers.cli import SCRIPT, cli_env, stop

DEAD_URL = "http://127.0.0.1:9/admin/v1"  # the discard port: nothing listens there
# What must never reach the terminal, whatever the moment.
NOISE = ("Traceback", "Exception ignored", "BrokenPipeError", "KeyboardInterrupt")


def _env(emu: Emulator, **extra: str) -> dict[str, str]:
    return cli_env(emu, **{"SKETRICGEN_ADMIN_BASE_URL": emu.admin_base_url, **extra})


def _cli(emu: Emulator, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    """Run `sketricgen ARGS` against `emu`'s Admin API, to its end."""
    return subprocess.run(
        [str(SCRIPT), *args], env=_env(emu, **env), capture_output=True, text=True,
        timeout=60, check=False,
    )  # fmt: skip


def _start(emu: Emulator, *args: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [str(SCRIPT), *args], env=_env(emu), stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )


def _lines(text: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in text.splitlines()]


def _one_error_line(done: subprocess.CompletedProcess[str]) -> str:
    assert done.stdout == ""
    assert done.stderr.count("\n") == 1, done.stderr
    assert not any(word in done.stderr for word in NOISE)
    return done.stderr


def _admin_gets(emu: Emulator, path: str) -> list[dict[str, str]]:
    """The query of each GET of `path` the Admin API received, in order."""
    return [
        dict(parse_qsl(r.query))
        for r in emu.requests_to("admin")
        if r.method == "GET" and r.path.endswith(path)
    ]


def _converse(emu: Emulator, message: str) -> str:
    """A run of the echo agent (through `sketricgen run`): its conversation id."""
    done = subprocess.run(
        [str(SCRIPT), "run", ECHO_AGENT_ID, message, "--no-stream"], env=cli_env(emu),
        capture_output=True, text=True, timeout=60, check=True,
    )  # fmt: skip
    return done.stderr.rsplit("conversation_id: ", 1)[1].split()[0]


# whoami and usage: one record


def test_whoami_prints_the_teamspace_as_a_field_table(sketricgen_emulator: Emulator) -> None:
    done = _cli(sketricgen_emulator, "whoami")
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == [
        "teamspace_id       ts-emulator",
        "slug               emulator",
        "display_name       Emulator Teamspace",
        "subscription_plan  pro",
    ]
    assert done.stderr == ""


def test_whoami_json_is_one_object(sketricgen_emulator: Emulator) -> None:
    done = _cli(sketricgen_emulator, "whoami", "--json")
    assert done.returncode == 0, done.stderr
    assert done.stdout.count("\n") == 1
    assert json.loads(done.stdout) == {
        "teamspace_id": "ts-emulator", "slug": "emulator",
        "display_name": "Emulator Teamspace", "subscription_plan": "pro",
    }  # fmt: skip
    (request,) = sketricgen_emulator.requests_to("admin")
    assert (request.method, request.path) == ("GET", "/admin/v1/teamspaces")
    assert "authorization" in request.headers  # recorded masked


def test_usage_shows_the_plan_and_credits(sketricgen_emulator: Emulator) -> None:
    _converse(sketricgen_emulator, "spend a credit")
    table = _cli(sketricgen_emulator, "usage")
    as_json = _cli(sketricgen_emulator, "usage", "--json")
    assert table.returncode == 0, table.stderr
    assert as_json.returncode == 0, as_json.stderr
    usage = json.loads(as_json.stdout)
    assert usage["subscription_plan"] == "pro"
    assert usage["runs"] >= 1
    rows = dict(line.split(None, 1) for line in table.stdout.splitlines())
    assert rows["subscription_plan"] == "pro"
    assert rows["runs"] == str(usage["runs"])


# agents


def test_agents_list_json_streams_every_page_one_object_a_line(
    sketricgen_emulator: Emulator,
) -> None:
    emu = sketricgen_emulator
    added = emu.admin.add_agents(7, name="Bulk")
    done = _cli(emu, "agents", "list", "--json", "--limit", "3")
    assert done.returncode == 0, done.stderr
    agents = _lines(done.stdout)
    ids = [agent["agent_id"] for agent in agents]
    assert set(added) <= set(ids)
    assert sorted(ids) == sorted(emu.admin.agents)  # every agent, once
    assert len(ids) == len(set(ids))
    pages = _admin_gets(emu, "/agents")
    assert len(pages) >= 3
    assert all(page["limit"] == "3" for page in pages)
    assert "next_token" not in pages[0]
    assert all("next_token" in page for page in pages[1:])


def test_agents_list_json_follows_short_and_empty_pages(sketricgen_emulator: Emulator) -> None:
    emu = sketricgen_emulator
    emu.admin.add_agents(10)
    emu.admin.short_pages = True
    done = _cli(emu, "agents", "list", "--json", "--limit", "4")
    assert done.returncode == 0, done.stderr
    assert sorted(agent["agent_id"] for agent in _lines(done.stdout)) == sorted(emu.admin.agents)


def test_agents_list_table_fits_its_columns(sketricgen_emulator: Emulator) -> None:
    emu = sketricgen_emulator
    (added,) = emu.admin.add_agents(1, project_id="proj-marketing", name="Campaign helper")
    done = _cli(emu, "agents", "list", "--project", "proj-marketing")
    assert done.returncode == 0, done.stderr
    title, *rows = done.stdout.splitlines()
    assert title.split() == ["AGENT_ID", "NAME", "TYPE", "STATUS", "PROJECT", "UPDATED"]
    (row,) = [row for row in rows if row.startswith(added + " ")]
    assert title.index("NAME") == row.index("Campaign helper")  # aligned under its title
    assert title.index("PROJECT") == row.index("proj-marketing")
    assert all("proj-marketing" in row for row in rows)  # --project filtered the list
    (request,) = _admin_gets(emu, "/agents")
    assert request["project_id"] == "proj-marketing"


def test_an_empty_list_says_so_on_stderr(sketricgen_emulator: Emulator) -> None:
    (quiet,) = sketricgen_emulator.admin.add_agents(1)  # an agent nobody talked to
    done = _cli(sketricgen_emulator, "conversations", "list", "--agent", quiet)
    assert done.returncode == 0, done.stderr
    assert (done.stdout, done.stderr) == ("", "no conversations\n")
    as_json = _cli(sketricgen_emulator, "conversations", "list", "--json")
    assert (as_json.returncode, as_json.stdout, as_json.stderr) == (0, "", "")


def test_agents_get_shows_every_field_the_service_sent(sketricgen_emulator: Emulator) -> None:
    emu = sketricgen_emulator
    as_json = _cli(emu, "agents", "get", ECHO_AGENT_ID, "--json")
    table = _cli(emu, "agents", "get", ECHO_AGENT_ID)
    assert as_json.returncode == 0, as_json.stderr
    assert table.returncode == 0, table.stderr
    assert as_json.stdout.count("\n") == 1
    agent = json.loads(as_json.stdout)
    assert agent["agent_id"] == ECHO_AGENT_ID
    assert agent["x_emulator"] is True  # a field the SDK does not name, kept
    assert isinstance(agent["workflow_config"], dict)
    rows = dict(line.split(None, 1) for line in table.stdout.splitlines())
    assert list(rows) == list(agent)  # the same fields, in the same order
    assert rows["agent_id"] == ECHO_AGENT_ID
    assert rows["x_emulator"] == "true"
    assert rows["workflow_config"] == json.dumps(agent["workflow_config"], separators=(",", ":"))


# conversations


def test_conversations_list_and_get_show_a_run(sketricgen_emulator: Emulator) -> None:
    emu = sketricgen_emulator
    conversation = _converse(emu, "hello admin")
    listed = _lines(_cli(emu, "conversations", "list", "--agent", ECHO_AGENT_ID, "--json").stdout)
    assert [item["conversation_id"] for item in listed] == [conversation]
    table = _cli(emu, "conversations", "get", conversation, "--agent", ECHO_AGENT_ID)
    assert table.returncode == 0, table.stderr
    lines = table.stdout.splitlines()
    assert lines[0].split() == ["conversation_id", conversation]
    assert "  hello admin" in lines  # the messages, in full, after the fields
    assert "  Hello! You said: hello admin" in lines
    assert lines[lines.index("  hello admin") - 1].startswith("user")


def test_conversations_get_json_with_traces(sketricgen_emulator: Emulator) -> None:
    emu = sketricgen_emulator
    conversation = _converse(emu, "trace me")
    done = _cli(
        emu, "conversations", "get", conversation, "--agent", ECHO_AGENT_ID, "--traces", "--json"
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.count("\n") == 1
    record = json.loads(done.stdout)
    assert record["conversation_id"] == conversation
    assert [m["content"] for m in record["messages"]] == ["trace me", "Hello! You said: trace me"]
    (trace,) = record["traces"]
    assert trace["trace_id"]
    (request,) = _admin_gets(emu, f"/conversations/{conversation}/traces")
    assert request["agent_id"] == ECHO_AGENT_ID


def test_conversations_get_table_with_traces(sketricgen_emulator: Emulator) -> None:
    emu = sketricgen_emulator
    conversation = _converse(emu, "trace me")
    done = _cli(emu, "conversations", "get", conversation, "--agent", ECHO_AGENT_ID, "--traces")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    titles = lines.index(next(line for line in lines if line.startswith("TRACE_ID")))
    assert lines[titles].split() == ["TRACE_ID", "RUN_ID", "STATUS", "STARTED", "FINISHED", "SPANS"]
    assert len(lines) == titles + 2  # one run, one trace


# errors


def test_a_service_error_is_one_line_with_its_status_and_code(
    sketricgen_emulator: Emulator,
) -> None:
    done = _cli(sketricgen_emulator, "agents", "get", "no-such-agent")
    assert done.returncode == 1
    assert _one_error_line(done).startswith("error: 404 not_found: ")


@pytest.mark.parametrize(
    ("status", "said"),
    [("expired", "error: 403 key_expired: "), ("revoked", "error: 403 key_revoked: ")],
)
def test_a_dead_key_exits_1_naming_the_code(
    sketricgen_emulator: Emulator, status: str, said: str
) -> None:
    key = sketricgen_emulator.admin.add_key("admin", status=status)
    done = _cli(sketricgen_emulator, "whoami", "--api-key", key)
    assert done.returncode == 1
    assert _one_error_line(done).startswith(said)
    assert key not in done.stderr


def test_a_wrong_key_exits_1_as_run_does(sketricgen_emulator: Emulator) -> None:
    done = _cli(sketricgen_emulator, "usage", SKETRICGEN_API_KEY="sk_api_wrong")
    assert done.returncode == 1
    assert _one_error_line(done).startswith("error: 401 invalid_key: ")
    assert "sk_api_wrong" not in done.stderr


def test_a_key_scoped_to_another_project(sketricgen_emulator: Emulator) -> None:
    emu = sketricgen_emulator
    key = emu.admin.add_key("viewer", projects=["proj-default"])
    done = _cli(emu, "agents", "list", "--project", "proj-marketing", "--api-key", key)
    assert done.returncode == 1
    assert _one_error_line(done).startswith("error: 403 project_scope_mismatch: ")


@pytest.mark.parametrize(
    ("args", "env", "said"),
    [
        (("agents", "list", "--limit", "abc"), {},
         "error: --limit must be a whole number from 1 to 200, got 'abc'\n"),
        (("agents", "list", "--limit", "0"), {},
         "error: --limit must be a whole number from 1 to 200, got '0'\n"),
        (("conversations", "list", "--limit", "201"), {}, "--limit"),
        (("whoami",), {"SKETRICGEN_API_KEY": ""},
         "error: set SKETRICGEN_API_KEY or pass --api-key\n"),
        (("usage", "--admin-base-url", "ftp://host"), {},
         "error: --admin-base-url must be an http:// or https:// URL, got 'ftp://host'\n"),
        (("whoami", "--timeout", "soon"), {}, "error: --timeout must be"),
    ],
    ids=["limit-text", "limit-zero", "limit-too-big", "no-key", "admin-base-url", "timeout"],
)  # fmt: skip
def test_usage_errors_exit_2_in_one_line_before_any_request(
    sketricgen_emulator: Emulator, args: tuple[str, ...], env: dict[str, str], said: str
) -> None:
    done = _cli(sketricgen_emulator, *args, **env)
    assert done.returncode == 2
    assert said in _one_error_line(done)
    assert done.stderr.startswith("error: ")
    assert sketricgen_emulator.requests == []


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (("agents",), "sketricgen agents: error: the following arguments are required: ACTION"),
        (("agents", "delete", "a"), "argument ACTION: invalid choice: 'delete'"),
        (
            ("conversations", "get", "c-1"),
            "sketricgen conversations get: error: the following arguments are required: --agent",
        ),
    ],
    ids=["no-action", "unknown-action", "no-agent"],
)
def test_argument_errors_exit_2(
    sketricgen_emulator: Emulator, args: tuple[str, ...], said: str
) -> None:
    done = _cli(sketricgen_emulator, *args)
    assert done.returncode == 2
    assert said in done.stderr
    assert "Traceback" not in done.stderr
    assert sketricgen_emulator.requests == []


# options


def test_admin_base_url_option_wins_over_the_variable(sketricgen_emulator: Emulator) -> None:
    emu = sketricgen_emulator
    done = _cli(
        emu, "whoami", "--json", "--admin-base-url", emu.admin_base_url,
        SKETRICGEN_ADMIN_BASE_URL=DEAD_URL,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["teamspace_id"] == "ts-emulator"


def test_the_docs_variable_names_the_admin_host_too(sketricgen_emulator: Emulator) -> None:
    emu = sketricgen_emulator
    done = _cli(
        emu, "whoami", "--json",
        SKETRICGEN_ADMIN_BASE_URL="", SKETRICGEN_ADMIN_API_URL=emu.admin_base_url,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["teamspace_id"] == "ts-emulator"


def test_an_unreachable_host_exits_1_in_one_line(sketricgen_emulator: Emulator) -> None:
    done = _cli(sketricgen_emulator, "agents", "list", "--admin-base-url", DEAD_URL)
    assert done.returncode == 1
    assert _one_error_line(done).startswith("error: ")
    assert sketricgen_emulator.api_key not in done.stderr


def test_emulator_option_serves_one_for_the_command(sketricgen_emulator: Emulator) -> None:
    done = _cli(
        sketricgen_emulator, "agents", "list", "--emulator", "--json",
        SKETRICGEN_API_KEY="", SKETRICGEN_ADMIN_BASE_URL=DEAD_URL,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert ECHO_AGENT_ID in [agent["agent_id"] for agent in _lines(done.stdout)]
    assert sketricgen_emulator.requests == []  # its own emulator, not this one


# the reader leaves, the user presses Ctrl-C


def test_a_reader_that_stops_after_one_line_ends_the_list_quietly(
    sketricgen_emulator: Emulator,
) -> None:
    """`sketricgen agents list --json | head -1`: more than a pipe holds is still due."""
    emu = sketricgen_emulator
    emu.admin.add_agents(1000, name="An agent with a name long enough to fill the pipe")
    process = _start(emu, "agents", "list", "--json", "--limit", "100")
    try:
        assert process.stdout is not None
        assert process.stderr is not None
        first = process.stdout.readline()
        process.stdout.close()  # head has its line and exits
        err = process.stderr.read()
        process.wait(timeout=30)
    finally:
        stop(process)
    assert json.loads(first)["agent_id"]
    assert process.returncode == 141, err
    assert not any(word.encode() in err for word in NOISE), err
    assert len(_admin_gets(emu, "/agents")) < 11  # it stopped paging


def test_ctrl_c_while_waiting_for_a_page(sketricgen_emulator: Emulator) -> None:
    emu = sketricgen_emulator
    emu.add_fault(Fault.stall(30, endpoint="admin", times=1))  # the service never answers
    process = _start(emu, "agents", "list")
    try:
        emu.wait_for(lambda: len(emu.requests_to("admin")) == 1, timeout=30)
        process.send_signal(signal.SIGINT)
        out, err = process.communicate(timeout=10)  # well within the stall
    finally:
        stop(process)
    assert process.returncode == 130
    assert (out, err) == (b"", b"interrupted\n")


def test_ctrl_c_mid_list_is_clean(sketricgen_emulator: Emulator) -> None:
    """Ctrl-C while the list is written to a reader that is slower than the pages."""
    emu = sketricgen_emulator
    emu.admin.add_agents(1000, name="An agent with a name long enough to fill the pipe")
    process = _start(emu, "agents", "list", "--json", "--limit", "100")
    try:
        assert process.stdout is not None
        first = process.stdout.readline()  # listing has begun; more is due than a pipe holds
        process.send_signal(signal.SIGINT)
        _, err = process.communicate(timeout=30)
    finally:
        stop(process)
    assert json.loads(first)["agent_id"]
    assert process.returncode == 130
    assert err == b"interrupted\n"
