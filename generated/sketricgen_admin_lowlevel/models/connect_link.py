"""`ConnectLink`: the wire model `sketricgen_admin_models.ConnectLink`."""

from sketricgen_admin_models import ConnectLink as ConnectLink

__all__ = ["ConnectLink"]
