"""`ConnectorTool`: the wire model `sketricgen_admin_models.ConnectorTool`."""

from sketricgen_admin_models import ConnectorTool as ConnectorTool

__all__ = ["ConnectorTool"]
