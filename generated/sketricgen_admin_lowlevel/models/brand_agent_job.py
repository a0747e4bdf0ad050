"""`BrandAgentJob`: the wire model `sketricgen_admin_models.BrandAgentJob`."""

from sketricgen_admin_models import BrandAgentJob as BrandAgentJob

__all__ = ["BrandAgentJob"]
