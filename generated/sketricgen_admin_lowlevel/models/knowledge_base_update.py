"""`KnowledgeBaseUpdate`: the wire model `sketricgen_admin_models.KnowledgeBaseUpdate`."""

from sketricgen_admin_models import KnowledgeBaseUpdate as KnowledgeBaseUpdate

__all__ = ["KnowledgeBaseUpdate"]
