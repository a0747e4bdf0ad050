"""`ConversationMessage`: the wire model `sketricgen_admin_models.ConversationMessage`."""

from sketricgen_admin_models import ConversationMessage as ConversationMessage

__all__ = ["ConversationMessage"]
