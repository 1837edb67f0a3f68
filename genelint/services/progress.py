"""The run's one progress bar for its lookups, drawn on a terminal only.

Lookups become known a few at a time (pages still being parsed, a follow-up round), so the
bar's total grows as they do, and it counts each lookup when it is answered: at once when
its host is down, or after the service's wait. Answers from the cache take no time and are
not counted. One bar serves every round of a run, so a run draws one bar, not one a round.
"""

from __future__ import annotations

import sys
import threading
from typing import Any


class LookupProgress:
    def __init__(self, show: bool) -> None:
        self.show = show and sys.stderr.isatty()
        self._bar: Any = None  # a tqdm bar, made when the first lookup is expected
        self._lock = threading.Lock()  # the services' threads answer, the run's thread expects

    def expect(self, count: int) -> None:
        """`count` more lookups will be asked of the services."""
        if not self.show or not count:
            return
        with self._lock:
            if self._bar is None:  # made with its first total: no frame that counts nothing
                from tqdm import tqdm  # imported only for a terminal: a warm run stays quick

                self._bar = tqdm(
                    total=count, file=sys.stderr, unit="lookup", desc="genelint lookups"
                )
                return
            self._bar.total += count
            self._bar.refresh()

    def answered(self, count: int = 1) -> None:
        with self._lock:
            if self._bar is not None:
                self._bar.update(count)

    def close(self) -> None:
        with self._lock:
            if self._bar is not None:
                self._bar.close()
                self._bar = None
