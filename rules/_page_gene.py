"""The page's external IDs one by one, and which reference gene the page is about.

`id_values` splits an IDs field into its values (GL201 checks their syntax).

`page_gene` decides it once per document: its approved symbol, preferring protein-coding genes,
then the one its own IDs point to; a page titled with a previous symbol or alias is about the
gene that name resolves to. Used by the identifier rules (GL202-GL206) and GL405.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from genelint.document import GeneDocument, Identifier, LineIndex, Span
from genelint.refdata import Gene, GeneTable

NEEDS = frozenset({"refdata"})
# A value may list several IDs ("ENSG…, ENSG…") and carry a remark in parentheses.
_SEPARATOR = re.compile(r"[^,;]+")
_REMARK = re.compile(r"\s*\([^()]*\)\s*$")
ID_LABELS = {
    "HGNC": "",
    "NCBI Entrez": "NCBI Entrez",
    "Ensembl": "Ensembl",
    "OMIM": "OMIM",
    "UniProtKB": "UniProtKB",
}


def id_values(text: str, span: Span, lines: LineIndex) -> list[tuple[str, int]]:
    """Each comma/semicolon-separated value of a field with its code-point offset in the file.

    An offset, not a Span: nearly every value is fine, and only a reported one needs its Span.
    A list, not a generator: the rules ask it of every ID of every page, and nearly every
    field holds one value.
    """
    base = lines.starts[span.line - 1] + span.column - 1
    if "," not in text and ";" not in text and "(" not in text:
        # Nearly every field holds one ID, with nothing to split off: the one value.
        value = text.strip()
        return [(value, base + len(text) - len(text.lstrip()))] if value else []
    values = []
    for match in _SEPARATOR.finditer(text):
        piece = match.group(0)
        if "(" in piece:
            piece = _REMARK.sub("", piece)
        value = piece.strip()
        if value:
            values.append((value, base + match.start() + (len(piece) - len(piece.lstrip()))))
    return values


# --- which gene the page is about ----------------------------------------------------


def page_gene(doc: GeneDocument, table: GeneTable) -> Gene | None:
    """The reference gene this page is about, or None when its symbol names no gene."""
    # Every reference rule of one page asks this: the table remembers the last page's answer.
    return table.gene_of_page(doc, lambda: _find_page_gene(doc, table))


def _find_page_gene(doc: GeneDocument, table: GeneTable) -> Gene | None:
    if not doc.symbol:
        return None
    approved = table.by_symbol(doc.symbol)
    return pick(approved, doc, table) if approved else resolve_other_name(doc, table)[0]


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
    pointed = {g.entrez_id for value, kind in page_ids(doc) for g in owners_of(table, kind, value)}
    return next((gene for gene in candidates if gene.entrez_id in pointed), None)


def page_ids(doc: GeneDocument) -> Iterator[tuple[str, str]]:
    """(value, kind) of every reference-checkable ID on the page, one per listed value."""
    for _, value, kind, _start in page_ids_by_item(doc):
        yield value, kind


def page_ids_by_item(doc: GeneDocument) -> Iterator[tuple[Identifier, str, str, int]]:
    """(identifier, value, kind, offset) of every reference-checkable ID on the page: an
    offset, not a Span, as id_values gives it (`doc.lines.span(offset, offset + len(value))`)."""
    for identifier in doc.identifiers:
        if identifier.kind in ID_LABELS:
            for value, start in id_values(identifier.value.value, identifier.value.span, doc.lines):
                yield identifier, value, identifier.kind, start


def owners_of(table, kind: str, value: str) -> list:
    try:
        return table.by_identifier(kind, value)
    except ValueError:  # malformed: GL201 reports it
        return []


def symbols_of(genes) -> str:
    return ", ".join(dict.fromkeys(g.symbol for g in genes))
