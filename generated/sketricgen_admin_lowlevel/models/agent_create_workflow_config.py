"""`AgentCreateWorkflowConfig`: an object described inline in the spec, a plain dict on the wire."""

from typing import Any

AgentCreateWorkflowConfig = dict[str, Any]

__all__ = ["AgentCreateWorkflowConfig"]
