"""Lookups asked as they become known: while pages are still being parsed.

A run's pages list their lookups one page at a time (in this process or from the worker
processes). A `LookupStream` takes them as they come and asks each distinct one once:
from the cache, else from its service, in the service's full batches (200 rsIDs to one
E-utilities request, 50 DOIs to one Crossref request); a service asked one item per request
(UniProt, Variation Services) is asked at once. What is left over when no more lookups
come (`close`: the pages are parsed) goes in a last, smaller batch per service. So a
service is asked while the pages are parsed, with no more requests than when every lookup
was known beforehand, and a slow host's deadline (counted from its first request, see
health.py) runs while the pages are parsed instead of after.

Threads: `add` (the run's thread) only sorts the lookups; one dispatcher thread reads the
cache and makes the batches; each service has up to its concurrency in sender threads,
started with its first batch. All are daemons: after Ctrl-C (`stop`) they are left behind,
their hosts down, and nothing more is stored (see resolve.py's history in health.py).
"""

from __future__ import annotations

import os
import queue
import threading
import time
from collections.abc import Iterable, Mapping
from dataclasses import replace
from datetime import timedelta
from typing import Protocol

from genelint import cachefolder
from genelint.rule import Answer, Lookup
from genelint.services import downhosts
from genelint.services.crossref import DoiClient, UpdateNoticesClient
from genelint.services.eutils import RsidClient
from genelint.services.health import INTERRUPTED
from genelint.services.progress import LookupProgress
from genelint.services.session import Reply, ServiceError, ServiceSession
from genelint.services.settings import ServiceSettings
from genelint.services.stats import RunStats
from genelint.services.store import Outcome, ReplyStore
from genelint.services.uniprot import UniProtClient
from genelint.services.variation import RefSnpClient
from genelint.services.watchdog import abort_all


class Client(Protocol):
    """One lookup kind. Keys reach `fetch_batch` normalized, distinct and not freshly cached,
    at most `batch_size` at a time (1: one item per request)."""

    kind: str
    host: str  # the configured service asked first; its concurrency is the kind's senders
    batch_size: int

    def normalize(self, key: str) -> str: ...  # ValueError when the key cannot be asked

    def cache_urls(self, key: str) -> list[str]: ...  # single-item requests whose reply answers key

    def from_cache(self, key: str, reply: Reply) -> Answer: ...  # may raise ServiceError

    def fetch_batch(self, keys: list[str], http: ServiceSession) -> Iterable[Outcome]: ...


CLIENTS = (RsidClient, RefSnpClient, DoiClient, UpdateNoticesClient, UniProtClient)
_CLOSE = None  # to the dispatcher: no more lookups; to a sender: no more batches


class LookupStream:
    """Answers lookups added over time; `finish` returns every answer once all are in."""

    def __init__(
        self,
        settings: ServiceSettings | Mapping | None,
        *,
        progress: bool | LookupProgress = False,
        use_cache: bool = True,
        stats: RunStats | None = None,
    ) -> None:
        self.started = time.monotonic()
        if not isinstance(settings, ServiceSettings):
            settings = ServiceSettings.from_table(settings or {}, os.environ)
        self.settings = settings
        self.stats = stats if stats is not None else RunStats()
        self.clients: dict[str, Client] = {client.kind: client(settings) for client in CLIENTS}
        self._own_progress = not isinstance(progress, LookupProgress)
        self.progress = (
            progress if isinstance(progress, LookupProgress) else LookupProgress(progress)
        )
        self.use_cache = use_cache
        self.secrets = [secret for secret in (settings.ncbi_api_key,) if secret]
        self.ttl = {
            "found": timedelta(hours=settings.ttl_hours),
            "not_found": timedelta(hours=settings.not_found_ttl_hours),
        }
        self.answers: dict[Lookup, Answer] = {}  # those answered without asking (bad keys)
        self._asked: dict[tuple[str, str], list[Lookup]] = {}  # (kind, key) -> its lookups
        self._by_key: dict[tuple[str, str], Answer] = {}
        self._stale: dict[tuple[str, str], Reply] = {}
        self._lock = threading.Lock()
        self._intake: queue.SimpleQueue = queue.SimpleQueue()
        self._batches: dict[str, queue.SimpleQueue] = {}
        self._threads: list[threading.Thread] = []
        self._done: queue.SimpleQueue = queue.SimpleQueue()  # a thread's exception, or None
        self._closed = self.stopped = False
        self.store: ReplyStore | None = None
        self.http: ServiceSession | None = None

    # --- the run's thread -----------------------------------------------------------------

    def add(self, lookups: Iterable[Lookup]) -> None:
        """Ask these too (each distinct one once in the stream's life)."""
        new = []
        for lookup in lookups:
            client = self.clients.get(lookup.kind)
            if client is None:
                self.answers[lookup] = Answer(
                    "error", error=f"no service answers {lookup.kind!r} lookups"
                )
                continue
            try:
                key = (lookup.kind, client.normalize(lookup.key))
            except ValueError as exc:
                self.answers[lookup] = Answer("error", error=str(exc))
                continue
            asking = self._asked.get(key)
            if asking is None:
                self._asked[key] = [lookup]
                new.append(key)
            elif lookup not in asking:
                asking.append(lookup)
        if new and not self.stopped:
            if self.http is None:
                self._open()
            self.stats.lookups += len(new)
            self._intake.put(new)

    def close(self) -> None:
        """No more lookups: what each service has left goes now, in a last batch."""
        if not self._closed and self.http is not None:
            self._intake.put(_CLOSE)
        self._closed = True

    def finish(self) -> dict[Lookup, Answer]:
        """Close, wait for every answer, and return them (by lookup). Ctrl-C meanwhile stops
        the stream; the answers so far stand, and the rest say the run was interrupted."""
        self.close()
        try:
            if not self.stopped:  # else the threads are left behind
                self._wait()
        except KeyboardInterrupt:
            self.stop()
        finally:
            self._end()
        return self._answers_by_lookup()

    def stop(self) -> None:
        """Ctrl-C: every host is down from now on and requests in flight are cut; the
        threads are left behind (answered at once from now on) and nothing more is stored,
        so the cache holds only whole answers."""
        self.stats.health.interrupt()
        abort_all(INTERRUPTED)
        with self._lock:
            self.stopped = True
        self.stats.interrupted = True

    def _open(self) -> None:
        self.started = time.monotonic()
        if self.use_cache:
            _remember_down_hosts(self.settings, self.stats)
            self.store = ReplyStore.for_run(self.settings.cache_file)
        self.http = ServiceSession(self.settings, self.stats.health)
        self._start(self._dispatch, "genelint-lookups")

    def _wait(self) -> None:
        errors, ended = [], 0
        # Counted again after each: the dispatcher starts the senders, all before it ends.
        while ended < len(self._threads):
            error = self._done.get()  # interruptible: Ctrl-C reaches a waiting main thread
            ended += 1
            if error is not None:
                errors.append(error)
        for thread in self._threads:  # each is ending: none left midway when workers fork
            thread.join()
        if errors:
            raise errors[0]

    def _end(self) -> None:
        http, self.http = self.http, None
        if self._own_progress:
            self.progress.close()
        if http is None:  # nothing was asked of the services
            return
        for host, count in http.requests_made().items():
            self.stats.requests[host] = self.stats.requests.get(host, 0) + count
        http.close()
        if self.store is not None:
            self.store.close()
        self.stats.down.update(self.stats.health.down_for_the_run())
        self.stats.seconds = round(self.stats.seconds + time.monotonic() - self.started, 3)
        if self.use_cache:
            try:
                self.stats.save(self.settings.last_run_file)
            except OSError as error:
                cachefolder.unusable(self.settings.cache_dir, error, "lookup figures")

    def lookups(self) -> list[Lookup]:
        """Every lookup added."""
        return [*self.answers, *(lookup for lookups in self._asked.values() for lookup in lookups)]

    def _answers_by_lookup(self) -> dict[Lookup, Answer]:
        answers = dict(self.answers)
        not_asked = Answer("error", error=f"not asked: {INTERRUPTED}")
        with self._lock:
            for key, lookups in self._asked.items():
                answer = self._by_key.get(key, not_asked)
                for lookup in lookups:
                    answers[lookup] = answer
        return answers

    # --- the stream's threads ---------------------------------------------------------------

    def _start(self, target, name: str, *args) -> None:
        def run() -> None:
            try:
                target(*args)
            except BaseException as exc:  # handed to the run's thread, which decides
                self._done.put(exc)
            else:
                self._done.put(None)

        thread = threading.Thread(target=run, name=name, daemon=True)
        self._threads.append(thread)
        thread.start()

    def _dispatch(self) -> None:
        """Answer from the cache what it holds; batch the rest, each service's batch sent
        when it is full, and every remainder once the stream is closed."""
        try:
            self._dispatch_until_closed()
        finally:  # even after a failure: no sender waits for ever
            for kind, batches in self._batches.items():
                for _ in range(self.settings.concurrency[self.clients[kind].host]):
                    batches.put(_CLOSE)

    def _dispatch_until_closed(self) -> None:
        pending: dict[str, list[str]] = {kind: [] for kind in self.clients}
        closing = False
        while not closing:
            keys: list[tuple[str, str]] = []
            item = self._intake.get()
            while True:  # whatever else has come meanwhile: one cache query for all of it
                if item is _CLOSE:
                    closing = True
                else:
                    keys += item
                try:
                    item = self._intake.get_nowait()
                except queue.Empty:
                    break
            misses = self._from_cache(keys)
            self.progress.expect(len(misses))
            for kind, key in misses:
                pending[kind].append(key)
            for kind, keys_left in pending.items():
                size = max(1, self.clients[kind].batch_size)
                while len(keys_left) >= size or (closing and keys_left):
                    self._send(kind, keys_left[:size])
                    del keys_left[:size]

    def _send(self, kind: str, keys: list[str]) -> None:
        batches = self._batches.get(kind)
        if batches is None:  # the kind's first batch: its senders start
            batches = self._batches[kind] = queue.SimpleQueue()
            for index in range(self.settings.concurrency[self.clients[kind].host]):
                self._start(self._sender, f"genelint-{kind}-{index}", kind, batches)
        batches.put(keys)

    def _sender(self, kind: str, batches: queue.SimpleQueue) -> None:
        client, http = self.clients[kind], self.http
        assert http is not None
        while (keys := batches.get()) is not _CLOSE:
            for outcome in client.fetch_batch(keys, http):
                with self._lock:  # stats and the answers are shared between services
                    if self.stopped:
                        return
                    self._by_key[kind, outcome.key] = self._settle(client, outcome)
                self.progress.answered()  # at once or after a wait: what the estimate rests on

    def _from_cache(self, keys: list[tuple[str, str]]) -> list[tuple[str, str]]:
        """Answer the keys the cache holds fresh; the others (misses), kept in order."""
        if self.store is None:
            return keys
        urls = [url for kind, key in keys for url in self.clients[kind].cache_urls(key)]
        stored = self.store.stored(urls)
        misses = []
        for kind, key in keys:
            answer, expired = self._cached(self.clients[kind], key, stored)
            if answer is not None:
                with self._lock:
                    self._by_key[kind, key] = answer
                    self.stats.cache_hits += 1
                continue
            misses.append((kind, key))
            if expired is not None:
                self._stale[kind, key] = expired
        return misses

    def _cached(
        self, client: Client, key: str, stored: set[str]
    ) -> tuple[Answer | None, Reply | None]:
        """A fresh cached answer, or None and the newest expired reply (for stale-if-error)."""
        assert self.store is not None
        expired_reply = None
        for url in client.cache_urls(key):
            entry = self.store.get(url) if url in stored else None
            if entry is None:
                continue
            reply, expired = entry
            if expired:
                expired_reply = expired_reply or reply
                continue
            try:
                answer = client.from_cache(key, reply)
            except ServiceError:
                continue  # an unreadable entry is a miss
            if answer.status != "error":
                return answer, None
        return None, expired_reply

    def _settle(self, client: Client, outcome: Outcome) -> Answer:
        """Store what the service said; if it could not say, fall back to the expired entry."""
        answer = outcome.answer
        expired = self._stale.get((client.kind, outcome.key))
        self.stats.fetched += 1
        if answer.status != "found" and any(secret in answer.error for secret in self.secrets):
            # Some services quote the key back in their error text ("Used API Key: …").
            error = answer.error
            for secret in self.secrets:
                error = error.replace(secret, "***")
            answer = replace(answer, error=error)
        if answer.status == "error" and expired is not None:
            try:
                stale_answer = client.from_cache(outcome.key, expired)
            except ServiceError:
                stale_answer = None
            if stale_answer is not None and stale_answer.status != "error":
                self.stats.stale += 1
                return replace(stale_answer, stale=True)
        if answer.status == "error":
            self.stats.errors += 1
        elif self.store is not None and outcome.reply is not None and outcome.cache_url:
            ttl = self.ttl[answer.status]
            if ttl:
                self.store.put(outcome.cache_url, outcome.reply, ttl)
        if answer.status == "not_found":
            self.stats.not_found += 1
        return answer


def _remember_down_hosts(settings: ServiceSettings, stats: RunStats) -> None:
    """Once per run: hosts an earlier run found unreachable are down at once, and hosts
    this run finds so are written down for the next."""
    health = stats.health
    if health.remembering:
        return
    health.remembering = True
    for host, reason in downhosts.load(settings.down_file, settings.urls).items():
        health.mark_down(host, reason, remembered=True)
    health.on_down(
        lambda host, reason: downhosts.remember(
            settings.down_file, settings.urls[host], reason, settings.down_ttl_minutes
        )
    )
