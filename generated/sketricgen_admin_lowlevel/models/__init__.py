"""Contains all the data models used in inputs/outputs"""

from .admin_error_body import AdminErrorBody
from .teamspace import Teamspace
from .teamspace_list import TeamspaceList

__all__ = (
    "AdminErrorBody",
    "Teamspace",
    "TeamspaceList",
)
