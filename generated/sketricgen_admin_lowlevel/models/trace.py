"""`Trace`: the wire model `sketricgen_admin_models.Trace`."""

from sketricgen_admin_models import Trace as Trace

__all__ = ["Trace"]
