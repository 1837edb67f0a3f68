"""dbSNP rules: does each rsID of the mutation list exist, lie in this gene, and name this change."""

from __future__ import annotations

from collections.abc import Iterator

from genelint.document import GeneDocument
from genelint.findings import Edit, Finding, Fix, Severity
from genelint.hgvs import ProteinChange
from genelint.rule import Context, Lookup, Rule
from genelint.rules._lookups import (
    known,
    listed_change,
    readable_changes,
    refsnp_lookup,
    rsid_lookups,
    same_change,
    stale_note,
)

_SHOWN_CHANGES = 5  # dbSNP consequences named in a GL307 message


class _DbsnpRule(Rule):
    family = "variants"
    needs = frozenset({"lookups"})

    def lookups(self, doc: GeneDocument, ctx: Context) -> Iterator[Lookup]:
        return (asked.lookup for _, asked in rsid_lookups(doc))


def _named(rsid: str, record) -> str:
    """`rs386571803 (now rs268)` for a merged rs, so every message says which record it read."""
    return f"{rsid} (now {record.current_rsid})" if record.merged else rsid


class RsidUnknown(_DbsnpRule):
    """An rsID is not in dbSNP, was withdrawn, or was merged into another rs.

    An absent or withdrawn rs is an error. A merged rs still resolves, but the page
    should cite the rs dbSNP now uses: the finding names it (a warning) and a safe fix
    writes it into the cell. A lookup that failed (timeout, service error) is GL010,
    never this rule.

    Why: an rsID that dbSNP does not know cannot be checked by a reader, and usually
    comes from a typo or an invented identifier.

    Bad:
        | p.Asn318Ser | Missense | rs386571803 |     (merged into rs268)
        | p.Asn318Ser | Missense | rs999999999999 |  (no such rs)
    Good:
        | p.Asn318Ser | Missense | rs268 |
    """

    code = "GL305"
    name = "rsid-unknown"
    severity = Severity.ERROR
    fixable = True

    def check(self, doc: GeneDocument, ctx: Context) -> Iterator[Finding]:
        for _, asked in rsid_lookups(doc):
            answer = known(ctx, asked.lookup)
            if answer is None:
                continue
            rsid, span = asked.lookup.key, asked.field.span
            if answer.status == "not_found":
                yield self.finding(
                    span, (answer.error or f"dbSNP has no {rsid}") + stale_note(answer)
                )
            elif answer.value.merged:
                current = answer.value.current_rsid
                fix = Fix(
                    (Edit(span.start, span.end, current),), "safe", f"replace {rsid} by {current}"
                )
                message = (
                    f"{rsid} was merged into {current} in dbSNP; cite {current}{stale_note(answer)}"
                )
                yield self.finding(span, message, fix=fix, severity=Severity.WARNING)


class RsidGeneMismatch(_DbsnpRule):
    """An rsID does not lie in the gene the page is about.

    dbSNP lists the genes each rs falls in; the page's gene symbol must be one of
    them. The message names the genes dbSNP gives (or says it gives none).

    Why: an rsID copied from another gene's page, or off by a digit, points readers
    at an unrelated variant.

    Bad (on the LPL page):
        | p.Val122Ile | Missense | rs137852769 |   (an ALAS2 variant)
    Good:
        | p.Asn318Ser | Missense | rs268 |
    """

    code = "GL306"
    name = "rsid-gene-mismatch"
    severity = Severity.ERROR

    def check(self, doc: GeneDocument, ctx: Context) -> Iterator[Finding]:
        if not doc.symbol:
            return
        for _, asked in rsid_lookups(doc):
            answer = known(ctx, asked.lookup)
            if answer is None or answer.status != "found":
                continue
            record = answer.value
            genes = [symbol for symbol, _ in record.genes]
            if doc.symbol.upper() in (g.upper() for g in genes):
                continue
            where = f"lies in {', '.join(genes)}" if genes else "lies in no gene"
            message = f"{_named(asked.lookup.key, record)} {where} according to dbSNP, not in {doc.symbol}{stale_note(answer)}"
            yield self.finding(asked.field.span, message)


def _shown(changes: list[tuple[str, ProteinChange]]) -> str:
    names = list(dict.fromkeys(text for text, _ in changes))
    return ", ".join(names[:_SHOWN_CHANGES]) + (", …" if len(names) > _SHOWN_CHANGES else "")


class RsidChangeMismatch(_DbsnpRule):
    """None of an rsID's protein consequences in the page's gene is the change listed beside it.

    The listed change is read as HGVS (or a legacy form such as `N318S`) and compared
    with the `NP_…:p.…` consequences dbSNP gives for the rs: the same kind of change,
    the same position and the same residues. The message lists what dbSNP has.
    E-utilities' summary does not say which protein belongs to which gene, so for an rs
    that lies in several genes, when the listed change is one of its consequences, the
    RefSNP record (NCBI Variation Services) is read to check it is one *in the page's
    gene*; if that service fails, the comparison stays with all of the rs's genes and
    GL010 says so. An rs outside the page's gene is GL306's to report, and changes
    that cannot be read are GL301's. A cell of several changes (GL310), a repeated
    sequence (`p.Gln18[23]`, which dbSNP may name as a duplication) and a change
    somewhere in a range (`p.(Ala123_Pro131)Ter`) are not compared.

    Why: a change and an rsID that do not belong together mean one of them is wrong,
    and nothing on the page says which.

    Bad:
        | p.Asn318Asp | Missense | rs268 |   (rs268 is p.Asn318Ser)
    Good:
        | p.Asn318Ser | Missense | rs268 |
    """

    code = "GL307"
    name = "rsid-change-mismatch"
    severity = Severity.WARNING
    follow_ups = True  # the RefSNP record, once E-utilities has answered

    def lookups(self, doc: GeneDocument, ctx: Context) -> Iterator[Lookup]:
        for row, asked in rsid_lookups(doc):
            yield asked.lookup
            follow_up = refsnp_lookup(doc, row, asked, ctx)
            if follow_up:
                yield follow_up.lookup  # only the gene can still be wrong: ask whose change it is

    def check(self, doc: GeneDocument, ctx: Context) -> Iterator[Finding]:
        for row, asked in rsid_lookups(doc):
            answer = known(ctx, asked.lookup)
            listed = listed_change(row)
            if (
                answer is None
                or answer.status != "found"
                or listed is None
                or not listed.names_exact_change
            ):
                continue  # a repeat count or a change somewhere in a range matches no record exactly
            record = answer.value
            symbols = {symbol.upper() for symbol, _ in record.genes}
            if doc.symbol and symbols and doc.symbol.upper() not in symbols:
                continue  # GL306: the rs is not in this gene at all
            registered = readable_changes(record.protein_changes)
            if not any(same_change(listed, change) for _, change in registered):
                has = (
                    f"dbSNP lists {_shown(registered)}"
                    if registered
                    else "dbSNP lists no protein change for it"
                )
                yield self._mismatch(row, asked.lookup.key, record, has + stale_note(answer))
                continue
            follow_up = refsnp_lookup(doc, row, asked, ctx)
            if follow_up:
                yield from self._check_gene(
                    doc, row, asked.lookup.key, listed, answer, known(ctx, follow_up.lookup)
                )

    def _check_gene(self, doc, row, rsid, listed, answer, refsnp) -> Iterator[Finding]:
        """The listed change is one of the rs's; is it one in the page's gene?"""
        if refsnp is None or refsnp.status != "found":
            return  # unverified (GL010): the comparison over all genes stands
        in_gene = refsnp.value.changes_in(doc.symbol)
        if in_gene is None:
            return  # the record annotates the rs under other gene names: it cannot say
        in_gene = readable_changes(in_gene)
        if any(same_change(listed, change) for _, change in in_gene):
            return
        elsewhere = [
            gene.symbol
            for gene in refsnp.value.genes
            if gene.symbol.upper() != doc.symbol.upper()
            and any(
                same_change(listed, change) for _, change in readable_changes(gene.protein_changes)
            )
        ]
        has = (
            f"dbSNP lists {_shown(in_gene)} there"
            if in_gene
            else "dbSNP lists no protein change for it there"
        )
        if elsewhere:
            has += f"; {row.change.value.strip()} is its change in {', '.join(elsewhere)}"
        note = stale_note(answer) or stale_note(refsnp)
        yield self._mismatch(row, rsid, answer.value, has + note, gene=doc.symbol)

    def _mismatch(self, row, rsid: str, record, has: str, gene: str | None = None) -> Finding:
        where = f" in {gene}" if gene else ""
        return self.finding(
            row.change.span,
            f"{row.change.value} is not a protein change of {_named(rsid, record)}{where}: {has}",
        )
