"""Compact forms of what a run keeps of every page until its report.

A run over 100,000 pages keeps something of each page from the moment it is checked to the
moment the report is written; a few hundred bytes a page are tens of megabytes. What is kept
only to be counted is kept as a hash, not as objects.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from genelint.rule import Lookup

_BUCKETS = 256  # by a hash's low byte: the distinct ones are counted a bucket at a time


class LookupTally:
    """How many distinct lookups an offline run skipped, without keeping the lookups.

    Nearly every page asks its own questions (its rsIDs, its DOIs): kept as objects, they were
    the largest part of a large offline run's memory, only to be counted. Each is kept as the
    8 bytes of its hash in this process (a lookup is a tuple of strings: the hash is SipHash
    over each, made in C, several times faster than a digest made for each); two distinct
    lookups of one run sharing a hash is less likely than one in thirty million at a
    million of them. Hashes differ between processes: only the main process counts.
    A page lists most of its lookups more than once (an rsID for each rule that asks about
    it: ~23 listed, ~8 distinct on the benchmark's pages), and pages seldom share one: a
    page's are kept once each, ~120 bytes a page less than all of them.
    """

    __slots__ = ("_buckets",)

    def __init__(self) -> None:
        self._buckets = [array("q") for _ in range(_BUCKETS)]

    def add(self, lookups: Iterable[Lookup]) -> None:
        self._add(map(hash, lookups))

    def add_hashes(self, packed: bytes) -> None:
        """A page's lookups as `lookup_hashes` packed them, in a process forked from this one."""
        self._add(array("q", packed))

    def _add(self, hashes: Iterable[int]) -> None:
        buckets = self._buckets
        for hashed in set(hashes):
            buckets[hashed & 0xFF].append(hashed)

    def count(self) -> int:
        return sum(len(set(bucket)) for bucket in self._buckets)


def lookup_hashes(lookups: Iterable[Lookup]) -> bytes:
    """A page's distinct lookups as a LookupTally counts them, 8 bytes each. A forked worker
    hashes as the process it was forked from does (the same hash secret): it sends these in
    place of the lookups, which that process would only count, so that neither pickles them."""
    return array("q", {hash(lookup) for lookup in lookups}).tobytes()


class PagesFacts(Sequence[tuple[str, Any]]):
    """One corpus rule's facts of every page, as `check_corpus` reads them: (path, facts)
    pairs, each page's made when it is reached from the compact form its result keeps
    (genelint.cache.PackedFacts), so that a large run never holds them all as objects."""

    __slots__ = ("_results", "_code")

    def __init__(self, results: list, code: str) -> None:
        self._results = results  # FileResults that have facts of this rule
        self._code = code

    def __len__(self) -> int:
        return len(self._results)

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [(r.path, r.facts[self._code]) for r in self._results[index]]
        result = self._results[index]
        return result.path, result.facts[self._code]

    def __iter__(self) -> Iterator[tuple[str, Any]]:
        code = self._code
        for result in self._results:
            yield result.path, result.facts[code]
