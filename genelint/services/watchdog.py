"""A total deadline for each request, and a way to stop every request at once.

A socket's time-out bounds each read, not the request: a server that drips a byte a
second never trips it. So each request runs as an `Attempt` with a deadline (its own
time-out, and never later than its host's deadline for the run), and one watchdog
thread shuts the socket of an attempt that outlives it. The blocked read then returns
at once, in whichever thread it was. Ctrl-C uses the same way out: `abort_all`.

The connection is known to the watchdog through the connection classes below, which
bind themselves to the calling thread's attempt when they send a request.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

import urllib3
from requests.adapters import HTTPAdapter
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool

HOST_DEADLINE = "the host's deadline"  # why an attempt was stopped, when it was for that


class AttemptExpired(urllib3.exceptions.TimeoutError):
    """Raised instead of starting a request whose attempt has no time left."""


class Attempt:
    """One request (its retries and its body included) of one thread."""

    def __init__(self, host: str, deadline: float, per_request: float) -> None:
        self.host = host
        self.deadline = deadline  # the host's deadline for the run (monotonic clock)
        self.per_request = per_request
        self.request_deadline = deadline
        self.stopped: str | None = None  # why the watchdog cut it, once it has
        self.replied = False  # a reply came, though a retry may have followed it
        self._connection: HTTPConnection | None = None
        # The socket the reply is read from. A reply that closes its connection ("Connection:
        # close", or no length) takes the socket from the connection, whose `sock` is then None:
        # without this the watchdog could not cut a body that drips.
        self._socket: socket.socket | None = None

    def start_request(self, connection: HTTPConnection) -> None:
        """A request (or a retry of it) is being sent on `connection`: its own clock starts."""
        if self.stopped or time.monotonic() >= self.deadline:
            raise AttemptExpired(self.stopped or "the host's deadline has passed")
        self._connection = connection
        self._socket = None
        self.request_deadline = min(self.deadline, time.monotonic() + self.per_request)
        _WATCHDOG.poke()

    def reading(self, sock: socket.socket | None) -> None:
        """The request is sent; its reply will be read from `sock`."""
        self._socket = sock

    def pause(self) -> None:
        """Between tries: only the host's deadline runs."""
        self._connection = None
        self._socket = None
        self.request_deadline = self.deadline

    def remaining(self) -> float:
        return self.request_deadline - time.monotonic()

    def stop(self, why: str) -> None:
        if self.stopped is None:
            self.stopped = why
        connection = self._connection
        for sock in {getattr(connection, "sock", None), self._socket}:
            if sock is None:
                continue
            try:
                sock.shutdown(socket.SHUT_RDWR)  # wakes the thread blocked reading it
            except OSError:
                pass  # closed meanwhile


_current = threading.local()


def current_attempt() -> Attempt | None:
    return getattr(_current, "attempt", None)


class _Watchdog:
    def __init__(self) -> None:
        self._attempts: set[Attempt] = set()
        self._changed = threading.Condition()
        self._thread: threading.Thread | None = None

    @contextmanager
    def watch(self, attempt: Attempt) -> Iterator[Attempt]:
        with self._changed:
            self._attempts.add(attempt)
            if self._thread is None:
                self._thread = threading.Thread(
                    target=self._run, name="genelint-watchdog", daemon=True
                )
                self._thread.start()
        _current.attempt = attempt
        try:
            yield attempt
        finally:
            _current.attempt = None
            with self._changed:
                self._attempts.discard(attempt)

    def poke(self) -> None:
        with self._changed:
            self._changed.notify()

    def abort_all(self, why: str) -> None:
        with self._changed:
            attempts = list(self._attempts)
        for attempt in attempts:
            attempt.stop(why)

    def _run(self) -> None:
        while True:
            with self._changed:
                now = time.monotonic()
                expired = [
                    a for a in self._attempts if a.request_deadline <= now and a.stopped is None
                ]
                if not expired:
                    next_deadline = min(
                        (a.request_deadline for a in self._attempts if a.stopped is None),
                        default=now + 60,
                    )
                    self._changed.wait(max(0.005, next_deadline - now))
                    continue
            for attempt in expired:
                if attempt.request_deadline >= attempt.deadline:
                    attempt.stop(HOST_DEADLINE)
                else:
                    attempt.stop(f"no complete answer within {attempt.per_request:g} s")


_WATCHDOG = _Watchdog()
watch = _WATCHDOG.watch
abort_all = _WATCHDOG.abort_all


class _Bound:
    """Mixin: a connection that tells the thread's attempt it is sending a request, and which
    socket its reply comes on."""

    def request(self, *args, **kwargs):
        attempt = current_attempt()
        if attempt is not None:
            attempt.start_request(self)
        return super().request(*args, **kwargs)

    def getresponse(self, *args, **kwargs):
        attempt = current_attempt()
        if attempt is not None:
            attempt.reading(self.sock)  # before the reply may take the socket away
        return super().getresponse(*args, **kwargs)


class _HTTPConnection(_Bound, HTTPConnection):
    pass


class _HTTPSConnection(_Bound, HTTPSConnection):
    pass


class _HTTPPool(HTTPConnectionPool):
    ConnectionCls = _HTTPConnection


class _HTTPSPool(HTTPSConnectionPool):
    ConnectionCls = _HTTPSConnection


class WatchedAdapter(HTTPAdapter):
    """requests' adapter whose connections the watchdog can cut."""

    def init_poolmanager(self, *args, **kwargs):
        super().init_poolmanager(*args, **kwargs)
        self.poolmanager.pool_classes_by_scheme = {"http": _HTTPPool, "https": _HTTPSPool}
