"""`ConnectorList`: the wire model `sketricgen_admin_models.ConnectorList`."""

from sketricgen_admin_models import ConnectorList as ConnectorList

__all__ = ["ConnectorList"]
