"""`BrandAgentDetailSettingsType0`: an object described inline in the spec, a plain dict on the wire."""

from typing import Any

BrandAgentDetailSettingsType0 = dict[str, Any]

__all__ = ["BrandAgentDetailSettingsType0"]
