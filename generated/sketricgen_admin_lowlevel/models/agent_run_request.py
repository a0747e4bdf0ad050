"""`AgentRunRequest`: the wire model `sketricgen_admin_models.AgentRunRequest`."""

from sketricgen_admin_models import AgentRunRequest as AgentRunRequest

__all__ = ["AgentRunRequest"]
