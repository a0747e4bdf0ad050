"""`UploadFailureBody`: the wire model `sketricgen_models.UploadFailureBody`."""

from sketricgen_models import UploadFailureBody as UploadFailureBody

__all__ = ["UploadFailureBody"]
