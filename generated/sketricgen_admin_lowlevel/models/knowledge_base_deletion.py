"""`KnowledgeBaseDeletion`: the wire model `sketricgen_admin_models.KnowledgeBaseDeletion`."""

from sketricgen_admin_models import KnowledgeBaseDeletion as KnowledgeBaseDeletion

__all__ = ["KnowledgeBaseDeletion"]
