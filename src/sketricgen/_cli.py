"""The `sketricgen` command: run a workflow from a terminal, or serve the local emulator.

    sketricgen run AGENT_ID "message" [--no-stream] [-f FILE]... [--json] ...
    sketricgen emulator [--host 127.0.0.1] [--port 8787]
    sketricgen relay --agent AGENT [--port 8788] [--emulator]

Exit codes: 0 success; 1 an API, network or run error (one line on stderr, no
traceback); 2 a usage error; 130 interrupted (Ctrl-C), after closing the
stream.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from typing import Any, Optional, TextIO

from sketricgen_models import (
    RunErrorEvent,
    RunPausedHitlEvent,
    RunStartedEvent,
    StepStartedEvent,
    TextMessageContentEvent,
    TextMessageEndEvent,
    ToolCallResultEvent,
    ToolCallStartEvent,
)
from sketricgen_models._base import WireModel

from ._client import SketricGenClient
from ._exceptions import (
    SketricGenAPIError,
    SketricGenError,
    SketricGenEventDecodeError,
    SketricGenValidationError,
)
from ._stream_event import StreamEvent

__all__ = ["main"]

EXIT_OK, EXIT_ERROR, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="sketricgen", description="Run SketricGen agent workflows from the command line."
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    commands.required = True

    run = commands.add_parser(
        "run",
        help="send a message to an agent and print its reply as it streams",
        description=(
            "Send a message to an agent. The reply streams to stdout; tool calls, steps "
            "and the conversation id go to stderr. The key comes from SKETRICGEN_API_KEY "
            "(or --api-key), the hosts from SKETRICGEN_BASE_URL and "
            "SKETRICGEN_UPLOAD_BASE_URL."
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

    emulator = commands.add_parser(
        "emulator",
        help="serve the local emulator of the service (needs sketricgen[testing])",
        description="Serve the local SketricGen emulator with its demo agents until Ctrl-C.",
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
    return parser


def main(argv: Optional[Sequence[str]] = None) -> int:
    """Run the command line; returns the exit code."""
    options = _parser().parse_args(argv)
    try:
        if options.command == "emulator":
            return _serve_emulator(options.host, options.port, options.pace)
        if options.command == "relay":
            from .relay._command import relay_command  # noqa: PLC0415 (the relay extra)

            return relay_command(options)
        return _run(options)
    except KeyboardInterrupt:
        sys.stderr.write("\ninterrupted\n")
        return EXIT_INTERRUPTED
    except SketricGenError as error:
        sys.stderr.write(f"\nerror: {error}\n")
        return EXIT_USAGE if _is_usage(error) else EXIT_ERROR


def _is_usage(error: SketricGenError) -> bool:
    """A setting or argument the user gave is wrong (not a refusal by the service)."""
    return isinstance(error, SketricGenValidationError) and not isinstance(
        error, SketricGenAPIError
    )


def _client(options: argparse.Namespace) -> SketricGenClient:
    overrides: dict[str, Any] = {}
    if options.api_key:
        overrides["api_key"] = options.api_key
    return SketricGenClient.from_env(**overrides)


def _run(options: argparse.Namespace) -> int:
    request: dict[str, Any] = {
        "agent_id": options.agent_id,
        "user_input": options.message,
        "conversation_id": options.conversation_id,
        "contact_id": options.contact_id,
        "file_paths": options.files or None,
    }
    with _client(options) as client:
        if options.no_stream:
            response = client.run_workflow_sync(**request)
            if options.json:
                _line(sys.stdout, response.model_dump_json())
            else:
                _line(sys.stdout, response.response)
            _line(sys.stderr, f"conversation_id: {response.conversation_id}")
            return EXIT_ERROR if response.error else EXIT_OK
        with client.run_workflow_sync(**request, stream=True) as stream:
            printer = _EventPrinter(sys.stdout, sys.stderr, as_json=options.json)
            for event in stream:
                printer.show(event)
            return printer.finish()


def _line(out: TextIO, text: str) -> None:
    out.write(text + "\n")
    out.flush()


class _EventPrinter:
    """Shows a run's events: its text on `out` as it arrives, the rest on `err`."""

    def __init__(self, out: TextIO, err: TextIO, *, as_json: bool) -> None:
        self._out = out
        self._err = err
        self._as_json = as_json
        self._conversation_id: Optional[str] = None
        self._error: Optional[str] = None
        self._mid_line = False  # the text on `out` does not end in a newline yet

    def show(self, event: StreamEvent) -> None:
        """Print one event (as a JSON line with --json) and remember how the run goes."""
        view = event.ag_ui
        if self._as_json:
            try:
                payload = event.json()
            except SketricGenEventDecodeError:
                payload = {"type": None, "data": event.data}
            _line(self._out, json.dumps(payload, ensure_ascii=False, separators=(",", ":")))
        if isinstance(view, RunStartedEvent):
            self._conversation_id = view.thread_id
        elif isinstance(view, RunErrorEvent):
            self._error = view.message
        if not self._as_json:
            self._render(view)

    def _render(self, view: WireModel) -> None:
        if isinstance(view, TextMessageContentEvent):
            self._out.write(view.delta)
            self._out.flush()
            self._mid_line = not view.delta.endswith("\n") if view.delta else self._mid_line
        elif isinstance(view, TextMessageEndEvent):
            self._end_text_line()
        elif isinstance(view, ToolCallStartEvent):
            self._note(f"[tool] {view.tool_call_name}")
        elif isinstance(view, ToolCallResultEvent):
            self._note(f"[tool result] {_short(view.content)}")
        elif isinstance(view, StepStartedEvent):
            self._note(f"[step] {view.step_name}")
        elif isinstance(view, RunPausedHitlEvent):
            self._note("[paused] the run waits for a human decision (hitl_resume)")

    def _end_text_line(self) -> None:
        if self._mid_line:
            self._out.write("\n")
            self._out.flush()
            self._mid_line = False

    def _note(self, text: str) -> None:
        self._end_text_line()
        _line(self._err, text)

    def finish(self) -> int:
        """Say how the run ended; the exit code."""
        self._end_text_line()
        if self._conversation_id:
            _line(self._err, f"conversation_id: {self._conversation_id}")
        if self._error is not None:
            _line(self._err, f"error: {self._error}")
            return EXIT_ERROR
        return EXIT_OK


def _short(value: Any, limit: int = 80) -> str:
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, default=str)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _serve_emulator(host: str, port: int, pace: float) -> int:
    try:
        from .testing.__main__ import main as serve  # noqa: PLC0415 (needs the extra)
    except ImportError as error:
        sys.stderr.write(
            "error: the emulator needs the testing extra: pip install 'sketricgen[testing]' "
            f"({error})\n"
        )
        return EXIT_ERROR
    return serve(["--host", host, "--port", str(port), "--pace", str(pace)])


if __name__ == "__main__":
    sys.exit(main())
