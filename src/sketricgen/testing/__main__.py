"""`python -m sketricgen.testing --port 8765`: run the emulator until interrupted."""

from __future__ import annotations

import argparse
import contextlib
import sys
import threading
from typing import Optional

from . import DEFAULT_API_KEY, Emulator


def main(argv: Optional[list[str]] = None) -> int:
    """Serve until Ctrl-C (or SIGTERM); prints the URLs and the key first."""
    parser = argparse.ArgumentParser(
        prog="python -m sketricgen.testing", description="Run the local SketricGen emulator."
    )
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on")
    parser.add_argument("--port", type=int, default=8765, help="port (0: any free one)")
    parser.add_argument("--api-key", default=DEFAULT_API_KEY, help="API key to accept")
    parser.add_argument("--seed", type=int, default=0, help="seed of ids")
    parser.add_argument("--key-case", choices=("snake", "camel"), default="snake")
    parser.add_argument(
        "--pace", type=float, default=0.0, metavar="SECONDS",
        help="wait this long before each streamed event, to watch a reply arrive",
    )  # fmt: skip
    options = parser.parse_args(argv)

    emulator = Emulator(
        host=options.host, port=options.port, api_key=options.api_key, seed=options.seed,
        key_case=options.key_case, pace=options.pace,
    )  # fmt: skip
    with emulator:
        print(f"SKETRICGEN_BASE_URL={emulator.base_url}")
        print(f"SKETRICGEN_UPLOAD_BASE_URL={emulator.upload_base_url}")
        print(f"SKETRICGEN_API_KEY={emulator.api_key}")
        print("agents: demo-agent, agent-123, hitl-agent, error-agent; Ctrl-C stops", flush=True)
        with contextlib.suppress(KeyboardInterrupt):
            threading.Event().wait()
    return 0


if __name__ == "__main__":
    sys.exit(main())
