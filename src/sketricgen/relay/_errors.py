"""The one error the relay answers a request with, before anything reaches SketricGen."""

from __future__ import annotations

from .._exceptions import SketricGenValidationError

__all__ = ["RelayRequestError"]


class RelayRequestError(SketricGenValidationError):
    """A request the relay refuses: answered with `status_code` and JSON `{error, message}`.

    `code` is machine-readable (`invalid_json`, `invalid_input`, `forbidden`,
    ...). Hooks may raise it to refuse a request with their own status.
    """

    def __init__(
        self, message: str, *, status_code: int = 400, code: str = "invalid_input"
    ) -> None:
        super().__init__(message)
        self.status_code = status_code
        self.code = code
