"""`BrandAgentTemplate`: the wire model `sketricgen_admin_models.BrandAgentTemplate`."""

from sketricgen_admin_models import BrandAgentTemplate as BrandAgentTemplate

__all__ = ["BrandAgentTemplate"]
