"""Running a test under a time zone far from UTC (the process-wide `TZ`, restored after)."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Optional

FAR_ZONES = ("America/Los_Angeles", "Asia/Kolkata")
"""UTC-8 (-7 in summer) and UTC+5:30: a date read as local time is off by hours."""


@contextmanager
def time_zone(zone: Optional[str]) -> Iterator[None]:
    """Set `TZ` to `zone` (None: leave the machine's) for the block, then restore it."""
    if zone is None:
        yield
        return
    saved = os.environ.get("TZ")
    os.environ["TZ"] = zone
    time.tzset()
    try:
        yield
    finally:
        if saved is None:
            del os.environ["TZ"]
        else:
            os.environ["TZ"] = saved
        time.tzset()
