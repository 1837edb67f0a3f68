"""The per-page phase, in this process or streamed to long-lived worker processes.

With --jobs N, this process and N - 1 workers check pages. Pages go to the workers in chunks (one task per few dozen pages, so the cost of a task is
spread and a slow page does not hold the others back) and come back as they are done, in any
order; a few chunks wait for each worker, and while they do this process checks a chunk of
its own. What comes back from a worker is small: the page's record, the JSON the result cache
keeps (its findings, corpus facts, suppression comments, lookups and lookup facts), made in
the worker; when the network rules may still need the document, the document pickled, which
the main process unpickles only if one of the page's lookups is answered (when a service is
down, none is: its lookups are reported from the record); a whole FileResult only when the
record cannot be made (a rule crashed). A worker with a result cache looks each page up
itself, by the digest of the bytes it read: a page whose record is there is not parsed.

Workers ignore SIGINT: Ctrl-C reaches the main process, which stops the pool at once
(terminate), so no worker holds the run, and `genelint` exits 130.
"""

from __future__ import annotations

import pickle
import signal
from collections import deque
from collections.abc import Generator, Iterator
from typing import TYPE_CHECKING, NamedTuple

from genelint.cache import ResultCache, content_digest, record_key, record_of, result_from_record
from genelint.document import GeneDocument
from genelint.parser import parse_bytes

if TYPE_CHECKING:  # the engine imports this module
    from genelint.engine import FileResult, Linter

MAX_CHUNK = 32  # pages per task
AHEAD = 4  # chunks a worker has been given and not yet returned, so that it never waits


class Outcome(NamedTuple):
    """What checking one page gave: its place in the list, the digest of the bytes checked
    ("" when none could be read), its record (None when none can be kept) and, when the record
    does not say everything, the FileResult itself."""

    position: int  # in the list of paths
    digest: str
    record: str | None
    result: FileResult | None
    cached: bool  # the record came from the cache: nothing to store
    document: bytes | None = None  # the GeneDocument pickled, for the network rules

    def file_result(self, path: str) -> FileResult:
        """The page's FileResult: as sent, else read back from its record."""
        if self.result is not None:
            return self.result
        assert self.record is not None, "an Outcome holds a result, a record or both"
        return result_from_record(path, self.record)


class PageChecker:
    """Checks pages for one Linter, looking each up in the result cache first when given one."""

    def __init__(
        self, linter: Linter, cache: ResultCache | None, run_key: str, in_process: bool = False
    ):
        self.linter = linter
        self.cache = cache
        self.run_key = run_key
        self.in_process = (
            in_process  # results stay objects: no record is read back where it was made
        )

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
        digest = content_digest(raw)
        if known is not None:
            result = result_from_record(path, known)
            # The network rules need the document itself: such a page is checked again. In
            # this process, though, it is only read when one of its lookups is answered (see
            # Linter.runs_without_document); a worker would have to send the document.
            reads_later = self.in_process and linter.runs_without_document(result)
            if not result.lookups or linter.offline or reads_later:
                return Outcome(index, digest, known, result if self.in_process else None, True)
        result = linter.check_document(parse_bytes(raw, path, linter.settings.parser_options()))
        result.digest = digest
        if self.in_process and self.cache is None:
            return Outcome(index, digest, None, result, False)  # no record to store, none to send
        record = record_of(result)
        if record is None or self.in_process:
            return Outcome(index, digest, record, result, False)
        if result.doc is not None:
            document = pickle.dumps(result.doc, pickle.HIGHEST_PROTOCOL)
            return Outcome(index, digest, record, None, False, document)
        return Outcome(index, digest, record, None, False)


def check_pages(
    linter: Linter,
    paths: list[str],
    jobs: int,
    cache: ResultCache | None,
    run_key: str,  # "" without a cache
    started=lambda: None,
) -> Generator[Outcome, None, None]:
    """An Outcome per path, in any order; `started()` is called once the workers exist."""
    if jobs <= 1 or len(paths) < 2:
        checker = PageChecker(linter, cache, run_key, in_process=True)
        started()
        for index, path in enumerate(paths):
            yield from checker.check([(index, path)])
        return
    import multiprocessing  # only for a pool: one file in a new process (pre-commit) never needs it

    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    size = max(1, min(MAX_CHUNK, len(paths) // (jobs * 4)))
    setup = (
        linter.settings,
        list(linter.enabled_codes),
        linter.offline,
        cache.path if cache else None,
        run_key,
    )
    # This process is one of the `jobs` that check pages: it would otherwise only wait for the
    # workers, and a process less is its memory less (each holds the interpreter, the rules
    # and their reference indexes; GL405's name index alone is ~25 MB).
    pool = context.Pool(jobs - 1, initializer=_start_worker, initargs=(setup,))
    checker = PageChecker(linter, cache, run_key, in_process=True)
    ahead = AHEAD * (jobs - 1)
    pending: deque = deque()  # chunks given to the workers, in the order given
    try:
        chunks = _chunks(paths, size)
        started()
        for chunk in chunks:
            pending.append(pool.apply_async(_check_chunk, (chunk,)))
            if len(pending) < ahead:
                continue
            # The workers have enough to do: take what they have finished, check a chunk here.
            while pending and pending[0].ready():
                yield from pending.popleft().get()
            own = next(chunks, None)
            if own is not None:
                yield from checker.check(own)
        while pending:
            yield from pending.popleft().get()
        pool.close()
    except BaseException:  # Ctrl-C, or the caller stopped: no worker outlives the run
        pool.terminate()
        raise
    finally:
        pool.join()


def _chunks(paths: list[str], size: int) -> Iterator[list[tuple[int, str]]]:
    """(index, path) lists of `size`, made as they are handed out."""
    for at in range(0, len(paths), size):
        yield list(enumerate(paths[at : at + size], start=at))


# --- inside a worker -----------------------------------------------------------------------

_CHECKER: PageChecker | None = None


def _start_worker(setup: tuple) -> None:
    from genelint.engine import Linter
    from genelint.registry import load_registry

    # Ctrl-C is the main process's to handle: it stops the pool. A worker that took it too
    # would print a traceback of its own and could die halfway through sending a result.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    global _CHECKER
    settings, codes, offline, cache_path, run_key = setup
    linter = Linter(settings, load_registry(settings.rule_paths), select=codes, offline=offline)
    cache = ResultCache(cache_path) if cache_path is not None else None
    _CHECKER = PageChecker(linter, cache, run_key)


def _check_chunk(chunk: list[tuple[int, str]]) -> list[Outcome]:
    assert _CHECKER is not None
    return _CHECKER.check(chunk)
