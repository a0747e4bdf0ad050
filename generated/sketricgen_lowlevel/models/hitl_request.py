"""`HitlRequest`: the wire model `sketricgen_models.HitlRequest`."""

from sketricgen_models import HitlRequest as HitlRequest

__all__ = ["HitlRequest"]
