"""What the command writes: the reply on stdout, everything else on stderr, and its exit codes.

Standard library only: the command's entry point loads it before the SDK.
"""

from __future__ import annotations

from typing import Optional, TextIO

__all__ = [
    "EXIT_BROKEN_PIPE",
    "EXIT_ERROR",
    "EXIT_INTERRUPTED",
    "EXIT_OK",
    "EXIT_USAGE",
    "Console",
]

EXIT_OK = 0
EXIT_ERROR = 1  # the service, the network or the run failed
EXIT_USAGE = 2  # an argument or setting is wrong
EXIT_INTERRUPTED = 130  # Ctrl-C (128 + SIGINT)
EXIT_BROKEN_PIPE = 141  # stdout's reader went away (128 + SIGPIPE)


class Console:
    """The command's two streams; keeps every note on a line of its own, with no blank lines.

    Text written with `text()` may stop mid-line (a reply streaming in); a
    progress bar redraws one line of stderr. Before a note goes to stderr,
    an open text line is ended on stdout and an open bar on stderr.
    `conversation_id` is the conversation the run belongs to, once known.
    """

    def __init__(self, out: TextIO, err: TextIO) -> None:
        self.out = out
        self.err = err
        self.conversation_id: Optional[str] = None
        self._text_open = False  # stdout's last line has no newline yet
        self._bar_width = 0  # characters of the bar drawn on stderr's current line, if any

    def err_is_terminal(self) -> bool:
        """Whether stderr is a terminal (where a progress bar may be drawn)."""
        try:
            return bool(self.err.isatty())
        except (AttributeError, ValueError):
            return False

    def text(self, chunk: str) -> None:
        """Write part of the reply to stdout as it arrives."""
        if not chunk:
            return
        self.out.write(chunk)
        self.out.flush()
        self._text_open = not chunk.endswith("\n")

    def line(self, text: str) -> None:
        """Write one whole line to stdout."""
        self.end_text()
        self.out.write(text + "\n")
        self.out.flush()

    def end_text(self) -> None:
        """End the reply's current line on stdout, if it is open."""
        if self._text_open:
            self._text_open = False
            self.out.write("\n")
            self.out.flush()

    def note(self, text: str) -> None:
        """Write one line to stderr."""
        self.end_text()
        self.end_bar()
        self.err.write(text + "\n")
        self.err.flush()

    def error(self, message: str) -> None:
        """Report a failure on stderr, as one `error: ...` line."""
        self.note(f"error: {message}")

    def bar(self, text: str) -> None:
        """Draw (or redraw) the progress line on stderr."""
        self.end_text()
        padding = " " * max(0, self._bar_width - len(text))
        self.err.write("\r" + text + padding)
        self.err.flush()
        self._bar_width = len(text)

    def end_bar(self) -> None:
        """Leave the progress line as drawn and go to the next line."""
        if self._bar_width:
            self._bar_width = 0
            self.err.write("\n")
            self.err.flush()

    def interrupted(self) -> None:
        """Say that Ctrl-C stopped the command, and which conversation to continue."""
        self.note("interrupted")
        if self.conversation_id:
            self.note(f"conversation_id: {self.conversation_id}")
