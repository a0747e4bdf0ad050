"""`MemberUpdate`: the wire model `sketricgen_admin_models.MemberUpdate`."""

from sketricgen_admin_models import MemberUpdate as MemberUpdate

__all__ = ["MemberUpdate"]
