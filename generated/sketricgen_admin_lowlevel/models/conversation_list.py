"""`ConversationList`: the wire model `sketricgen_admin_models.ConversationList`."""

from sketricgen_admin_models import ConversationList as ConversationList

__all__ = ["ConversationList"]
