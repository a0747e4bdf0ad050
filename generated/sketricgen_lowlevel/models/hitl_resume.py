"""`HitlResume`: the wire model `sketricgen_models.HitlResume`."""

from sketricgen_models import HitlResume as HitlResume

__all__ = ["HitlResume"]
