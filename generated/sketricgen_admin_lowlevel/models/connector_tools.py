"""`ConnectorTools`: the wire model `sketricgen_admin_models.ConnectorTools`."""

from sketricgen_admin_models import ConnectorTools as ConnectorTools

__all__ = ["ConnectorTools"]
