"""SDK errors in the command line's words: options and arguments, not Python parameters."""

from __future__ import annotations

import os
import re
import shlex
from collections.abc import Mapping
from typing import Optional

from .._config import ENV_VARS
from .._exceptions import (
    SketricGenAPIError,
    SketricGenError,
    SketricGenFileNotFoundError,
    SketricGenValidationError,
)
from .output import EXIT_ERROR, EXIT_USAGE

__all__ = ["NO_API_KEY", "CommandError", "about_file", "exit_code", "worded"]

NO_API_KEY = f"set {ENV_VARS['api_key']} or pass --api-key"

# A parameter of the SDK, as the command line spells it.
_SPELLED = {
    "agent_id": "AGENT_ID",
    "user_input": "MESSAGE",
    "conversation_id": "--conversation-id",
    "contact_id": "--contact-id",
    "api_key": "--api-key",
    "timeout": "--timeout",
    "max_retries": "--max-retries",
    "base_url": "--base-url",
    "upload_base_url": "--upload-base-url",
    "upload_timeout": ENV_VARS["upload_timeout"],
}
_PARAMETER = re.compile(r"\b(" + "|".join(_SPELLED) + r")\b(=?)")


class CommandError(Exception):
    """A failure already worded for the command line, with its exit code."""

    def __init__(self, message: str, code: int) -> None:
        super().__init__(message)
        self.message = message
        self.code = code


def exit_code(error: SketricGenError) -> int:
    """2 for a setting or argument the user gave wrong, 1 for anything else."""
    usage = isinstance(error, SketricGenValidationError) and not isinstance(
        error, SketricGenAPIError
    )
    return EXIT_USAGE if usage else EXIT_ERROR


def worded(error: SketricGenError, spelled: Optional[Mapping[str, str]] = None) -> str:
    """The error's message, naming options and arguments rather than the SDK's parameters.

    `spelled` adds or overrides spellings for one command (`agent_id` is
    `--agent` to `conversations list`).
    """
    message = str(error).replace(" with from_env()", "").replace(" (see allowed_types)", "")
    if not spelled:
        return _PARAMETER.sub(lambda found: _spelled(found, _SPELLED), message)
    names = {**_SPELLED, **spelled}
    pattern = re.compile(r"\b(" + "|".join(names) + r")\b(=?)")
    return pattern.sub(lambda found: _spelled(found, names), message)


def _spelled(found: re.Match[str], names: Mapping[str, str]) -> str:
    option = names[found.group(1)]
    after = found.string[found.end() : found.end() + 1]
    # `timeout=30` reads `--timeout 30`; a bare `api_key=` reads `--api-key`.
    return option + " " if found.group(2) and (after.isalnum() or after == ".") else option


def about_file(path: str, error: SketricGenError) -> CommandError:
    """An error met checking or uploading `path`, as `--file PATH: what went wrong`."""
    if isinstance(error, SketricGenFileNotFoundError):
        reason = "no such file"
    else:
        reason = _without_label(worded(error), path)
    return CommandError(f"--file {shlex.quote(path)}: {reason}", exit_code(error))


def _without_label(message: str, path: str) -> str:
    """The SDK names a file by its path's repr: drop that, the option names it instead."""
    label = repr(os.fsdecode(path)) + ": "
    if message.startswith(label):
        return message[len(label) :]
    return message
