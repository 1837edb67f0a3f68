"""Readers for the gene source files, each turned into plain records.

Two NCBI layouts and two HGNC layouts are accepted, told apart by their header:

- NCBI `human_genes.tsv` (the project's export of NCBI Gene, lists joined with `|`) and the
  official `Homo_sapiens.gene_info` (`-` for empty, IDs inside `dbXrefs`);
- HGNC `hgnc_genes.tsv` (a reduced HGNC download) and the official `hgnc_complete_set.txt`
  (list cells quoted when they hold several values).

Every reader checks the header and the row count and raises SourceError naming the file and
the problem, so a bad download never becomes an index.
"""

from __future__ import annotations

import csv
import gzip
import io
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

GZIP_MAGIC = b"\x1f\x8b"
HUMAN_TAXON = "9606"

NCBI_EXPORT_COLUMNS = (
    "entrez_id",
    "symbol",
    "name",
    "gene_type",
    "chromosome",
    "map_location",
    "aliases",
    "ensembl_gene_ids",
    "uniprot_ids",
    "omim_ids",
)
NCBI_GENE_INFO_COLUMNS = (
    "#tax_id",
    "GeneID",
    "Symbol",
    "Synonyms",
    "dbXrefs",
    "chromosome",
    "map_location",
    "description",
    "type_of_gene",
    "Full_name_from_nomenclature_authority",
    "Modification_date",
)
HGNC_EXPORT_COLUMNS = (
    "hgnc_id",
    "symbol",
    "name",
    "status",
    "locus_type",
    "entrez_id",
    "prev_symbols",
    "alias_symbols",
    "ensembl_gene_id",
    "uniprot_ids",
)
HGNC_COMPLETE_SET_COLUMNS = (
    "hgnc_id",
    "symbol",
    "name",
    "locus_type",
    "status",
    "location",
    "alias_symbol",
    "prev_symbol",
    "date_modified",
    "entrez_id",
    "ensembl_gene_id",
    "uniprot_ids",
    "omim_id",
)


class SourceError(ValueError):
    """A source file that must not be turned into an index (wrong format, too few rows, …)."""


@dataclass(frozen=True)
class RowBounds:
    """How many data rows a complete source of this kind plausibly has."""

    minimum: int
    maximum: int


# NCBI listed 77,614 human genes in 2022 and HGNC 49,013 entries in 2024; a file far outside
# these bounds is a partial download or the wrong species, not a new release.
NCBI_ROW_BOUNDS = RowBounds(30_000, 500_000)
HGNC_ROW_BOUNDS = RowBounds(20_000, 300_000)


@dataclass(frozen=True)
class NcbiGene:
    entrez_id: int
    symbol: str
    name: str
    gene_type: str
    chromosomes: tuple[str, ...]
    cytobands: tuple[str, ...]
    aliases: tuple[str, ...]
    ensembl_ids: tuple[str, ...]
    uniprot_ids: tuple[str, ...]
    omim_ids: tuple[str, ...]
    hgnc_id: str | None  # only the official gene_info names it (in dbXrefs)
    # Protein and other names besides the full name: gene_info's Other_designations (and its
    # description when it differs from the nomenclature name); the shared export has none.
    designations: tuple[str, ...] = ()


@dataclass(frozen=True)
class HgncEntry:
    hgnc_id: str  # "HGNC:397"
    symbol: str
    name: str
    status: str  # Approved, Symbol Withdrawn, Entry Withdrawn
    locus_type: str
    entrez_id: int | None
    previous_symbols: tuple[str, ...]
    aliases: tuple[str, ...]
    ensembl_ids: tuple[str, ...]
    uniprot_ids: tuple[str, ...]
    omim_ids: tuple[str, ...]
    location: str  # cytoband; only the complete set has it
    other_names: tuple[str, ...] = ()  # the complete set's alias_name and prev_name


@dataclass(frozen=True)
class SourceFile:
    """What was read from one file: its records and what to record about it."""

    path: str  # or the URL it was downloaded from
    layout: str
    rows: int
    date: str | None  # newest modification date inside the file, when the layout has one
    records: tuple


def split_list(cell: str) -> tuple[str, ...]:
    """`a|b|b` → (a, b): cells of both sources join lists with `|`; order kept, repeats dropped."""
    cell = cell.strip().strip('"')
    if cell in ("", "-"):
        return ()
    return tuple(dict.fromkeys(part.strip() for part in cell.split("|") if part.strip()))


def read_ncbi(
    path: str | Path, bounds: RowBounds = NCBI_ROW_BOUNDS, label: str | None = None
) -> SourceFile:
    """Genes of an NCBI file; `label` names the file in errors (a URL for a download)."""
    label = label or str(path)
    header, rows = _open_table(path, label)
    parse: Callable[[dict[str, str]], NcbiGene | None]
    if header[: len(NCBI_EXPORT_COLUMNS)] == list(NCBI_EXPORT_COLUMNS):
        layout, parse, date_column = "human_genes.tsv", _ncbi_export_gene, None
    elif _has_columns(header, NCBI_GENE_INFO_COLUMNS):
        layout, parse, date_column = "gene_info", _ncbi_gene_info_gene, "Modification_date"
    else:
        raise SourceError(
            f"{label}: not an NCBI gene file; expected the columns of human_genes.tsv "
            f"({', '.join(NCBI_EXPORT_COLUMNS)}) or of Homo_sapiens.gene_info "
            f"({', '.join(NCBI_GENE_INFO_COLUMNS)}); found: {', '.join(header[:12])}"
        )
    genes, date = [], None
    for row in _records(label, header, rows):
        gene = _labelled(label, parse, row)
        if gene is not None:
            genes.append(gene)
            date = _newer_date(date, row.get(date_column, "") if date_column else "")
    _check_rows(label, genes, bounds)
    return SourceFile(label, layout, len(genes), date, tuple(genes))


def read_hgnc(
    path: str | Path, bounds: RowBounds = HGNC_ROW_BOUNDS, label: str | None = None
) -> SourceFile:
    """Entries of an HGNC file, withdrawn ones included; `label` names the file in errors."""
    label = label or str(path)
    header, rows = _open_table(path, label)
    if _has_columns(header, HGNC_EXPORT_COLUMNS):
        layout = "hgnc_genes.tsv"
    elif _has_columns(header, HGNC_COMPLETE_SET_COLUMNS):
        layout = "hgnc_complete_set"
    else:
        raise SourceError(
            f"{label}: not an HGNC gene file; expected the columns of hgnc_genes.tsv "
            f"({', '.join(HGNC_EXPORT_COLUMNS)}) or of hgnc_complete_set.txt "
            f"({', '.join(HGNC_COMPLETE_SET_COLUMNS)}); found: {', '.join(header[:12])}"
        )
    entries, date = [], None
    for row in _records(label, header, rows):
        entries.append(_labelled(label, _hgnc_entry, row, layout))
        date = _newer_date(date, row.get("date_modified", ""))
    _check_rows(label, entries, bounds)
    return SourceFile(label, layout, len(entries), date, tuple(entries))


def _open_table(path: str | Path, label: str) -> tuple[list[str], Iterator[list[str]]]:
    """Header and row iterator of a tab-separated file, gzip-compressed or not (sniffed)."""
    raw = Path(path).read_bytes()
    if raw.startswith(GZIP_MAGIC):
        try:
            raw = gzip.decompress(raw)
        except (EOFError, OSError, zlib.error) as error:
            raise SourceError(f"{label}: damaged or truncated gzip file ({error})") from None
    head = raw[:512].lstrip().lower()
    if head.startswith((b"<!doctype", b"<html", b"<?xml", b"{")):
        raise SourceError(f"{label}: got an HTML/XML/JSON document, not a tab-separated gene table")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise SourceError(f"{label}: not UTF-8 text ({error})") from None
    # QUOTE_NONE: HGNC quotes list cells, and split_list strips those quotes; csv's own quote
    # handling would misread a name that merely starts with a quote character.
    rows = csv.reader(io.StringIO(text), delimiter="\t", quoting=csv.QUOTE_NONE)
    header = next(rows, None)
    if not header:
        raise SourceError(f"{label}: empty file")
    return [column.strip() for column in header], rows


def _records(label: str, header: list[str], rows: Iterator[list[str]]) -> Iterator[dict[str, str]]:
    symbol_column = header.index("Symbol") if "Symbol" in header else header.index("symbol")
    for line_number, row in enumerate(rows, start=2):
        if not row:
            continue
        if len(row) != len(header):
            raise SourceError(
                f"{label}:{line_number}: {len(row)} cells where the header has {len(header)} "
                "(truncated or damaged file?)"
            )
        if not row[symbol_column].strip():
            raise SourceError(f"{label}:{line_number}: empty symbol")
        yield dict(zip(header, row))


def _labelled(label: str, parse, *arguments):
    """Run a row parser, naming the file in any error it raises."""
    try:
        return parse(*arguments)
    except SourceError as error:
        raise SourceError(f"{label}: {error}") from None


def _has_columns(header: list[str], expected: tuple[str, ...]) -> bool:
    return set(expected) <= set(header)


def _check_rows(label: str, records: list, bounds: RowBounds) -> None:
    if not bounds.minimum <= len(records) <= bounds.maximum:
        raise SourceError(
            f"{label}: {len(records):,} genes, expected between {bounds.minimum:,} and "
            f"{bounds.maximum:,} (partial download or wrong file?)"
        )


def _newer_date(current: str | None, cell: str) -> str | None:
    """Keep the newest of YYYYMMDD / YYYY-MM-DD dates, as YYYY-MM-DD."""
    digits = cell.strip().replace("-", "")
    if len(digits) != 8 or not digits.isdigit():
        return current
    date = f"{digits[:4]}-{digits[4:6]}-{digits[6:]}"
    return date if current is None or date > current else current


def _ncbi_export_gene(row: dict[str, str]) -> NcbiGene:
    return NcbiGene(
        entrez_id=_entrez_id(row["entrez_id"]),
        symbol=row["symbol"].strip(),
        name=row["name"].strip(),
        gene_type=row["gene_type"].strip(),
        chromosomes=split_list(row["chromosome"]),
        cytobands=split_list(row["map_location"]),
        aliases=split_list(row["aliases"]),
        ensembl_ids=split_list(row["ensembl_gene_ids"]),
        uniprot_ids=split_list(row["uniprot_ids"]),
        omim_ids=split_list(row["omim_ids"]),
        hgnc_id=None,
    )


def _ncbi_gene_info_gene(row: dict[str, str]) -> NcbiGene | None:
    if row["#tax_id"].strip() != HUMAN_TAXON:
        return None
    xrefs: dict[str, list[str]] = {}
    for xref in split_list(row["dbXrefs"]):
        database, _, value = xref.partition(":")
        xrefs.setdefault(database, []).append(value)
    name = row["Full_name_from_nomenclature_authority"].strip()
    description = row["description"].strip()
    hgnc_ids = xrefs.get("HGNC", [])  # written HGNC:HGNC:397
    designations = split_list(row.get("Other_designations", ""))
    if name not in ("", "-") and description not in ("", "-", name):
        designations = (description, *designations)
    return NcbiGene(
        entrez_id=_entrez_id(row["GeneID"]),
        symbol=row["Symbol"].strip(),
        name=name if name not in ("", "-") else description,
        gene_type=row["type_of_gene"].strip(),
        chromosomes=split_list(row["chromosome"]),
        cytobands=split_list(row["map_location"]),
        aliases=split_list(row["Synonyms"]),
        ensembl_ids=tuple(xrefs.get("Ensembl", ())),
        uniprot_ids=(),  # gene_info has none; HGNC supplies them
        omim_ids=tuple(xrefs.get("MIM", ())),
        hgnc_id=hgnc_ids[0] if hgnc_ids else None,
        designations=designations,
    )


def _hgnc_entry(row: dict[str, str], layout: str) -> HgncEntry:
    if layout == "hgnc_genes.tsv":
        previous, aliases, omim = row["prev_symbols"], row["alias_symbols"], ""
    else:
        previous, aliases, omim = row["prev_symbol"], row["alias_symbol"], row["omim_id"]
    entrez = row["entrez_id"].strip()
    return HgncEntry(
        hgnc_id=row["hgnc_id"].strip(),
        symbol=row["symbol"].strip(),
        name=row["name"].strip(),
        status=row["status"].strip(),
        locus_type=row["locus_type"].strip(),
        entrez_id=_entrez_id(entrez) if entrez else None,
        previous_symbols=split_list(previous),
        aliases=split_list(aliases),
        ensembl_ids=split_list(row["ensembl_gene_id"]),
        uniprot_ids=split_list(row["uniprot_ids"]),
        omim_ids=split_list(omim),
        location=row.get("location", "").strip(),
        other_names=split_list(row.get("alias_name", "")) + split_list(row.get("prev_name", "")),
    )


def _entrez_id(cell: str) -> int:
    try:
        return int(cell)
    except ValueError:
        raise SourceError(f"not an NCBI Gene ID: {cell!r}") from None
