"""`AgentUpdate`: the wire model `sketricgen_admin_models.AgentUpdate`."""

from sketricgen_admin_models import AgentUpdate as AgentUpdate

__all__ = ["AgentUpdate"]
