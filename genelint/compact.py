"""Compact forms of what a run keeps of every page until its report.

A run over 100,000 pages keeps something of each page from the moment it is checked to the
moment the report is written; a few hundred bytes a page are tens of megabytes. What is kept
only to be counted is kept as a digest, not as objects.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from genelint.rule import Lookup

_BUCKETS = 256  # by a digest's first byte: the distinct ones are counted a bucket at a time
_DIGEST = 9  # bytes: one picks the bucket, eight are kept (a 72-bit digest in all)


class LookupTally:
    """How many distinct lookups an offline run skipped, without keeping the lookups.

    Nearly every page asks its own questions (its rsIDs, its DOIs): kept as objects, they were
    the largest part of a large offline run's memory, only to be counted. Each is kept as 8
    bytes of a 72-bit digest; two distinct lookups of one run sharing a digest is less likely
    than one in ten billion at a million of them.
    """

    __slots__ = ("_buckets",)

    def __init__(self) -> None:
        self._buckets = [bytearray() for _ in range(_BUCKETS)]

    def add(self, lookups: Iterable[Lookup]) -> None:
        for kind, key in lookups:
            digest = hashlib.blake2b(
                f"{kind}\0{key}".encode("utf-8", "surrogatepass"), digest_size=_DIGEST
            ).digest()
            self._buckets[digest[0]] += digest[1:]

    def count(self) -> int:
        size = _DIGEST - 1
        return sum(
            len({bytes(bucket[at : at + size]) for at in range(0, len(bucket), size)})
            for bucket in self._buckets
        )


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
