"""`TraceSpansType0Item`: an object described inline in the spec, a plain dict on the wire."""

from typing import Any

TraceSpansType0Item = dict[str, Any]

__all__ = ["TraceSpansType0Item"]
