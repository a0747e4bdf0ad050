"""`python -m sketricgen.testing --port 8765`: run the emulator until interrupted.

It prints `export NAME=value` lines (values shell-quoted) to paste into a
shell, then logs one line on stderr for each client that leaves before its
answer was complete. Without the `testing` extra it says how to install it,
once, and exits 1.
"""

from __future__ import annotations

import argparse
import logging
import shlex
import signal
import sys
import threading
from types import FrameType
from typing import Optional

INSTALL_HINT = "the emulator needs the 'testing' extra: pip install 'sketricgen[testing]'"
_EXTRA_MODULES = frozenset({"starlette", "uvicorn", "python_multipart", "multipart"})


def main(argv: Optional[list[str]] = None, *, prog: str = "python -m sketricgen.testing") -> int:
    """Serve until Ctrl-C (or SIGTERM); prints the settings to export and the agents first."""
    parser = argparse.ArgumentParser(prog=prog, description="Run the local SketricGen emulator.")
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on")
    parser.add_argument("--port", type=int, default=8765, help="port (0: any free one)")
    parser.add_argument("--api-key", help="API key to accept (default: the emulator's own)")
    parser.add_argument("--seed", type=int, default=0, help="seed of ids")
    parser.add_argument("--key-case", choices=("snake", "camel"), default="snake")
    parser.add_argument(
        "--pace", type=float, default=0.0, metavar="SECONDS",
        help="wait this long before each streamed event, to watch a reply arrive",
    )  # fmt: skip
    options = parser.parse_args(argv)
    try:
        from . import DEFAULT_API_KEY, Emulator  # noqa: PLC0415 (needs the extra)
        from ._scripts import builtin_agents  # noqa: PLC0415
    except ModuleNotFoundError as error:
        if (error.name or "").split(".")[0] not in _EXTRA_MODULES:
            raise
        sys.stderr.write(f"error: {INSTALL_HINT}\n")
        return 1

    _log_disconnects()
    _stop_on_sigterm()
    try:
        emulator = Emulator(
            host=options.host, port=options.port, api_key=options.api_key or DEFAULT_API_KEY,
            seed=options.seed, key_case=options.key_case, pace=options.pace,
        )  # fmt: skip
    except ValueError as error:
        parser.error(str(error))
    try:
        emulator.start()
    except OSError as error:
        sys.stderr.write(
            f"error: cannot listen on {options.host}:{options.port} "
            f"({error.strerror or error}); pick another --port (0: any free one)\n"
        )
        return 1
    except KeyboardInterrupt:
        emulator.stop()
        return 0
    try:
        print(_exports(emulator.base_url, emulator.upload_base_url, emulator.api_key))
        print(f"# admin base URL: {emulator.admin_base_url}")
        agents = ", ".join(builtin_agents())
        print(f"# agents: {agents}; Ctrl-C stops", flush=True)
        threading.Event().wait()
    except KeyboardInterrupt:
        pass
    finally:
        emulator.stop()
    return 0


def _exports(base_url: str, upload_base_url: str, api_key: str) -> str:
    """Lines a POSIX shell runs as they are, whatever the values hold."""
    settings = {
        "SKETRICGEN_BASE_URL": base_url,
        "SKETRICGEN_UPLOAD_BASE_URL": upload_base_url,
        "SKETRICGEN_API_KEY": api_key,
    }
    return "\n".join(f"export {name}={shlex.quote(value)}" for name, value in settings.items())


def _stop_on_sigterm() -> None:
    """SIGTERM stops the server as Ctrl-C does (closing connections), when it can be caught."""

    def interrupt(signum: int, frame: Optional[FrameType]) -> None:
        raise KeyboardInterrupt

    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, interrupt)


def _log_disconnects() -> None:
    """Show the emulator's own log lines (a client that left early) on stderr, one line each."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("emulator: %(message)s"))
    log = logging.getLogger("sketricgen.testing")
    log.addHandler(handler)
    log.setLevel(logging.INFO)
    log.propagate = False


if __name__ == "__main__":
    sys.exit(main())
