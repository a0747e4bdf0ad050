"""`AgentCreate`: the wire model `sketricgen_admin_models.AgentCreate`."""

from sketricgen_admin_models import AgentCreate as AgentCreate

__all__ = ["AgentCreate"]
