"""`ConnectorDetachment`: the wire model `sketricgen_admin_models.ConnectorDetachment`."""

from sketricgen_admin_models import ConnectorDetachment as ConnectorDetachment

__all__ = ["ConnectorDetachment"]
