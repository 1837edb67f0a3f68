"""Which part of a page asks which lookup: the one mapping every network rule and GL010 use.

Only values that are well-formed are asked; a malformed rsID, DOI or accession is
GL304/GL401/GL201's to report, and asking a service about it would only fail.
"""

from __future__ import annotations

import functools
import re
from typing import Iterator, NamedTuple

from genelint.document import Citation, Field, GeneDocument, MutationRow
from genelint.rule import Answer, Context, Lookup

_RSID = re.compile(r"rs[1-9][0-9]*")
_DOI = re.compile(r"10\.[0-9]{4,9}/\S+")
# Wrappers GL401 removes by a fix; the DOI inside them is still the one to verify.
_DOI_WRAPPER = re.compile(r"^(?:doi\s*:\s*|https?://(?:dx\.)?doi\.org/|doi\.org/)", re.I)
_UNIPROT = re.compile(r"([OPQ][0-9][A-Z0-9]{3}[0-9]|[A-NR-Z][0-9](?:[A-Z][A-Z0-9]{2}[0-9]){1,2})(-[0-9]+)?")
_WHAT = {"rsid": "rsID", "refsnp": "the RefSNP record of", "doi": "DOI",
         "doi-updates": "the retraction notices of DOI", "uniprot": "UniProtKB entry"}


class Asked(NamedTuple):
    """A lookup and the page text that asks it (where findings about it point)."""

    lookup: Lookup
    field: Field


def rsid_lookup(row: MutationRow) -> Asked | None:
    if row.rsid is None or not _RSID.fullmatch(row.rsid.value.strip()):
        return None
    return Asked(Lookup("rsid", row.rsid.value.strip()), row.rsid)


def doi_lookup(citation: Citation) -> Asked | None:
    if citation.doi is None:
        return None
    doi = _DOI_WRAPPER.sub("", citation.doi.value.strip(), count=1).rstrip(".,;:")
    if not _DOI.fullmatch(doi):
        return None
    return Asked(Lookup("doi", doi), citation.doi)


def uniprot_lookup(doc: GeneDocument) -> Asked | None:
    """The page's first UniProtKB identifier: the protein its residue numbers refer to."""
    for identifier in doc.identifiers:
        if identifier.kind == "UniProtKB":
            value = identifier.value.value.strip()
            return Asked(Lookup("uniprot", value), identifier.value) if _UNIPROT.fullmatch(value) else None
    return None


def rsid_lookups(doc: GeneDocument) -> Iterator[tuple[MutationRow, Asked]]:
    for row in doc.mutations:
        asked = rsid_lookup(row)
        if asked:
            yield row, asked


def doi_lookups(doc: GeneDocument) -> Iterator[tuple[Citation, Asked]]:
    for citation in doc.citations:
        asked = doi_lookup(citation)
        if asked:
            yield citation, asked


def refsnp_lookup(ctx: Context, rsid: Asked) -> Asked | None:
    """The RefSNP record of an rs E-utilities places in several genes: only it says which
    protein change lies in which gene. A follow-up lookup, known once the rsID's answer is."""
    answer = known(ctx, rsid.lookup)
    if answer is None or answer.status != "found" or len(answer.value.genes) < 2:
        return None
    return Asked(Lookup("refsnp", answer.value.current_rsid), rsid.field)


def updates_lookup(ctx: Context, doi: Asked) -> Asked | None:
    """The notices Crossref holds that update a DOI it registered: a follow-up lookup,
    known once the DOI's answer says Crossref is its agency."""
    answer = known(ctx, doi.lookup)
    if answer is None or answer.status != "found" or answer.value.agency != "crossref":
        return None
    return Asked(Lookup("doi-updates", answer.value.doi), doi.field)


def every_lookup(doc: GeneDocument, ctx: Context | None = None) -> Iterator[Asked]:
    """Every lookup any network rule may ask for this page, in page order; with the answers
    in `ctx`, also the follow-up lookups they lead to."""
    for _, asked in rsid_lookups(doc):
        yield asked
        follow_up = refsnp_lookup(ctx, asked) if ctx is not None else None
        if follow_up:
            yield follow_up
    for _, asked in doi_lookups(doc):
        yield asked
        follow_up = updates_lookup(ctx, asked) if ctx is not None else None
        if follow_up:
            yield follow_up
    uniprot = uniprot_lookup(doc)
    if uniprot:
        yield uniprot


def known(ctx: Context, lookup: Lookup) -> Answer | None:
    """The answer when the service gave one ("found" or "not_found"); None when it failed or was not asked."""
    answer = ctx.answer(lookup)
    return answer if answer is not None and answer.status != "error" else None


def describe(lookup: Lookup) -> str:
    return f"{_WHAT.get(lookup.kind, lookup.kind)} {lookup.key}"


def stale_note(answer: Answer) -> str:
    """Said in every finding that rests on an expired cache entry."""
    return " (from the cache: the service could not be reached)" if answer.stale else ""


def listed_change(row: MutationRow):
    """The row's protein change, read as HGVS or as a common legacy form; None when neither.

    An unreadable change is GL301's to report; the network rules then say nothing.
    """
    if row.change is None or not row.change.value.strip():
        return None
    return _read_change(row.change.value.strip())


@functools.lru_cache(maxsize=4096)
def _read_change(text: str):
    # Several network rules read the same cell, in every lookup round: parse it once.
    from genelint.hgvs import HgvsSyntaxError, parse_legacy, parse_protein

    try:
        return parse_protein(text)
    except HgvsSyntaxError:
        return parse_legacy(text)
