"""The Admin API's fixed seed: the Teamspace, projects, members, connectors, templates, models.

Plain data, the same for every emulator; `AdminState` copies what it changes.
"""

from __future__ import annotations

from typing import Any

__all__ = [
    "AVAILABLE_MODELS", "CONNECTORS", "DEFAULT_PROJECT_ID", "DOCS_KB_ID", "EDITOR_UUID",
    "MARKETING_PROJECT_ID", "MEMBERS", "OWNER_UUID", "PROJECTS", "TEAMSPACE", "TEAMSPACE_ID",
    "TEMPLATES", "VIEWER_UUID", "connector_tools",
]  # fmt: skip

TEAMSPACE_ID = "ts-emulator"
DEFAULT_PROJECT_ID = "proj-default"
MARKETING_PROJECT_ID = "proj-marketing"
DOCS_KB_ID = "kb-product-docs"
OWNER_UUID = "00000000-0000-4000-8000-000000000001"
EDITOR_UUID = "00000000-0000-4000-8000-000000000002"
VIEWER_UUID = "00000000-0000-4000-8000-000000000003"

TEAMSPACE: dict[str, Any] = {
    "teamspace_id": TEAMSPACE_ID,
    "slug": "emulator",
    "display_name": "Emulator Teamspace",
    "subscription_plan": "pro",
}

PROJECTS: list[dict[str, Any]] = [
    {"project_id": DEFAULT_PROJECT_ID, "slug": "default", "display_name": "Default"},
    {"project_id": MARKETING_PROJECT_ID, "slug": "marketing", "display_name": "Marketing"},
]

MEMBERS: list[dict[str, Any]] = [
    {"user_uuid": OWNER_UUID, "email": "owner@example.com", "display_name": "Olive Owner",
     "role": "admin"},
    {"user_uuid": EDITOR_UUID, "email": "editor@example.com", "display_name": "Eddie Editor",
     "role": "editor"},
    {"user_uuid": VIEWER_UUID, "email": "viewer@example.com", "display_name": "Vera Viewer",
     "role": "viewer"},
]  # fmt: skip

AVAILABLE_MODELS: list[dict[str, Any]] = [
    {"id": "gpt-4.1-mini", "name": "GPT-4.1 mini", "min_plan": "free"},
    {"id": "gpt-4.1", "name": "GPT-4.1", "min_plan": "pro"},
    {"id": "claude-sonnet-4", "name": "Claude Sonnet 4", "min_plan": "pro"},
]

_GMAIL_ACTIONS = (
    "send_email", "create_draft", "reply_to_email", "forward_email", "list_emails",
    "get_email", "search_emails", "delete_email", "archive_email", "mark_as_read",
    "mark_as_unread", "star_email", "unstar_email", "add_label", "remove_label",
    "create_label", "delete_label", "list_labels", "list_threads", "get_thread",
    "trash_thread", "untrash_thread", "get_attachment", "list_drafts", "send_draft",
    "delete_draft", "update_draft", "get_profile", "list_filters", "create_filter",
    "delete_filter", "list_send_as_aliases",
)  # fmt: skip
_SLACK_ACTIONS = (
    "send_message", "list_channels", "create_channel", "invite_to_channel",
    "list_users", "find_user_by_email", "add_reaction", "upload_file",
)  # fmt: skip
_NOTION_ACTIONS = (
    "create_page", "update_page", "search_pages", "get_page", "append_block",
    "query_database", "create_database_item",
)  # fmt: skip


def _tools(slug: str, actions: tuple[str, ...]) -> list[dict[str, Any]]:
    return [
        {
            "tool_name": f"{slug}-{action.replace('_', '-')}",
            "tool_display_name": action.replace("_", " ").capitalize(),
            "tool_description": f"{action.replace('_', ' ').capitalize()} with {slug.title()}.",
        }
        for action in actions
    ]


def _connector(slug: str, name: str, category: str, description: str) -> dict[str, Any]:
    return {
        "app_slug": slug,
        "name": name,
        "description": description,
        "logo_url": f"https://assets.sketricgen.test/connectors/{slug}.svg",
        "category": category,
        "provider": "pipedream",
        "auth_strategy": "oauth",
        "requires_auth": True,
        "supports_connect_link": True,
    }


CONNECTORS: list[dict[str, Any]] = [
    _connector("gmail", "Gmail", "email", "Read, send and organise email."),
    _connector("slack", "Slack", "chat", "Post and read messages in Slack."),
    _connector("notion", "Notion", "docs", "Pages and databases in Notion."),
]

_TOOLS: dict[str, list[dict[str, Any]]] = {
    "gmail": _tools("gmail", _GMAIL_ACTIONS),
    "slack": _tools("slack", _SLACK_ACTIONS),
    "notion": _tools("notion", _NOTION_ACTIONS),
}


def connector_tools(app_slug: str) -> list[dict[str, Any]]:
    """The tools of a connector of the catalog (empty for an unknown one)."""
    return [dict(tool) for tool in _TOOLS.get(app_slug, [])]


def _required(slug: str, *tools: str) -> dict[str, Any]:
    found = next(c for c in CONNECTORS if c["app_slug"] == slug)
    return {
        "app_slug": slug, "name": found["name"], "provider": "pipedream", "requires_auth": True,
        "allowed_tools": [f"{slug}-{tool}" for tool in tools],
    }  # fmt: skip


TEMPLATES: list[dict[str, Any]] = [
    {
        "slug": "support-agent", "name": "Customer support",
        "description": "Answers customers from your site's pages and help center.",
        "thumbnail_url": "https://assets.sketricgen.test/templates/support-agent.png",
        "difficulty_level": "beginner", "industries": ["saas", "ecommerce"], "min_plan": "free",
        "has_skills": False, "has_artifacts": False, "required_connectors": [],
    },
    {
        "slug": "sales-assistant", "name": "Sales assistant",
        "description": "Qualifies leads and books meetings by email.",
        "thumbnail_url": "https://assets.sketricgen.test/templates/sales-assistant.png",
        "difficulty_level": "intermediate", "industries": ["saas", "services"],
        "min_plan": "pro", "has_skills": True, "has_artifacts": False,
        "required_connectors": [_required("gmail", "send-email", "create-draft")],
    },
    {
        "slug": "team-concierge", "name": "Team concierge",
        "description": "Answers colleagues in Slack from your Notion wiki.",
        "thumbnail_url": "https://assets.sketricgen.test/templates/team-concierge.png",
        "difficulty_level": "advanced", "industries": ["internal"], "min_plan": "pro",
        "has_skills": True, "has_artifacts": True,
        "required_connectors": [
            _required("slack", "send-message"), _required("notion", "search-pages"),
        ],
    },
]  # fmt: skip
