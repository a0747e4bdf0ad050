"""`Teamspace`: the wire model `sketricgen_admin_models.Teamspace`."""

from sketricgen_admin_models import Teamspace as Teamspace

__all__ = ["Teamspace"]
