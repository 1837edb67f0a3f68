"""Answer every distinct lookup once: from the cache, else in batches from its service."""

from __future__ import annotations

import os
import sys
import threading
import time
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import replace
from datetime import timedelta
from typing import Protocol

from genelint import cachefolder
from genelint.rule import Answer, Lookup
from genelint.services import downhosts
from genelint.services.crossref import DoiClient, UpdateNoticesClient
from genelint.services.eutils import RsidClient
from genelint.services.health import INTERRUPTED
from genelint.services.session import Reply, ServiceError, ServiceSession
from genelint.services.settings import ServiceSettings
from genelint.services.stats import RunStats
from genelint.services.store import Outcome, ReplyStore
from genelint.services.threads import each_in_threads
from genelint.services.uniprot import UniProtClient
from genelint.services.variation import RefSnpClient
from genelint.services.watchdog import abort_all


class Client(Protocol):
    """One lookup kind. Keys reach `fetch` normalized, distinct and not freshly cached."""

    kind: str

    def normalize(self, key: str) -> str: ...  # ValueError when the key cannot be asked

    def cache_urls(self, key: str) -> list[str]: ...  # single-item requests whose reply answers key

    def from_cache(self, key: str, reply: Reply) -> Answer: ...  # may raise ServiceError

    def fetch(self, keys: list[str], http: ServiceSession) -> Iterator[Outcome]: ...


CLIENTS = (RsidClient, RefSnpClient, DoiClient, UpdateNoticesClient, UniProtClient)


def resolve(
    lookups: Iterable[Lookup],
    settings: ServiceSettings | Mapping | None,
    *,
    progress: bool = False,
    use_cache: bool = True,
    stats: RunStats | None = None,
) -> dict[Lookup, Answer]:
    """Answer each lookup. `settings` is a ServiceSettings or the [tool.genelint.services]
    table; `stats`, when given, is added to with what this call cost (a run that resolves
    in several rounds passes the same stats to each)."""
    started = time.monotonic()
    if not isinstance(settings, ServiceSettings):
        settings = ServiceSettings.from_table(settings or {}, os.environ)
    stats = stats if stats is not None else RunStats()
    clients = {client.kind: client(settings) for client in CLIENTS}

    answers: dict[Lookup, Answer] = {}
    asked: dict[str, dict[str, list[Lookup]]] = {
        kind: {} for kind in clients
    }  # kind -> key -> lookups
    for lookup in dict.fromkeys(lookups):
        client = clients.get(lookup.kind)
        if client is None:
            answers[lookup] = Answer("error", error=f"no service answers {lookup.kind!r} lookups")
            continue
        try:
            asked[lookup.kind].setdefault(client.normalize(lookup.key), []).append(lookup)
        except ValueError as exc:
            answers[lookup] = Answer("error", error=str(exc))
    distinct = sum(len(keys) for keys in asked.values())
    if not distinct:
        return answers
    stats.lookups += distinct

    stats.health.start_clock()  # the hosts' deadlines count from the run's first lookups
    store = run = None
    try:
        if use_cache:
            _remember_down_hosts(settings, stats)
            store = ReplyStore.for_run(settings.cache_file)
        with ServiceSession(settings, stats.health) as http:
            run = _Run(settings, store, http, stats)
            by_key = run.answer_all(clients, asked, progress)
            for host, count in http.requests_made().items():
                stats.requests[host] = stats.requests.get(host, 0) + count
    except KeyboardInterrupt:  # before or after the lookups proper: what is known stands
        by_key = run.stop() if run is not None else {}
        stats.interrupted = True
    finally:
        if store is not None:
            store.close()
    not_asked = Answer("error", error=f"not asked: {INTERRUPTED}")
    for kind, keys in asked.items():
        for key, key_lookups in keys.items():
            for lookup in key_lookups:
                answers[lookup] = by_key.get((kind, key), not_asked)

    stats.down.update(stats.health.down)
    stats.seconds = round(stats.seconds + time.monotonic() - started, 3)
    if use_cache:
        try:
            stats.save(settings.last_run_file)
        except OSError as error:
            cachefolder.unusable(settings.cache_dir, error, "lookup figures")
    return answers


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


class _Run:
    def __init__(
        self,
        settings: ServiceSettings,
        store: ReplyStore | None,
        http: ServiceSession,
        stats: RunStats,
    ) -> None:
        self.store = store
        self.http = http
        self.stats = stats
        self.secrets = [secret for secret in (settings.ncbi_api_key,) if secret]
        self.ttl = {
            "found": timedelta(hours=settings.ttl_hours),
            "not_found": timedelta(hours=settings.not_found_ttl_hours),
        }
        self._lock = threading.Lock()
        self.answers: dict[tuple[str, str], Answer] = {}
        self.stopped = False

    def stop(self) -> dict[tuple[str, str], Answer]:
        """Ctrl-C: every host is down from now on and requests in flight are cut; the
        threads are left behind (daemons, answered at once from now on) and nothing more is
        stored, so the cache holds only whole answers. The answers so far."""
        self.stats.health.interrupt()
        abort_all(INTERRUPTED)
        with self._lock:
            self.stopped = True
            return dict(self.answers)

    def answer_all(
        self,
        clients: Mapping[str, Client],
        asked: dict[str, dict[str, list[Lookup]]],
        progress: bool,
    ) -> dict[tuple[str, str], Answer]:
        try:
            self._answer_all(clients, asked, progress)
        except KeyboardInterrupt:
            self.stats.interrupted = True
            return self.stop()
        return self.answers

    def _answer_all(
        self,
        clients: Mapping[str, Client],
        asked: dict[str, dict[str, list[Lookup]]],
        progress: bool,
    ) -> None:
        answers = self.answers
        misses: dict[str, list[str]] = {}
        stale: dict[tuple[str, str], Reply] = {}
        urls = [
            url
            for kind, keys in asked.items()
            for key in keys
            for url in clients[kind].cache_urls(key)
        ]
        stored = self.store.stored(urls) if self.store is not None else set()
        for kind, keys in asked.items():
            for key in keys:
                answer, expired = self._cached(clients[kind], key, stored)
                if answer is not None:
                    answers[kind, key] = answer
                    self.stats.cache_hits += 1
                else:
                    misses.setdefault(kind, []).append(key)
                    if expired is not None:
                        stale[kind, key] = expired

        show = progress and sys.stderr.isatty()
        from tqdm import tqdm  # a bar is drawn only on a terminal; importing costs a warm run time

        with tqdm(
            total=sum(map(len, misses.values())),
            disable=not show,
            file=sys.stderr,
            unit="lookup",
            desc="genelint lookups",
        ) as bar:

            def fetch_kind(kind: str) -> None:
                client = clients[kind]
                for outcome in client.fetch(misses[kind], self.http):
                    with self._lock:  # stats and the progress bar are shared between services
                        if self.stopped:
                            return
                        answers[kind, outcome.key] = self._settle(
                            client, outcome, stale.get((kind, outcome.key))
                        )
                        bar.update(
                            1
                        )  # answered now, at once or after a wait: the count the estimate rests on

            # Each service runs in its own thread: their rate limits are independent.
            for _ in each_in_threads(
                fetch_kind, list(misses), len(misses), name="genelint-lookups"
            ):
                pass

    def _cached(
        self, client: Client, key: str, stored: set[str]
    ) -> tuple[Answer | None, Reply | None]:
        """A fresh cached answer, or None and the newest expired reply (for stale-if-error)."""
        if self.store is None:
            return None, None
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

    def _settle(self, client: Client, outcome: Outcome, expired: Reply | None) -> Answer:
        """Store what the service said; if it could not say, fall back to the expired entry."""
        answer = outcome.answer
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
