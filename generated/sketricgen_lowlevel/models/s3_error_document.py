"""`S3ErrorDocument`: the wire model `sketricgen_models.S3ErrorDocument`."""

from sketricgen_models import S3ErrorDocument as S3ErrorDocument

__all__ = ["S3ErrorDocument"]
