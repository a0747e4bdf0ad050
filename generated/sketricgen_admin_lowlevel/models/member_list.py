"""`MemberList`: the wire model `sketricgen_admin_models.MemberList`."""

from sketricgen_admin_models import MemberList as MemberList

__all__ = ["MemberList"]
