"""Corpus rules: facts that must agree across all pages of a run.

Each rule's `collect` runs where the page was parsed (a worker with --jobs) and
returns small picklable facts; `check_corpus` runs once over every page's facts
and reports at the exact place in each page involved, naming the other pages.
"""

from __future__ import annotations

import re
from array import array
from collections import Counter
from collections.abc import Iterator, Sequence
from functools import lru_cache
from typing import NamedTuple

from genelint.document import GeneDocument, Span
from genelint.findings import Finding, Severity
from genelint.rule import Context, CorpusRule
from genelint.rules.citations import check_doi

_NOT_WORD = re.compile(r"[\W_]+")
_RSID = re.compile(r"\brs0*([0-9]+)\b", re.I)
MAX_NAMED = 3  # other places named in one message
_BUCKETS = 16  # a run's hashes are sorted out a sixteenth at a time


class Place(NamedTuple):
    """One occurrence of a shared value: what the page says there, and where."""

    key: str  # the value compared across pages (normalised)
    said: str  # what the page says about it (a title, a gene)
    shown: str  # the value as written
    span: Span


# Facts stay alive for the whole run, one per cited DOI, listed rsID and page. Kept as
# plain tuples of strings and numbers, which the garbage collector soon stops tracking,
# they cost no collection time; only places in a conflict become Places again.
_Packed = (
    tuple  # (key, said, shown, then the span's line, column, end_line, end_column, start, end)
)


def _packed(key: str, said: str, shown: str, span: Span) -> _Packed:
    """Place(key, said, shown, span), packed."""
    return (
        key,
        said,
        shown,
        span.line,
        span.column,
        span.end_line,
        span.end_column,
        span.start,
        span.end,
    )


def _one(key: str, shown: str) -> str:
    """The key, as the very string shown when the two are equal: the engine packs a page's
    facts with marshal, which writes a string the fact holds twice once (an rsID, a DOI or a
    symbol written as it is compared: ~100 bytes a page of what a run keeps)."""
    return shown if key == shown else key


def _unpack(packed: _Packed) -> Place:
    """The Place a packed fact stands for."""
    return Place(packed[0], packed[1], packed[2], Span(*packed[3:]))


def _places(others: list[tuple[str, Place]]) -> str:
    shown = [f"{path}:{place.span.line}" for path, place in others[:MAX_NAMED]]
    more = len(others) - MAX_NAMED
    return ", ".join(shown) + (f" and {more} more" if more > 0 else "")


def _conflicts(
    facts: Sequence[tuple[str, tuple[_Packed, ...]]], same
) -> Iterator[tuple[str, Place, list[tuple[str, Place]]]]:
    """(path, place, places in other pages that disagree) for every disagreeing place."""
    # Read three times (the engine makes each page's facts again when read): first to find the
    # few values said more than once, then to list the pages that say each of them, and last
    # to gather one value's places from its pages. A run over 100,000 pages lists ~600,000
    # rsIDs and names a gene said on another page on nearly every page: every place of those
    # at once was hundreds of megabytes, every repeated one ~35 MB.
    repeated = _repeated_hashes(facts)
    if not repeated:  # every value said once: no second pass
        return
    pages_saying: dict[str, list[int]] = {}  # value -> the indexes of the pages that say it
    for index, (_, places) in enumerate(facts):
        for place in places or ():
            key = place[0]
            if hash(key) in repeated:
                pages = pages_saying.get(key)
                if pages is None:
                    pages_saying[key] = [index]
                elif pages[-1] != index:
                    pages.append(index)
    # Pages that share one value often share more (a table copied from another page): the
    # last pages read are kept for the next values.
    read = lru_cache(maxsize=64)(facts.__getitem__)
    for key, pages in pages_saying.items():
        # Nearly every value is said on one page only: nothing to compare, no set to build.
        if len(pages) < 2:
            continue
        occurrences = [
            (path, _unpack(place))
            for path, places in map(read, pages)
            for place in places
            if place[0] == key
        ]
        if len({path for path, _ in occurrences}) < 2:
            continue
        for path, place in occurrences:
            others = [(p, o) for p, o in occurrences if p != path and not same(o.said, place.said)]
            if others:
                yield path, place, others


def _repeated_hashes(facts: Sequence[tuple[str, tuple[_Packed, ...]]]) -> set[int]:
    """The hashes of the values said at two places or more (and of a few others, whose hash
    another value shares), found keeping 8 bytes a place and one bucket of them at a time:
    the places' hashes are sorted into buckets in one pass, then each bucket is counted (in
    C, by Counter) and let go."""
    buckets = [array("q") for _ in range(_BUCKETS)]
    for _, places in facts:
        for place in places or ():
            value = hash(place[0])
            buckets[value % _BUCKETS].append(value)
    repeated: set[int] = set()
    while buckets:
        counts = Counter(buckets.pop())
        repeated.update(value for value, count in counts.items() if count > 1)
    return repeated


def _title_key(title: str) -> str:
    return _NOT_WORD.sub(" ", title.casefold()).strip()


class ConflictingCitation(CorpusRule):
    """The same DOI is cited with different titles on different pages.

    Titles are compared ignoring case, punctuation and spacing; DOIs ignoring
    case and `doi:`/URL wrappers. Each page is told the other pages' titles.

    Why: one DOI names one paper; two titles for it mean at least one page
    cites the DOI of another paper (a frequent error in generated pages).

    Bad:  ALAS2.md cites 10.3109/10428199209057385 as "Familial occurrence of
          myelodysplastic syndromes", ALAS1.md as "Heme synthesis in anemia".
    Good: both pages give the registry's title.
    """

    code = "GL901"
    name = "conflicting-citation"
    severity = Severity.WARNING

    def collect(self, doc: GeneDocument, ctx: Context) -> tuple[_Packed, ...]:
        places = []
        for citation in doc.citations:
            if citation.doi is None or citation.title is None or not citation.title.value.strip():
                continue
            doi = check_doi(citation.doi.value)
            if doi.problem is None:
                places.append(
                    _packed(
                        _one(doi.key, doi.doi),
                        citation.title.value.strip(),
                        doi.doi,
                        citation.title.span,
                    )
                )
        return tuple(places)

    def check_corpus(
        self, facts: Sequence[tuple[str, tuple[_Packed, ...]]], ctx: Context
    ) -> Iterator[Finding]:
        same = lambda a, b: _title_key(a) == _title_key(b)  # noqa: E731
        for path, place, others in _conflicts(facts, same):
            titles = sorted({o.said for _, o in others})
            shown = "; ".join(f"'{t}'" for t in titles[:MAX_NAMED])
            message = f"DOI {place.shown} is cited with another title in {_places(others)}: {shown}"
            yield self.finding_at(path, place.span, message)


class RsidMultipleGenes(CorpusRule):
    """The same rsID is listed under different genes on different pages.

    rsIDs are read from the dbSNP column of each page's mutation table
    (`rs012` and `RS12` count as rs12) and the gene is the page's symbol.

    Why: a variant lies in one gene in nearly every case; the same rs on two
    gene pages usually means one page copied a row from the other. Genes that
    overlap can share variants, so this is a warning to check, not an error.

    Bad:  rs137852769 in the tables of ALAS2.md and of HBB.md.
    Good: each rs on the page of the gene it lies in.
    """

    code = "GL902"
    name = "rsid-multiple-genes"
    severity = Severity.WARNING

    def collect(self, doc: GeneDocument, ctx: Context) -> tuple[_Packed, ...]:
        if not doc.symbol:
            return ()
        places = []
        symbol = doc.symbol
        for row in doc.mutations:
            if row.rsid is None:
                continue
            cell = row.rsid.value
            line, column, start = (
                row.rsid.span.line,
                row.rsid.span.column,
                row.rsid.span.start,
            )  # a cell is on one line
            # Every listed rsID is a fact, and there are many: in an ASCII cell (nearly all)
            # a character is a byte, so the packed span is two additions, not a Span built
            # through the line index (which non-ASCII cells still use).
            plain = cell.isascii()
            for match in _RSID.finditer(cell):
                at, end = match.span()
                shown = match.group(0)
                key = _one(f"rs{match.group(1)}", shown)
                if plain:
                    places.append(
                        (
                            key,
                            symbol,
                            shown,
                            line,
                            column + at,
                            line,
                            column + end,
                            start + at,
                            start + end,
                        )
                    )
                else:
                    span = doc.lines.span_at(line, column + at, end - at)
                    places.append(_packed(key, symbol, shown, span))
        return tuple(places)

    def check_corpus(
        self, facts: Sequence[tuple[str, tuple[_Packed, ...]]], ctx: Context
    ) -> Iterator[Finding]:
        same = lambda a, b: a.upper() == b.upper()  # noqa: E731
        for path, place, others in _conflicts(facts, same):
            genes = ", ".join(sorted({o.said for _, o in others}))
            yield self.finding_at(
                path,
                place.span,
                f"{place.key} is also listed under {genes} in {_places(others)}; this page is {place.said}",
            )


def _symbol_span(doc: GeneDocument) -> Span:
    entry = doc.front_matter.entries.get("title")
    if entry is not None and entry.value_span is not None:
        return entry.value_span
    if doc.title is not None:
        return doc.title.span
    return doc.lines.span(0, 0)


class DuplicateGenePage(CorpusRule):
    """Two pages are about the same gene.

    The gene is each page's symbol (front matter `title`, else the H1),
    compared ignoring case. Each page names the others.

    Why: two pages for one gene drift apart and readers find whichever comes
    first; merge them into one.

    Bad:  genes/ALAS2.md and genes/old/ALAS2-v2.md, both `title: "ALAS2"`.
    Good: one page per gene.
    """

    code = "GL903"
    name = "duplicate-gene-page"
    severity = Severity.WARNING

    def collect(self, doc: GeneDocument, ctx: Context) -> tuple[_Packed, ...]:
        if not doc.symbol:
            return ()
        symbol = doc.symbol
        return (_packed(_one(symbol.upper(), symbol), symbol, symbol, _symbol_span(doc)),)

    def check_corpus(
        self, facts: Sequence[tuple[str, tuple[_Packed, ...]]], ctx: Context
    ) -> Iterator[Finding]:
        for path, place, others in _conflicts(facts, lambda a, b: False):
            yield self.finding_at(
                path, place.span, f"{place.shown} also has a page: {_places(others)}"
            )
