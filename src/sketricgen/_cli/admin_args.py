"""The admin commands' arguments: `whoami`, `agents`, `conversations`, `usage`.

Standard library only, and argparse only once called: the command's entry
point imports this module before it handles Ctrl-C (see main.py).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import argparse

__all__ = ["ADMIN_COMMANDS", "add_admin_commands"]

ADMIN_COMMANDS = frozenset({"whoami", "agents", "conversations", "usage"})

_SETTINGS_HELP = (
    "Settings not given as options come from SKETRICGEN_API_KEY, SKETRICGEN_ADMIN_BASE_URL "
    "(or SKETRICGEN_ADMIN_API_URL), SKETRICGEN_TIMEOUT and SKETRICGEN_MAX_RETRIES."
)


def add_admin_commands(commands: Any) -> None:
    """Add the admin commands to `commands` (what `add_subparsers()` returned)."""
    common = _common_options()

    commands.add_parser(
        "whoami", parents=[common], help="show the Teamspace the API key belongs to",
        description="Show the Teamspace the API key belongs to. " + _SETTINGS_HELP,
    )  # fmt: skip

    agents = commands.add_parser(
        "agents", help="list the Teamspace's agents, or show one",
        description="List or show the Teamspace's workflow agents.",
    )  # fmt: skip
    agent_actions = agents.add_subparsers(dest="action", metavar="ACTION")
    agent_actions.required = True
    listing = agent_actions.add_parser(
        "list", parents=[common], help="list the agents, all pages",
        description="List the agents the key can see, page after page. " + _SETTINGS_HELP,
    )  # fmt: skip
    listing.add_argument("--project", metavar="ID", help="only this project's agents")
    _add_limit(listing)
    showing = agent_actions.add_parser(
        "get", parents=[common], help="show one agent",
        description="Show one agent, with every field the service sends. " + _SETTINGS_HELP,
    )  # fmt: skip
    showing.add_argument("agent_id", metavar="AGENT_ID")

    conversations = commands.add_parser(
        "conversations", help="list the agents' conversations, or show one",
        description="List or show conversations (read-only).",
    )  # fmt: skip
    conversation_actions = conversations.add_subparsers(dest="action", metavar="ACTION")
    conversation_actions.required = True
    listing = conversation_actions.add_parser(
        "list", parents=[common], help="list the conversations, all pages",
        description="List the conversations the key can see, page after page. "
        + _SETTINGS_HELP,
    )  # fmt: skip
    listing.add_argument("--agent", metavar="ID", help="only this agent's conversations")
    _add_limit(listing)
    showing = conversation_actions.add_parser(
        "get", parents=[common], help="show one conversation and its messages",
        description="Show one conversation: its fields, then its messages in full. "
        + _SETTINGS_HELP,
    )  # fmt: skip
    showing.add_argument("conversation_id", metavar="CONVERSATION_ID")
    showing.add_argument("--agent", required=True, metavar="ID", help="the conversation's agent")
    showing.add_argument(
        "--traces", action="store_true", help="also fetch and show the conversation's traces"
    )

    commands.add_parser(
        "usage", parents=[common], help="show the plan and the credits used this period",
        description="Show the Teamspace's plan and credit usage. " + _SETTINGS_HELP,
    )  # fmt: skip


def _common_options() -> argparse.ArgumentParser:
    import argparse  # noqa: PLC0415 (see the module's docstring)

    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--json", action="store_true",
        help="print JSON instead of a table: one object, or one object per line for lists",
    )  # fmt: skip
    common.add_argument("--api-key", help="API key (default: $SKETRICGEN_API_KEY)")
    common.add_argument(
        "--admin-base-url", metavar="URL",
        help="Admin API host (default: $SKETRICGEN_ADMIN_BASE_URL, else SketricGen's)",
    )  # fmt: skip
    common.add_argument(
        "--timeout", metavar="SECONDS",
        help="longest wait for the service (default: $SKETRICGEN_TIMEOUT, else 300)",
    )  # fmt: skip
    common.add_argument(
        "--max-retries", metavar="N",
        help="extra attempts where a retry is safe (default: $SKETRICGEN_MAX_RETRIES, else 3)",
    )  # fmt: skip
    common.add_argument(
        "--emulator", action="store_true",
        help="ask a local emulator served for this command (needs sketricgen[testing])",
    )  # fmt: skip
    return common


def _add_limit(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--limit", metavar="N",
        help="items per page asked of the service, 1 to 200 (default: the service's, 50); "
        "every page is listed",
    )  # fmt: skip
