"""`WidgetConfig`: the wire model `sketricgen_admin_models.WidgetConfig`."""

from sketricgen_admin_models import WidgetConfig as WidgetConfig

__all__ = ["WidgetConfig"]
