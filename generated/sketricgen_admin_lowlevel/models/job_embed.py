"""`JobEmbed`: the wire model `sketricgen_admin_models.JobEmbed`."""

from sketricgen_admin_models import JobEmbed as JobEmbed

__all__ = ["JobEmbed"]
