"""The admin commands: `whoami`, `agents list|get`, `conversations list|get`, `usage`.

Each prints a table, or JSON with `--json`: one object for one record, one
object per line (NDJSON) for a list, written as each page arrives. A list's
table waits for the last page, so that its columns fit every row.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
from collections.abc import Iterable, Iterator
from typing import Any, Callable, Optional

from pydantic import BaseModel

from .._client import SketricGenClient
from .._config import ENV_VARS
from .._exceptions import SketricGenAdminError, SketricGenError, SketricGenValidationError
from .._logging import logger
from .output import EXIT_ERROR, EXIT_OK, EXIT_USAGE, Console
from .run import show_sdk_warnings
from .table import ID, Column, cell, fields, row, table, transcript
from .words import NO_API_KEY, CommandError, exit_code, worded

__all__ = ["admin_command"]

# Options that override a SketricGenClient.from_env() setting of the same name.
_SETTINGS = ("api_key", "timeout", "max_retries", "admin_base_url")
NEEDS_TESTING = "--emulator needs the testing extra: pip install 'sketricgen[testing]'"

_AGENT_COLUMNS = (
    Column("AGENT_ID", "agent_id", ID),
    Column("NAME", "name"),
    Column("TYPE", "agent_type", 20),
    Column("STATUS", "agent_status", 20),
    Column("PROJECT", "project_id", ID),
    Column("UPDATED", "last_updated", 32),
)
_CONVERSATION_COLUMNS = (
    Column("CONVERSATION_ID", "conversation_id", ID),
    Column("AGENT_ID", "agent_id", ID),
    Column("CONTACT_ID", "contact_id", ID),
    Column("MESSAGES", "message_count", 8),
    Column("UPDATED", "last_updated", 32),
    Column("TITLE", "title"),
)
_TRACE_COLUMNS = (
    Column("TRACE_ID", "trace_id", ID),
    Column("RUN_ID", "run_id", ID),
    Column("STATUS", "status", 20),
    Column("STARTED", "started_at", 32),
    Column("FINISHED", "finished_at", 32),
    Column("SPANS", "spans", 8),
)


def admin_command(options: argparse.Namespace, console: Console) -> int:
    """Run one admin command; the exit code. Errors become one `error: ...` line."""
    command = _COMMANDS[(options.command, getattr(options, "action", None))]
    handler = show_sdk_warnings(console)
    try:
        limit = _limit(options)
        with _settings(options) as overrides, _client(overrides) as client:
            command(client, options, console, limit)
        return EXIT_OK
    except CommandError as error:
        console.error(error.message)
        return error.code
    except SketricGenAdminError as error:
        console.error(_admin_worded(error))
        return EXIT_ERROR
    except SketricGenError as error:
        console.error(worded(error, _spellings(options)))
        return exit_code(error)
    finally:
        if handler is not None:
            logger.removeHandler(handler)


def _limit(options: argparse.Namespace) -> Optional[int]:
    """`--limit` as a number of items a page, checked before anything starts."""
    text: Optional[str] = getattr(options, "limit", None)
    if text is None:
        return None
    try:
        limit = int(text.strip())
    except ValueError:
        limit = 0
    if not 1 <= limit <= 200:
        raise CommandError(
            f"--limit must be a whole number from 1 to 200, got {text!r}", EXIT_USAGE
        )
    return limit


@contextlib.contextmanager
def _settings(options: argparse.Namespace) -> Iterator[dict[str, Any]]:
    """The client's settings from the options; with `--emulator`, served by a local one."""
    overrides: dict[str, Any] = {}
    for name in _SETTINGS:
        value: Optional[str] = getattr(options, name)
        if value is not None:
            overrides[name] = value
    if not options.emulator:
        yield overrides
        return
    try:
        from ..testing import Emulator  # noqa: PLC0415 (the testing extra)
    except ImportError:
        raise CommandError(NEEDS_TESTING, EXIT_USAGE) from None
    with Emulator() as emulator:
        overrides.update(api_key=emulator.api_key, admin_base_url=emulator.admin_base_url)
        yield overrides


def _client(overrides: dict[str, Any]) -> SketricGenClient:
    key = overrides.get("api_key", os.environ.get(ENV_VARS["api_key"], ""))
    if not key.strip():
        raise SketricGenValidationError(NO_API_KEY, field="api_key")
    return SketricGenClient.from_env(**overrides)


def _admin_worded(error: SketricGenAdminError) -> str:
    """`403 key_expired: what the service said`, on one line."""
    code = f" {getattr(error.code, 'value', error.code)}" if error.code else ""
    said = error.detail or error.message
    return f"{error.status_code}{code}: {cell(said) if said else '(no message)'}"


def _spellings(options: argparse.Namespace) -> dict[str, str]:
    """The SDK's parameters as this command spells them."""
    spelled = {"admin_base_url": "--admin-base-url", "limit": "--limit", "project_id": "--project"}
    if options.command == "conversations":
        spelled.update(agent_id="--agent", conversation_id="CONVERSATION_ID")
    return spelled


# The commands. Each gets the client, the options, the console and `--limit`.


def _whoami(
    client: SketricGenClient, options: argparse.Namespace, console: Console, _: Any
) -> None:
    _show(client.whoami_sync(), options, console)


def _agents_list(
    client: SketricGenClient, options: argparse.Namespace, console: Console, limit: Optional[int]
) -> None:
    agents = client.agents.list_sync(project_id=options.project, limit=limit)
    _show_list(agents, _AGENT_COLUMNS, "no agents", options, console)


def _agents_get(
    client: SketricGenClient, options: argparse.Namespace, console: Console, _: Any
) -> None:
    _show(client.agents.get_sync(options.agent_id), options, console)


def _conversations_list(
    client: SketricGenClient, options: argparse.Namespace, console: Console, limit: Optional[int]
) -> None:
    conversations = client.conversations.list_sync(agent_id=options.agent, limit=limit)
    _show_list(conversations, _CONVERSATION_COLUMNS, "no conversations", options, console)


def _conversations_get(
    client: SketricGenClient, options: argparse.Namespace, console: Console, _: Any
) -> None:
    conversation = client.conversations.get_sync(options.conversation_id, options.agent)
    record = conversation.model_dump(mode="json")
    traces: Optional[list[Any]] = None
    if options.traces:
        found = client.conversations.traces_sync(options.conversation_id, options.agent)
        traces = found.model_dump(mode="json").get("traces") or []
    if options.json:
        if traces is not None:
            record["traces"] = traces
        console.line(_json(record))
        return
    messages = record.get("messages") or []
    header = {**record, "messages": len(messages)}
    lines = fields(header)
    if messages:
        lines += ["", *transcript(messages)]
    if traces is not None:
        rows = [
            row({**trace, "spans": len(trace.get("spans") or [])}, _TRACE_COLUMNS)
            for trace in traces
        ]
        lines += ["", *(table(rows, _TRACE_COLUMNS) if rows else ["no traces"])]
    for line in lines:
        console.line(line)


def _usage(client: SketricGenClient, options: argparse.Namespace, console: Console, _: Any) -> None:
    _show(client.usage.get_sync(), options, console)


_Command = Callable[[SketricGenClient, argparse.Namespace, Console, Optional[int]], None]
_COMMANDS: dict[tuple[str, Optional[str]], _Command] = {
    ("whoami", None): _whoami,
    ("agents", "list"): _agents_list,
    ("agents", "get"): _agents_get,
    ("conversations", "list"): _conversations_list,
    ("conversations", "get"): _conversations_get,
    ("usage", None): _usage,
}


def _show(record: BaseModel, options: argparse.Namespace, console: Console) -> None:
    """One record: a JSON object, or a field/value table with every field the service sent."""
    data = record.model_dump(mode="json")
    if options.json:
        console.line(_json(data))
        return
    for line in fields(data):
        console.line(line)


def _show_list(
    records: Iterable[BaseModel],
    columns: tuple[Column, ...],
    empty: str,
    options: argparse.Namespace,
    console: Console,
) -> None:
    """A list: one JSON object per line as pages arrive, or a table once all are in."""
    if options.json:
        for record in records:
            console.line(_json(record.model_dump(mode="json")))
        return
    rows = [row(record.model_dump(mode="json"), columns) for record in records]
    if not rows:
        console.note(empty)
        return
    for line in table(rows, columns):
        console.line(line)


def _json(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))
