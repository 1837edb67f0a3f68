"""The bundled protein names: built from NCBI's gene_info, read back, and what is left out."""

import gzip
import lzma
from pathlib import Path

from genelint.refdata.protein_names import (
    PROTEIN_NAMES,
    build,
    read_protein_names,
    useful_names,
)
from genelint.refdata.sources import RowBounds

DATA = Path(__file__).parent / "data"
SAMPLE_BOUNDS = RowBounds(100, 1_000)


def gene_info_with(tmp_path: Path, designations: dict[str, str]) -> Path:
    """The sample gene_info with these genes' Other_designations."""
    lines = gzip.decompress((DATA / "Homo_sapiens.gene_info_sample.gz").read_bytes()).decode()
    lines = lines.splitlines()
    header = lines[0].split("\t")
    column = header.index("Other_designations")
    for n, line in enumerate(lines):
        cells = line.split("\t")
        if cells[2] in designations:
            cells[column] = designations[cells[2]]
        lines[n] = "\t".join(cells)
    path = tmp_path / "Homo_sapiens.gene_info"
    path.write_text("\n".join(lines) + "\n")
    return path


def test_built_from_gene_info_and_read_back(tmp_path):
    source = gene_info_with(
        tmp_path,
        {
            "TP53": "cellular tumor antigen p53|tumor protein p53 transcript variant 2|p53",
            "ALAS2": "5-aminolevulinate synthase, erythroid-specific|epididymis luminal protein 2",
        },
    )
    out = tmp_path / "protein_names.tsv.xz"
    build(source, out, SAMPLE_BOUNDS)
    names = read_protein_names(out)
    assert names[7157] == ("cellular tumor antigen p53",)  # no variant, nor the symbol again
    assert names[212] == ("5-aminolevulinate synthase, erythroid-specific",)
    text = lzma.decompress(out.read_bytes()).decode().splitlines()
    assert text[0] == "entrez_id\tsymbol\tnames"
    assert [int(line.split("\t")[0]) for line in text[1:]] == sorted(names)
    again = tmp_path / "again.tsv.xz"
    build(source, again, SAMPLE_BOUNDS)
    assert again.read_bytes() == out.read_bytes()  # same source, same bytes


def test_names_that_tell_no_protein_apart_are_left_out():
    assert useful_names(
        "KLK3",
        "kallikrein related peptidase 3",
        (
            "prostate-specific antigen",
            "Kallikrein related peptidase 3",  # the nomenclature name again
            "KLK3",
            "PSA",  # too short to be a phrase
            "kallikrein 3 isoform 4 preproprotein",
            "testicular tissue protein Li 84",
            "uncharacterized protein KLK3",
            "prostate-specific antigen",
        ),
    ) == ["prostate-specific antigen"]


def test_an_unreadable_table_gives_no_names(tmp_path):
    assert read_protein_names(tmp_path / "absent.tsv.xz") == {}
    damaged = tmp_path / "damaged.tsv.xz"
    damaged.write_bytes(b"not xz")
    assert read_protein_names(damaged) == {}
    other = tmp_path / "other.tsv.xz"
    other.write_bytes(lzma.compress(b"gene\tname\n1\tx\n"))
    assert read_protein_names(other) == {}


def test_the_bundled_table():
    names = read_protein_names(PROTEIN_NAMES)
    assert len(names) > 15_000
    assert "glucocorticoid receptor" in names[2908]  # NR3C1
    assert "thyrotropin receptor" in names[7253]  # TSHR
    assert not any("variant" in name for found in names.values() for name in found)
