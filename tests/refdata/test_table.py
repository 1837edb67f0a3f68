"""Lookups on the bundled snapshot (NCBI Gene 2022-09-12 joined with HGNC 2024-01-18)."""

import os
import subprocess
import sys
import weakref
from pathlib import Path

import pytest

from genelint.refdata import load_gene_table
from genelint.refdata.build import build_from_files
from genelint.refdata.locations import updated_index
from genelint.refdata.sources import RowBounds

REPO = Path(__file__).parents[2]
DATA = Path(__file__).parent / "data"
SAMPLE_BOUNDS = RowBounds(100, 1_000)  # the samples hold ~300 genes


def symbols(genes):
    return [gene.symbol for gene in genes]


def test_alas2_by_symbol(bundled_table):
    [alas2] = bundled_table.by_symbol("ALAS2")
    assert alas2.entrez_id == 212
    assert alas2.hgnc_id == "HGNC:397"
    assert alas2.name == "5'-aminolevulinate synthase 2"
    assert alas2.gene_type == "protein-coding"
    assert alas2.chromosomes == ("X",)
    assert alas2.cytobands == ("Xp11.21",)
    assert alas2.ensembl_ids == ("ENSG00000158578",)
    assert alas2.uniprot_ids == ("P22557",)
    assert alas2.omim_ids == ("300751", "300752", "301300")
    assert alas2.previous_symbols == ("ASB",)
    assert "ALAS-E" in alas2.aliases


def test_symbol_lookup_is_exact_case(bundled_table):
    assert bundled_table.by_symbol("alas2") == []


def test_ensembl_id_of_bmx(bundled_table):
    assert symbols(bundled_table.by_identifier("Ensembl", "ENSG00000102010")) == ["BMX"]


def test_ensembl_version_suffix_is_ignored(bundled_table):
    assert symbols(bundled_table.by_identifier("Ensembl", "ENSG00000102010.15")) == ["BMX"]


@pytest.mark.parametrize("value", ["HGNC:397", "397", "hgnc:397"])
def test_hgnc_id_with_or_without_prefix(bundled_table, value):
    assert symbols(bundled_table.by_identifier("HGNC", value)) == ["ALAS2"]


def test_withdrawn_hgnc_id_names_no_gene_but_is_known_as_withdrawn(bundled_table):
    assert bundled_table.by_identifier("HGNC", "HGNC:398") == []
    withdrawn = bundled_table.withdrawn_hgnc("HGNC:398")
    assert (withdrawn.symbol, withdrawn.status, withdrawn.name) == (
        "ALAS3",
        "Symbol Withdrawn",
        "symbol withdrawn, see HGNC:396",
    )
    assert bundled_table.withdrawn_hgnc("HGNC:397") is None


@pytest.mark.parametrize(
    "kind, value",
    [
        ("NCBI Entrez", "212"),
        ("OMIM", "300751"),
        ("UniProtKB", "P22557"),
        ("UniProtKB/Swiss-Prot", "P22557-2"),
    ],
)
def test_other_identifiers_of_alas2(bundled_table, kind, value):
    assert symbols(bundled_table.by_identifier(kind, value)) == ["ALAS2"]


@pytest.mark.parametrize("value", ["9" * 24, "²", "HGNC:²", "١٢"])
def test_a_number_no_id_can_be_names_no_gene(bundled_table, value):
    # 19+ digits overflow SQLite's integer; '²' and other non-ASCII digits pass str.isdigit
    # but not int() (found by fuzzing: GL202 crashed).
    assert bundled_table.by_identifier("NCBI Entrez", value) == []
    assert bundled_table.by_identifier("HGNC", value) == []
    assert bundled_table.withdrawn_hgnc(value) is None


def test_unknown_identifier_kind_is_an_error(bundled_table):
    with pytest.raises(ValueError, match="unknown identifier kind 'RefSeq'"):
        bundled_table.by_identifier("RefSeq", "NM_000032")


def test_alias_alas_is_alas1(bundled_table):
    assert symbols(bundled_table.by_alias("ALAS")) == ["ALAS1"]


def test_previous_symbols(bundled_table):
    assert symbols(bundled_table.by_previous_symbol("ALAS3")) == ["ALAS1"]
    # renamed by HGNC after NCBI's 2022 snapshot: HGNC's symbol wins, NCBI's stays findable
    assert symbols(bundled_table.by_previous_symbol("C11orf1")) == ["CFAP68"]
    assert symbols(bundled_table.by_alias("C11orf1")) == ["CFAP68"]


def test_ncbi_duplicate_symbol_lists_protein_coding_first(bundled_table):
    memo1 = bundled_table.by_symbol("MEMO1")
    assert [(gene.entrez_id, gene.gene_type) for gene in memo1] == [
        (51072, "protein-coding"),
        (7795, "unknown"),
    ]


def test_gene_names_cover_symbols_aliases_and_previous_symbols(bundled_table):
    names = bundled_table.gene_names()
    assert names["ALAS2"] == (212,)
    assert names["ALAS"] == (211,)
    assert names["ASB"][0] == 212
    assert "ALAS2" in bundled_table.symbols()
    assert "ALAS" not in bundled_table.symbols()


def test_source_records_names_dates_and_counts(bundled_table):
    source = bundled_table.source
    assert source["origin"] == "bundled"
    assert [(item["name"], item["date"]) for item in source["sources"]] == [
        ("NCBI Gene", "2022-09-12"),
        ("HGNC", "2024-01-18"),
    ]
    assert source["counts"]["genes"] == 77_864  # 77,614 NCBI + 250 newer genes only HGNC knows
    assert Path(source["location"]).is_file()


def test_importing_the_package_loads_no_data(tmp_path):
    environment = {**os.environ, "GENELINT_CACHE_DIR": str(tmp_path), "PYTHONPATH": str(REPO)}
    subprocess.run(
        [sys.executable, "-c", "import genelint.refdata, genelint.refdata.cli"],
        check=True,
        env=environment,
    )
    assert list(tmp_path.iterdir()) == []


def test_table_is_loaded_once_per_process():
    assert load_gene_table() is load_gene_table()


def test_updated_copy_wins_over_bundled_and_configured_path_over_both(tmp_path):
    build_from_files(
        DATA / "Homo_sapiens.gene_info_sample.gz",
        DATA / "hgnc_complete_set_sample.txt",
        updated_index(),
        ncbi_bounds=SAMPLE_BOUNDS,
        hgnc_bounds=SAMPLE_BOUNDS,
    )
    assert load_gene_table().source["origin"] == "updated"
    own = tmp_path / "team.sqlite.xz"
    build_from_files(
        DATA / "Homo_sapiens.gene_info_sample.gz",
        DATA / "hgnc_complete_set_sample.txt",
        own,
        ncbi_bounds=SAMPLE_BOUNDS,
        hgnc_bounds=SAMPLE_BOUNDS,
    )
    team = load_gene_table(str(own))
    assert team.source["origin"] == "configured"
    assert symbols(team.by_symbol("ALAS2")) == ["ALAS2"]


def test_missing_configured_path_is_a_clear_error(tmp_path):
    with pytest.raises(FileNotFoundError, match="refdata path .*nowhere.sqlite does not exist"):
        load_gene_table(str(tmp_path / "nowhere.sqlite"))


def test_configured_path_that_is_not_an_index_is_a_clear_error(tmp_path):
    wrong = tmp_path / "genes.sqlite"
    wrong.write_text("entrez_id\tsymbol\n212\tALAS2\n")
    with pytest.raises(ValueError, match="genes.sqlite: not a genelint gene index"):
        load_gene_table(str(wrong))


def test_a_pages_repeated_lookups_are_answered_from_memory(bundled_table, monkeypatch):
    """Every refdata rule of a page asks for the page's symbol: the index is read once."""
    bundled_table.by_symbol("ALAS2")
    queries = []
    real_query = bundled_table._query
    monkeypatch.setattr(
        bundled_table, "_query", lambda *args: queries.append(args) or real_query(*args)
    )
    [again] = bundled_table.by_symbol("ALAS2")
    assert again.entrez_id == 212 and queries == []
    again_list = bundled_table.by_symbol("ALAS2")
    again_list.clear()  # a caller's list is its own
    assert symbols(bundled_table.by_symbol("ALAS2")) == ["ALAS2"]
    # only the last few answers are kept, so a long run holds no more than a few pages' worth
    for n in range(100):
        bundled_table.by_alias(f"NO-SUCH-ALIAS-{n}")
    bundled_table.by_symbol("ALAS2")
    assert len(queries) == 101


def test_genes_made_from_rows_are_kept_a_few_at_a_time(bundled_table):
    """A run meets every gene; the table keeps the last RECENT_GENES, and a gene dropped is
    made again from its row, equal to the one given before."""
    from genelint.refdata.table import RECENT_GENES

    first = bundled_table.by_entrez_id(212)  # ALAS2
    ids = [row[0] for row in bundled_table._query("SELECT entrez_id FROM genes LIMIT 600")]
    for entrez_id in ids:
        assert bundled_table.by_entrez_id(entrez_id).entrez_id == entrez_id
    assert len(bundled_table._genes) <= RECENT_GENES < len(ids)
    assert bundled_table.by_entrez_id(212) == first and first.symbol == "ALAS2"


def test_the_gene_of_a_page_is_found_once_per_page_and_kept_by_the_table(bundled_table):
    """The reference rules of one page each ask which gene it is about: the table (not a
    module global) remembers the answer for the page asked about last."""
    asked = []

    class Page:  # any object: a page is compared by identity
        def __init__(self, symbol):
            self.symbol = symbol

    def find(page):
        def found():
            asked.append(page.symbol)
            return bundled_table.by_symbol(page.symbol)[0]

        return found

    first, second = Page("ALAS2"), Page("HBB")
    for _ in range(3):
        assert bundled_table.gene_of_page(first, find(first)).symbol == "ALAS2"
    assert bundled_table.gene_of_page(second, find(second)).symbol == "HBB"
    assert bundled_table.gene_of_page(first, find(first)).symbol == "ALAS2"
    assert asked == ["ALAS2", "HBB", "ALAS2"]
    # The table keeps no page alive, and a page made after it is gone is asked about anew
    # (even where it takes the place of the old one in memory).
    gone = weakref.ref(first)
    del first
    assert gone() is None
    for _ in range(3):
        assert bundled_table.gene_of_page(Page("HBB"), find(second)).symbol == "HBB"
    assert asked == ["ALAS2", "HBB", "ALAS2", "HBB", "HBB", "HBB"]


def test_every_name_of_several_genes_lists_them_as_the_index_orders_them(bundled_table):
    """by_symbol / by_alias / ... sort a name's genes in Python: the same order SQL gives
    (protein-coding first, then by Entrez ID), for every name of every kind that names
    several genes (an Ensembl ID, a MIM number, an alias shared by many)."""
    from genelint.refdata.schema import NAME_KINDS

    several = bundled_table._query(
        "SELECT kind, name FROM names WHERE kind != ? GROUP BY kind, name HAVING count(*) > 1",
        (NAME_KINDS["designation"],),
    )
    assert len(several) > 1000
    lookups = {NAME_KINDS[kind]: kind for kind in NAME_KINDS}
    for kind, name in several:
        expected = [
            row[0]
            for row in bundled_table._query(
                "SELECT entrez_id FROM genes WHERE entrez_id IN (SELECT entrez_id FROM names"
                " WHERE kind = ? AND name = ?) ORDER BY gene_type != 'protein-coding', entrez_id",
                (kind, name),
            )
        ]
        found = [gene.entrez_id for gene in bundled_table._by_name(lookups[kind], name)]
        assert found == expected, (lookups[kind], name)
