"""`RunWorkflowRequest`: the wire model `sketricgen_models.RunWorkflowRequest`."""

from sketricgen_models import RunWorkflowRequest as RunWorkflowRequest

__all__ = ["RunWorkflowRequest"]
