"""`BrandAgentDetailAvailableModelsType0Item`: an object described inline in the spec, a plain dict on the wire."""

from typing import Any

BrandAgentDetailAvailableModelsType0Item = dict[str, Any]

__all__ = ["BrandAgentDetailAvailableModelsType0Item"]
