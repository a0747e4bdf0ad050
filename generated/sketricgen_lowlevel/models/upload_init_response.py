"""`UploadInitResponse`: the wire model `sketricgen_models.UploadInitResponse`."""

from sketricgen_models import UploadInitResponse as UploadInitResponse

__all__ = ["UploadInitResponse"]
