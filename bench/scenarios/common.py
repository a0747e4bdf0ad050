"""What every scenario gets: where the server is, the files, and the SDK client factory."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from .. import wire
from ..probe import UnavailableError


@dataclass(frozen=True)
class Context:
    """One worker's view of the benchmark: the server's address and the upload files."""

    base_url: str
    file: str
    warm_file: str

    @property
    def upload_base_url(self) -> str:
        """Where the upload API lives on the benchmark server."""
        return self.base_url + wire.UPLOAD_PREFIX

    @property
    def run_url(self) -> str:
        """The run-workflow endpoint, for the plain-httpx baselines."""
        return self.base_url + "/api/v1/run-workflow"


def run_body(agent_id: str, *, stream: bool) -> dict[str, Any]:
    """The run-workflow body a baseline sends (the same the SDK builds)."""
    return {"agent_id": agent_id, "user_input": "Hello, how are you?", "stream": stream}


def httpx_headers(*, upload: bool = False) -> dict[str, str]:
    """The key header a baseline sends to the chat or upload API."""
    return {"X-API-KEY" if upload else "API-KEY": wire.API_KEY}


def sdk_client(ctx: Context) -> Any:
    """A `SketricGenClient` aimed at the benchmark server, or `UnavailableError`."""
    try:
        from sketricgen import SketricGenClient  # noqa: PLC0415 - baselines never import it
    except ImportError as exc:
        raise UnavailableError(f"sketricgen exports no SketricGenClient yet ({exc})") from None
    return SketricGenClient(
        api_key=wire.API_KEY, base_url=ctx.base_url, upload_base_url=ctx.upload_base_url
    )


def unsupported(exc: BaseException) -> bool:
    """True if `exc` is the SDK saying a feature is not built yet (not a failure of it)."""
    if isinstance(exc, (NotImplementedError, TypeError)):
        return True
    field = getattr(exc, "field", None)
    return field in ("stream", "file_paths") and "not supported" in str(exc)


def check_count(side: str, got: int, expected: int) -> None:
    """Fail the measurement when a side did not deliver every event."""
    if got != expected:
        raise RuntimeError(f"{side}: {got} events delivered, {expected} sent")


def loads(data: str) -> Any:
    """Parse one event's JSON, as user code does."""
    return json.loads(data)
