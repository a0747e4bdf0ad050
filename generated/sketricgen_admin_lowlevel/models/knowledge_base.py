"""`KnowledgeBase`: the wire model `sketricgen_admin_models.KnowledgeBase`."""

from sketricgen_admin_models import KnowledgeBase as KnowledgeBase

__all__ = ["KnowledgeBase"]
