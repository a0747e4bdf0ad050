"""Contains all the data models used in inputs/outputs"""

from .admin_error_body import AdminErrorBody
from .agent import Agent
from .agent_create import AgentCreate
from .agent_create_workflow_config import AgentCreateWorkflowConfig
from .agent_deletion import AgentDeletion
from .agent_list import AgentList
from .agent_run_request import AgentRunRequest
from .agent_update import AgentUpdate
from .agent_update_workflow_config import AgentUpdateWorkflowConfig
from .brand_agent_create import BrandAgentCreate
from .brand_agent_detail import BrandAgentDetail
from .brand_agent_detail_agent_type_0 import BrandAgentDetailAgentType0
from .brand_agent_detail_available_models_type_0_item import (
    BrandAgentDetailAvailableModelsType0Item,
)
from .brand_agent_detail_settings_type_0 import BrandAgentDetailSettingsType0
from .brand_agent_detail_structure_type_0 import BrandAgentDetailStructureType0
from .brand_agent_job import BrandAgentJob
from .brand_agent_template import BrandAgentTemplate
from .brand_agent_template_list import BrandAgentTemplateList
from .brand_agent_update import BrandAgentUpdate
from .brand_agent_update_result import BrandAgentUpdateResult
from .brand_agent_update_result_agent_type_0 import BrandAgentUpdateResultAgentType0
from .brand_agent_update_result_available_models_type_0_item import (
    BrandAgentUpdateResultAvailableModelsType0Item,
)
from .brand_agent_update_result_settings_type_0 import (
    BrandAgentUpdateResultSettingsType0,
)
from .brand_agent_update_result_structure_type_0 import (
    BrandAgentUpdateResultStructureType0,
)
from .connect_link import ConnectLink
from .connect_link_request import ConnectLinkRequest
from .connection_status import ConnectionStatus
from .connector import Connector
from .connector_attach_request import ConnectorAttachRequest
from .connector_attachment import ConnectorAttachment
from .connector_detachment import ConnectorDetachment
from .connector_list import ConnectorList
from .connector_tool import ConnectorTool
from .connector_tools import ConnectorTools
from .conversation import Conversation
from .conversation_list import ConversationList
from .conversation_message import ConversationMessage
from .conversation_summary import ConversationSummary
from .conversation_traces import ConversationTraces
from .data_source import DataSource
from .data_source_deletion import DataSourceDeletion
from .data_source_list import DataSourceList
from .embed_snippet import EmbedSnippet
from .job_embed import JobEmbed
from .job_status import JobStatus
from .job_status_progress_type_0 import JobStatusProgressType0
from .knowledge_base import KnowledgeBase
from .knowledge_base_create import KnowledgeBaseCreate
from .knowledge_base_deletion import KnowledgeBaseDeletion
from .knowledge_base_list import KnowledgeBaseList
from .knowledge_base_update import KnowledgeBaseUpdate
from .member import Member
from .member_list import MemberList
from .member_update import MemberUpdate
from .member_update_role import MemberUpdateRole
from .project import Project
from .project_create import ProjectCreate
from .project_list import ProjectList
from .project_update import ProjectUpdate
from .required_connector import RequiredConnector
from .teamspace import Teamspace
from .teamspace_list import TeamspaceList
from .trace import Trace
from .trace_spans_type_0_item import TraceSpansType0Item
from .usage import Usage
from .widget_config import WidgetConfig
from .widget_config_update import WidgetConfigUpdate
from .widget_config_update_result import WidgetConfigUpdateResult
from .widget_config_update_result_widget_config import (
    WidgetConfigUpdateResultWidgetConfig,
)
from .widget_config_widget_config import WidgetConfigWidgetConfig

__all__ = (
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
)
