"""`Agent`: the wire model `sketricgen_admin_models.Agent`."""

from sketricgen_admin_models import Agent as Agent

__all__ = ["Agent"]
