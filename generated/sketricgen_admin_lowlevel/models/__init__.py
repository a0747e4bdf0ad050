"""The models of the operations' requests and answers; each loads on first use."""

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .admin_error_body import AdminErrorBody as AdminErrorBody
    from .agent import Agent as Agent
    from .agent_create import AgentCreate as AgentCreate
    from .agent_create_workflow_config import (
        AgentCreateWorkflowConfig as AgentCreateWorkflowConfig,
    )
    from .agent_deletion import AgentDeletion as AgentDeletion
    from .agent_list import AgentList as AgentList
    from .agent_run_request import AgentRunRequest as AgentRunRequest
    from .agent_update import AgentUpdate as AgentUpdate
    from .agent_update_workflow_config import (
        AgentUpdateWorkflowConfig as AgentUpdateWorkflowConfig,
    )
    from .brand_agent_create import BrandAgentCreate as BrandAgentCreate
    from .brand_agent_detail import BrandAgentDetail as BrandAgentDetail
    from .brand_agent_detail_agent_type_0 import (
        BrandAgentDetailAgentType0 as BrandAgentDetailAgentType0,
    )
    from .brand_agent_detail_available_models_type_0_item import (
        BrandAgentDetailAvailableModelsType0Item as BrandAgentDetailAvailableModelsType0Item,
    )
    from .brand_agent_detail_settings_type_0 import (
        BrandAgentDetailSettingsType0 as BrandAgentDetailSettingsType0,
    )
    from .brand_agent_detail_structure_type_0 import (
        BrandAgentDetailStructureType0 as BrandAgentDetailStructureType0,
    )
    from .brand_agent_job import BrandAgentJob as BrandAgentJob
    from .brand_agent_template import BrandAgentTemplate as BrandAgentTemplate
    from .brand_agent_template_list import (
        BrandAgentTemplateList as BrandAgentTemplateList,
    )
    from .brand_agent_update import BrandAgentUpdate as BrandAgentUpdate
    from .brand_agent_update_result import (
        BrandAgentUpdateResult as BrandAgentUpdateResult,
    )
    from .brand_agent_update_result_agent_type_0 import (
        BrandAgentUpdateResultAgentType0 as BrandAgentUpdateResultAgentType0,
    )
    from .brand_agent_update_result_available_models_type_0_item import (
        BrandAgentUpdateResultAvailableModelsType0Item as BrandAgentUpdateResultAvailableModelsType0Item,
    )
    from .brand_agent_update_result_settings_type_0 import (
        BrandAgentUpdateResultSettingsType0 as BrandAgentUpdateResultSettingsType0,
    )
    from .brand_agent_update_result_structure_type_0 import (
        BrandAgentUpdateResultStructureType0 as BrandAgentUpdateResultStructureType0,
    )
    from .connect_link import ConnectLink as ConnectLink
    from .connect_link_request import ConnectLinkRequest as ConnectLinkRequest
    from .connection_status import ConnectionStatus as ConnectionStatus
    from .connector import Connector as Connector
    from .connector_attach_request import (
        ConnectorAttachRequest as ConnectorAttachRequest,
    )
    from .connector_attachment import ConnectorAttachment as ConnectorAttachment
    from .connector_detachment import ConnectorDetachment as ConnectorDetachment
    from .connector_list import ConnectorList as ConnectorList
    from .connector_tool import ConnectorTool as ConnectorTool
    from .connector_tools import ConnectorTools as ConnectorTools
    from .conversation import Conversation as Conversation
    from .conversation_list import ConversationList as ConversationList
    from .conversation_message import ConversationMessage as ConversationMessage
    from .conversation_summary import ConversationSummary as ConversationSummary
    from .conversation_traces import ConversationTraces as ConversationTraces
    from .data_source import DataSource as DataSource
    from .data_source_deletion import DataSourceDeletion as DataSourceDeletion
    from .data_source_list import DataSourceList as DataSourceList
    from .embed_snippet import EmbedSnippet as EmbedSnippet
    from .job_embed import JobEmbed as JobEmbed
    from .job_status import JobStatus as JobStatus
    from .job_status_progress_type_0 import (
        JobStatusProgressType0 as JobStatusProgressType0,
    )
    from .knowledge_base import KnowledgeBase as KnowledgeBase
    from .knowledge_base_create import KnowledgeBaseCreate as KnowledgeBaseCreate
    from .knowledge_base_deletion import KnowledgeBaseDeletion as KnowledgeBaseDeletion
    from .knowledge_base_list import KnowledgeBaseList as KnowledgeBaseList
    from .knowledge_base_update import KnowledgeBaseUpdate as KnowledgeBaseUpdate
    from .member import Member as Member
    from .member_list import MemberList as MemberList
    from .member_update import MemberUpdate as MemberUpdate
    from .member_update_role import MemberUpdateRole as MemberUpdateRole
    from .project import Project as Project
    from .project_create import ProjectCreate as ProjectCreate
    from .project_list import ProjectList as ProjectList
    from .project_update import ProjectUpdate as ProjectUpdate
    from .required_connector import RequiredConnector as RequiredConnector
    from .teamspace import Teamspace as Teamspace
    from .teamspace_list import TeamspaceList as TeamspaceList
    from .trace import Trace as Trace
    from .trace_spans_type_0_item import TraceSpansType0Item as TraceSpansType0Item
    from .usage import Usage as Usage
    from .widget_config import WidgetConfig as WidgetConfig
    from .widget_config_update import WidgetConfigUpdate as WidgetConfigUpdate
    from .widget_config_update_result import (
        WidgetConfigUpdateResult as WidgetConfigUpdateResult,
    )
    from .widget_config_update_result_widget_config import (
        WidgetConfigUpdateResultWidgetConfig as WidgetConfigUpdateResultWidgetConfig,
    )
    from .widget_config_widget_config import (
        WidgetConfigWidgetConfig as WidgetConfigWidgetConfig,
    )

_MODULES = {
    "AdminErrorBody": ".admin_error_body",
    "Agent": ".agent",
    "AgentCreate": ".agent_create",
    "AgentCreateWorkflowConfig": ".agent_create_workflow_config",
    "AgentDeletion": ".agent_deletion",
    "AgentList": ".agent_list",
    "AgentRunRequest": ".agent_run_request",
    "AgentUpdate": ".agent_update",
    "AgentUpdateWorkflowConfig": ".agent_update_workflow_config",
    "BrandAgentCreate": ".brand_agent_create",
    "BrandAgentDetail": ".brand_agent_detail",
    "BrandAgentDetailAgentType0": ".brand_agent_detail_agent_type_0",
    "BrandAgentDetailAvailableModelsType0Item": ".brand_agent_detail_available_models_type_0_item",
    "BrandAgentDetailSettingsType0": ".brand_agent_detail_settings_type_0",
    "BrandAgentDetailStructureType0": ".brand_agent_detail_structure_type_0",
    "BrandAgentJob": ".brand_agent_job",
    "BrandAgentTemplate": ".brand_agent_template",
    "BrandAgentTemplateList": ".brand_agent_template_list",
    "BrandAgentUpdate": ".brand_agent_update",
    "BrandAgentUpdateResult": ".brand_agent_update_result",
    "BrandAgentUpdateResultAgentType0": ".brand_agent_update_result_agent_type_0",
    "BrandAgentUpdateResultAvailableModelsType0Item": ".brand_agent_update_result_available_models_type_0_item",
    "BrandAgentUpdateResultSettingsType0": ".brand_agent_update_result_settings_type_0",
    "BrandAgentUpdateResultStructureType0": ".brand_agent_update_result_structure_type_0",
    "ConnectLink": ".connect_link",
    "ConnectLinkRequest": ".connect_link_request",
    "ConnectionStatus": ".connection_status",
    "Connector": ".connector",
    "ConnectorAttachRequest": ".connector_attach_request",
    "ConnectorAttachment": ".connector_attachment",
    "ConnectorDetachment": ".connector_detachment",
    "ConnectorList": ".connector_list",
    "ConnectorTool": ".connector_tool",
    "ConnectorTools": ".connector_tools",
    "Conversation": ".conversation",
    "ConversationList": ".conversation_list",
    "ConversationMessage": ".conversation_message",
    "ConversationSummary": ".conversation_summary",
    "ConversationTraces": ".conversation_traces",
    "DataSource": ".data_source",
    "DataSourceDeletion": ".data_source_deletion",
    "DataSourceList": ".data_source_list",
    "EmbedSnippet": ".embed_snippet",
    "JobEmbed": ".job_embed",
    "JobStatus": ".job_status",
    "JobStatusProgressType0": ".job_status_progress_type_0",
    "KnowledgeBase": ".knowledge_base",
    "KnowledgeBaseCreate": ".knowledge_base_create",
    "KnowledgeBaseDeletion": ".knowledge_base_deletion",
    "KnowledgeBaseList": ".knowledge_base_list",
    "KnowledgeBaseUpdate": ".knowledge_base_update",
    "Member": ".member",
    "MemberList": ".member_list",
    "MemberUpdate": ".member_update",
    "MemberUpdateRole": ".member_update_role",
    "Project": ".project",
    "ProjectCreate": ".project_create",
    "ProjectList": ".project_list",
    "ProjectUpdate": ".project_update",
    "RequiredConnector": ".required_connector",
    "Teamspace": ".teamspace",
    "TeamspaceList": ".teamspace_list",
    "Trace": ".trace",
    "TraceSpansType0Item": ".trace_spans_type_0_item",
    "Usage": ".usage",
    "WidgetConfig": ".widget_config",
    "WidgetConfigUpdate": ".widget_config_update",
    "WidgetConfigUpdateResult": ".widget_config_update_result",
    "WidgetConfigUpdateResultWidgetConfig": ".widget_config_update_result_widget_config",
    "WidgetConfigWidgetConfig": ".widget_config_widget_config",
}

__all__ = [
    "AdminErrorBody",
    "Agent",
    "AgentCreate",
    "AgentCreateWorkflowConfig",
    "AgentDeletion",
    "AgentList",
    "AgentRunRequest",
    "AgentUpdate",
    "AgentUpdateWorkflowConfig",
    "BrandAgentCreate",
    "BrandAgentDetail",
    "BrandAgentDetailAgentType0",
    "BrandAgentDetailAvailableModelsType0Item",
    "BrandAgentDetailSettingsType0",
    "BrandAgentDetailStructureType0",
    "BrandAgentJob",
    "BrandAgentTemplate",
    "BrandAgentTemplateList",
    "BrandAgentUpdate",
    "BrandAgentUpdateResult",
    "BrandAgentUpdateResultAgentType0",
    "BrandAgentUpdateResultAvailableModelsType0Item",
    "BrandAgentUpdateResultSettingsType0",
    "BrandAgentUpdateResultStructureType0",
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
    "JobStatusProgressType0",
    "KnowledgeBase",
    "KnowledgeBaseCreate",
    "KnowledgeBaseDeletion",
    "KnowledgeBaseList",
    "KnowledgeBaseUpdate",
    "Member",
    "MemberList",
    "MemberUpdate",
    "MemberUpdateRole",
    "Project",
    "ProjectCreate",
    "ProjectList",
    "ProjectUpdate",
    "RequiredConnector",
    "Teamspace",
    "TeamspaceList",
    "Trace",
    "TraceSpansType0Item",
    "Usage",
    "WidgetConfig",
    "WidgetConfigUpdate",
    "WidgetConfigUpdateResult",
    "WidgetConfigUpdateResultWidgetConfig",
    "WidgetConfigWidgetConfig",
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
