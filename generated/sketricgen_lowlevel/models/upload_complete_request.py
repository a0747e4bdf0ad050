"""`UploadCompleteRequest`: the wire model `sketricgen_models.UploadCompleteRequest`."""

from sketricgen_models import UploadCompleteRequest as UploadCompleteRequest

__all__ = ["UploadCompleteRequest"]
