"""The per-page phase, in this process or streamed to long-lived worker processes.

With --jobs N, this process and N - 1 workers check pages. Pages go to the workers in chunks
(one task per few dozen pages, so the cost of a task is spread; fewer toward the end, so that
no process waits long for the last ones) and come back as they are done, in any order. Each
worker is kept a few chunks ahead, and between topping them up this process checks a chunk of
its own: the workers take as many pages as they can, and this one, which also gathers their
results, the rest. The workers are forked before any page is checked, with this process's
Linter (no worker loads the registry or the rules again); what checking loads on first use
each process loads for itself, all at once.

Each worker is a forked process with a pipe each way, which this process's own thread writes
chunks to and reads results from between its own chunks. (multiprocessing.Pool did the same
with three threads of its own in this process, which sent the tasks and unpickled the
results: this process is also one of the N that check pages, and those threads took ~0.07 s
of its CPU at 2,000 pages and made it wait for the GIL; at --jobs 2 this process is the
run's critical path.) Where there is no fork (Windows), multiprocessing starts each worker as
a new interpreter. A worker that ends unexpectedly (killed, out of memory) is not waited for:
the chunks it had are checked in this process, and the run says so on standard error.

What comes back from a worker is small: the page's FileResult with its corpus facts packed
(genelint.cache.packed_facts), as the run keeps it until the report, which unpickling makes
again in C; with a result cache, also its record, the JSON the cache stores. When the network
rules may still need the document, it comes pickled apart, and the main process unpickles it
only if one of the page's lookups is answered (when a service is down, none is: its lookups
are reported from the result). A worker with a result cache looks each page up itself, by the
digest of the bytes it read: a page whose record is there is not parsed.

Workers ignore SIGINT: Ctrl-C reaches the main process, which stops the workers at once
(terminate), so no worker holds the run, and `genelint` exits 130.
"""

from __future__ import annotations

import os
import pickle
import signal
import sys
from collections import deque
from collections.abc import Generator, Iterable, Iterator
from typing import TYPE_CHECKING, NamedTuple, cast

from genelint.cache import (
    ResultCache,
    content_digest,
    kept_suppressions,
    packed_facts,
    record_key,
    record_of,
    result_from_record,
)
from genelint.compact import lookup_hashes
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
    # A forked worker's, when the run only counts lookups (offline): the page's lookups as
    # compact.lookup_hashes packs them, the result's own left empty.
    lookup_hashes: bytes | None = None

    def file_result(self, path: str) -> FileResult:
        """The page's FileResult: as sent, else read back from its record."""
        if self.result is not None:
            return self.result
        assert self.record is not None, "an Outcome holds a result, a record or both"
        return result_from_record(path, self.record)


class PageChecker:
    """Checks pages for one Linter, looking each up in the result cache first when given one.
    With `sift`, a file that is not a gene page (genelint.files) is left out, decided from the
    bytes read to check it; one whose record is in the cache was a page when it was stored.
    With `hash_lookups` (a forked worker of a run that only counts lookups), the lookups of a
    page it checks are sent as their hashes."""

    def __init__(
        self,
        linter: Linter,
        cache: ResultCache | None,
        run_key: str,
        in_process: bool = False,
        sift: bool = False,
        hash_lookups: bool = False,
    ):
        self.linter = linter
        self.cache = cache
        self.run_key = run_key
        self.in_process = (
            in_process  # results stay objects: no record is read back where it was made
        )
        self.sift = sift and not linter.settings.include  # `include` names the pages itself
        self.options = linter.settings.parser_options()  # the same for every page of the run
        self.hash_lookups = hash_lookups

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
        if (
            known is None
            and self.sift
            and not bytes_look_like_gene_page(raw, linter.settings, path)
        ):
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
        hashes = None
        if self.hash_lookups:
            hashes, result.lookups = lookup_hashes(result.lookups), []
        return Outcome(index, digest, record, result, False, _sent(result), lookup_hashes=hashes)


def _sent(result: FileResult) -> bytes | None:
    """A worker's result made ready to send: its facts packed as the run keeps them; and its
    document, when the network rules may still need it, pickled apart (see the module's doc)."""
    document = None
    if result.doc is not None:
        document = pickle.dumps(result.doc, pickle.HIGHEST_PROTOCOL)
        result.doc = None
    result.facts = packed_facts(result.facts)
    result.suppressions = kept_suppressions(result.suppressions)
    return document


def check_pages(
    linter: Linter,
    paths: list[str],
    jobs: int,
    cache: ResultCache | None,
    run_key: str,  # "" without a cache
    started=lambda: None,
    sift: bool = False,
    count_lookups: bool = False,
) -> Generator[Outcome, None, None]:
    """An Outcome per path, in any order; `started()` is called once the workers exist. With
    `sift`, files that are not gene pages are left out (see PageChecker); with
    `count_lookups` (the run only counts lookups), forked workers send their hashes."""
    if jobs <= 1 or len(paths) < 2:
        checker = PageChecker(linter, cache, run_key, in_process=True, sift=sift)
        started()
        for index, path in enumerate(paths):
            yield from checker.check([(index, path)])
        return
    forking = hasattr(os, "fork")
    chunks = _Chunks(len(paths), jobs)
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
    setup: tuple = (linter, cache.path if cache else None, run_key, sift, paths, count_lookups)
    workers: list[_Worker] = []
    try:
        if forking:
            for _ in range(jobs - 1):
                workers.append(_ForkedWorker(setup, workers))
        else:  # a new interpreter: it builds its own Linter from what this one was given,
            # and hashes with a secret of its own (it sends the lookups themselves)
            setup = (
                linter.settings,
                list(linter.enabled_codes),
                linter.offline,
                *setup[1:5],
                False,
            )
            workers.extend(_SpawnedWorker(setup) for _ in range(jobs - 1))
        # Only once the workers exist: what the caller does then may start threads (streamed
        # lookups), which a forked child must not inherit halfway through holding a lock.
        started()
        while True:
            for worker in workers:
                yield from worker.finished(chunks)
                while worker.alive and len(worker.given) < AHEAD and chunks.left:
                    worker.give(chunks.take())
            if chunks.left:  # the workers have enough to do: check a chunk here
                yield from checker.check(_pages(paths, chunks.take()))
                continue
            busy = [worker for worker in workers if worker.given]
            if not busy:
                break
            for worker in type(busy[0]).wait(busy):  # every page is given: wait for the last
                yield from worker.finished(chunks)
        for worker in workers:
            worker.stop()
    except BaseException:  # Ctrl-C, or the caller stopped: no worker outlives the run
        for worker in workers:
            worker.terminate()
        raise
    finally:
        for worker in workers:
            worker.join()


def _pages(paths: list[str], chunk: range) -> list[tuple[int, str]]:
    return [(index, paths[index]) for index in chunk]


class _Chunks:
    """Ranges of positions in the list of paths, made as they are handed out: MAX_CHUNK pages
    while many are left, then fewer, so that the processes end at nearly the same time.
    Chunks a lost worker had are handed out again first."""

    def __init__(self, count: int, jobs: int):
        self.count, self.jobs, self.at = count, jobs, 0
        self.returned: list[range] = []

    @property
    def left(self) -> int:
        return self.count - self.at + sum(map(len, self.returned))

    def take(self, most: int = MAX_CHUNK) -> range:
        if self.returned:
            return self.returned.pop()
        size = max(1, min(most, self.left // (self.jobs * SHARES)))
        start, self.at = self.at, self.at + size
        return range(start, self.at)

    def give_back(self, chunks: Iterable[range]) -> None:
        self.returned.extend(chunks)


class _Worker:
    """A worker process as this process sees it: the chunks it was given and has not sent
    back, in the order given (it checks them in that order). A chunk is sent as the range of
    its positions in the list of paths, which the worker has (forked with it, or given it
    when started): a few bytes, so that this process never waits to send one while the
    worker waits to send a result. How messages cross is the subclass's."""

    def __init__(self) -> None:
        self.given: deque[range] = deque()
        self.alive = True

    def give(self, chunk: range) -> None:
        try:
            self.send(chunk)
        except OSError:  # gone: reading from it says so, and takes its chunks back
            pass
        self.given.append(chunk)

    def finished(self, chunks: _Chunks) -> Iterator[Outcome]:
        """The outcomes of the chunks it has sent back, without waiting for any other."""
        while self.given and self.poll():
            try:
                outcomes = self.receive()
            except (EOFError, OSError):
                self._lost(chunks)
                return
            self.given.popleft()
            yield from outcomes

    def _lost(self, chunks: _Chunks) -> None:
        """It ended before sending back every chunk it was given: those are checked here."""
        code = self.join()
        print(
            f"genelint: warning: a worker process ended unexpectedly (exit code {code}); "
            f"the {sum(map(len, self.given))} pages it had not checked yet are checked in "
            "the main process",
            file=sys.stderr,
        )
        chunks.give_back(self.given)
        self.given.clear()
        self.alive = False

    def stop(self) -> None:
        try:
            self.send(None)
        except OSError:  # gone already, with nothing of ours
            pass

    # How messages cross, and the process's life.
    @staticmethod
    def wait(workers: list[_Worker]) -> list[_Worker]:
        """Those of the workers (all of this class) with something to read, once one has."""
        raise NotImplementedError

    def send(self, message: range | None) -> None:
        raise NotImplementedError

    def poll(self) -> bool:
        """Whether a message (or the end of the pipe) is there to read."""
        raise NotImplementedError

    def receive(self) -> list[Outcome]:
        raise NotImplementedError

    def terminate(self) -> None:
        raise NotImplementedError

    def join(self) -> int | None:
        """Wait for the process to end; its exit code (negative: the signal that ended it)."""
        raise NotImplementedError


class _ForkedWorker(_Worker):
    """A worker forked with os.fork, a pipe each way. Not multiprocessing's: importing it (its
    sockets, temporary files and subprocesses) took ~10 ms of this process before the fork,
    while no page was checked yet."""

    def __init__(self, setup: tuple, others: list[_Worker]):
        super().__init__()
        chunks_read, self.chunks = os.pipe()
        self.outcomes, outcomes_write = os.pipe()
        for stream in (sys.stdout, sys.stderr):  # nothing written once by each process
            try:
                stream.flush()
            except (OSError, ValueError):
                pass
        self.pid = os.fork()
        if self.pid == 0:  # the worker: never returns to the code that forked it
            code = 1
            try:
                signal.signal(signal.SIGINT, signal.SIG_IGN)  # at once (see _work)
                os.close(self.chunks)
                os.close(self.outcomes)
                for other in others:  # their pipes are this process's: theirs end with it
                    os.close(cast(_ForkedWorker, other).chunks)
                    os.close(cast(_ForkedWorker, other).outcomes)
                _work(setup, lambda: _read(chunks_read), lambda sent: _write(outcomes_write, sent))
                code = 0
            except (EOFError, BrokenPipeError):  # this process ended first: nothing to say
                pass
            except BaseException:  # a traceback, as a multiprocessing worker prints
                import traceback

                traceback.print_exc()
            finally:
                os._exit(code)
        os.close(chunks_read)
        os.close(outcomes_write)
        self.exit_code: int | None = None

    def send(self, message: range | None) -> None:
        _write(self.chunks, message)

    def poll(self) -> bool:
        import select

        return bool(select.select([self.outcomes], [], [], 0)[0])

    def receive(self) -> list[Outcome]:
        return _read(self.outcomes)

    @staticmethod
    def wait(workers: list[_Worker]) -> list[_Worker]:
        import select

        by_pipe = {cast(_ForkedWorker, worker).outcomes: worker for worker in workers}
        return [by_pipe[pipe] for pipe in select.select(list(by_pipe), [], [])[0]]

    def terminate(self) -> None:
        if self.exit_code is None:
            try:
                os.kill(self.pid, signal.SIGTERM)
            except ProcessLookupError:
                pass

    def join(self) -> int | None:
        if self.exit_code is None:
            _, status = os.waitpid(self.pid, 0)
            self.exit_code = os.waitstatus_to_exitcode(status)
            os.close(self.chunks)
            os.close(self.outcomes)
        return self.exit_code


def _write(pipe: int, message) -> None:
    """One message: its length, then its pickle."""
    data = pickle.dumps(message, pickle.HIGHEST_PROTOCOL)
    view = memoryview(len(data).to_bytes(8, "little") + data)
    while view:
        view = view[os.write(pipe, view) :]


def _read(pipe: int):
    size = int.from_bytes(_read_exactly(pipe, 8), "little")
    return pickle.loads(_read_exactly(pipe, size))


def _read_exactly(pipe: int, size: int) -> bytearray:
    data = bytearray(size)
    view, at = memoryview(data), 0
    while at < size:
        got = os.readv(pipe, [view[at:]])
        if not got:
            raise EOFError("the other process closed the pipe")
        at += got
    return data


class _SpawnedWorker(_Worker):
    """A worker started as a new interpreter by multiprocessing, where there is no fork."""

    def __init__(self, setup: tuple):
        super().__init__()
        import multiprocessing

        context = multiprocessing.get_context("spawn")
        self.connection, theirs = context.Pipe()
        self.process = context.Process(target=_serve, args=(setup, theirs), daemon=True)
        self.process.start()
        theirs.close()  # the worker's alone now: this end reads EOF once the worker is gone

    def send(self, message: range | None) -> None:
        self.connection.send(message)

    def poll(self) -> bool:
        return self.connection.poll()

    def receive(self) -> list[Outcome]:
        return self.connection.recv()

    @staticmethod
    def wait(workers: list[_Worker]) -> list[_Worker]:
        from multiprocessing.connection import wait

        by_connection = {cast(_SpawnedWorker, worker).connection: worker for worker in workers}
        return [by_connection[c] for c in wait(list(by_connection))]  # type: ignore[index]

    def terminate(self) -> None:
        self.process.terminate()

    def join(self) -> int | None:
        self.process.join()
        return self.process.exitcode


# --- inside a worker -----------------------------------------------------------------------


def _serve(setup: tuple, connection) -> None:
    """A spawned worker's life (multiprocessing's Process target)."""
    _work(setup, connection.recv, connection.send)


def _work(setup: tuple, receive, send) -> None:
    """A worker's life: chunks in, their outcomes out, until it is sent None."""
    from genelint.engine import Linter
    from genelint.registry import load_registry

    # Ctrl-C is the main process's to handle: it stops the workers. A worker that took it too
    # would print a traceback of its own and could die halfway through sending a result.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if isinstance(setup[0], Linter):  # forked: this process has the main process's already
        linter, cache_path, run_key, sift, paths, hash_lookups = setup
    else:
        settings, codes, offline, cache_path, run_key, sift, paths, hash_lookups = setup
        registry = load_registry(settings.rule_paths)
        linter = Linter(settings, registry, select=codes, offline=offline)
    cache = ResultCache(cache_path) if cache_path is not None else None
    checker = PageChecker(linter, cache, run_key, sift=sift, hash_lookups=hash_lookups)
    while (chunk := receive()) is not None:
        send(checker.check(_pages(paths, chunk)))
