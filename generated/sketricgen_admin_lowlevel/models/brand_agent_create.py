"""`BrandAgentCreate`: the wire model `sketricgen_admin_models.BrandAgentCreate`."""

from sketricgen_admin_models import BrandAgentCreate as BrandAgentCreate

__all__ = ["BrandAgentCreate"]
