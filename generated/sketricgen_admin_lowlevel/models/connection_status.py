"""`ConnectionStatus`: the wire model `sketricgen_admin_models.ConnectionStatus`."""

from sketricgen_admin_models import ConnectionStatus as ConnectionStatus

__all__ = ["ConnectionStatus"]
