"""`HitlActionRequest`: the wire model `sketricgen_models.HitlActionRequest`."""

from sketricgen_models import HitlActionRequest as HitlActionRequest

__all__ = ["HitlActionRequest"]
