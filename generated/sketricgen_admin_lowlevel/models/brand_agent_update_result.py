"""`BrandAgentUpdateResult`: the wire model `sketricgen_admin_models.BrandAgentUpdateResult`."""

from sketricgen_admin_models import BrandAgentUpdateResult as BrandAgentUpdateResult

__all__ = ["BrandAgentUpdateResult"]
