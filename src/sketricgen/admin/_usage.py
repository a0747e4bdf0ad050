"""`client.usage`: the Teamspace's plan and credit usage (`GET /usage`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sketricgen_admin_models import Usage as UsageReport

    from .._transport.core import OperationCall
    from ._calls import AdminCalls, Reader

__all__ = ["Usage"]


def _get() -> tuple[OperationCall, Reader, type[UsageReport]]:
    # Loaded on first use, off the event loop (`AdminCalls.ready`).
    from sketricgen_admin_lowlevel.api.usage import get_usage  # noqa: PLC0415
    from sketricgen_admin_models import Usage  # noqa: PLC0415

    return get_usage.build_request(), get_usage.parse_response, Usage


class Usage:
    """The plan and credit usage of the current period. `get` has a blocking twin `get_sync`."""

    def __init__(self, calls: AdminCalls) -> None:
        self._calls = calls

    async def get(self) -> UsageReport:
        """The plan, the period and the credits used, allowed and left (a `Usage` model)."""
        await self._calls.ready()
        return await self._calls.send(*_get())

    def get_sync(self) -> UsageReport:
        """The blocking twin of `get`."""
        return self._calls.send_sync(*_get())
