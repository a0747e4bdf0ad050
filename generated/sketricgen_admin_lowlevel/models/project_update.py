"""`ProjectUpdate`: the wire model `sketricgen_admin_models.ProjectUpdate`."""

from sketricgen_admin_models import ProjectUpdate as ProjectUpdate

__all__ = ["ProjectUpdate"]
