"""Cut the small test sources from the shared reference files (run once; outputs committed).

    python tests/refdata/data/make_samples.py /work/shared/refdata

Writes four files with the same ~300 genes: the two shared layouts as they are
(`human_genes_sample.tsv.gz`, `hgnc_genes_sample.tsv.gz`) and the same rows rewritten into the
official layouts `refdata update` downloads (`Homo_sapiens.gene_info_sample.gz`,
`hgnc_complete_set_sample.txt`), so both readers of each source see real data.
"""

import gzip
import sys
from pathlib import Path

HERE = Path(__file__).parent
# The genes the tests name, then the first rows of each file for bulk.
NAMED_SYMBOLS = {"ALAS1", "ALAS2", "BMX", "HBD", "MEMO1", "TEC", "C11orf1", "COX1", "TP53"}
FIRST_ROWS = 280
GENE_INFO_HEADER = (
    "#tax_id",
    "GeneID",
    "Symbol",
    "LocusTag",
    "Synonyms",
    "dbXrefs",
    "chromosome",
    "map_location",
    "description",
    "type_of_gene",
    "Symbol_from_nomenclature_authority",
    "Full_name_from_nomenclature_authority",
    "Nomenclature_status",
    "Other_designations",
    "Modification_date",
    "Feature_type",
)


def read_rows(path: Path) -> tuple[list[str], list[list[str]]]:
    with gzip.open(path, "rt", encoding="utf-8") as lines:
        header, *rows = (line.rstrip("\n").split("\t") for line in lines)
    return header, rows


def write_gzip(path: Path, lines: list[str]) -> None:
    with gzip.GzipFile(path, "wb", mtime=0) as out:
        out.write(("\n".join(lines) + "\n").encode("utf-8"))


def gene_info_row(ncbi: dict, hgnc: dict | None) -> list[str]:
    xrefs = [f"MIM:{mim}" for mim in ncbi["omim_ids"].split("|") if mim]
    if hgnc:
        xrefs.append(f"HGNC:{hgnc['hgnc_id']}")
    xrefs += [f"Ensembl:{ensg}" for ensg in ncbi["ensembl_gene_ids"].split("|") if ensg]
    authority = bool(hgnc)
    return [
        "9606",
        ncbi["entrez_id"],
        ncbi["symbol"],
        "-",
        ncbi["aliases"] or "-",
        "|".join(xrefs) or "-",
        ncbi["chromosome"] or "-",
        ncbi["map_location"] or "-",
        ncbi["name"],
        ncbi["gene_type"],
        ncbi["symbol"] if authority else "-",
        ncbi["name"] if authority else "-",
        "O" if authority else "-",
        "-",
        "20220912",
        "-",
    ]


def complete_set_row(header: list[str], hgnc: dict) -> list[str]:
    def listed(cell: str) -> str:
        return f'"{cell}"' if "|" in cell else cell

    values = {
        "hgnc_id": hgnc["hgnc_id"],
        "symbol": hgnc["symbol"],
        "name": hgnc["name"],
        "locus_type": hgnc["locus_type"],
        "status": hgnc["status"],
        "alias_symbol": listed(hgnc["alias_symbols"]),
        "prev_symbol": listed(hgnc["prev_symbols"]),
        "date_modified": "2024-01-18",
        "entrez_id": hgnc["entrez_id"],
        "ensembl_gene_id": hgnc["ensembl_gene_id"],
        "uniprot_ids": listed(hgnc["uniprot_ids"]),
    }
    return [values.get(column, "") for column in header]


def main(shared: Path) -> None:
    ncbi_header, ncbi_rows = read_rows(shared / "human_genes.tsv.gz")
    hgnc_header, hgnc_rows = read_rows(shared / "hgnc_genes.tsv.gz")
    ncbi_picked = [
        row for index, row in enumerate(ncbi_rows) if index < FIRST_ROWS or row[1] in NAMED_SYMBOLS
    ]
    entrez_ids = {row[0] for row in ncbi_picked}
    hgnc_picked = [
        row
        for index, row in enumerate(hgnc_rows)
        if row[5] in entrez_ids or index < 20 or row[1] == "ALAS3"
    ]

    write_gzip(
        HERE / "human_genes_sample.tsv.gz", ["\t".join(row) for row in [ncbi_header, *ncbi_picked]]
    )
    write_gzip(
        HERE / "hgnc_genes_sample.tsv.gz", ["\t".join(row) for row in [hgnc_header, *hgnc_picked]]
    )

    hgnc_by_entrez = {row[5]: dict(zip(hgnc_header, row)) for row in hgnc_picked if row[5]}
    gene_info = ["\t".join(GENE_INFO_HEADER)] + [
        "\t".join(gene_info_row(dict(zip(ncbi_header, row)), hgnc_by_entrez.get(row[0])))
        for row in ncbi_picked
    ]
    write_gzip(HERE / "Homo_sapiens.gene_info_sample.gz", gene_info)

    complete_header = (
        (HERE / "hgnc_complete_set_head.tsv").read_text(encoding="utf-8").split("\n")[0].split("\t")
    )
    complete = ["\t".join(complete_header)] + [
        "\t".join(complete_set_row(complete_header, dict(zip(hgnc_header, row))))
        for row in hgnc_picked
    ]
    (HERE / "hgnc_complete_set_sample.txt").write_text("\n".join(complete) + "\n", encoding="utf-8")
    print(f"{len(ncbi_picked)} NCBI genes, {len(hgnc_picked)} HGNC entries")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
