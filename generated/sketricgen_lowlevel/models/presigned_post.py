"""`PresignedPost`: the wire model `sketricgen_models.PresignedPost`."""

from sketricgen_models import PresignedPost as PresignedPost

__all__ = ["PresignedPost"]
