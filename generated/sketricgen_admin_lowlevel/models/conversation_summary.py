"""`ConversationSummary`: the wire model `sketricgen_admin_models.ConversationSummary`."""

from sketricgen_admin_models import ConversationSummary as ConversationSummary

__all__ = ["ConversationSummary"]
