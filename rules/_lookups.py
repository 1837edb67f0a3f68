"""Which part of a page asks which lookup: the one mapping every network rule and GL010 use.

Only values that are well-formed are asked; a malformed rsID, DOI or accession is
GL304/GL401/GL201's to report, and asking a service about it would only fail.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from typing import TYPE_CHECKING, NamedTuple

from genelint.document import Citation, Field, GeneDocument, MutationRow
from genelint.rule import Answer, Context, Lookup
from genelint.rules.identifiers import CHECKS as ID_CHECKS
from genelint.syntax import DOI, DOI_TRAILING, DOI_WRAPPER, RSID, read_change

if TYPE_CHECKING:  # the HGVS parser is imported when a network rule first reads a change
    from genelint.hgvs import ProteinChange

_WHAT = {
    "rsid": "rsID",
    "refsnp": "the RefSNP record of",
    "doi": "DOI",
    "doi-updates": "the retraction notices of DOI",
    "uniprot": "UniProtKB entry",
}


class Asked(NamedTuple):
    """A lookup and the page text that asks it (where findings about it point)."""

    lookup: Lookup
    field: Field


def rsid_lookup(row: MutationRow) -> Asked | None:
    if row.rsid is None or not RSID.fullmatch(row.rsid.value.strip()):
        return None
    return Asked(Lookup("rsid", row.rsid.value.strip()), row.rsid)


def doi_lookup(citation: Citation) -> Asked | None:
    if citation.doi is None:
        return None
    # Wrappers GL401 removes by a fix; the DOI inside them is still the one to verify.
    doi = DOI_WRAPPER.sub("", citation.doi.value.strip(), count=1).rstrip(DOI_TRAILING)
    if not DOI.fullmatch(doi):
        return None
    return Asked(Lookup("doi", doi), citation.doi)


def uniprot_lookup(doc: GeneDocument, ctx: Context | None = None) -> Asked | None:
    """The page's first UniProtKB identifier: the protein its residue numbers refer to
    (worked out once per page for all the rules given `ctx`, as are the two below)."""
    return ctx.page_value(doc, _uniprot_lookup) if ctx is not None else _uniprot_lookup(doc)


def rsid_lookups(
    doc: GeneDocument, ctx: Context | None = None
) -> tuple[tuple[MutationRow, Asked], ...]:
    return ctx.page_value(doc, _rsid_lookups) if ctx is not None else _rsid_lookups(doc)


def doi_lookups(
    doc: GeneDocument, ctx: Context | None = None
) -> tuple[tuple[Citation, Asked], ...]:
    return ctx.page_value(doc, _doi_lookups) if ctx is not None else _doi_lookups(doc)


def _uniprot_lookup(doc: GeneDocument) -> Asked | None:
    for identifier in doc.identifiers:
        if identifier.kind == "UniProtKB":
            value = identifier.value.value.strip()
            return (
                Asked(Lookup("uniprot", value), identifier.value)
                if ID_CHECKS["UniProtKB"](value) is None
                else None
            )
    return None


def _rsid_lookups(doc: GeneDocument) -> tuple[tuple[MutationRow, Asked], ...]:
    return tuple((row, asked) for row in doc.mutations if (asked := rsid_lookup(row)))


def _doi_lookups(doc: GeneDocument) -> tuple[tuple[Citation, Asked], ...]:
    return tuple((citation, asked) for citation in doc.citations if (asked := doi_lookup(citation)))


def refsnp_lookup(doc: GeneDocument, row: MutationRow, rsid: Asked, ctx: Context) -> Asked | None:
    """The RefSNP record GL307 asks for, as a follow-up once the rsID's answer is known: when
    E-utilities places the rs in the page's gene and in others, and the listed change is one
    of its protein changes, only the RefSNP record says in which gene. None otherwise."""
    answer = known(ctx, rsid.lookup)
    if answer is None or answer.status != "found" or not doc.symbol:
        return None
    symbols = {symbol.upper() for symbol, _ in answer.value.genes}
    if len(symbols) < 2 or doc.symbol.upper() not in symbols:
        return None
    listed = listed_change(row)
    if listed is None or not any(
        same_change(listed, change) for _, change in readable_changes(answer.value.protein_changes)
    ):
        return None  # none of the rs's changes in any gene: no second question needed
    return Asked(Lookup("refsnp", answer.value.current_rsid), rsid.field)


@functools.lru_cache(maxsize=4096)
def readable_changes(names: tuple[str, ...]) -> tuple[tuple[str, ProteinChange], ...]:
    """(`p.…` text, ProteinChange) of the `NP_…:p.…` names this parser reads (cached: the
    same record is read by several rows, rules and lookup rounds)."""
    from genelint.hgvs import HgvsSyntaxError, parse_protein

    changes = []
    for text in names:
        try:
            changes.append((text.split(":", 1)[-1], parse_protein(text)))
        except HgvsSyntaxError:
            continue  # a form this parser does not read cannot confirm or refute anything
    return tuple(changes)


def same_change(listed: ProteinChange, registered: ProteinChange) -> bool:
    """Same edit at the same residues; an unknown (Xaa) or unstated new residue matches any."""
    where = (listed.kind, listed.ref, listed.position, listed.end_ref, listed.end_position)
    if where != (
        registered.kind,
        registered.ref,
        registered.position,
        registered.end_ref,
        registered.end_position,
    ):
        return False
    if not listed.alt or not registered.alt or "Xaa" in listed.alt:
        return True
    return listed.alt == registered.alt


def updates_lookup(ctx: Context, doi: Asked) -> Asked | None:
    """The notices Crossref holds that update a DOI it registered: a follow-up lookup,
    known once the DOI's answer says Crossref is its agency. A DOI with a comma cannot be put
    in Crossref's `updates:` filter (commas separate its values): its notices are only those
    the work itself lists."""
    answer = known(ctx, doi.lookup)
    if (
        answer is None
        or answer.status != "found"
        or answer.value.agency != "crossref"
        or "," in answer.value.doi
    ):
        return None
    return Asked(Lookup("doi-updates", answer.value.doi), doi.field)


def every_lookup(doc: GeneDocument, ctx: Context | None = None) -> Iterator[Asked]:
    """Every lookup any network rule may ask for this page, in page order; with the answers
    in `ctx`, also the follow-up lookups they lead to."""
    for row, asked in rsid_lookups(doc, ctx):
        yield asked
        follow_up = refsnp_lookup(doc, row, asked, ctx) if ctx is not None else None
        if follow_up:
            yield follow_up
    for _, asked in doi_lookups(doc, ctx):
        yield asked
        follow_up = updates_lookup(ctx, asked) if ctx is not None else None
        if follow_up:
            yield follow_up
    uniprot = uniprot_lookup(doc, ctx)
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


def listed_change(row: MutationRow) -> ProteinChange | None:
    """The row's protein change, read as HGVS or as a common legacy form; None when neither.

    An unreadable change is GL301's to report; the network rules then say nothing.
    """
    if row.change is None or not row.change.value.strip():
        return None
    return read_change(row.change.value.strip()).change
