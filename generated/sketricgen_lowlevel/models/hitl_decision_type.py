"""`HitlDecisionType`: the values the spec allows."""

from typing import Literal

HitlDecisionType = Literal["approve", "reject", "respond"]

__all__ = ["HitlDecisionType"]
