"""`AgentDeletion`: the wire model `sketricgen_admin_models.AgentDeletion`."""

from sketricgen_admin_models import AgentDeletion as AgentDeletion

__all__ = ["AgentDeletion"]
