"""`Usage`: the wire model `sketricgen_admin_models.Usage`."""

from sketricgen_admin_models import Usage as Usage

__all__ = ["Usage"]
