"""urllib3's Retry, paced like every request and bounded by the host's deadline for the run.

A retry waits for its host's turn (the rate limit counts it), a `Retry-After` holds off
the whole host and is capped, and no retry is sent past the host's deadline or once the
watchdog has cut the request (see watchdog.py).
"""

from __future__ import annotations

import time
from typing import Any, cast

import urllib3
from urllib3.connectionpool import ConnectionPool
from urllib3.util.retry import Retry

from genelint.services.ratelimit import HostCounter
from genelint.services.watchdog import HOST_DEADLINE, current_attempt


class PacedRetry(Retry):
    """urllib3 Retry whose retries wait for the host's turn like any request, and which
    caps Retry-After so one server cannot stall a run for an hour."""

    def __init__(
        self,
        *args: Any,
        limiter: HostCounter | None = None,
        max_retry_after: float = 60.0,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.limiter = limiter
        self.max_retry_after = max_retry_after

    def new(self, **kwargs: Any) -> PacedRetry:
        retry = super().new(**kwargs)
        retry.limiter = self.limiter
        retry.max_retry_after = self.max_retry_after
        return retry

    def get_retry_after(self, response: Any) -> float | None:
        seconds = super().get_retry_after(response)
        if seconds is None:
            return None
        seconds = min(seconds, self.max_retry_after)
        if self.limiter is not None:
            self.limiter.hold_off(seconds)  # the whole host backs off, not only this request
        return seconds

    def sleep(self, response: Any = None) -> None:
        attempt = current_attempt()
        if attempt is not None:
            if attempt.stopped:
                return  # the retry will not be sent (see Attempt.start_request)
            attempt.pause()  # waiting between tries is not the request's time, only the host's
        wait = (
            self.get_retry_after(response)
            if response is not None and self.respect_retry_after_header
            else None
        )
        if wait is None:
            wait = self.get_backoff_time()
        if attempt is not None and time.monotonic() + wait >= attempt.deadline:
            attempt.stop(HOST_DEADLINE)  # the retry would start after the host's deadline
            return
        time.sleep(wait)
        if self.limiter is not None:
            self.limiter.wait_turn()

    def increment(self, *args: Any, **kwargs: Any) -> PacedRetry:
        attempt = current_attempt()
        response = kwargs.get("response") or (args[2] if len(args) > 2 else None)
        if attempt is not None and response is not None:
            attempt.replied = True  # a 5xx retried: the host answers, however badly
        if attempt is not None and (attempt.stopped or time.monotonic() >= attempt.deadline):
            # Cut by the watchdog (the host's deadline, Ctrl-C) or out of time: no retry.
            error = kwargs.get("error") or (args[3] if len(args) > 3 else None)
            # urllib3's pools pass themselves as _pool; MaxRetryError keeps it as given.
            pool = cast(ConnectionPool, kwargs.get("_pool"))
            raise urllib3.exceptions.MaxRetryError(pool, kwargs.get("url") or "", error)
        return super().increment(*args, **kwargs)
