"""`WidgetConfigUpdateResult`: the wire model `sketricgen_admin_models.WidgetConfigUpdateResult`."""

from sketricgen_admin_models import WidgetConfigUpdateResult as WidgetConfigUpdateResult

__all__ = ["WidgetConfigUpdateResult"]
