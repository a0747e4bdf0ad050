"""`KnowledgeBaseList`: the wire model `sketricgen_admin_models.KnowledgeBaseList`."""

from sketricgen_admin_models import KnowledgeBaseList as KnowledgeBaseList

__all__ = ["KnowledgeBaseList"]
