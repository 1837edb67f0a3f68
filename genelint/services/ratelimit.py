"""Per-host request pacing and concurrency, shared by every session of the process.

A service counts the requests that reach it from one client, not those of one session: a
run that resolves lookups in rounds opens a session per round, and the pacing must carry
over from one to the next. So each host's pacing lives in a process-wide `HostLimiter`;
a session holds a `HostCounter` that counts its own requests through it.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

# Starts are spaced this much wider than 1/rate: a request's arrival at the server lags its
# start by a varying few milliseconds (scheduling, a pooled connection's turn), and without
# slack two starts exactly 1/rate apart can arrive closer than that and count as one too many.
PACING_MARGIN = 1.03


class HostLimiter:
    """Spaces request starts at least 1/rate seconds apart and caps requests in flight.

    Even spacing (no burst) means any one-second window holds at most `rate` starts,
    which is how Crossref and NCBI count. Retries take a turn too (see session.py).

    Until `concurrency` requests have been answered, one request at a time is in flight:
    those open the pooled connections, and a connection's set-up (a TLS handshake takes
    longer than the gap between two starts) would let a later request on a warm connection
    overtake it and arrive too close behind another.
    """

    def __init__(self, rate: float, concurrency: int) -> None:
        self.interval = PACING_MARGIN / rate
        self._in_flight = threading.BoundedSemaphore(concurrency)
        self._warming = threading.Lock()
        self._cold_left = concurrency
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
                    now = time.monotonic()
                    delay = self._next_start - now
                    if delay <= 0:  # decided and booked at once: a back-off cannot slip between
                        self._next_start = now + self.interval
                        return
                time.sleep(delay)  # and look again: a back-off may have come in meanwhile

    def hold_off(self, seconds: float) -> None:
        """Delay every later start on this host (the server asked us to back off)."""
        with self._state:
            self._next_start = max(self._next_start, time.monotonic() + seconds)

    @contextmanager
    def slot(self) -> Iterator[None]:
        with self._in_flight:
            if self._cold_left <= 0:
                yield
                return
            with self._warming:
                yield
                with self._state:
                    self._cold_left -= 1


_LIMITERS: dict[tuple, HostLimiter] = {}
_LIMITERS_LOCK = threading.Lock()


def limiter_for(base_url: str, rate: float, concurrency: int) -> HostLimiter:
    """The process's limiter for a service; a different rate or concurrency is another one."""
    with _LIMITERS_LOCK:
        key = (base_url, rate, concurrency)
        if key not in _LIMITERS:
            _LIMITERS[key] = HostLimiter(rate, concurrency)
        return _LIMITERS[key]


class HostCounter:
    """One session's view of a host's limiter: the same pacing, its own request count."""

    def __init__(self, limiter: HostLimiter) -> None:
        self.limiter = limiter
        self.requests = 0
        self._lock = threading.Lock()

    def wait_turn(self) -> None:
        self.limiter.wait_turn()
        with self._lock:
            self.requests += 1

    def hold_off(self, seconds: float) -> None:
        self.limiter.hold_off(seconds)

    def slot(self):
        return self.limiter.slot()
