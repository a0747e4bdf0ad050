"""`AdminErrorBody`: the wire model `sketricgen_admin_models.AdminErrorBody`."""

from sketricgen_admin_models import AdminErrorBody as AdminErrorBody

__all__ = ["AdminErrorBody"]
