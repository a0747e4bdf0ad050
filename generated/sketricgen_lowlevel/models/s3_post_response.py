"""`S3PostResponse`: the wire model `sketricgen_models.S3PostResponse`."""

from sketricgen_models import S3PostResponse as S3PostResponse

__all__ = ["S3PostResponse"]
