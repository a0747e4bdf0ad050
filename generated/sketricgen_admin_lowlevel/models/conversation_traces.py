"""`ConversationTraces`: the wire model `sketricgen_admin_models.ConversationTraces`."""

from sketricgen_admin_models import ConversationTraces as ConversationTraces

__all__ = ["ConversationTraces"]
