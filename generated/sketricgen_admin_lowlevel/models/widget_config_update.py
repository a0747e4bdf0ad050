"""`WidgetConfigUpdate`: the wire model `sketricgen_admin_models.WidgetConfigUpdate`."""

from sketricgen_admin_models import WidgetConfigUpdate as WidgetConfigUpdate

__all__ = ["WidgetConfigUpdate"]
