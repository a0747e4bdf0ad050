"""`RequiredConnector`: the wire model `sketricgen_admin_models.RequiredConnector`."""

from sketricgen_admin_models import RequiredConnector as RequiredConnector

__all__ = ["RequiredConnector"]
