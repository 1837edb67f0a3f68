"""Identifier rules: the syntax of external IDs and of the cytogenetic location.

These rules look only at how a value is written; whether it belongs to the
page's gene is GL202/GL206 (reference data).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from genelint.document import GeneDocument, LineIndex, Span
from genelint.findings import Finding, Severity
from genelint.rule import Context, Rule
from genelint.syntax import ENSEMBL_GENE_ID, ENTREZ_GENE_ID, HGNC_ID, OMIM_NUMBER, UNIPROT_ACCESSION

# A value may list several IDs ("ENSG…, ENSG…") and carry a remark in parentheses.
_SEPARATOR = re.compile(r"[^,;]+")
_REMARK = re.compile(r"\s*\([^()]*\)\s*$")

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


def id_values(text: str, span: Span, lines: LineIndex) -> Iterator[tuple[str, int]]:
    """Each comma/semicolon-separated value of a field with its code-point offset in the file.

    An offset, not a Span: nearly every value is fine, and only a reported one needs its Span.
    """
    base = lines.starts[span.line - 1] + span.column - 1
    for match in _SEPARATOR.finditer(text):
        piece = match.group(0)
        if "(" in piece:
            piece = _REMARK.sub("", piece)
        value = piece.strip()
        if value:
            yield value, base + match.start() + (len(piece) - len(piece.lstrip()))


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
    family = "identifiers"
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
    family = "identifiers"
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
