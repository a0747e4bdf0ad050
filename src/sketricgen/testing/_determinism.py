"""Seeded ids and a virtual clock, so that a run gives the same bytes every time."""

from __future__ import annotations

import random
import uuid
from datetime import datetime, timedelta, timezone

__all__ = ["DEFAULT_START_TIME", "Determinism", "iso"]

DEFAULT_START_TIME = datetime(2025, 1, 1, tzinfo=timezone.utc)
"""Where the emulator's clock starts unless told otherwise."""


def iso(moment: datetime) -> str:
    """ISO 8601 in UTC with milliseconds and a `Z`, as AWS writes it."""
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"


class Determinism:
    """Ids drawn from a seeded generator and a clock that moves only when told.

    The clock advances by one millisecond per event timestamp handed out, so
    events of a run carry increasing timestamps; `advance` moves it further
    (to expire an upload policy without waiting). Not thread-safe: callers hold
    the emulator's lock.
    """

    def __init__(self, seed: int, start: datetime) -> None:
        self._seed = seed
        self._start = start
        self.reset()

    def reset(self) -> None:
        """Back to the seed's first id and the start time."""
        self._random = random.Random(self._seed)
        self._now = self._start

    def uuid(self) -> str:
        """A version-4 UUID string."""
        return str(uuid.UUID(int=self._random.getrandbits(128), version=4))

    def token(self, prefix: str, hex_digits: int = 24) -> str:
        """`prefix` and random hex digits, e.g. `call_1f3a...`."""
        return f"{prefix}{self._random.getrandbits(hex_digits * 4):0{hex_digits}x}"

    def now(self) -> datetime:
        """The virtual time."""
        return self._now

    def advance(self, seconds: float) -> None:
        """Move the virtual time forward."""
        self._now += timedelta(seconds=seconds)

    def timestamp_ms(self) -> int:
        """The virtual time in epoch milliseconds, then one millisecond later."""
        stamp = int(self._now.timestamp() * 1000)
        self._now += timedelta(milliseconds=1)
        return stamp
