"""The operations of openapi/sketricgen-admin.yaml, without I/O.

`api.<tag>.<operation>.build_request(...)` gives the request to send;
`api.<tag>.<operation>.parse_response(status_code, content)` reads its answer.
"""

from .errors import UnexpectedStatus
from .types import OperationRequest

__all__ = ["OperationRequest", "UnexpectedStatus"]
