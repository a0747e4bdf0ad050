"""`DataSourceList`: the wire model `sketricgen_admin_models.DataSourceList`."""

from sketricgen_admin_models import DataSourceList as DataSourceList

__all__ = ["DataSourceList"]
