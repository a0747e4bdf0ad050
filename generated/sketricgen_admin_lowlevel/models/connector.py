"""`Connector`: the wire model `sketricgen_admin_models.Connector`."""

from sketricgen_admin_models import Connector as Connector

__all__ = ["Connector"]
