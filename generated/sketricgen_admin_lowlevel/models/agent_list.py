"""`AgentList`: the wire model `sketricgen_admin_models.AgentList`."""

from sketricgen_admin_models import AgentList as AgentList

__all__ = ["AgentList"]
