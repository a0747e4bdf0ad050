"""`BrandAgentTemplateList`: the wire model `sketricgen_admin_models.BrandAgentTemplateList`."""

from sketricgen_admin_models import BrandAgentTemplateList as BrandAgentTemplateList

__all__ = ["BrandAgentTemplateList"]
