"""Cached replies, one per lookup, in requests-cache's SQLite backend.

Each reply is stored under the cache key of the request that asks for that one item
(`esummary…&id=268`, `/works/{doi}`, `/uniprotkb/{acc}.fasta`), even when it arrived
inside a batch. So a batch warms the cache item by item, one new rsID does not
re-fetch the 199 cached ones beside it, and each item expires on its own clock
(not-found answers sooner than found ones). requests-cache provides the store,
serialization and expiry; the key is a hash of the item's URL; the policy of what is
stored is resolve.py's.
"""

from __future__ import annotations

import errno
import hashlib
import os
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path

import requests
from requests.structures import CaseInsensitiveDict
from requests_cache import CachedRequest, CachedResponse, SQLiteCache

from genelint import cachefolder
from genelint.cachefolder import is_folder_fault
from genelint.refdata.locations import set_aside, sqlite_damage, warn_once
from genelint.rule import Answer
from genelint.services.session import Reply, ServiceError, ServiceSession

_SKIPPED = "service replies"


class ReplyStore:
    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self._cache = SQLiteCache(str(path), wal=True)
        self._usable = True  # False once the folder failed it mid-run (full, made read-only)
        self._writable = True  # False for a file this user may read but not write

    @classmethod
    def for_run(cls, path: Path) -> ReplyStore | None:
        """The store for a run's lookups; None when its folder cannot be used (the run says so
        once). A damaged file (not SQLite, truncated) is set aside and started again."""
        try:
            try:
                return cls._opened(path)
            except sqlite3.DatabaseError as error:
                if is_folder_fault(error):
                    raise
                set_aside(path, sqlite_damage(path) or str(error), "started again")
                return cls._opened(path)
        except (OSError, sqlite3.Error) as error:
            cachefolder.unusable(path.parent, error, _SKIPPED)
            return None

    @classmethod
    def _opened(cls, path: Path) -> ReplyStore:
        store = cls(path)
        try:
            len(store)
        except sqlite3.OperationalError as error:
            # requests-cache rolls back a table it could not create (a full disk) and says nothing.
            if "no such table" in str(error):
                raise sqlite3.OperationalError("its table could not be written") from error
            raise
        if not _may_write(path):
            # requests-cache rolls back a write SQLite refuses and says nothing: the run would
            # go on asking what it believes it stored. Its replies are read all the same.
            store._writable = False
            read_only = PermissionError(errno.EACCES, f"{path.name} is read-only", str(path))
            cachefolder.unusable(path.parent, read_only, "new service replies")
        return store

    def _failed(self, error: sqlite3.Error) -> None:
        """A read or write that failed: the rest of the run goes without the store."""
        self._usable = False
        if is_folder_fault(error):
            cachefolder.unusable(self.path.parent, error, _SKIPPED)
        else:
            warn_once(f"reply cache {self.path} unreadable ({error}); lookups not cached this run")

    def get(self, url: str) -> tuple[Reply, bool] | None:
        """The stored reply for a single-item URL and whether it has expired, or None."""
        try:
            cached = self._cache.get_response(self._key(url)) if self._usable else None
        except sqlite3.Error as error:
            self._failed(error)
            return None
        if cached is None:
            return None
        reply = Reply(
            url, cached.status_code, cached.headers.get("Content-Type", ""), cached.content
        )
        return reply, cached.is_expired

    def stored(self, urls: list[str]) -> set[str]:
        """Which of these URLs have an entry (fresh or not): one query per 500 URLs instead of
        one read each, so a cold cache (a CI run, a dead network) costs next to nothing."""
        if not self._usable:
            return set()
        by_key = {self._key(url): url for url in urls}
        table = self._cache.responses
        found: set[str] = set()
        keys = list(by_key)
        try:
            with table.connection() as connection:
                for start in range(0, len(keys), 500):
                    # Inlined as requests-cache itself does (placeholders misbehave across
                    # threads on Python 3.12+); each key is our own hex digest.
                    listed = ",".join(f"'{key}'" for key in keys[start : start + 500])
                    rows = connection.execute(
                        f"SELECT key FROM {table.table_name} WHERE key IN ({listed})"
                    )
                    found.update(by_key[key] for (key,) in rows)
        except sqlite3.Error as error:
            self._failed(error)
            return set()
        return found

    def put(self, url: str, reply: Reply, ttl: timedelta) -> None:
        if not (self._usable and self._writable):
            return
        response = CachedResponse(
            status_code=reply.status,
            headers=CaseInsensitiveDict({"Content-Type": reply.content_type}),
            content=reply.body,
            url=url,
            request=CachedRequest.from_request(requests.Request("GET", url).prepare()),
        )
        try:
            self._cache.save_response(
                response, self._key(url), expires=datetime.now(timezone.utc) + ttl
            )
        except sqlite3.Error as error:  # a full disk: what was asked is answered all the same
            self._failed(error)

    def __len__(self) -> int:
        return len(self._cache.responses)

    def clear(self) -> None:
        self._cache.clear()

    def close(self) -> None:
        self._cache.close()

    @staticmethod
    def _key(url: str) -> str:
        # Every entry is a GET of a single-item URL we built ourselves, so the URL is already
        # canonical; hashing it directly costs microseconds where requests-cache's request
        # normalization (preparing a whole request) cost most of a warm run.
        return hashlib.blake2b(f"GET {url}".encode(), digest_size=16).hexdigest()


def _may_write(path: Path) -> bool:
    """Whether this process (its effective user, as SQLite opens files) may write the file."""
    effective = os.access in os.supports_effective_ids
    return os.access(path, os.W_OK, effective_ids=effective)


@dataclass(frozen=True)
class Outcome:
    """What a client learnt about one key, and the single-item reply to store for it."""

    key: str
    answer: Answer
    cache_url: str | None = None
    reply: Reply | None = None


def fetch_one(
    service: str, key: str, url: str, http: ServiceSession, read: Callable[[str, Reply], Answer]
) -> Outcome:
    """GET the single-item URL of one key from `service`; what `read` makes of the reply, or an
    error answer."""
    try:
        reply = http.get(service, url)
        return Outcome(key, read(key, reply), url, reply)
    except ServiceError as exc:
        return Outcome(key, Answer("error", error=str(exc)))
