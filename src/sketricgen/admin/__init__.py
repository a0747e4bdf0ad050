"""The Admin API (SketricGen's control plane): its public models, `Page`, and error codes.

The namespaces live on the client (`client.projects`, `client.agents`,
`client.knowledge_bases`, `client.conversations`, `client.members`,
`client.usage`, `client.brand_agents`, `client.connectors`, `client.jobs`,
`client.whoami()`). The models are the generated wire models of
`openapi/sketricgen-admin.yaml` (fields the service adds later are kept);
they load on first use, so `import sketricgen.admin` stays cheap.
"""

import importlib
from typing import TYPE_CHECKING, Any

from .._config import DEFAULT_ADMIN_BASE_URL
from .._exceptions import AdminErrorCode
from ._pages import Page

if TYPE_CHECKING:
    from sketricgen_admin_models import (
        Agent,
        AgentDeletion,
        BrandAgentDetail,
        BrandAgentJob,
        BrandAgentTemplate,
        BrandAgentUpdateResult,
        ConnectionStatus,
        ConnectLink,
        Connector,
        ConnectorAttachment,
        ConnectorDetachment,
        ConnectorTool,
        ConnectorTools,
        Conversation,
        ConversationMessage,
        ConversationSummary,
        ConversationTraces,
        DataSource,
        DataSourceDeletion,
        EmbedSnippet,
        JobEmbed,
        JobStatus,
        KnowledgeBase,
        KnowledgeBaseDeletion,
        Member,
        Project,
        RequiredConnector,
        Teamspace,
        Trace,
        Usage,
        WidgetConfig,
        WidgetConfigUpdateResult,
    )

__all__ = [
    "DEFAULT_ADMIN_BASE_URL",
    "AdminErrorCode",
    "Agent",
    "AgentDeletion",
    "BrandAgentDetail",
    "BrandAgentJob",
    "BrandAgentTemplate",
    "BrandAgentUpdateResult",
    "ConnectLink",
    "ConnectionStatus",
    "Connector",
    "ConnectorAttachment",
    "ConnectorDetachment",
    "ConnectorTool",
    "ConnectorTools",
    "Conversation",
    "ConversationMessage",
    "ConversationSummary",
    "ConversationTraces",
    "DataSource",
    "DataSourceDeletion",
    "EmbedSnippet",
    "JobEmbed",
    "JobStatus",
    "KnowledgeBase",
    "KnowledgeBaseDeletion",
    "Member",
    "Page",
    "Project",
    "RequiredConnector",
    "Teamspace",
    "Trace",
    "Usage",
    "WidgetConfig",
    "WidgetConfigUpdateResult",
]

# The generated models, loaded from sketricgen_admin_models on first use.
_MODELS = frozenset(__all__) - {"DEFAULT_ADMIN_BASE_URL", "AdminErrorCode", "Page"}


def __getattr__(name: str) -> Any:
    if name not in _MODELS:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module("sketricgen_admin_models"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
