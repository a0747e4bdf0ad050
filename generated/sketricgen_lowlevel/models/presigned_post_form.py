"""`PresignedPostForm`: the wire model `sketricgen_models.PresignedPostForm`."""

from sketricgen_models import PresignedPostForm as PresignedPostForm

__all__ = ["PresignedPostForm"]
