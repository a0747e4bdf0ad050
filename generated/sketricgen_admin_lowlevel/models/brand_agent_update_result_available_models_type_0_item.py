"""`BrandAgentUpdateResultAvailableModelsType0Item`: an object described inline in the spec, a plain dict on the wire."""

from typing import Any

BrandAgentUpdateResultAvailableModelsType0Item = dict[str, Any]

__all__ = ["BrandAgentUpdateResultAvailableModelsType0Item"]
