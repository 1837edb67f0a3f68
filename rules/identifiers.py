"""GL2xx identifier rules: how the page's external IDs, symbol, aliases and cytogenetic location
are written (GL201, GL205), and whether they agree with the reference gene table (GL202-GL204,
GL206).

The reference rules ask `ctx.refdata` (NCBI Gene joined with HGNC, loaded once per process on
first use) about the page's gene, which `_page_gene.page_gene` decides once per document.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterator

from genelint.document import Cytoband, GeneDocument, Span
from genelint.findings import Edit, Finding, Fix, Severity
from genelint.refdata import Gene, GeneTable
from genelint.rule import Context, Rule
from genelint.rules._page_gene import (
    ID_LABELS,
    NEEDS,
    id_values,
    owners_of,
    page_gene,
    page_ids,
    page_ids_by_item,
    resolve_other_name,
    symbols_of,
)
from genelint.rules._repairs import (
    alias_edits,
    aliases_by_line,
    id_edits,
    reference_source,
    written,
)
from genelint.syntax import ENSEMBL_GENE_ID, ENTREZ_GENE_ID, HGNC_ID, OMIM_NUMBER, UNIPROT_ACCESSION

_DIGITS = re.compile(r"^[0-9]+$")
_ENSEMBL_ANY = re.compile(r"^ENS([A-Z]*?)([GTPER])([0-9]*)(?:\.[0-9]+)?$", re.I)
_UNIPROT_ENTRY_NAME = re.compile(r"^[A-Z0-9]{1,10}_[A-Z0-9]{1,5}$", re.I)

_ENSEMBL_KINDS = {
    "T": "a transcript",
    "P": "a protein",
    "E": "an exon",
    "R": "a regulatory feature",
}


def _hgnc(value: str) -> str | None:
    if HGNC_ID.fullmatch(value):
        return None
    if value.upper().startswith("HGNC:") and not value.startswith("HGNC:"):
        return f"HGNC ID '{value}' must be written with an upper-case prefix: HGNC:{value[5:]}"
    number = value[5:] if value.upper().startswith("HGNC:") else value
    if _DIGITS.match(number):
        return f"HGNC ID '{value}' must be a positive number without leading zeros (HGNC:398)"
    return f"HGNC ID '{value}' is not HGNC:<number> or <number> (e.g. HGNC:398)"


def _entrez(value: str) -> str | None:
    if ENTREZ_GENE_ID.fullmatch(value):
        return None
    if _DIGITS.match(value):
        return f"NCBI Entrez Gene ID '{value}' must be a positive integer without leading zeros (e.g. 212)"
    return f"NCBI Entrez Gene ID '{value}' is not a positive integer (e.g. 212)"


def _ensembl(value: str) -> str | None:
    if ENSEMBL_GENE_ID.fullmatch(value):
        return None
    if value.upper() != value and ENSEMBL_GENE_ID.fullmatch(value.upper()):
        return f"Ensembl ID '{value}' must be upper case: {value.upper()}"
    parts = _ENSEMBL_ANY.match(value)
    if parts:
        species, feature, digits = parts.groups()
        if feature.upper() != "G":
            return f"Ensembl ID '{value}' is {_ENSEMBL_KINDS[feature.upper()]} ID; expected a gene ID (ENSG + 11 digits)"
        if species:
            return f"Ensembl ID '{value}' is not a human gene ID; expected ENSG + 11 digits"
        return f"Ensembl ID '{value}' has {len(digits)} digits after ENSG; expected 11"
    return f"Ensembl ID '{value}' is not ENSG + 11 digits (e.g. ENSG00000158578)"


def _omim(value: str) -> str | None:
    if OMIM_NUMBER.fullmatch(value):
        return None
    if _DIGITS.match(value):
        return f"OMIM number '{value}' has {len(value)} digits; expected 6"
    return f"OMIM number '{value}' is not six digits (e.g. 301300)"


def _uniprot(value: str) -> str | None:
    if UNIPROT_ACCESSION.fullmatch(value):
        return None
    if value != value.upper() and UNIPROT_ACCESSION.fullmatch(value.upper()):
        return f"UniProtKB accession '{value}' must be upper case: {value.upper()}"
    if _UNIPROT_ENTRY_NAME.match(value):
        return f"'{value}' is a UniProtKB entry name; expected the accession (e.g. P22557)"
    return f"UniProtKB accession '{value}' does not match the accession syntax (6 characters like P22557, or 10 like A0A023GPI8)"


CHECKS: dict[str, Callable[[str], str | None]] = {
    "HGNC": _hgnc,
    "NCBI Entrez": _entrez,
    "Ensembl": _ensembl,
    "OMIM": _omim,
    "UniProtKB": _uniprot,
}


class IdFormat(Rule):
    """An external ID is not written the way its database writes it.

    Checks each ID of `## External IDs and Aliases` by its label (matched
    case-insensitively, e.g. `hgnc id`, `UniProtKB/Swiss-Prot`):
    HGNC `HGNC:398` or a bare `398`; NCBI Entrez a positive integer; Ensembl
    `ENSG` + 11 digits, optionally `.version`; OMIM six digits; UniProtKB an
    accession in UniProt's syntax (6 or 10 characters, optionally `-n` for an
    isoform). A value may list several IDs separated by commas, and a remark in
    parentheses after an ID is ignored.

    Why: a mistyped ID links to nothing or to another record, and tools that
    join pages to databases by ID silently drop the page.

    Bad:
        - Ensembl: ENSG0000010201
        - UniProtKB/Swiss-Prot: HEM0_HUMAN
    Good:
        - Ensembl: ENSG00000102010
        - UniProtKB/Swiss-Prot: P22557
    """

    code = "GL201"
    name = "id-format"
    severity = Severity.ERROR

    def check(self, doc: GeneDocument, ctx: Context) -> Iterator[Finding]:
        for identifier in doc.identifiers:
            check = CHECKS.get(identifier.kind)
            if check is None:
                continue
            written = identifier.value.value.strip()
            if not written:
                yield self.finding(identifier.label.span, f"{identifier.label.value} has no value")
                continue
            if check(written) is None:
                # Nearly every field holds one well-formed ID. No well-formed ID contains a
                # separator, a remark or a space, so splitting would give it back alone.
                continue
            for value, start in id_values(identifier.value.value, identifier.value.span, doc.lines):
                problem = check(value)
                if problem:
                    yield self.finding(doc.lines.span(start, start + len(value)), problem)


# --- cytogenetic location -------------------------------------------------------------

_CHROMOSOME = re.compile(r"[0-9]+|[XY]", re.I)
_BAND = re.compile(r"[0-9]+(?:\.[0-9]*)?")
_VALID_CHROMOSOMES = {str(n) for n in range(1, 23)} | {"X", "Y"}
_COORDINATE = re.compile(r"^(?:chr(?:omosome)?\s*)?(?:[0-9]{1,2}|[XY]|MT|M)\s*:\s*[0-9]", re.I)
_COMMENTS = re.compile(r"<!--.*?-->", re.S)


# Pages of one gene family, or of neighbouring genes, share bands: asked once per band.
@functools.lru_cache(maxsize=1024)
def cytoband_problem(text: str) -> str | None:
    """What is wrong with a cytogenetic location, or None when it is well formed.

    location := "MT" | "cen" | "pter-qter" | chromosome | chromosome point ("-" chromosome? point)?
    point    := ("p" | "q") band? | "pter" | "qter" | "cen"
    band     := digits ("." digits)?
    """
    if text in ("MT", "cen", "pter-qter"):
        return None
    if _COORDINATE.match(text):
        return f"'{text}' is a genomic coordinate where a cytoband is expected; write the band (e.g. Xp11.21)"
    if any(ch.isspace() for ch in text):
        joined = "".join(text.split())
        hint = f"; write {joined}" if cytoband_problem(joined) is None else ""
        return f"cytoband '{text}' has a space inside the band{hint}"
    chromosome = _CHROMOSOME.match(text)
    if not chromosome:
        if text[:3].lower() == "chr" and cytoband_problem(text[3:]) is None:
            return f"cytoband '{text}' does not start with a chromosome: write it without 'chr' ({text[3:]})"
        return f"cytoband '{text}' does not start with a chromosome (1-22, X or Y)"
    name = chromosome.group(0)
    if name.upper() not in _VALID_CHROMOSOMES:
        return f"cytoband '{text}': chromosome {name} does not exist (expected 1-22, X or Y)"
    if name != name.upper():
        return f"cytoband '{text}': write the chromosome upper case ({name.upper()})"
    start = chromosome.end()
    if start == len(text):
        return None  # a chromosome alone: NCBI's own location for genes with no mapped band
    rest, problem = _point(text, start)
    if problem:
        return problem
    if rest == len(text):
        return None
    if text[rest] != "-":
        return f"cytoband '{text}': unexpected '{text[rest:]}' at character {rest + 1}"
    end = rest + 1
    second = _CHROMOSOME.match(text, end)
    if second:
        if second.group(0) != name:
            return (
                f"cytoband '{text}': a range must stay on chromosome {name}, not {second.group(0)}"
            )
        end = second.end()
    rest, problem = _point(text, end)
    if problem:
        return problem
    if rest != len(text):
        return f"cytoband '{text}': unexpected '{text[rest:]}' at character {rest + 1}"
    return None


def _point(text: str, at: int) -> tuple[int, str | None]:
    for word in ("pter", "qter", "cen"):
        if text.startswith(word, at):
            return at + len(word), None
    arm = text[at : at + 1]
    if arm not in ("p", "q"):
        if arm in ("P", "Q"):
            return (
                at,
                f"cytoband '{text}': the arm is written lower case ({arm.lower()}), not {arm}",
            )
        found = f"'{arm}'" if arm else "nothing"
        return (
            at,
            f"cytoband '{text}': expected the arm p or q at character {at + 1}, found {found}",
        )
    band = _BAND.match(text, at + 1)
    if not band:
        return at + 1, None
    if band.group(0).endswith("."):
        return (
            band.end(),
            f"cytoband '{text}': no sub-band digits after '.' at character {band.end()}",
        )
    return band.end(), None


class LocationFormat(Rule):
    """The cytogenetic location in `## Gene Position` is not valid cytoband syntax.

    A location is a chromosome (1-22, X, Y), an arm (p or q) and optionally a
    band with sub-bands (`Xp11.21`, `17q21.31`, `Yq11.223`, `4q`), or a range on
    one chromosome (`1p36.33-p36.32`, `Xq28-qter`); `MT`, `cen` and `pter-qter`
    are accepted as they are, and so is a chromosome alone (`X`, `11`), as NCBI
    gives it for genes with no mapped band. The message says which part is wrong: a space
    inside the band (`X p11.21`), a genomic coordinate where a band is expected
    (`chrX:55009055`), a `chr` prefix, a miscased arm. A section with text that
    states no location at all is reported at its heading, as a warning.

    Why: the location is compared with the reference (GL206) and read by
    genome browsers; `Xp11,21`, `23q12` or `XP11.21` cannot be placed.

    Bad:  `The ALAS2 gene is located on the X chromosome at position Xp11,21.`
    Good: `The ALAS2 gene is located on the X chromosome at position Xp11.21.`
    """

    code = "GL205"
    name = "location-format"
    severity = Severity.ERROR

    def check(self, doc: GeneDocument, ctx: Context) -> Iterator[Finding]:
        if doc.cytoband is None:
            section = doc.section("gene-position")
            # An empty section is GL104's; one with text but no location is reported here, once.
            if section is not None and _COMMENTS.sub("", section.body_text).strip():
                yield self.finding(
                    section.heading,
                    f"section '{section.title}' states no cytogenetic location "
                    f"(e.g. 'located at position Xp11.21')",
                    severity=Severity.WARNING,
                )
            return
        problem = cytoband_problem(doc.cytoband.value)
        if problem:
            yield self.finding(doc.cytoband.span, problem)


# --- GL202 ------------------------------------------------------------------------------


_LISTED = {"Ensembl": "ensembl_ids", "OMIM": "omim_ids", "UniProtKB": "uniprot_ids"}


def _listed(gene, kind: str) -> tuple[str, ...]:
    if kind == "HGNC":
        return (gene.hgnc_id,) if gene.hgnc_id else ()
    if kind == "NCBI Entrez":
        return (str(gene.entrez_id),)
    return getattr(gene, _LISTED[kind])


def _is_listed(gene, kind: str, value: str) -> bool:
    listed = _listed(gene, kind)
    if value in listed and not (kind in _VERSIONED and _VERSIONED[kind] in value):
        return True  # nearly always: written as the reference writes it (no version to drop)
    bare = value.upper().removeprefix("HGNC:")
    if kind == "Ensembl":
        bare = bare.split(".")[0]
    elif kind == "UniProtKB":
        bare = bare.split("-")[0]
    for item in listed:
        if item.upper().removeprefix("HGNC:") == bare:
            return True
    return False


# What _is_listed drops from a value before comparing it: a version, an isoform.
_VERSIONED = {"Ensembl": ".", "UniProtKB": "-"}


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
    severity = Severity.ERROR
    fixable = True
    needs = NEEDS

    def check(self, doc: GeneDocument, ctx: Context) -> Iterator[Finding]:
        table = ctx.refdata
        gene = page_gene(doc, table)
        if gene is None:
            return
        own_kinds = _OwnKinds(doc, gene)
        for identifier, value, kind, start in page_ids_by_item(doc):
            if _is_listed(gene, kind, value):  # the common case, answered without a query
                continue
            owners = owners_of(table, kind, value)
            if any(owner.entrez_id == gene.entrez_id for owner in owners):
                continue
            span = doc.lines.span(start, start + len(value))
            shown = (
                f"{ID_LABELS[kind]} {value}"
                if kind != "HGNC"
                else f"HGNC:{value.removeprefix('HGNC:')}"
            )
            if owners:
                yield self.finding(
                    span,
                    f"{shown} belongs to {symbols_of(owners)}; {_expected(gene, kind)}",
                    fix=_id_fix(doc, table, gene, identifier, kind, value, span, own_kinds),
                )
            elif kind == "HGNC" and (withdrawn := table.withdrawn_hgnc(value)):
                replaced = _replacement(withdrawn.name, table)
                yield self.finding(
                    span,
                    f"{shown} is the withdrawn {withdrawn.symbol} "
                    f"({withdrawn.status.lower()}{replaced}); {_expected(gene, kind)}",
                    fix=_id_fix(doc, table, gene, identifier, kind, value, span, own_kinds),
                )
            elif _well_formed(kind, value):
                yield self.finding(
                    span,
                    f"{shown} is not in the reference data; {_expected(gene, kind)}",
                    severity=Severity.INFO,
                )


class _OwnKinds:
    """The kinds of ID of which the page already lists the gene's own, found once a page
    (when a fix first asks): asked of every page ID for each ID reported, a page of
    thousands of IDs took minutes."""

    def __init__(self, doc: GeneDocument, gene) -> None:
        self._doc, self._gene = doc, gene
        self._kinds: frozenset[str] | None = None

    def __contains__(self, kind: str) -> bool:
        if self._kinds is None:
            self._kinds = frozenset(
                kind for value, kind in page_ids(self._doc) if _is_listed(self._gene, kind, value)
            )
        return kind in self._kinds


def _id_fix(
    doc: GeneDocument,
    table,
    gene,
    identifier,
    kind: str,
    value: str,
    span: Span,
    own_kinds: _OwnKinds,
) -> Fix | None:
    """Write the gene's one ID of this kind over `value` (see IdMismatch)."""
    listed = _listed(gene, kind)
    if len(listed) != 1 or written(doc, span) != value:
        return None
    if kind in own_kinds:
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
    named = [f"{hgnc} {symbols_of(table.by_identifier('HGNC', hgnc))}".strip() for hgnc in seen]
    return ", see " + ", ".join(named)


def _well_formed(kind: str, value: str) -> bool:
    """Malformed IDs are GL201's to report, not "unknown"."""
    return CHECKS[kind](value) is None


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
                f"a previous symbol of {symbols_of(previous)}" if previous else "",
                f"an alias of {symbols_of(aliases)}" if aliases else "",
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
    severity = Severity.WARNING
    fixable = True
    needs = NEEDS

    def check(self, doc: GeneDocument, ctx: Context) -> Iterator[Finding]:
        table = ctx.refdata
        gene = page_gene(doc, table)
        if gene is None:
            return
        known = _known_names(gene)
        by_line = aliases_by_line(doc.aliases)
        for alias in doc.aliases:
            if alias.value.casefold() in known:
                continue
            whose = _whose(alias.value, table)
            listed = ", ".join(gene.aliases) or "none"
            yield self.finding(
                alias.span,
                f"{alias.value} is not an alias or previous symbol of {gene.symbol}"
                f"{whose} ({gene.symbol}'s aliases: {listed})",
                fix=_alias_fix(doc, table, gene, alias, whose, by_line),
            )


def _alias_fix(doc: GeneDocument, table, gene, alias, whose: str, by_line) -> Fix | None:
    edits = alias_edits(doc, alias, by_line) if written(doc, alias.span) == alias.value else None
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


def _known_names(gene) -> set[str]:
    """The names an alias of this gene may be, case-folded. Not remembered per gene: a run
    meets each gene on one page, and remembering hashed and compared all of a Gene's fields."""
    return {name.casefold() for name in (gene.symbol, *gene.aliases, *gene.previous_symbols)}


def _whose(name: str, table) -> str:
    for kind, genes in (
        ("the symbol", table.by_symbol(name)),
        ("an alias", table.by_alias(name)),
        ("a previous symbol", table.by_previous_symbol(name)),
    ):
        if genes:
            return f"; it is {kind} of {symbols_of(genes[:5])}"
    return ""


# --- GL206 ------------------------------------------------------------------------------

_BAND_RANGE = re.compile(
    r"^(?P<chromosome>[0-9]{1,2}|X|Y)(?P<first>[pq](?:[0-9.]*)|pter|qter|cen)?"
    r"(?:-(?:[0-9]{1,2}|X|Y)?(?P<last>[pq](?:[0-9.]*)|pter|qter|cen))?$"
)


def band_interval(location: str) -> tuple[str, int, int] | None:
    """(chromosome, start, end) on a line from pter (-1) through the centromere (0) to qter (1).

    Bands are numbered outward from the centromere, each digit one level finer, so `p11.21`
    is the fraction 0.1121 on the p side and covers [0.1121, 0.1122); a coarser band covers the
    finer ones (`Xp11.2` holds `Xp11.21`). A range spans both its ends.
    """
    match = _BAND_RANGE.match(location.strip())
    if not match:
        return None
    ends = [match.group("first"), *([match.group("last")] if match.group("last") else [])]
    points = [point for point in map(_band_point, ends) if point is not None]
    if len(points) < len(ends):
        return None
    return match.group("chromosome"), min(p[0] for p in points), max(p[1] for p in points)


_SCALE = 10**8  # band digits as a fixed-point fraction: exact, unlike floats


def _band_point(text: str | None) -> tuple[int, int] | None:
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
        fix = _band_fix(doc.cytoband, doc, ctx.refdata, gene)
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


def _band_fix(cytoband: Cytoband, doc: GeneDocument, table: GeneTable, gene: Gene) -> Fix | None:
    band, span = gene.cytobands[0], cytoband.span
    if len(gene.cytobands) != 1 or written(doc, span) != cytoband.value:
        return None
    return Fix(
        (Edit(span.start, span.end, band),),
        "unsafe",
        f"write {band} in place of {cytoband.value}: {gene.symbol}'s cytoband in the "
        f"{reference_source(table, 'cytoband')}",
    )


def _overlap(a: tuple[str, int, int], b: tuple[str, int, int]) -> bool:
    """Same chromosome and a shared stretch (a point, `cen`, may touch a band's edge)."""
    low, high = max(a[1], b[1]), min(a[2], b[2])
    return a[0] == b[0] and (low < high or (low == high and (a[1] == a[2] or b[1] == b[2])))
