"""The SDK's logger, and `SKETRICGEN_LOG` for people who do not configure logging.

Nothing the SDK logs carries the API key: lines name the method, the URL
without its query, the status and the attempt, never headers or bodies.
"""

from __future__ import annotations

import logging
import os

__all__ = ["LOG_VARIABLE", "configure_from_env", "logger"]

logger = logging.getLogger("sketricgen")
LOG_VARIABLE = "SKETRICGEN_LOG"
"""The environment variable that turns the SDK's log on (`debug` or `info`)."""

_LEVELS = {"debug": logging.DEBUG, "info": logging.INFO}
_MARK = "_sketricgen_env_handler"


def configure_from_env() -> None:
    """With `SKETRICGEN_LOG=debug|info`, log to stderr at that level (once per process)."""
    level = _LEVELS.get(os.environ.get(LOG_VARIABLE, "").strip().lower())
    if level is None:
        return
    logger.setLevel(level)
    if any(getattr(handler, _MARK, False) for handler in logger.handlers):
        return
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(name)s %(levelname)s %(message)s"))
    setattr(handler, _MARK, True)
    logger.addHandler(handler)
