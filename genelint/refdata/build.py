"""Join an NCBI Gene file and an HGNC file on the Entrez ID into one SQLite index.

    python -m genelint.refdata.build --ncbi human_genes.tsv.gz --hgnc hgnc_genes.tsv.gz \
        --ncbi-date 2022-09-12 --hgnc-date 2024-01-18 --out genelint/refdata/data/genes.sqlite.xz

HGNC is the naming authority and the newer source, so a gene it knows takes its symbol and name
from HGNC; NCBI supplies the gene type, location and the genes HGNC does not name (LOC…,
readthroughs). Lists from both sources are merged. An output path ending in `.xz` is written
xz-compressed (15 MB → 3.4 MB): that is the form shipped in the package.
"""

from __future__ import annotations

import argparse
import json
import lzma
import os
import re
import sqlite3
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from genelint import __version__
from genelint.refdata.schema import INDEX_FORMAT, NAME_KINDS, SCHEMA
from genelint.refdata.sources import (
    HGNC_ROW_BOUNDS,
    NCBI_ROW_BOUNDS,
    HgncEntry,
    NcbiGene,
    RowBounds,
    SourceError,
    SourceFile,
    read_hgnc,
    read_ncbi,
)
from genelint.refdata.table import Gene

# NCBI's type vocabulary for genes known only to HGNC, so gene_type means one thing throughout.
HGNC_LOCUS_TO_NCBI_TYPE = {
    "gene with protein product": "protein-coding",
    "pseudogene": "pseudo",
    "RNA, transfer": "tRNA",
    "RNA, ribosomal": "rRNA",
    "RNA, small nucleolar": "snoRNA",
    "RNA, small nuclear": "snRNA",
}

CHROMOSOME_OF_BAND = re.compile(r"\d+|X|Y|MT")


@dataclass(frozen=True)
class SourceNote:
    """What the index records about one source: where it came from and how old it is."""

    name: str
    date: str | None = None  # overrides the date read from the file
    url: str | None = None


def join_genes(ncbi: list[NcbiGene], hgnc: list[HgncEntry]) -> list[Gene]:
    approved = [entry for entry in hgnc if entry.status == "Approved"]
    by_entrez = {entry.entrez_id: entry for entry in approved if entry.entrez_id is not None}
    by_hgnc_id = {entry.hgnc_id: entry for entry in approved}
    genes = []
    for gene in ncbi:
        entry = by_entrez.get(gene.entrez_id) or by_hgnc_id.get(gene.hgnc_id or "")
        genes.append(_join_one(gene, entry))
    known = {gene.entrez_id for gene in ncbi}
    genes.extend(
        _hgnc_only(entrez_id, entry)
        for entrez_id, entry in by_entrez.items()
        if entrez_id not in known
    )
    return sorted(genes, key=lambda gene: gene.entrez_id)


def _join_one(gene: NcbiGene, entry: HgncEntry | None) -> Gene:
    if entry is None:
        return Gene(
            gene.entrez_id,
            gene.symbol,
            gene.name,
            gene.gene_type,
            gene.chromosomes,
            gene.cytobands,
            _without(gene.aliases, gene.symbol),
            (),
            gene.hgnc_id,
            gene.ensembl_ids,
            gene.uniprot_ids,
            gene.omim_ids,
        )
    # Aliases are what either source lists (NCBI counts previous symbols among them, so ALAS
    # stays an alias of ALAS1), plus NCBI's own symbol when HGNC renamed the gene after NCBI's
    # snapshot (C11orf1 → CFAP68) or names it differently (COX1 → MT-CO1).
    aliases = _merge(gene.aliases, entry.aliases, (gene.symbol,))
    return Gene(
        entrez_id=gene.entrez_id,
        symbol=entry.symbol,
        name=entry.name,
        gene_type=gene.gene_type,
        chromosomes=gene.chromosomes,
        cytobands=gene.cytobands or _cytobands(entry.location),
        aliases=_without(aliases, entry.symbol),
        previous_symbols=entry.previous_symbols,
        hgnc_id=entry.hgnc_id,
        ensembl_ids=_merge(entry.ensembl_ids, gene.ensembl_ids),
        uniprot_ids=_merge(entry.uniprot_ids, gene.uniprot_ids),
        omim_ids=_merge(gene.omim_ids, entry.omim_ids),
    )


def _hgnc_only(entrez_id: int, entry: HgncEntry) -> Gene:
    cytobands = _cytobands(entry.location)
    return Gene(
        entrez_id=entrez_id,
        symbol=entry.symbol,
        name=entry.name,
        gene_type=_ncbi_gene_type(entry.locus_type),
        chromosomes=tuple(dict.fromkeys(_chromosome(band) for band in cytobands)),
        cytobands=cytobands,
        aliases=_without(entry.aliases, entry.symbol),
        previous_symbols=entry.previous_symbols,
        hgnc_id=entry.hgnc_id,
        ensembl_ids=entry.ensembl_ids,
        uniprot_ids=entry.uniprot_ids,
        omim_ids=entry.omim_ids,
    )


def _ncbi_gene_type(locus_type: str) -> str:
    default = "ncRNA" if locus_type.startswith("RNA") else "other"
    return HGNC_LOCUS_TO_NCBI_TYPE.get(locus_type, default)


def _merge(*lists: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(value for values in lists for value in values))


def _without(values: tuple[str, ...], *unwanted: str) -> tuple[str, ...]:
    return tuple(value for value in values if value not in unwanted)


def _cytobands(location: str) -> tuple[str, ...]:
    # HGNC writes e.g. "19q13.43", "X and Y" style phrases and "not on reference assembly";
    # only a plain band is a cytoband.
    band = location.strip()
    return (band,) if band and band[0].isalnum() and " " not in band else ()


def _chromosome(band: str) -> str:
    """`Xp11.21` → `X`, `19q13.43` → `19`, `10cen` → `10`."""
    found = CHROMOSOME_OF_BAND.match(band)
    return found.group() if found else band


def build_index(
    ncbi: SourceFile,
    hgnc: SourceFile,
    out: str | Path,
    ncbi_note: SourceNote | None = None,
    hgnc_note: SourceNote | None = None,
) -> dict:
    """Write the index to `out` atomically; return the source description stored in it."""
    ncbi_note = ncbi_note or SourceNote("NCBI Gene")
    hgnc_note = hgnc_note or SourceNote("HGNC")
    genes = join_genes(list(ncbi.records), list(hgnc.records))
    withdrawn = [entry for entry in hgnc.records if entry.status != "Approved"]
    source = {
        "format": INDEX_FORMAT,
        "built": datetime.now(timezone.utc).replace(microsecond=0).isoformat(),
        "built_by": f"genelint {__version__}",
        "sources": [_describe(ncbi, ncbi_note), _describe(hgnc, hgnc_note)],
        "counts": {
            "genes": len(genes),
            "protein_coding": sum(gene.gene_type == "protein-coding" for gene in genes),
            "with_hgnc_id": sum(gene.hgnc_id is not None for gene in genes),
            "hgnc_withdrawn": len(withdrawn),
        },
    }
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=out.parent, prefix=".build-") as scratch:
        database = Path(scratch) / "genes.sqlite"
        _write_sqlite(database, genes, withdrawn, source, _designations(ncbi.records, hgnc.records))
        finished = Path(scratch) / "finished"
        if out.name.endswith(".xz"):
            finished.write_bytes(
                lzma.compress(database.read_bytes(), preset=9 | lzma.PRESET_EXTREME)
            )
        else:
            database.rename(finished)
        os.replace(finished, out)
    return source


def _describe(source: SourceFile, note: SourceNote) -> dict:
    date = note.date or source.date
    if date is None:
        raise SourceError(
            f"{source.path}: the {source.layout} layout records no dates; "
            f"give the snapshot date of this {note.name} file"
        )
    described = {
        "name": note.name,
        "file": Path(source.path).name,
        "layout": source.layout,
        "date": date,
        "rows": source.rows,
    }
    if note.url:
        described["url"] = note.url
    return described


def _designations(ncbi, hgnc) -> dict[int, tuple[str, ...]]:
    """Entrez ID → the gene's other names from both sources (only the official layouts have them)."""
    found: dict[int, tuple[str, ...]] = {}
    for gene in ncbi:
        if gene.designations:
            found[gene.entrez_id] = gene.designations
    for entry in hgnc:
        if entry.other_names and entry.status == "Approved" and entry.entrez_id is not None:
            found[entry.entrez_id] = _merge(found.get(entry.entrez_id, ()), entry.other_names)
    return found


def _write_sqlite(
    path: Path,
    genes: list[Gene],
    withdrawn: list[HgncEntry],
    source: dict,
    designations: dict[int, tuple[str, ...]] | None = None,
) -> None:
    connection = sqlite3.connect(path)
    try:
        connection.executescript(SCHEMA)
        connection.executemany(
            "INSERT INTO genes VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
            (
                (
                    gene.entrez_id,
                    gene.symbol,
                    gene.name,
                    gene.gene_type,
                    "|".join(gene.chromosomes),
                    "|".join(gene.cytobands),
                    "|".join(gene.aliases),
                    "|".join(gene.previous_symbols),
                    gene.hgnc_id,
                    "|".join(gene.ensembl_ids),
                    "|".join(gene.uniprot_ids),
                    "|".join(gene.omim_ids),
                )
                for gene in genes
            ),
        )
        connection.executemany(
            "INSERT OR IGNORE INTO names VALUES (?,?,?)", _name_rows(genes, designations or {})
        )
        connection.executemany(
            "INSERT INTO withdrawn_hgnc VALUES (?,?,?,?)",
            (
                (_hgnc_number(entry.hgnc_id), entry.symbol, entry.status, entry.name)
                for entry in withdrawn
            ),
        )
        connection.execute(
            "INSERT INTO meta VALUES ('source', ?)", (json.dumps(source, sort_keys=True),)
        )
        connection.commit()
        connection.execute("VACUUM")
    finally:
        connection.close()


def _name_rows(genes: list[Gene], designations: dict[int, tuple[str, ...]]):
    for gene in genes:
        for designation in designations.get(gene.entrez_id, ()):
            if designation != gene.name:
                yield NAME_KINDS["designation"], designation, gene.entrez_id
        yield NAME_KINDS["symbol"], gene.symbol, gene.entrez_id
        for alias in gene.aliases:
            yield NAME_KINDS["alias"], alias, gene.entrez_id
        for previous in gene.previous_symbols:
            yield NAME_KINDS["previous"], previous, gene.entrez_id
        if gene.hgnc_id:
            yield NAME_KINDS["hgnc"], str(_hgnc_number(gene.hgnc_id)), gene.entrez_id
        for ensembl in gene.ensembl_ids:
            yield NAME_KINDS["ensembl"], ensembl, gene.entrez_id
        for omim in gene.omim_ids:
            yield NAME_KINDS["omim"], omim, gene.entrez_id
        for uniprot in gene.uniprot_ids:
            yield NAME_KINDS["uniprot"], uniprot, gene.entrez_id


def _hgnc_number(hgnc_id: str) -> int:
    return int(hgnc_id.upper().removeprefix("HGNC:"))


def build_from_files(
    ncbi_path: str | Path,
    hgnc_path: str | Path,
    out: str | Path,
    ncbi_note: SourceNote | None = None,
    hgnc_note: SourceNote | None = None,
    ncbi_bounds: RowBounds = NCBI_ROW_BOUNDS,
    hgnc_bounds: RowBounds = HGNC_ROW_BOUNDS,
) -> dict:
    return build_index(
        read_ncbi(ncbi_path, ncbi_bounds),
        read_hgnc(hgnc_path, hgnc_bounds),
        out,
        ncbi_note,
        hgnc_note,
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m genelint.refdata.build", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument(
        "--ncbi", required=True, help="human_genes.tsv[.gz] or Homo_sapiens.gene_info[.gz]"
    )
    parser.add_argument(
        "--hgnc", required=True, help="hgnc_genes.tsv[.gz] or hgnc_complete_set.txt[.gz]"
    )
    parser.add_argument(
        "--out", required=True, help="index to write (.sqlite, or .sqlite.xz to compress)"
    )
    parser.add_argument("--ncbi-date", help="snapshot date YYYY-MM-DD when the file records none")
    parser.add_argument("--hgnc-date", help="snapshot date YYYY-MM-DD when the file records none")
    parser.add_argument("--ncbi-url", help="where the NCBI file came from, recorded in the index")
    parser.add_argument("--hgnc-url", help="where the HGNC file came from, recorded in the index")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    try:
        source = build_from_files(
            args.ncbi,
            args.hgnc,
            args.out,
            SourceNote("NCBI Gene", args.ncbi_date, args.ncbi_url),
            SourceNote("HGNC", args.hgnc_date, args.hgnc_url),
        )
    except (SourceError, OSError) as error:
        print(f"genelint refdata build: {error}", file=sys.stderr)
        return 2
    counts = source["counts"]
    print(
        f"{args.out}: {counts['genes']:,} genes ({counts['with_hgnc_id']:,} with HGNC IDs), "
        f"{Path(args.out).stat().st_size:,} bytes, {time.perf_counter() - started:.1f} s"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
