"""`DataSourceDeletion`: the wire model `sketricgen_admin_models.DataSourceDeletion`."""

from sketricgen_admin_models import DataSourceDeletion as DataSourceDeletion

__all__ = ["DataSourceDeletion"]
