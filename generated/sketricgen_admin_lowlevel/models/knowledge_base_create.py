"""`KnowledgeBaseCreate`: the wire model `sketricgen_admin_models.KnowledgeBaseCreate`."""

from sketricgen_admin_models import KnowledgeBaseCreate as KnowledgeBaseCreate

__all__ = ["KnowledgeBaseCreate"]
