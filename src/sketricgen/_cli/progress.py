"""The upload progress bar of `sketricgen run -f`: drawn on stderr, only when it is a terminal."""

from __future__ import annotations

from .output import Console

__all__ = ["UploadProgress"]

_WIDTH = 24  # cells of the bar
_NAME = 32  # characters of the file name shown


class UploadProgress:
    """`on_progress(bytes_sent, total)` for one file: redraws its bar when the percentage moves.

    Does nothing when stderr is not a terminal (a log file or a pipe gets no
    carriage returns). `done()` leaves the finished bar on its own line.
    """

    def __init__(self, console: Console, file_name: str) -> None:
        self._console = console
        self._name = file_name if len(file_name) <= _NAME else file_name[: _NAME - 1] + "…"
        self._enabled = console.err_is_terminal()
        self._shown = -1  # the percentage on screen

    def __call__(self, sent: int, total: int) -> None:
        if not self._enabled:
            return
        percent = min(100, sent * 100 // total) if total > 0 else 100
        if percent == self._shown:
            return
        self._shown = percent
        filled = percent * _WIDTH // 100
        self._console.bar(
            f"uploading {self._name} [{'#' * filled}{'.' * (_WIDTH - filled)}] {percent:3d}% "
            f"{_size(sent)} / {_size(total)}"
        )

    def done(self) -> None:
        """The file is uploaded: end the bar's line."""
        self._console.end_bar()


def _size(count: int) -> str:
    if count < 1024:
        return f"{count} B"
    if count < 1024 * 1024:
        return f"{count / 1024:.1f} KB"
    return f"{count / (1024 * 1024):.1f} MB"
