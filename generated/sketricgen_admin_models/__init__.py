"""The wire models of openapi/sketricgen-admin.yaml (generated).

Each model loads with its module on first use (`from sketricgen_admin_models import X`
imports only the module that defines X, and the ones it refers to): a
program building one request does not build every model of the spec.
"""

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ._agents import Agent as Agent
    from ._agents import AgentCreate as AgentCreate
    from ._agents import AgentDeletion as AgentDeletion
    from ._agents import AgentList as AgentList
    from ._agents import AgentRunRequest as AgentRunRequest
    from ._agents import AgentUpdate as AgentUpdate
    from ._agents import EmbedSnippet as EmbedSnippet
    from ._brand_agents import BrandAgentCreate as BrandAgentCreate
    from ._brand_agents import BrandAgentDetail as BrandAgentDetail
    from ._brand_agents import BrandAgentJob as BrandAgentJob
    from ._brand_agents import BrandAgentTemplate as BrandAgentTemplate
    from ._brand_agents import BrandAgentTemplateList as BrandAgentTemplateList
    from ._brand_agents import BrandAgentUpdate as BrandAgentUpdate
    from ._brand_agents import BrandAgentUpdateResult as BrandAgentUpdateResult
    from ._brand_agents import WidgetConfig as WidgetConfig
    from ._brand_agents import WidgetConfigUpdate as WidgetConfigUpdate
    from ._brand_agents import WidgetConfigUpdateResult as WidgetConfigUpdateResult
    from ._connectors import ConnectionStatus as ConnectionStatus
    from ._connectors import ConnectLink as ConnectLink
    from ._connectors import ConnectLinkRequest as ConnectLinkRequest
    from ._connectors import Connector as Connector
    from ._connectors import ConnectorAttachment as ConnectorAttachment
    from ._connectors import ConnectorAttachRequest as ConnectorAttachRequest
    from ._connectors import ConnectorDetachment as ConnectorDetachment
    from ._connectors import ConnectorList as ConnectorList
    from ._connectors import ConnectorTool as ConnectorTool
    from ._connectors import ConnectorTools as ConnectorTools
    from ._conversations import Conversation as Conversation
    from ._conversations import ConversationList as ConversationList
    from ._conversations import ConversationMessage as ConversationMessage
    from ._conversations import ConversationSummary as ConversationSummary
    from ._conversations import ConversationTraces as ConversationTraces
    from ._conversations import Trace as Trace
    from ._jobs import JobEmbed as JobEmbed
    from ._jobs import JobStatus as JobStatus
    from ._knowledge_bases import DataSource as DataSource
    from ._knowledge_bases import DataSourceDeletion as DataSourceDeletion
    from ._knowledge_bases import DataSourceList as DataSourceList
    from ._knowledge_bases import KnowledgeBase as KnowledgeBase
    from ._knowledge_bases import KnowledgeBaseCreate as KnowledgeBaseCreate
    from ._knowledge_bases import KnowledgeBaseDeletion as KnowledgeBaseDeletion
    from ._knowledge_bases import KnowledgeBaseList as KnowledgeBaseList
    from ._knowledge_bases import KnowledgeBaseUpdate as KnowledgeBaseUpdate
    from ._members import Member as Member
    from ._members import MemberList as MemberList
    from ._members import MemberUpdate as MemberUpdate
    from ._projects import Project as Project
    from ._projects import ProjectCreate as ProjectCreate
    from ._projects import ProjectList as ProjectList
    from ._projects import ProjectUpdate as ProjectUpdate
    from ._shared import AdminErrorBody as AdminErrorBody
    from ._shared import RequiredConnector as RequiredConnector
    from ._teamspace import Teamspace as Teamspace
    from ._teamspace import TeamspaceList as TeamspaceList
    from ._usage import Usage as Usage

_MODULES = {
    "AdminErrorBody": "._shared",
    "Agent": "._agents",
    "AgentCreate": "._agents",
    "AgentDeletion": "._agents",
    "AgentList": "._agents",
    "AgentRunRequest": "._agents",
    "AgentUpdate": "._agents",
    "BrandAgentCreate": "._brand_agents",
    "BrandAgentDetail": "._brand_agents",
    "BrandAgentJob": "._brand_agents",
    "BrandAgentTemplate": "._brand_agents",
    "BrandAgentTemplateList": "._brand_agents",
    "BrandAgentUpdate": "._brand_agents",
    "BrandAgentUpdateResult": "._brand_agents",
    "ConnectionStatus": "._connectors",
    "ConnectLink": "._connectors",
    "ConnectLinkRequest": "._connectors",
    "Connector": "._connectors",
    "ConnectorAttachment": "._connectors",
    "ConnectorAttachRequest": "._connectors",
    "ConnectorDetachment": "._connectors",
    "ConnectorList": "._connectors",
    "ConnectorTool": "._connectors",
    "ConnectorTools": "._connectors",
    "Conversation": "._conversations",
    "ConversationList": "._conversations",
    "ConversationMessage": "._conversations",
    "ConversationSummary": "._conversations",
    "ConversationTraces": "._conversations",
    "DataSource": "._knowledge_bases",
    "DataSourceDeletion": "._knowledge_bases",
    "DataSourceList": "._knowledge_bases",
    "EmbedSnippet": "._agents",
    "JobEmbed": "._jobs",
    "JobStatus": "._jobs",
    "KnowledgeBase": "._knowledge_bases",
    "KnowledgeBaseCreate": "._knowledge_bases",
    "KnowledgeBaseDeletion": "._knowledge_bases",
    "KnowledgeBaseList": "._knowledge_bases",
    "KnowledgeBaseUpdate": "._knowledge_bases",
    "Member": "._members",
    "MemberList": "._members",
    "MemberUpdate": "._members",
    "Project": "._projects",
    "ProjectCreate": "._projects",
    "ProjectList": "._projects",
    "ProjectUpdate": "._projects",
    "RequiredConnector": "._shared",
    "Teamspace": "._teamspace",
    "TeamspaceList": "._teamspace",
    "Trace": "._conversations",
    "Usage": "._usage",
    "WidgetConfig": "._brand_agents",
    "WidgetConfigUpdate": "._brand_agents",
    "WidgetConfigUpdateResult": "._brand_agents",
}

__all__ = [
    "AdminErrorBody",
    "Agent",
    "AgentCreate",
    "AgentDeletion",
    "AgentList",
    "AgentRunRequest",
    "AgentUpdate",
    "BrandAgentCreate",
    "BrandAgentDetail",
    "BrandAgentJob",
    "BrandAgentTemplate",
    "BrandAgentTemplateList",
    "BrandAgentUpdate",
    "BrandAgentUpdateResult",
    "ConnectionStatus",
    "ConnectLink",
    "ConnectLinkRequest",
    "Connector",
    "ConnectorAttachment",
    "ConnectorAttachRequest",
    "ConnectorDetachment",
    "ConnectorList",
    "ConnectorTool",
    "ConnectorTools",
    "Conversation",
    "ConversationList",
    "ConversationMessage",
    "ConversationSummary",
    "ConversationTraces",
    "DataSource",
    "DataSourceDeletion",
    "DataSourceList",
    "EmbedSnippet",
    "JobEmbed",
    "JobStatus",
    "KnowledgeBase",
    "KnowledgeBaseCreate",
    "KnowledgeBaseDeletion",
    "KnowledgeBaseList",
    "KnowledgeBaseUpdate",
    "Member",
    "MemberList",
    "MemberUpdate",
    "Project",
    "ProjectCreate",
    "ProjectList",
    "ProjectUpdate",
    "RequiredConnector",
    "Teamspace",
    "TeamspaceList",
    "Trace",
    "Usage",
    "WidgetConfig",
    "WidgetConfigUpdate",
    "WidgetConfigUpdateResult",
]


def __getattr__(name: str) -> Any:
    module = _MODULES.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(module, __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
