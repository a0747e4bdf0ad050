"""`Member`: the wire model `sketricgen_admin_models.Member`."""

from sketricgen_admin_models import Member as Member

__all__ = ["Member"]
