"""`ProjectCreate`: the wire model `sketricgen_admin_models.ProjectCreate`."""

from sketricgen_admin_models import ProjectCreate as ProjectCreate

__all__ = ["ProjectCreate"]
