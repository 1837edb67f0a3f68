"""The name index behind GL405: what it holds, and its cache keyed by the reference data it was built from."""

import os
from pathlib import Path

import pytest

from genelint.refdata import load_gene_table, nameindex
from genelint.refdata.build import SourceNote, build_from_files
from genelint.refdata.nameindex import load_name_index, name_forms, normal_words
from genelint.refdata.sources import RowBounds

DATA = Path(__file__).parent / "data"
SAMPLE_BOUNDS = RowBounds(100, 1_000)


def sample_table(folder: Path):
    out = folder / "genes.sqlite"
    build_from_files(DATA / "human_genes_sample.tsv.gz", DATA / "hgnc_genes_sample.tsv.gz", out,
                     SourceNote("NCBI Gene", "2022-09-12"), SourceNote("HGNC", "2024-01-18"),
                     ncbi_bounds=SAMPLE_BOUNDS, hgnc_bounds=SAMPLE_BOUNDS)
    load_gene_table.cache_clear()
    return load_gene_table(str(out))


def test_symbols_aliases_and_full_names_of_the_bundled_data(bundled_table):
    index = bundled_table.name_index()
    assert index.names("ALAS2") == ((212, "symbol"),)
    assert (212, "alias") in index.names("XLSA")
    assert index.names("PD-L1") == ((29126, "alias"),)  # CD274, hyphen and all
    words = [w for w, _, _ in normal_words("Brain-derived neurotrophic factor and catalase")]
    assert index.phrase_matches(words) == [(0, 4, (627,)), (5, 6, (847,))]  # BDNF, CAT


def test_words_are_normalised_alike_in_names_and_titles():
    assert [w for w, _, _ in normal_words("TGF-β1 signalling in tumours")] == ["tgf", "beta", "1", "signaling", "in", "tumor"]
    assert "beta catenin" in name_forms("catenin beta 1")  # titles put the Greek letter first
    assert name_forms("5'-aminolevulinate synthase 2") == {"5 aminolevulinate synthase 2"}


def test_built_once_then_read_from_the_cache(tmp_path, cache_dir, monkeypatch):
    table = sample_table(tmp_path)
    built = load_name_index(table)
    cached = list(cache_dir.glob("names-*.marshal"))
    assert len(cached) == 1
    monkeypatch.setattr(nameindex, "build_name_index", lambda table: pytest.fail("rebuilt though cached"))
    assert load_name_index(table) == built


def test_new_reference_data_gets_a_new_index(tmp_path, cache_dir):
    first = sample_table(tmp_path / "one")
    load_name_index(first)
    # `refdata update` replaces the index file: another build stamp, size or time, another key
    second = sample_table(tmp_path / "one")
    os.utime(second.path, ns=(1, 1))
    load_name_index(second)
    assert len(list(cache_dir.glob("names-*.marshal"))) == 2


def test_a_damaged_cache_file_is_rebuilt(tmp_path, cache_dir):
    table = sample_table(tmp_path)
    built = load_name_index(table)
    [cached] = cache_dir.glob("names-*.marshal")
    cached.write_bytes(b"\x00garbage")
    assert load_name_index(table) == built


def test_a_cache_that_cannot_be_written_only_costs_the_build(tmp_path, monkeypatch):
    table = sample_table(tmp_path)
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("")
    monkeypatch.setenv("GENELINT_CACHE_DIR", str(blocked))
    assert load_name_index(table).names("ALAS2") == ((212, "symbol"),)
