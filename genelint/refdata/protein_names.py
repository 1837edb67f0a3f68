"""Protein and other names of human genes, bundled beside the reference snapshot for GL405.

The bundled snapshot is built from exports that hold each gene's nomenclature name only, so a
title that names a gene by its protein ("glucocorticoid receptor" for NR3C1, "thyrotropin
receptor" for TSHR) would go unseen. This table adds the names NCBI Gene gives each human
protein-coding gene besides its nomenclature name (`Other_designations` and a differing
`description` of `Homo_sapiens.gene_info`; NCBI takes most of them from UniProt and RefSeq).
GL405's name index reads it with the reference data (`nameindex.build_name_index`).

    python -m genelint.refdata.protein_names Homo_sapiens.gene_info.gz \
        --out genelint/refdata/data/protein_names.tsv.xz

The file is tab-separated, one gene a row sorted by Entrez ID: `entrez_id`, `symbol` (as the
source had it, for reading by eye), `names` (`|`-joined, source order). Names that describe no
one protein are left out here (transcript and isoform variants, NCBI's generic
"epididymis secretory …" and "testicular tissue protein …" names, uncharacterised and
putative ones); whether a name is one gene's is the name index's business. It is written with
xz and no timestamp, so the same source gives the same bytes.
"""

from __future__ import annotations

import argparse
import lzma
import re
import sys
from pathlib import Path

from genelint.refdata.sources import NCBI_ROW_BOUNDS, RowBounds, read_ncbi

PROTEIN_NAMES = Path(__file__).parent / "data" / "protein_names.tsv.xz"
HEADER = ("entrez_id", "symbol", "names")

# Names that tell no protein apart: variants and isoforms of a transcript, NCBI's placeholder
# and generic tissue names, and names that say they are unsure.
_NO_ONE_PROTEIN = re.compile(
    r"variant|isoform|transcript|epididymis|testicular tissue|testis tissue|uncharacteri[sz]ed|"
    r"hypothetical|putative|LOW QUALITY|fragment|pseudogene|readthrough|open reading frame|"
    r"cDNA|clone\b|\bFLJ|\bKIAA|\bMGC|\bDKFZ|similar to|unnamed",
    re.IGNORECASE,
)


def useful_names(symbol: str, name: str, designations: tuple[str, ...]) -> list[str]:
    """The designations worth searching titles for: not the nomenclature name or the symbol
    again, at least four characters, and naming one protein."""
    seen = {name.casefold(), symbol.casefold()}
    kept = []
    for designation in designations:
        folded = designation.casefold()
        if (
            folded in seen
            or len(designation) < 4
            or "|" in designation
            or "\t" in designation
            or _NO_ONE_PROTEIN.search(designation)
        ):
            continue
        seen.add(folded)
        kept.append(designation)
    return kept


def build(gene_info: str | Path, out: str | Path, bounds: RowBounds = NCBI_ROW_BOUNDS) -> int:
    """Write the table from an NCBI `Homo_sapiens.gene_info(.gz)`; returns the genes written."""
    source = read_ncbi(gene_info, bounds)
    if source.layout != "gene_info":
        raise SystemExit(f"{gene_info}: not a gene_info file (no Other_designations column)")
    rows = []
    for gene in sorted(source.records, key=lambda gene: gene.entrez_id):
        if gene.gene_type != "protein-coding":
            continue
        names = useful_names(gene.symbol, gene.name, gene.designations)
        if names:
            rows.append(f"{gene.entrez_id}\t{gene.symbol}\t{'|'.join(names)}\n")
    text = "\t".join(HEADER) + "\n" + "".join(rows)
    Path(out).write_bytes(lzma.compress(text.encode(), preset=9 | lzma.PRESET_EXTREME))
    return len(rows)


def read_protein_names(path: str | Path = PROTEIN_NAMES) -> dict[int, tuple[str, ...]]:
    """Entrez ID → the gene's protein names; {} when the table is absent or unreadable (GL405
    then knows only the reference data's own names)."""
    try:
        text = lzma.decompress(Path(path).read_bytes()).decode()
    except (OSError, lzma.LZMAError, UnicodeDecodeError):
        return {}
    lines = text.splitlines()
    if not lines or tuple(lines[0].split("\t")) != HEADER:
        return {}
    found = {}
    for line in lines[1:]:
        cells = line.split("\t")
        if len(cells) == 3 and cells[0].isdigit():
            found[int(cells[0])] = tuple(name for name in cells[2].split("|") if name)
    return found


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gene_info", help="NCBI Homo_sapiens.gene_info, plain or .gz")
    parser.add_argument("--out", default=str(PROTEIN_NAMES))
    args = parser.parse_args(argv)
    count = build(args.gene_info, args.out)
    print(f"{args.out}: {count} genes", file=sys.stderr)


if __name__ == "__main__":
    main()
