"""`BrandAgentUpdate`: the wire model `sketricgen_admin_models.BrandAgentUpdate`."""

from sketricgen_admin_models import BrandAgentUpdate as BrandAgentUpdate

__all__ = ["BrandAgentUpdate"]
