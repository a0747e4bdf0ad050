"""`UploadCompleteResponse`: the wire model `sketricgen_models.UploadCompleteResponse`."""

from sketricgen_models import UploadCompleteResponse as UploadCompleteResponse

__all__ = ["UploadCompleteResponse"]
