"""A local emulator of the SketricGen service, for tests (install `sketricgen[testing]`).

It serves, on one loopback port, the chat API (`POST /api/v1/run-workflow`:
`201` JSON or a `200` stream of AG-UI events), the upload API (`/dev/
publicAssetsUploadInit`, `/dev/publicAssetsUploadComplete`) and a presigned
storage target that checks uploads the way S3 checks a presigned POST. It
validates as the service does (API keys per host, agents, lengths,
conversations, assets, HITL resumes) and can misbehave on demand::

    from sketricgen.testing import AgentScript, Emulator, Fault

    with Emulator(seed=0) as emu:
        emu.add_agent("agent-x", AgentScript().text("Hello there!"))
        emu.add_fault(Fault.status(503, times=2, retry_after=1), agent_id="agent-x")
        ...  # call emu.base_url / emu.upload_base_url with emu.api_key
        assert [r.status for r in emu.requests_to("run")] == [503, 503, 201]

Public names:

- `Emulator(seed=0, key_case="snake", api_key=DEFAULT_API_KEY, port=0, ...)`:
  `base_url`, `run_url`, `upload_base_url`, `storage_url`, `api_key`;
  `add_agent`, `add_fault`, `clear_faults`, `gate_before`, `advance_clock`,
  `reset`; `wait_for(predicate, timeout)`; `requests`, `requests_to(...)`,
  `key_leaks`, `uploads`, `runs`, `conversation_ids`, `open_connections`,
  `connections_opened`; the Admin API at `admin_base_url` (`Authorization:
  Bearer <api_key>`), its state through `admin` (an `AdminControl`:
  `add_key`, `add_agents`, `downgrade_plan`, `short_pages`, `advance_job`, ...).
- `AgentScript`: chainable steps (`text`, `tool_call`, `step`, `reasoning`,
  `custom`, `event`, `frame`, `asset`, `error`, `hitl`, `out_of_credits`, `wait`);
  `Turn` is what script callables receive. Built-in agents: `demo-agent`,
  `agent-123`, `hitl-agent`, `error-agent`, `out-of-credits-agent`.
- `Fault`: `status`, `html_page`, `close_before_answer`, `reset_after`,
  `disconnect_after`, `stall`, `truncate`, `bad_json`, `heartbeat`,
  `line_endings`, `sse_fields`, `bom`, `trickle`, `reorder`, `s3_error`,
  `expired_policy`, `max_file_bytes`. In force per agent (or for all) with
  `Emulator.add_fault`, or for one request with the header
  `X-Emulator-Fault: status(503, times=2); heartbeat()` (`Fault.header(...)`
  writes it; `times` then counts requests carrying the same header).
- `Gate`: holds a run until a test opens it (no sleeps needed).
- Records: `RecordedRequest`, `RecordedRun`, `StoredUpload`, `ActiveFault`.
- Request header `X-Emulator-Key-Case: camel` picks camelCase event keys
  for one request.

pytest fixtures (plugin `sketricgen.testing.pytest_plugin`, registered on
install): `sketricgen_emulator` (one server per session, reset for each
test) and `sketricgen_emulator_factory` (`factory(**Emulator options)`,
stopped after the test). Run one by hand: `python -m sketricgen.testing --port 8765`.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ._admin_control import AdminControl
    from ._emulator import DEFAULT_API_KEY, Emulator
    from ._faults import FAULT_HEADER, ActiveFault, Fault
    from ._records import RecordedRequest, RecordedRun, StoredUpload
    from ._scripts import (
        DEMO_AGENT_ID,
        ECHO_AGENT_ID,
        ERROR_AGENT_ID,
        HITL_AGENT_ID,
        OUT_OF_CREDITS_AGENT_ID,
        AgentScript,
        Gate,
        Turn,
    )
    from ._wire import KEY_CASE_HEADER

__all__ = [
    "DEFAULT_API_KEY",
    "DEMO_AGENT_ID",
    "ECHO_AGENT_ID",
    "ERROR_AGENT_ID",
    "FAULT_HEADER",
    "HITL_AGENT_ID",
    "KEY_CASE_HEADER",
    "OUT_OF_CREDITS_AGENT_ID",
    "ActiveFault",
    "AdminControl",
    "AgentScript",
    "Emulator",
    "Fault",
    "Gate",
    "RecordedRequest",
    "RecordedRun",
    "StoredUpload",
    "Turn",
]

# Imported on first use, so that the pytest plugin (and `Fault`, `AgentScript`)
# load without the server's dependencies.
_HOMES = {
    "DEMO_AGENT_ID": "_scripts", "ECHO_AGENT_ID": "_scripts", "ERROR_AGENT_ID": "_scripts",
    "HITL_AGENT_ID": "_scripts", "OUT_OF_CREDITS_AGENT_ID": "_scripts",
    "AgentScript": "_scripts", "Gate": "_scripts", "Turn": "_scripts",
    "DEFAULT_API_KEY": "_emulator", "Emulator": "_emulator",
    "FAULT_HEADER": "_faults", "ActiveFault": "_faults", "Fault": "_faults",
    "RecordedRequest": "_records", "RecordedRun": "_records", "StoredUpload": "_records",
    "KEY_CASE_HEADER": "_wire", "AdminControl": "_admin_control",
}  # fmt: skip
_EXTRA_MODULES = frozenset({"starlette", "uvicorn", "python_multipart", "h11"})


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    try:
        module = importlib.import_module(f"{__name__}.{home}")
    except ModuleNotFoundError as exc:
        if (exc.name or "").split(".")[0] in _EXTRA_MODULES:
            raise ModuleNotFoundError(
                "sketricgen.testing needs the 'testing' extra: pip install 'sketricgen[testing]'",
                name=exc.name,
            ) from exc
        raise
    value = getattr(module, name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
