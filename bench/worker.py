"""One measurement in a fresh process: ``python -m bench.worker VARIANT SIDE ...``.

Prints one JSON line: ``{"status": "ok", "metrics": {...}}`` or
``{"status": "unavailable", "reason": "..."}``. A failure exits non-zero.
"""

from __future__ import annotations

import argparse
import asyncio
import importlib
import inspect
import json
from typing import Any

from .probe import Probe, UnavailableError
from .scenarios import variant
from .scenarios.common import Context


def measure(args: argparse.Namespace) -> dict[str, Any]:
    """Run the variant's function for one side and gather what it and the probe measured."""
    chosen = variant(args.variant)
    module = importlib.import_module(f"bench.scenarios.{chosen.module}")
    function = getattr(module, chosen.function(args.side))
    ctx = Context(base_url=args.base_url, file=args.file, warm_file=args.warm_file)
    probe = Probe(args.server_pid, args.profile)
    try:
        if inspect.iscoroutinefunction(function):
            metrics = asyncio.run(function(ctx, probe, **chosen.params))
        else:
            metrics = function(ctx, probe, **chosen.params)
    except UnavailableError as exc:
        return {"status": "unavailable", "reason": str(exc)}
    return {"status": "ok", "metrics": {**probe.results, **metrics}}


def main() -> None:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("variant")
    parser.add_argument("side", choices=("sdk", "httpx"))
    parser.add_argument("--base-url", required=True)
    parser.add_argument("--server-pid", type=int, required=True)
    parser.add_argument("--file", required=True)
    parser.add_argument("--warm-file", required=True)
    parser.add_argument("--profile", help="write a pyinstrument profile of the timed section")
    print(json.dumps(measure(parser.parse_args())), flush=True)


if __name__ == "__main__":
    main()
