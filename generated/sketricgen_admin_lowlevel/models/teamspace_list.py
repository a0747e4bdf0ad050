"""`TeamspaceList`: the wire model `sketricgen_admin_models.TeamspaceList`."""

from sketricgen_admin_models import TeamspaceList as TeamspaceList

__all__ = ["TeamspaceList"]
