"""`Project`: the wire model `sketricgen_admin_models.Project`."""

from sketricgen_admin_models import Project as Project

__all__ = ["Project"]
