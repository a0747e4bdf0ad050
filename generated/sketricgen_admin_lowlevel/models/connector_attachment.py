"""`ConnectorAttachment`: the wire model `sketricgen_admin_models.ConnectorAttachment`."""

from sketricgen_admin_models import ConnectorAttachment as ConnectorAttachment

__all__ = ["ConnectorAttachment"]
