"""The per-page phase, in this process or streamed to long-lived worker processes.

With --jobs N, this process and N - 1 workers check pages. Pages go to the workers in chunks
(one task per few dozen pages, so the cost of a task is spread; fewer toward the end, so that
no process waits long for the last ones) and come back as they are done, in any order. Each
worker is kept a few chunks ahead, and between topping them up this process checks a chunk of
its own: the workers take as many pages as they can, and this one, which also gathers their
results, the rest. The workers are forked before any page is checked, with this process's
Linter (no worker loads the registry or the rules again); what checking loads on first use
each process loads for itself, all at once.

What comes back from a worker is small: the page's FileResult with its corpus facts packed
(genelint.cache.packed_facts), as the run keeps it until the report, which unpickling makes
again in C; with a result cache, also its record, the JSON the cache stores. When the network
rules may still need the document, it comes pickled apart, and the main process unpickles it
only if one of the page's lookups is answered (when a service is down, none is: its lookups
are reported from the result). A worker with a result cache looks each page up itself, by the
digest of the bytes it read: a page whose record is there is not parsed.

Workers ignore SIGINT: Ctrl-C reaches the main process, which stops the pool at once
(terminate), so no worker holds the run, and `genelint` exits 130.
"""

from __future__ import annotations

import pickle
from collections import deque
from collections.abc import Generator
from typing import TYPE_CHECKING, NamedTuple

from genelint.cache import (
    ResultCache,
    content_digest,
    kept_suppressions,
    packed_facts,
    record_key,
    record_of,
    result_from_record,
)
from genelint.document import GeneDocument
from genelint.files import bytes_look_like_gene_page
from genelint.parser import parse_bytes

if TYPE_CHECKING:  # the engine imports this module
    from genelint.engine import FileResult, Linter

MAX_CHUNK = 32  # pages per task
AHEAD = 3  # chunks a worker has been given and not finished, so that it never waits
SHARES = 4  # toward the end a chunk is at most 1/SHARES of each process's share of what is left


class Outcome(NamedTuple):
    """What checking one page gave: its place in the list, the digest of the bytes checked
    ("" when none could be read, or the run has no result cache), its record (None when none can be kept) and, when the record
    does not say everything, the FileResult itself."""

    position: int  # in the list of paths
    digest: str
    record: str | None  # to store in the result cache (None: nothing to store, or no cache)
    result: FileResult | None
    cached: bool  # the record came from the cache: nothing to store
    document: bytes | None = None  # the GeneDocument pickled, for the network rules
    not_a_page: bool = False  # Markdown that is not a gene page: left out of the run (no result)

    def file_result(self, path: str) -> FileResult:
        """The page's FileResult: as sent, else read back from its record."""
        if self.result is not None:
            return self.result
        assert self.record is not None, "an Outcome holds a result, a record or both"
        return result_from_record(path, self.record)


class PageChecker:
    """Checks pages for one Linter, looking each up in the result cache first when given one.
    With `sift`, a file that is not a gene page (genelint.files) is left out, decided from the
    bytes read to check it; one whose record is in the cache was a page when it was stored."""

    def __init__(
        self,
        linter: Linter,
        cache: ResultCache | None,
        run_key: str,
        in_process: bool = False,
        sift: bool = False,
    ):
        self.linter = linter
        self.cache = cache
        self.run_key = run_key
        self.in_process = (
            in_process  # results stay objects: no record is read back where it was made
        )
        self.sift = sift and not linter.settings.include  # `include` names the pages itself
        self.options = linter.settings.parser_options()  # the same for every page of the run

    def check(self, chunk: list[tuple[int, str]]) -> list[Outcome]:
        from genelint.engine import read_raw

        read = [(index, path, read_raw(path, self.linter.settings)) for index, path in chunk]
        keys: dict[int, str] = {}
        known: dict[str, str] = {}
        if self.cache is not None:
            keys = {
                index: record_key(self.run_key, path, content_digest(raw))
                for index, path, raw in read
                if not isinstance(raw, GeneDocument)
            }
            known = self.cache.get_many(list(keys.values())) if keys else {}
        return [
            self._one(index, path, raw, known.get(keys[index]) if index in keys else None)
            for index, path, raw in read
        ]

    def _one(self, index: int, path: str, raw, known: str | None) -> Outcome:
        linter = self.linter
        if isinstance(raw, GeneDocument):
            return Outcome(index, "", None, linter.check_document(raw), False)
        digest = content_digest(raw) if self.cache is not None else ""  # keys only the cache's
        if known is None and self.sift and not bytes_look_like_gene_page(raw, linter.settings):
            return Outcome(index, "", None, None, False, not_a_page=True)
        if known is not None:
            result = result_from_record(path, known)
            # The network rules need the document itself: such a page is checked again. In
            # this process, though, it is only read when one of its lookups is answered (see
            # Linter.runs_without_document); a worker would have to send the document.
            reads_later = self.in_process and linter.runs_without_document(result)
            if not result.lookups or linter.offline or reads_later:
                return Outcome(index, digest, None, result, True)
        result = linter.check_document(parse_bytes(raw, path, self.options))
        result.digest = digest
        record = record_of(result) if self.cache is not None else None
        if self.in_process:
            return Outcome(index, digest, record, result, False)
        return Outcome(index, digest, record, *_sent(result))


def _sent(result: FileResult) -> tuple[FileResult, bool, bytes | None]:
    """A worker's result as it is sent: its facts packed as the run keeps them, and its
    document, when the network rules may still need it, pickled apart (see the module's doc)."""
    document = None
    if result.doc is not None:
        document = pickle.dumps(result.doc, pickle.HIGHEST_PROTOCOL)
        result.doc = None
    result.facts = packed_facts(result.facts)
    result.suppressions = kept_suppressions(result.suppressions)
    return result, False, document


def check_pages(
    linter: Linter,
    paths: list[str],
    jobs: int,
    cache: ResultCache | None,
    run_key: str,  # "" without a cache
    started=lambda: None,
    sift: bool = False,
) -> Generator[Outcome, None, None]:
    """An Outcome per path, in any order; `started()` is called once the workers exist. With
    `sift`, files that are not gene pages are left out (see PageChecker)."""
    if jobs <= 1 or len(paths) < 2:
        checker = PageChecker(linter, cache, run_key, in_process=True, sift=sift)
        started()
        for index, path in enumerate(paths):
            yield from checker.check([(index, path)])
        return
    import multiprocessing  # only for a pool: one file in a new process (pre-commit) never needs it

    methods = multiprocessing.get_all_start_methods()
    forking = "fork" in methods
    context = multiprocessing.get_context("fork" if forking else "spawn")
    chunks = _Chunks(paths, jobs)
    # This process is one of the `jobs` that check pages: it would otherwise only wait for the
    # workers, and a process less is its memory less (each holds the interpreter, the rules
    # and their reference indexes; GL405's name index alone is ~25 MB). The workers are forked
    # before any page is checked: what checking loads on first use (modules imported when
    # first needed, the reference indexes a rule reads) each process loads at the same time,
    # instead of the workers waiting for this one to load it first. No SQLite connection of
    # the result cache is shared with a child: each opens its own.
    checker = PageChecker(linter, cache, run_key, in_process=True, sift=sift)
    if forking and cache is not None:
        cache.close()
    setup: tuple = (linter, cache.path if cache else None, run_key, sift)
    if not forking:  # a new interpreter: it builds its own Linter from what this one was given
        setup = (linter.settings, list(linter.enabled_codes), linter.offline, *setup[1:])
    pool = context.Pool(jobs - 1, initializer=_start_worker, initargs=(setup,))
    ahead = AHEAD * (jobs - 1)
    pending: deque = deque()  # chunks given to the workers, in the order given
    try:
        # Only once the workers exist: what the caller does then may start threads (streamed
        # lookups), which a forked child must not inherit halfway through holding a lock.
        started()
        while chunks.left:
            while pending and pending[0].ready():
                yield from pending.popleft().get()
            while len(pending) < ahead and chunks.left:
                pending.append(pool.apply_async(_check_chunk, (chunks.take(),)))
            # The workers have enough to do: check a chunk here.
            if chunks.left:
                yield from checker.check(chunks.take())
        while pending:
            yield from pending.popleft().get()
        pool.close()
    except BaseException:  # Ctrl-C, or the caller stopped: no worker outlives the run
        pool.terminate()
        raise
    finally:
        pool.join()


class _Chunks:
    """(index, path) lists, made as they are handed out: MAX_CHUNK pages while many are left,
    then fewer, so that the processes end at nearly the same time."""

    def __init__(self, paths: list[str], jobs: int):
        self.paths, self.jobs, self.at = paths, jobs, 0

    @property
    def left(self) -> int:
        return len(self.paths) - self.at

    def take(self, most: int = MAX_CHUNK) -> list[tuple[int, str]]:
        size = max(1, min(most, self.left // (self.jobs * SHARES)))
        start, self.at = self.at, self.at + size
        return list(enumerate(self.paths[start : self.at], start=start))


# --- inside a worker -----------------------------------------------------------------------

_CHECKER: PageChecker | None = None


def _start_worker(setup: tuple) -> None:
    import signal  # (a worker's only: a run without workers never imports it)

    from genelint.engine import Linter
    from genelint.registry import load_registry

    # Ctrl-C is the main process's to handle: it stops the pool. A worker that took it too
    # would print a traceback of its own and could die halfway through sending a result.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    global _CHECKER
    if isinstance(setup[0], Linter):  # forked: this process has the main process's already
        linter, cache_path, run_key, sift = setup
    else:
        settings, codes, offline, cache_path, run_key, sift = setup
        registry = load_registry(settings.rule_paths)
        linter = Linter(settings, registry, select=codes, offline=offline)
    cache = ResultCache(cache_path) if cache_path is not None else None
    _CHECKER = PageChecker(linter, cache, run_key, sift=sift)


def _check_chunk(chunk: list[tuple[int, str]]) -> list[Outcome]:
    assert _CHECKER is not None
    return _CHECKER.check(chunk)
