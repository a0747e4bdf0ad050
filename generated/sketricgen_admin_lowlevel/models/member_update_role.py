"""`MemberUpdateRole`: the values the spec allows."""

from typing import Literal

MemberUpdateRole = Literal["admin", "editor", "viewer"]

__all__ = ["MemberUpdateRole"]
