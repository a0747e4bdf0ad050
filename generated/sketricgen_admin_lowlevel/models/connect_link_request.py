"""`ConnectLinkRequest`: the wire model `sketricgen_admin_models.ConnectLinkRequest`."""

from sketricgen_admin_models import ConnectLinkRequest as ConnectLinkRequest

__all__ = ["ConnectLinkRequest"]
