"""Per-host request pacing and concurrency."""

from __future__ import annotations

import threading
import time
from contextlib import contextmanager
from typing import Iterator


# Starts are spaced this much wider than 1/rate: a request's arrival at the server lags its
# start by a varying few milliseconds (connection set-up, scheduling), and without slack two
# starts exactly 1/rate apart can arrive closer than that and count as one too many.
PACING_MARGIN = 1.03


class HostLimiter:
    """Spaces request starts at least 1/rate seconds apart and caps requests in flight.

    Even spacing (no burst) means any one-second window holds at most `rate` starts,
    which is how Crossref and NCBI count. Retries take a turn too (see session.py).
    """

    def __init__(self, rate: float, concurrency: int) -> None:
        self.interval = PACING_MARGIN / rate
        self.requests = 0
        self._in_flight = threading.BoundedSemaphore(concurrency)
        # One thread at a time waits for the next start, and the start after it is counted
        # from the moment it really went: a thread that wakes late (busy interpreter) pushes
        # the next start back instead of leaving it a shorter gap.
        self._turn = threading.Lock()
        self._state = threading.Lock()
        self._next_start = time.monotonic()

    def wait_turn(self) -> None:
        with self._turn:
            while True:
                with self._state:
                    delay = self._next_start - time.monotonic()
                if delay <= 0:
                    break
                time.sleep(delay)  # again if a back-off came in meanwhile
            with self._state:
                self._next_start = time.monotonic() + self.interval
                self.requests += 1

    def hold_off(self, seconds: float) -> None:
        """Delay every later start on this host (the server asked us to back off)."""
        with self._state:
            self._next_start = max(self._next_start, time.monotonic() + seconds)

    @contextmanager
    def slot(self) -> Iterator[None]:
        with self._in_flight:
            yield
