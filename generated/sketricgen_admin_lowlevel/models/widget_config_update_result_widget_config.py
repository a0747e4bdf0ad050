"""`WidgetConfigUpdateResultWidgetConfig`: an object described inline in the spec, a plain dict on the wire."""

from typing import Any

WidgetConfigUpdateResultWidgetConfig = dict[str, Any]

__all__ = ["WidgetConfigUpdateResultWidgetConfig"]
