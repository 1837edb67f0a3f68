"""Which service hosts are down for the rest of a run, and each host's deadline.

A host that cannot be resolved or connected to will not come back within a run: after
the first such failure its remaining lookups are answered at once. So is a host that has sent
no reply in this run when a request to it times out (a black hole, or a proxy that takes the
connection and never answers): waiting on it again would only stall the run. Time-outs and
5xx from a host that has answered are retried, but every host has a total deadline for the
run, counted from its first request
(lookups are asked while pages are still parsed, so a host first asked when the last
batches go must not find its deadline spent by the parsing); past it, the host is down too.
A run keeps one `HostHealth` across its lookup rounds.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

INTERRUPTED = "the run was interrupted (Ctrl-C)"


class HostDown(Exception):
    """The host is down for this run; the message is the reason, without the host's name."""


class HostHealth:
    def __init__(self) -> None:
        self.down: dict[str, str] = {}  # host -> reason, e.g. "unreachable (connection refused)"
        self.remembered: set[str] = set()  # down because an earlier run found it so (the cache)
        self.refused: set[str] = set()  # down hosts this run had something to ask of
        self.answered: set[str] = set()  # hosts that sent this run a reply (any status)
        self._first_request: dict[str, float] = {}
        self._lock = threading.Lock()
        # callbacks (host, reason) for hosts found down in this run
        self._on_down: list[Callable[[str, str], None]] = []
        self.interrupted = False
        self.remembering = False  # hosts remembered from earlier runs are loaded (once a run)

    def on_down(self, callback) -> None:
        self._on_down.append(callback)

    def check(self, host: str) -> None:
        """HostDown when the host is down for the run."""
        reason = INTERRUPTED if self.interrupted else self.down.get(host)
        if reason is not None:
            with self._lock:
                self.refused.add(host)
            raise HostDown(reason)

    def down_for_the_run(self) -> dict[str, str]:
        """host -> reason, for the hosts down that this run needed: a host remembered down
        by an earlier run, but never asked anything in this one, did not fail it."""
        with self._lock:
            return {
                host: reason
                for host, reason in self.down.items()
                if host not in self.remembered or host in self.refused
            }

    def heard_from(self, host: str) -> None:
        """The host sent a reply's status and headers: it is up, however slow it may be later."""
        if host not in self.answered:
            with self._lock:
                self.answered.add(host)

    def deadline(self, host: str, seconds: float) -> float:
        """The host's deadline for the run (monotonic clock), counted from its first request."""
        with self._lock:
            started = self._first_request.setdefault(host, time.monotonic())
        return started + seconds

    def mark_down(self, host: str, reason: str, *, remembered: bool = False) -> str:
        """Mark the host down (the first reason stays) and return the reason it is down for."""
        with self._lock:
            if host in self.down:
                return self.down[host]
            self.down[host] = reason
            if remembered:
                self.remembered.add(host)
        if not remembered:
            for callback in self._on_down:
                callback(host, reason)
        return reason

    def interrupt(self) -> None:
        """Every host is down from now on: what is still asked is answered at once."""
        self.interrupted = True
