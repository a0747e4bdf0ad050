"""`ConnectorAttachRequest`: the wire model `sketricgen_admin_models.ConnectorAttachRequest`."""

from sketricgen_admin_models import ConnectorAttachRequest as ConnectorAttachRequest

__all__ = ["ConnectorAttachRequest"]
