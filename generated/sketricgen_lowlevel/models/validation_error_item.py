"""`ValidationErrorItem`: the wire model `sketricgen_models.ValidationErrorItem`."""

from sketricgen_models import ValidationErrorItem as ValidationErrorItem

__all__ = ["ValidationErrorItem"]
