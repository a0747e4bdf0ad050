"""`EmbedSnippet`: the wire model `sketricgen_admin_models.EmbedSnippet`."""

from sketricgen_admin_models import EmbedSnippet as EmbedSnippet

__all__ = ["EmbedSnippet"]
