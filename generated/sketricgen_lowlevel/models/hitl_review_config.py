"""`HitlReviewConfig`: the wire model `sketricgen_models.HitlReviewConfig`."""

from sketricgen_models import HitlReviewConfig as HitlReviewConfig

__all__ = ["HitlReviewConfig"]
