"""`JobStatus`: the wire model `sketricgen_admin_models.JobStatus`."""

from sketricgen_admin_models import JobStatus as JobStatus

__all__ = ["JobStatus"]
