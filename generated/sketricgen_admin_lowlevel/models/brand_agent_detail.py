"""`BrandAgentDetail`: the wire model `sketricgen_admin_models.BrandAgentDetail`."""

from sketricgen_admin_models import BrandAgentDetail as BrandAgentDetail

__all__ = ["BrandAgentDetail"]
