"""`AgentUpdateWorkflowConfig`: an object described inline in the spec, a plain dict on the wire."""

from typing import Any

AgentUpdateWorkflowConfig = dict[str, Any]

__all__ = ["AgentUpdateWorkflowConfig"]
