"""`HitlDecision`: the wire model `sketricgen_models.HitlDecision`."""

from sketricgen_models import HitlDecision as HitlDecision

__all__ = ["HitlDecision"]
