"""`HitlRequestStatus`: the values the spec allows."""

from typing import Literal

HitlRequestStatus = Literal["pending", "resolved", "resuming", "superseded"]

__all__ = ["HitlRequestStatus"]
