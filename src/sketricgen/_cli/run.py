"""`sketricgen run`: check everything, upload the files (with progress), run, show the reply."""

from __future__ import annotations

import argparse
import logging
import os
from typing import Any, Optional

from .._client import SketricGenClient
from .._config import ENV_VARS
from .._exceptions import SketricGenError, SketricGenValidationError
from .._logging import LOG_VARIABLE, logger
from .._uploads.files import inspect_file
from .._workflow.validation import validate_run_workflow
from .events import EventPrinter, out_of_credits
from .output import EXIT_ERROR, EXIT_OK, EXIT_USAGE, Console
from .progress import UploadProgress
from .words import NO_API_KEY, CommandError, about_file, exit_code, worded

__all__ = ["run_command"]

# Options that override a SketricGenClient.from_env() setting of the same name.
_SETTINGS = ("api_key", "timeout", "max_retries", "base_url", "upload_base_url")


def run_command(options: argparse.Namespace, console: Console) -> int:
    """Run `sketricgen run`; the exit code. Errors become one `error: ...` line."""
    console.conversation_id = options.conversation_id
    handler = show_sdk_warnings(console)
    try:
        with _client(options) as client:
            return _run(client, options, console)
    except CommandError as error:
        console.error(error.message)
        return error.code
    except SketricGenError as error:
        console.error(worded(error))
        return exit_code(error)
    finally:
        if handler is not None:
            logger.removeHandler(handler)


def _client(options: argparse.Namespace) -> SketricGenClient:
    overrides: dict[str, Any] = {}
    for name in _SETTINGS:
        value: Optional[str] = getattr(options, name)
        if value is not None:
            overrides[name] = value
    key = overrides.get("api_key", os.environ.get(ENV_VARS["api_key"], ""))
    if not key.strip():
        raise SketricGenValidationError(NO_API_KEY, field="api_key")
    return SketricGenClient.from_env(**overrides)


def _run(client: SketricGenClient, options: argparse.Namespace, console: Console) -> int:
    stream = not options.no_stream
    # Everything is checked before the first file goes out: no upload is wasted on a typo.
    if not options.message.strip() and not options.files:
        raise CommandError(
            "MESSAGE is empty: pass a message, or attach a file with --file", EXIT_USAGE
        )
    validate_run_workflow(
        agent_id=options.agent_id, user_input=options.message,
        conversation_id=options.conversation_id, contact_id=options.contact_id,
        stream=stream, attaching=bool(options.files),
    )  # fmt: skip
    for path in options.files:
        try:
            inspect_file(path)
        except SketricGenError as error:
            raise about_file(path, error) from error
    request: dict[str, Any] = {
        "agent_id": options.agent_id,
        "user_input": options.message,
        "conversation_id": options.conversation_id,
        "contact_id": options.contact_id,
        "assets": [_upload(client, options.agent_id, path, console) for path in options.files]
        or None,
    }
    if not stream:
        response = client.run_workflow_sync(**request)
        console.line(response.model_dump_json() if options.json else response.response)
        console.conversation_id = response.conversation_id
        console.note(f"conversation_id: {response.conversation_id}")
        if response.run_halted_out_of_credits:
            console.error(out_of_credits(None))
            return EXIT_ERROR
        return EXIT_ERROR if response.error else EXIT_OK
    with client.run_workflow_sync(**request, stream=True) as events:
        printer = EventPrinter(console, as_json=options.json)
        for event in events:
            printer.show(event)
        return printer.finish()


class _ConsoleHandler(logging.Handler):
    """The SDK's warnings as `warning: ...` lines, each on a line of its own."""

    def __init__(self, console: Console) -> None:
        super().__init__(logging.WARNING)
        self._console = console

    def emit(self, record: logging.LogRecord) -> None:
        try:
            self._console.note(f"warning: {record.getMessage()}")
        except BrokenPipeError:
            raise
        except Exception:  # logging must not break the command
            self.handleError(record)


def show_sdk_warnings(console: Console) -> Optional[logging.Handler]:
    """Route the SDK's warnings through `console`, unless its log is configured otherwise.

    Returns the handler added (None when SKETRICGEN_LOG or the caller set one up).
    """
    if os.environ.get(LOG_VARIABLE, "").strip() or logger.handlers:
        return None
    handler = _ConsoleHandler(console)
    logger.addHandler(handler)
    return handler


def _upload(client: SketricGenClient, agent_id: str, path: str, console: Console) -> str:
    """Upload one file, one after the other (so that Ctrl-C stops the upload at once)."""
    progress = UploadProgress(console, os.path.basename(path))
    try:
        uploaded = client.upload_file_sync(agent_id, path, on_progress=progress)
    except SketricGenError as error:
        raise about_file(path, error) from error
    finally:
        progress.done()
    return uploaded.file_id
