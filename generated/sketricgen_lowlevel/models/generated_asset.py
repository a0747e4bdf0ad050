"""`GeneratedAsset`: the wire model `sketricgen_models.GeneratedAsset`."""

from sketricgen_models import GeneratedAsset as GeneratedAsset

__all__ = ["GeneratedAsset"]
