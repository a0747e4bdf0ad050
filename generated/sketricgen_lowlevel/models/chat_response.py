"""`ChatResponse`: the wire model `sketricgen_models.ChatResponse`."""

from sketricgen_models import ChatResponse as ChatResponse

__all__ = ["ChatResponse"]
