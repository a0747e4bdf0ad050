"""The `sketricgen` command: run a workflow from a terminal, or serve the local emulator.

    sketricgen run AGENT_ID "message" [--no-stream] [-f FILE]... [--json] ...
    sketricgen emulator [--host 127.0.0.1] [--port 8787]
    sketricgen relay --agent AGENT [--port 8788] [--emulator]
    sketricgen whoami | usage | agents list|get | conversations list|get  [--json] ...

Exit codes: 0 success; 1 an API, network or run error (one line on stderr, no
traceback); 2 a usage error; 130 interrupted (Ctrl-C), after closing the
stream; 141 the reader of stdout went away (`| head`), quietly, like a
program killed by SIGPIPE.

This module imports little at the top, and the SDK only inside `main`, so
that a Ctrl-C while the command loads is handled like any other.
"""

from __future__ import annotations

import os
import signal
import sys
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Callable, Optional, TextIO

from .admin_args import ADMIN_COMMANDS, add_admin_commands
from .output import EXIT_BROKEN_PIPE, EXIT_INTERRUPTED, Console

if TYPE_CHECKING:
    import argparse

__all__ = ["main"]


def _parser() -> argparse.ArgumentParser:
    import argparse  # noqa: PLC0415 (loaded once Ctrl-C is handled: see the module's docstring)

    parser = argparse.ArgumentParser(
        prog="sketricgen", description="Run SketricGen agent workflows from the command line."
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    commands.required = True

    run = commands.add_parser(
        "run",
        help="send a message to an agent and print its reply as it streams",
        description=(
            "Send a message to an agent. The reply streams to stdout; tool calls, steps, "
            "upload progress and the conversation id go to stderr. Settings not given as "
            "options come from SKETRICGEN_API_KEY, SKETRICGEN_BASE_URL, "
            "SKETRICGEN_UPLOAD_BASE_URL, SKETRICGEN_TIMEOUT and SKETRICGEN_MAX_RETRIES."
        ),
    )
    run.add_argument("agent_id", metavar="AGENT_ID")
    run.add_argument("message", metavar="MESSAGE")
    run.add_argument("--no-stream", action="store_true", help="wait for the whole reply")
    run.add_argument(
        "-f", "--file", dest="files", action="append", default=[], metavar="FILE",
        help="attach a file (repeatable)",
    )  # fmt: skip
    run.add_argument("--conversation-id", metavar="ID", help="continue this conversation")
    run.add_argument("--contact-id", metavar="ID", help="your id for the end user")
    run.add_argument(
        "--json", action="store_true",
        help="print each event (or the whole answer with --no-stream) as one JSON line",
    )  # fmt: skip
    run.add_argument("--api-key", help="API key (default: $SKETRICGEN_API_KEY)")
    run.add_argument(
        "--timeout", metavar="SECONDS",
        help="longest wait for the service, and between two reads of a stream "
        "(default: $SKETRICGEN_TIMEOUT, else 300)",
    )  # fmt: skip
    run.add_argument(
        "--max-retries", metavar="N",
        help="extra attempts where a retry is safe (default: $SKETRICGEN_MAX_RETRIES, else 3)",
    )  # fmt: skip
    run.add_argument(
        "--base-url", metavar="URL",
        help="chat API host (default: $SKETRICGEN_BASE_URL, else SketricGen's)",
    )  # fmt: skip
    run.add_argument(
        "--upload-base-url", metavar="URL",
        help="upload API host (default: $SKETRICGEN_UPLOAD_BASE_URL, else SketricGen's)",
    )  # fmt: skip

    emulator = commands.add_parser(
        "emulator",
        help="serve the local emulator of the service (needs sketricgen[testing])",
        description=(
            "Serve the local SketricGen emulator with its demo agents until Ctrl-C. It "
            "prints `export` lines to paste into a shell."
        ),
    )
    emulator.add_argument("--host", default="127.0.0.1", help="address to listen on")
    emulator.add_argument("--port", type=int, default=8787, help="port (0: any free one)")
    emulator.add_argument(
        "--pace", type=float, default=0.0, metavar="SECONDS",
        help="wait this long before each streamed event, to watch a reply arrive",
    )  # fmt: skip
    relay = commands.add_parser(
        "relay",
        help="serve an agent as an AG-UI endpoint with a chat page (needs sketricgen[relay])",
        description="Serve the chat page (GET /) and the AG-UI relay (POST /agent) until Ctrl-C.",
    )
    relay.add_argument("--agent", required=True, metavar="AGENT", help="the agent to serve")
    relay.add_argument("--host", default="127.0.0.1", help="address to listen on")
    relay.add_argument("--port", type=int, default=8788, help="port (0: any free one)")
    relay.add_argument(
        "--allow", action="append", default=[], metavar="AGENT",
        help="another agent the page may pick with forwardedProps.agentId (repeatable)",
    )  # fmt: skip
    relay.add_argument(
        "--emulator", action="store_true",
        help="serve a local emulator's agents (needs sketricgen[testing]); no key needed",
    )  # fmt: skip
    relay.add_argument(
        "--pace", type=float, default=0.05, metavar="SECONDS",
        help="with --emulator: the wait before each event, to watch a reply arrive",
    )  # fmt: skip
    add_admin_commands(commands)
    return parser


def main(argv: Optional[Sequence[str]] = None) -> int:
    """Run the command line; returns the exit code."""
    console: Optional[Console] = None
    try:
        options = _parser().parse_args(argv)
        console = Console(sys.stdout, sys.stderr)
        if options.command == "emulator":
            return _serve_emulator(options.host, options.port, options.pace)
        if options.command == "relay":
            from ..relay._command import relay_command  # noqa: PLC0415 (the relay extra)

            return relay_command(options)
        if options.command in ADMIN_COMMANDS:
            from .admin import admin_command  # noqa: PLC0415 (imports the SDK)

            return admin_command(options, console)
        from .run import run_command  # noqa: PLC0415 (imports the SDK)

        return run_command(options, console)
    except KeyboardInterrupt:
        with _ignoring_interrupts():
            _report(console.interrupted if console else _interrupted, sys.stdout, sys.stderr)
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        _silence_broken(sys.stdout, sys.stderr)
        return EXIT_BROKEN_PIPE


def _interrupted() -> None:
    sys.stderr.write("interrupted\n")
    sys.stderr.flush()


@contextmanager
def _ignoring_interrupts() -> Iterator[None]:
    """Ignore Ctrl-C while the interruption is reported (a second press must not show a trace)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


def _report(say: Callable[[], None], *streams: TextIO) -> None:
    """Call `say()`; if the terminal or pipe is gone, say nothing."""
    try:
        say()
    except (BrokenPipeError, ValueError):  # ValueError: the stream was closed
        _silence_broken(*streams)


def _silence_broken(*streams: TextIO) -> None:
    """Point streams whose reader went away at /dev/null, so that exiting flushes quietly.

    What Python's documentation advises for SIGPIPE: a failed flush would
    otherwise print an "Exception ignored" message at exit.
    """
    for stream in streams:
        try:
            stream.flush()
            continue
        except (BrokenPipeError, ValueError):
            pass
        try:
            fd = stream.fileno()
        except (AttributeError, OSError, ValueError):
            continue
        devnull = os.open(os.devnull, os.O_WRONLY)
        try:
            os.dup2(devnull, fd)
        finally:
            os.close(devnull)


def _serve_emulator(host: str, port: int, pace: float) -> int:
    from ..testing.__main__ import main as serve  # noqa: PLC0415 (imports only the stdlib)

    return serve(
        ["--host", host, "--port", str(port), "--pace", str(pace)], prog="sketricgen emulator"
    )


if __name__ == "__main__":
    sys.exit(main())
