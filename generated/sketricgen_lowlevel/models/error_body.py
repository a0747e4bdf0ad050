"""`ErrorBody`: the wire model `sketricgen_models.ErrorBody`."""

from sketricgen_models import ErrorBody as ErrorBody

__all__ = ["ErrorBody"]
