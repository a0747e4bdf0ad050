"""`UploadInitRequest`: the wire model `sketricgen_models.UploadInitRequest`."""

from sketricgen_models import UploadInitRequest as UploadInitRequest

__all__ = ["UploadInitRequest"]
