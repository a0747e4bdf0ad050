"""`DataSource`: the wire model `sketricgen_admin_models.DataSource`."""

from sketricgen_admin_models import DataSource as DataSource

__all__ = ["DataSource"]
