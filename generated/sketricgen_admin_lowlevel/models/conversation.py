"""`Conversation`: the wire model `sketricgen_admin_models.Conversation`."""

from sketricgen_admin_models import Conversation as Conversation

__all__ = ["Conversation"]
