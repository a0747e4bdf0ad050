"""The request an operation's `build_request` returns, for the caller to send."""

from collections.abc import Mapping
from typing import Any, NamedTuple, Optional
from urllib.parse import urlencode


class OperationRequest(NamedTuple):
    """One HTTP request, without I/O: `path` is relative to the API's base URL."""

    method: str
    path: str
    headers: Mapping[str, str]
    params: Mapping[str, Any]
    json: Optional[Any] = None

    @property
    def url(self) -> str:
        """`path` followed by `params` as its query string (booleans as `true`/`false`)."""
        if not self.params:
            return self.path
        query = {
            k: str(v).lower() if isinstance(v, bool) else v
            for k, v in self.params.items()
        }
        return f"{self.path}?{urlencode(query, doseq=True)}"


__all__ = ["OperationRequest"]
