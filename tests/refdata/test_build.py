"""Building the index from each source layout, and refusing bad inputs."""

import gzip
from pathlib import Path

import pytest

from genelint.refdata import load_gene_table
from genelint.refdata.build import SourceNote, build_from_files, main
from genelint.refdata.sources import RowBounds, SourceError, read_hgnc, read_ncbi

DATA = Path(__file__).parent / "data"
SAMPLE_BOUNDS = RowBounds(100, 1_000)  # the samples hold ~300 genes
SHARED_LAYOUTS = (DATA / "human_genes_sample.tsv.gz", DATA / "hgnc_genes_sample.tsv.gz")
OFFICIAL_LAYOUTS = (
    DATA / "Homo_sapiens.gene_info_sample.gz",
    DATA / "hgnc_complete_set_sample.txt",
)


def build(tmp_path, ncbi, hgnc, name="genes.sqlite", **notes):
    out = tmp_path / name
    build_from_files(ncbi, hgnc, out, ncbi_bounds=SAMPLE_BOUNDS, hgnc_bounds=SAMPLE_BOUNDS, **notes)
    return load_gene_table(str(out))


def test_shared_and_official_layouts_give_the_same_genes(tmp_path):
    shared = build(
        tmp_path,
        *SHARED_LAYOUTS,
        name="shared.sqlite",
        ncbi_note=SourceNote("NCBI Gene", "2022-09-12"),
        hgnc_note=SourceNote("HGNC", "2024-01-18"),
    )
    official = build(tmp_path, *OFFICIAL_LAYOUTS, name="official.sqlite")
    for symbol in ("ALAS1", "ALAS2", "BMX", "A1BG"):
        [from_shared], [from_official] = shared.by_symbol(symbol), official.by_symbol(symbol)
        # gene_info carries no UniProt accessions (HGNC supplies the curated one), so only
        # NCBI's extra TrEMBL accessions may differ
        assert from_shared.uniprot_ids[0] == from_official.uniprot_ids[0]
        assert from_shared.__dict__ | {"uniprot_ids": ()} == from_official.__dict__ | {
            "uniprot_ids": ()
        }


def test_official_layouts_carry_their_own_dates(tmp_path):
    table = build(tmp_path, *OFFICIAL_LAYOUTS)
    assert [(item["layout"], item["date"]) for item in table.source["sources"]] == [
        ("gene_info", "2022-09-12"),
        ("hgnc_complete_set", "2024-01-18"),
    ]


def test_shared_layout_without_a_date_is_refused(tmp_path):
    with pytest.raises(SourceError, match="records no dates; give the snapshot date"):
        build(tmp_path, *SHARED_LAYOUTS)


def test_verbatim_hgnc_complete_set_rows_are_read():
    source = read_hgnc(DATA / "hgnc_complete_set_head.tsv", RowBounds(1, 10))
    entries = {entry.symbol: entry for entry in source.records}
    assert source.layout == "hgnc_complete_set"
    assert entries["A1BG-AS1"].previous_symbols == ("NCRNA00181", "A1BGAS", "A1BG-AS")
    assert entries["A1BG-AS1"].entrez_id == 503538
    assert entries["A1BG"].omim_ids == ("138670",)
    assert entries["A1BG"].location == "19q13.43"


def test_gene_info_ids_come_from_dbxrefs():
    genes = {gene.symbol: gene for gene in read_ncbi(OFFICIAL_LAYOUTS[0], SAMPLE_BOUNDS).records}
    assert genes["ALAS2"].hgnc_id == "HGNC:397"
    assert genes["ALAS2"].ensembl_ids == ("ENSG00000158578",)
    assert genes["ALAS2"].omim_ids == ("300751", "300752", "301300")


def test_too_few_rows_is_refused():
    with pytest.raises(SourceError, match=r"290 genes, expected between 30,000 and 500,000"):
        read_ncbi(SHARED_LAYOUTS[0])


def test_unknown_columns_are_refused(tmp_path):
    wrong = tmp_path / "genes.tsv"
    wrong.write_text("id\tgene\n1\tA1BG\n")
    with pytest.raises(
        SourceError, match="not an NCBI gene file; expected the columns .* found: id, gene"
    ):
        read_ncbi(wrong, SAMPLE_BOUNDS)
    with pytest.raises(SourceError, match="not an HGNC gene file"):
        read_hgnc(wrong, SAMPLE_BOUNDS)


def test_empty_symbol_is_refused(tmp_path):
    lines = gzip.decompress(SHARED_LAYOUTS[0].read_bytes()).decode().splitlines()
    cells = lines[5].split("\t")
    cells[1] = ""
    lines[5] = "\t".join(cells)
    broken = tmp_path / "human_genes.tsv"
    broken.write_text("\n".join(lines) + "\n")
    with pytest.raises(SourceError, match=r"human_genes.tsv:6: empty symbol"):
        read_ncbi(broken, SAMPLE_BOUNDS)


def test_truncated_gzip_is_refused(tmp_path):
    packed = OFFICIAL_LAYOUTS[0].read_bytes()
    truncated = tmp_path / "Homo_sapiens.gene_info.gz"
    truncated.write_bytes(packed[: len(packed) // 2])
    with pytest.raises(SourceError, match="damaged or truncated gzip"):
        read_ncbi(truncated, SAMPLE_BOUNDS)


def test_html_page_is_refused(tmp_path):
    page = tmp_path / "hgnc_complete_set.txt"
    page.write_text("<!DOCTYPE html><html><body>Service unavailable</body></html>")
    with pytest.raises(SourceError, match="HTML/XML/JSON document, not a tab-separated gene table"):
        read_hgnc(page, SAMPLE_BOUNDS)


def test_ragged_row_is_refused(tmp_path):
    text = (DATA / "hgnc_complete_set_sample.txt").read_text()
    cut = tmp_path / "hgnc_complete_set.txt"
    cut.write_text(text[: len(text) // 2])  # ends mid-row
    with pytest.raises(
        SourceError, match=r"hgnc_complete_set.txt:\d+: 10 cells where the header has 53"
    ):
        read_hgnc(cut, SAMPLE_BOUNDS)


def test_command_line_refuses_a_partial_source_and_writes_nothing(tmp_path, capsys):
    out = tmp_path / "genes.sqlite.xz"
    status = main(
        [
            "--ncbi",
            str(SHARED_LAYOUTS[0]),
            "--hgnc",
            str(SHARED_LAYOUTS[1]),
            "--ncbi-date",
            "2022-09-12",
            "--hgnc-date",
            "2024-01-18",
            "--out",
            str(out),
        ]
    )
    assert status == 2
    assert "290 genes, expected between 30,000 and 500,000" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []
