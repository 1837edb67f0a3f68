"""Reference-data rules: IDs, symbol, aliases, location and papers checked against the gene table.

Each rule asks `ctx.refdata` (NCBI Gene joined with HGNC, loaded once per process on first
use) about the page's gene. Which gene a page is about is decided once per document by
`page_gene`: its approved symbol, preferring protein-coding genes, then the one its own IDs
point to; a page titled with a previous symbol or alias is about the gene that name resolves to.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterator

from genelint.document import GeneDocument, Span
from genelint.findings import Edit, Finding, Fix, Severity
from genelint.genementions import names_gene, other_gene_mentions
from genelint.rule import Context, Rule
from genelint.rules._repairs import alias_edits, id_edits, reference_source, written
from genelint.rules.identifiers import CHECKS as ID_CHECKS
from genelint.rules.identifiers import id_values

NEEDS = frozenset({"refdata"})
_LABELS = {
    "HGNC": "",
    "NCBI Entrez": "NCBI Entrez",
    "Ensembl": "Ensembl",
    "OMIM": "OMIM",
    "UniProtKB": "UniProtKB",
}


# --- which gene the page is about ----------------------------------------------------

_LAST: tuple = (None, None)  # (document, gene): every rule of one page asks the same question


def page_gene(doc: GeneDocument, table):
    """The reference gene this page is about, or None when its symbol names no gene."""
    global _LAST
    if _LAST[0] is doc:
        return _LAST[1]
    gene = None
    if doc.symbol:
        approved = table.by_symbol(doc.symbol)
        gene = pick(approved, doc, table) if approved else resolve_other_name(doc, table)[0]
    _LAST = (doc, gene)
    return gene


def resolve_other_name(doc: GeneDocument, table) -> tuple:
    """(gene, previous, aliases) for a symbol that is not approved: the genes it is a previous
    symbol or alias of, and the one meant: the one the page's IDs point to, else the only
    gene it was a previous symbol of, else the only candidate; None when that is unclear."""
    previous = table.by_previous_symbol(doc.symbol)
    aliases = [g for g in table.by_alias(doc.symbol) if g not in previous]
    candidates = previous + aliases
    pointed = _pointed(doc, table, candidates)
    if pointed is not None:
        return pointed, previous, aliases
    if len(previous) == 1 or len(candidates) == 1:
        return candidates[0], previous, aliases
    return None, previous, aliases


def pick(candidates: list, doc: GeneDocument, table):
    """One gene of several: the one the page's IDs point to, else the first protein-coding."""
    if len(candidates) <= 1:
        return candidates[0] if candidates else None
    return _pointed(doc, table, candidates) or candidates[0]  # the table lists protein-coding first


def _pointed(doc: GeneDocument, table, candidates: list):
    pointed = {g.entrez_id for value, kind, _ in page_ids(doc) for g in _owners(table, kind, value)}
    return next((gene for gene in candidates if gene.entrez_id in pointed), None)


def page_ids(doc: GeneDocument) -> Iterator[tuple[str, str, Callable[[], Span]]]:
    """(value, kind, span) of every reference-checkable ID on the page, one per listed value.
    The span is a function: most IDs are fine, and a span is only built for a finding."""
    for _, value, kind, span in _page_ids_by_item(doc):
        yield value, kind, span


def _page_ids_by_item(doc: GeneDocument) -> Iterator[tuple[object, str, str, Callable[[], Span]]]:
    for identifier in doc.identifiers:
        if identifier.kind in _LABELS:
            for value, start in id_values(identifier.value.value, identifier.value.span, doc.lines):
                yield (
                    identifier,
                    value,
                    identifier.kind,
                    functools.partial(doc.lines.span, start, start + len(value)),
                )


def _owners(table, kind: str, value: str) -> list:
    try:
        return table.by_identifier(kind, value)
    except ValueError:  # malformed: GL201 reports it
        return []


def _symbols(genes) -> str:
    return ", ".join(dict.fromkeys(g.symbol for g in genes))


# --- GL202 ------------------------------------------------------------------------------


def _listed(gene, kind: str) -> tuple[str, ...]:
    if kind == "HGNC":
        return (gene.hgnc_id,) if gene.hgnc_id else ()
    if kind == "NCBI Entrez":
        return (str(gene.entrez_id),)
    return {"Ensembl": gene.ensembl_ids, "OMIM": gene.omim_ids, "UniProtKB": gene.uniprot_ids}[kind]


def _is_listed(gene, kind: str, value: str) -> bool:
    bare = value.upper().removeprefix("HGNC:")
    if kind == "Ensembl":
        bare = bare.split(".")[0]
    elif kind == "UniProtKB":
        bare = bare.split("-")[0]
    listed = _listed(gene, kind)
    return bare in (item.upper().removeprefix("HGNC:") for item in listed)


def _expected(gene, kind: str) -> str:
    listed = _listed(gene, kind)
    if not listed:
        return f"the reference lists no {kind} ID for {gene.symbol}"
    if len(listed) == 1:
        return f"{gene.symbol} is {listed[0]}"
    return f"{gene.symbol} is one of {', '.join(listed)}"


class IdMismatch(Rule):
    """An external ID on the page belongs to another gene, or is not in the reference.

    Checks each HGNC, NCBI Entrez, Ensembl, OMIM and UniProtKB ID of `## External IDs and
    Aliases` against the reference table (NCBI Gene with HGNC). An ID listed for this gene is
    accepted, including any of NCBI's MIM numbers (gene and phenotype entries alike) and any of
    its UniProt accessions (TrEMBL entries too). An ID listed only for other genes is an error
    naming the gene it belongs to and the expected value; a withdrawn HGNC ID says what
    replaced it; an ID the reference does not know at all is reported as info.

    Why: generated pages often carry a real ID of a neighbouring or similarly named gene, and
    anything that joins pages to databases by ID then joins the wrong records.

    Bad (on the ALAS2 page):
        - HGNC: 398
        - Ensembl: ENSG00000102010
    Good:
        - HGNC: 397
        - Ensembl: ENSG00000158578

    Fix (unsafe): an ID of another gene, or a withdrawn HGNC ID, is replaced by the gene's own
    when the reference lists exactly one of that kind and the page does not already list it,
    written as the page wrote it (`HGNC:397` or `397`); a copy of the old ID in a link's URL
    in the same item is rewritten too. No fix when the old ID also stands in the item's text
    or is the text of a link whose URL does not hold it, nor for an ID the reference does not
    know (the snapshot may be older than the ID).
    """

    code = "GL202"
    name = "id-mismatch"
    family = "refdata"
    severity = Severity.ERROR
    fixable = True
    needs = NEEDS

    def check(self, doc: GeneDocument, ctx: Context) -> Iterator[Finding]:
        table = ctx.refdata
        gene = page_gene(doc, table)
        if gene is None:
            return
        for identifier, value, kind, span in _page_ids_by_item(doc):
            if _is_listed(gene, kind, value):  # the common case, answered without a query
                continue
            owners = _owners(table, kind, value)
            if any(owner.entrez_id == gene.entrez_id for owner in owners):
                continue
            shown = (
                f"{_LABELS[kind]} {value}"
                if kind != "HGNC"
                else f"HGNC:{value.removeprefix('HGNC:')}"
            )
            if owners:
                yield self.finding(
                    span(),
                    f"{shown} belongs to {_symbols(owners)}; {_expected(gene, kind)}",
                    fix=_id_fix(doc, table, gene, identifier, kind, value, span()),
                )
            elif kind == "HGNC" and (withdrawn := table.withdrawn_hgnc(value)):
                replaced = _replacement(withdrawn.name, table)
                yield self.finding(
                    span(),
                    f"{shown} is the withdrawn {withdrawn.symbol} "
                    f"({withdrawn.status.lower()}{replaced}); {_expected(gene, kind)}",
                    fix=_id_fix(doc, table, gene, identifier, kind, value, span()),
                )
            elif _well_formed(kind, value):
                yield self.finding(
                    span(),
                    f"{shown} is not in the reference data; {_expected(gene, kind)}",
                    severity=Severity.INFO,
                )


def _id_fix(
    doc: GeneDocument, table, gene, identifier, kind: str, value: str, span: Span
) -> Fix | None:
    """Write the gene's one ID of this kind over `value` (see IdMismatch)."""
    listed = _listed(gene, kind)
    if len(listed) != 1 or written(doc, span) != value:
        return None
    if any(
        _is_listed(gene, kind, other)
        for other, other_kind, _ in page_ids(doc)
        if other_kind == kind
    ):
        return None  # already on the page: writing it again would list it twice
    edits = id_edits(doc, identifier.span, span, kind, value, listed[0])
    if edits is None:
        return None
    label = {
        "HGNC": "HGNC ID",
        "NCBI Entrez": "NCBI Gene ID",
        "Ensembl": "Ensembl gene ID",
        "OMIM": "OMIM number",
        "UniProtKB": "UniProtKB accession",
    }[kind]
    new = edits[0].content
    also = " (and in the link's URL)" if len(edits) > 1 else ""
    return Fix(
        edits,
        "unsafe",
        f"write {new} in place of {value}{also}: {gene.symbol}'s {label} in the "
        f"{reference_source(table, kind)}",
    )


def _replacement(name: str, table) -> str:
    """`, see HGNC:396 ALAS1` from HGNC's "symbol withdrawn, see HGNC:396"."""
    seen = re.findall(r"HGNC:\d+", name)
    if not seen:
        return ""
    named = [f"{hgnc} {_symbols(table.by_identifier('HGNC', hgnc))}".strip() for hgnc in seen]
    return ", see " + ", ".join(named)


def _well_formed(kind: str, value: str) -> bool:
    """Malformed IDs are GL201's to report, not "unknown"."""
    return ID_CHECKS[kind](value) is None


# --- GL203 ------------------------------------------------------------------------------


def symbol_span(doc: GeneDocument) -> Span | None:
    entry = doc.front_matter.entries.get("title")
    if (
        entry is not None
        and entry.value_span is not None
        and str(entry.value).strip() == doc.symbol
    ):
        return entry.value_span
    return doc.title.span if doc.title else (entry.value_span if entry else None)


class UnknownSymbol(Rule):
    """The page's gene symbol is not an approved symbol.

    The symbol (front matter `title`, else the H1) must be an approved symbol in the
    reference. A previous symbol or an alias is reported with the approved symbol to use;
    when it names several genes, the one the page's IDs point to is suggested, else all
    candidates are listed (protein-coding genes first).

    Why: symbols change (ASB became ALAS2) and aliases are shared between genes, so a page
    filed under an old or ambiguous name is missed by search and joined to the wrong gene.

    Bad:
        title: "ASB"
    Good:
        title: "ALAS2"
    """

    code = "GL203"
    name = "unknown-symbol"
    family = "refdata"
    severity = Severity.ERROR
    needs = NEEDS

    def check(self, doc: GeneDocument, ctx: Context) -> Iterator[Finding]:
        table = ctx.refdata
        span = symbol_span(doc)
        if not doc.symbol or span is None or table.by_symbol(doc.symbol):
            return
        symbol = doc.symbol
        gene, previous, aliases = resolve_other_name(doc, table)
        known_as = " and ".join(
            part
            for part in (
                f"a previous symbol of {_symbols(previous)}" if previous else "",
                f"an alias of {_symbols(aliases)}" if aliases else "",
            )
            if part
        )
        if gene is not None:
            yield self.finding(
                span, f"{symbol} is not an approved symbol; it is {known_as}: use {gene.symbol}"
            )
        elif known_as:
            yield self.finding(
                span,
                f"{symbol} is not an approved symbol; it is {known_as}: "
                f"use the approved symbol of the gene meant",
            )
        else:
            upper = table.by_symbol(symbol.upper())
            hint = f"; did you mean {upper[0].symbol}?" if upper else ""
            yield self.finding(
                span,
                f"{symbol} is not an approved symbol, alias or previous symbol of any human gene{hint}",
            )


# --- GL204 ------------------------------------------------------------------------------


class AliasUnknown(Rule):
    """A listed alias is not an alias or previous symbol of the page's gene.

    Each alias of `## External IDs and Aliases` must be one of the gene's aliases or previous
    symbols in the reference (case-insensitively). When the name belongs to other genes, the
    message says whose symbol, alias or previous symbol it is.

    Why: aliases of another gene make the page findable under the wrong name and often come
    with that gene's facts.

    Bad (on the ALAS2 page):
        - ALAS
    Good:
        - XLSA

    Fix (unsafe): the alias is removed and the list stays well formed: a bullet item goes with
    its line; in a list written on one line (`Aliases: ALAS, XLSA`) the alias goes with the
    emphasis around it and one separator. No fix when the item has content below it or the
    entries are joined by more than a comma or semicolon.
    """

    code = "GL204"
    name = "alias-unknown"
    family = "refdata"
    severity = Severity.WARNING
    fixable = True
    needs = NEEDS

    def check(self, doc: GeneDocument, ctx: Context) -> Iterator[Finding]:
        table = ctx.refdata
        gene = page_gene(doc, table)
        if gene is None:
            return
        known = _known_names(gene)
        for alias in doc.aliases:
            if alias.value.casefold() in known:
                continue
            whose = _whose(alias.value, table)
            listed = ", ".join(gene.aliases) or "none"
            yield self.finding(
                alias.span,
                f"{alias.value} is not an alias or previous symbol of {gene.symbol}"
                f"{whose} ({gene.symbol}'s aliases: {listed})",
                fix=_alias_fix(doc, table, gene, alias, whose),
            )


def _alias_fix(doc: GeneDocument, table, gene, alias, whose: str) -> Fix | None:
    edits = alias_edits(doc, alias) if written(doc, alias.span) == alias.value else None
    if edits is None:
        return None
    why = (
        f"{whose.removeprefix('; it is ')}, not of {gene.symbol}"
        if whose
        else f"no name of {gene.symbol} or of any other gene"
    )
    return Fix(
        edits, "unsafe", f"remove {alias.value}: in the {reference_source(table)} it is {why}"
    )


@functools.lru_cache(maxsize=256)
def _known_names(gene) -> frozenset[str]:
    """The names an alias of this gene may be, case-folded (once per gene, not per page)."""
    return frozenset(
        name.casefold() for name in (gene.symbol, *gene.aliases, *gene.previous_symbols)
    )


def _whose(name: str, table) -> str:
    for kind, genes in (
        ("the symbol", table.by_symbol(name)),
        ("an alias", table.by_alias(name)),
        ("a previous symbol", table.by_previous_symbol(name)),
    ):
        if genes:
            return f"; it is {kind} of {_symbols(genes[:5])}"
    return ""


# --- GL206 ------------------------------------------------------------------------------

_BAND = re.compile(
    r"^(?P<chromosome>[0-9]{1,2}|X|Y)(?P<first>[pq](?:[0-9.]*)|pter|qter|cen)?"
    r"(?:-(?:[0-9]{1,2}|X|Y)?(?P<last>[pq](?:[0-9.]*)|pter|qter|cen))?$"
)


def band_interval(location: str) -> tuple[str, int, int] | None:
    """(chromosome, start, end) on a line from pter (-1) through the centromere (0) to qter (1).

    Bands are numbered outward from the centromere, each digit one level finer, so `p11.21`
    is the fraction 0.1121 on the p side and covers [0.1121, 0.1122); a coarser band covers the
    finer ones (`Xp11.2` holds `Xp11.21`). A range spans both its ends.
    """
    match = _BAND.match(location.strip())
    if not match:
        return None
    points = [_point(match.group("first"))]
    if match.group("last"):
        points.append(_point(match.group("last")))
    if None in points:
        return None
    return match.group("chromosome"), min(p[0] for p in points), max(p[1] for p in points)


_SCALE = 10**8  # band digits as a fixed-point fraction: exact, unlike floats


def _point(text: str | None) -> tuple[int, int] | None:
    if text is None:
        return (-_SCALE, _SCALE)
    if text in ("pter", "qter", "cen"):
        value = {"pter": -_SCALE, "qter": _SCALE, "cen": 0}[text]
        return (value, value)
    digits = text[1:].replace(".", "")
    if not digits:
        return (-_SCALE, 0) if text[0] == "p" else (0, _SCALE)
    if not digits.isdigit() or len(digits) > 8:
        return None
    low = int(digits.ljust(8, "0"))
    high = low + 10 ** (8 - len(digits))
    return (-high, -low) if text[0] == "p" else (low, high)


class LocationMismatch(Rule):
    """The cytogenetic location disagrees with the reference.

    The location of `## Gene Position` is compared with the gene's cytoband(s) in the
    reference. Another chromosome is an error; a band on the right chromosome that does not
    overlap the reference band is a warning. A coarser or finer band of the same region
    (`Xp11.2` or `Xp11.213` for `Xp11.21`) and ranges that overlap it are fine.

    Why: a location copied from another gene is a sign the page mixes up genes, and it misleads
    anyone reading the page for a deletion or a linkage region.

    Bad (ALAS2): `The ALAS2 gene is located on the X chromosome at position Xq28.`
    Good:        `The ALAS2 gene is located on the X chromosome at position Xp11.21.`

    Fix (unsafe): the reference cytoband is written in place of the page's, when the reference
    gives the gene one band.
    """

    code = "GL206"
    name = "location-mismatch"
    family = "refdata"
    severity = Severity.ERROR
    fixable = True
    needs = NEEDS

    def check(self, doc: GeneDocument, ctx: Context) -> Iterator[Finding]:
        if doc.cytoband is None:
            return
        gene = page_gene(doc, ctx.refdata)
        if gene is None or doc.cytoband.value.strip() in gene.cytobands:
            return  # the usual case: written as the reference writes it
        page = band_interval(doc.cytoband.value)
        if page is None:
            return
        references = [r for r in (band_interval(band) for band in gene.cytobands) if r]
        if not references:
            return
        expected = " or ".join(gene.cytobands)
        fix = _band_fix(doc, ctx.refdata, gene)
        if all(chromosome != page[0] for chromosome, *_ in references):
            yield self.finding(
                doc.cytoband.span,
                f"{doc.cytoband.value} is on chromosome {page[0]}; {gene.symbol} is at {expected}",
                fix=fix,
            )
        elif not any(_overlap(page, ref) for ref in references):
            yield self.finding(
                doc.cytoband.span,
                f"{doc.cytoband.value} does not overlap {gene.symbol}'s band {expected}",
                severity=Severity.WARNING,
                fix=fix,
            )


def _band_fix(doc: GeneDocument, table, gene) -> Fix | None:
    band, span = gene.cytobands[0], doc.cytoband.span
    if len(gene.cytobands) != 1 or written(doc, span) != doc.cytoband.value:
        return None
    return Fix(
        (Edit(span.start, span.end, band),),
        "unsafe",
        f"write {band} in place of {doc.cytoband.value}: {gene.symbol}'s cytoband in the "
        f"{reference_source(table, 'cytoband')}",
    )


def _overlap(a: tuple[str, int, int], b: tuple[str, int, int]) -> bool:
    """Same chromosome and a shared stretch (a point, `cen`, may touch a band's edge)."""
    low, high = max(a[1], b[1]), min(a[2], b[2])
    return a[0] == b[0] and (low < high or (low == high and (a[1] == a[2] or b[1] == b[2])))


# --- GL405 ------------------------------------------------------------------------------


class PaperGeneMismatch(Rule):
    """A related paper's title names other genes and never this one.

    The title of each citation in `## Related Papers` is searched for the names of every gene
    of the reference data: symbols, aliases and previous symbols as whole words, and full names
    ("brain-derived neurotrophic factor", "catalase", "beta-catenin") in one pass over the
    title's words. When it names other genes for sure and never this gene (its symbol, an
    alias, a previous symbol, its full name with or without the designator, or its name as a
    ligand's receptor: "EGF receptor" is EGFR), the paper is probably about another gene.
    A title naming no gene is fine. The words around a name decide: an alias made only of
    letters counts beside "gene", "protein", "mutation", "expression" and the like; a name
    before "trial", "guideline", "database", "chemotherapy", "mice" or "syndrome", an acronym
    the title spells out, a cell marker (`CD4+`) and common abbreviations (`MS`, `AML`) never
    count.

    Why: generated pages cite real papers about other genes, which makes a wrong claim look
    sourced.

    Bad (on the ALAS2 page):
        - Title: Familial XLMR with deletions involving the amino terminus of the 2.4 kb
          isoform of the UPF3B gene.
    Good:
        - Title: X-linked sideroblastic anemia due to ALAS2 intron 1 enhancer element GATA-binding
          site mutations.
    """

    code = "GL405"
    name = "paper-gene-mismatch"
    family = "refdata"
    severity = Severity.WARNING
    needs = NEEDS

    def check(self, doc: GeneDocument, ctx: Context) -> Iterator[Finding]:
        titles = [c.title for c in doc.citations if c.title and c.title.value.strip()]
        if not titles:
            return
        table = ctx.refdata
        gene = page_gene(doc, table)
        if gene is None:
            return
        for title in titles:
            found = paper_mismatch(title.value, gene, table)
            if found:
                yield self.finding(
                    title.span,
                    f"the paper's title names {found} but never {gene.symbol} "
                    f"(nor an alias, previous symbol or its name)",
                )


def paper_mismatch(title: str, gene, table) -> str:
    """The other genes a title names when it never names `gene`, as text; "" when it is fine."""
    if names_gene(title, gene.symbol, (*gene.aliases, *gene.previous_symbols), gene.name):
        return ""
    others = []
    for mention in other_gene_mentions(title, table.name_index()):
        if gene.entrez_id in mention.genes:
            return ""
        symbols = _symbols(g for g in (table.by_entrez_id(e) for e in mention.genes[:3]) if g)
        others.append(mention.text if symbols == mention.text else f"{mention.text} ({symbols})")
    return ", ".join(dict.fromkeys(others))
