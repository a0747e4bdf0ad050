"""`ProjectList`: the wire model `sketricgen_admin_models.ProjectList`."""

from sketricgen_admin_models import ProjectList as ProjectList

__all__ = ["ProjectList"]
