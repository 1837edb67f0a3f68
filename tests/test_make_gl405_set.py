"""benchmarks/make_gl405_set.py's corpus readers, on small corpora written here in each format."""

from __future__ import annotations

import random
import sys
from pathlib import Path

import pytest

from genelint.refdata import load_gene_table

ROOT = Path(__file__).parents[1]


@pytest.fixture(scope="module")
def make_set():
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        import make_gl405_set
    finally:
        sys.path.remove(str(ROOT / "benchmarks"))
    return make_gl405_set


OSIRIS_XML = """<?xml version="1.0"?>
<!DOCTYPE Articles SYSTEM "OSIRIScorpusv01.dtd">
<Articles>
  <Article>
    <Pmid>100</Pmid>
    <Title>The <gene g_id="7040" g_lex="TGFB1">TGFB1</gene> <variant v_id="No" v_lex="+869">+869</variant> polymorphism in asthma.</Title>
    <Abstract>The <gene g_id="7124" g_lex="TNF">TNF</gene> locus was not studied.</Abstract>
  </Article>
  <Article>
    <Pmid>101</Pmid>
    <Title>A survey of allele frequencies in two populations.</Title>
    <Abstract>Nothing named.</Abstract>
  </Article>
  <Article>
    <Pmid>102</Pmid>
    <Title>Serum <gene g_id="No" g_lex="IgE">IgE</gene> levels and atopy.</Title>
    <Abstract>No ID given.</Abstract>
  </Article>
</Articles>
"""


def write_standoff(folder: Path, pmid: str, title: str, annotations: list[str]) -> None:
    (folder / f"PMID-{pmid}.txt").write_text(f"{title}\nThe abstract.\n", encoding="utf-8")
    (folder / f"PMID-{pmid}.a1").write_text("".join(a + "\n" for a in annotations), "utf-8")


def test_osiris_titles_keep_their_text_and_inline_genes(make_set, tmp_path):
    corpus = tmp_path / "osiris.xml"
    corpus.write_text(OSIRIS_XML, encoding="utf-8")

    documents = make_set.read_documents(corpus)

    assert documents == [
        ("100", "The TGFB1 +869 polymorphism in asthma.", [("TGFB1", "Gene", "7040")]),
        ("101", "A survey of allele frequencies in two populations.", []),
        ("102", "Serum IgE levels and atopy.", [("IgE", "Gene", "No")]),
    ]


def test_standoff_keeps_the_title_mentions_and_reads_gene_products_as_genes(make_set, tmp_path):
    write_standoff(
        tmp_path,
        "200",
        "p53 loss in breast cancer.",
        ["T1\tGene_or_gene_product 0 3\tp53", "T2\tCancer 12 25\tbreast cancer"],
    )
    write_standoff(
        tmp_path,
        "201",
        "Tumour growth in mice.",
        ["T1\tOrganism 16 20\tmice", "T2\tGene_or_gene_product 30 33\tRAS"],
    )

    documents = make_set.read_documents(tmp_path)

    assert documents == [
        (
            "200",
            "p53 loss in breast cancer.",
            [("p53", "Gene", ""), ("breast cancer", "Cancer", "")],
        ),
        ("201", "Tumour growth in mice.", [("mice", "Organism", "")]),
    ]


def test_standoff_reads_a_full_text_by_its_title_and_abstract_only(make_set, tmp_path):
    (tmp_path / "PMC-1310901-00-TIAB.txt").write_text(
        "Down-regulation of interferon regulatory factor 4 in leukemic cells\nThe abstract.\n",
        encoding="utf-8",
    )
    (tmp_path / "PMC-1310901-00-TIAB.a1").write_text(
        "T1\tProtein 19 50\tinterferon regulatory factor 4\n", encoding="utf-8"
    )
    (tmp_path / "PMC-1310901-01-INTRODUCTION.txt").write_text(
        "INTRODUCTION\nChronic myeloid leukemia.\n", encoding="utf-8"
    )
    (tmp_path / "PMC-1310901-01-INTRODUCTION.a1").write_text("", encoding="utf-8")

    documents = make_set.read_documents(tmp_path)

    assert documents == [
        (
            "PMC1310901",
            "Down-regulation of interferon regulatory factor 4 in leukemic cells",
            [("interferon regulatory factor 4", "Gene", "")],
        )
    ]


def test_standoff_skips_a_document_without_any_annotation(make_set, tmp_path):
    # GE 2011 holds abstracts annotated with nothing: their titles may well name a protein.
    write_standoff(tmp_path, "400", "Binding by the human glucocorticoid receptor.", [])
    write_standoff(tmp_path, "401", "Lung cancer in smokers.", ["T1\tCancer 0 11\tLung cancer"])

    assert [pmid for pmid, _, _ in make_set.read_documents(tmp_path)] == ["401"]


def test_rows_of_osiris_test_a_named_gene_both_ways_and_skip_a_gene_without_id(make_set, tmp_path):
    corpus = tmp_path / "osiris.xml"
    corpus.write_text(OSIRIS_XML, encoding="utf-8")

    rows = list(make_set.rows_of(corpus, "OSIRIS", load_gene_table(), {}, random.Random(1)))

    by_pmid = {}
    for row in rows:
        by_pmid.setdefault(row[0], []).append(row)
    assert sorted(by_pmid) == ["100", "101"]
    flag, keep = by_pmid["100"]
    assert flag[3:] == ["yes", "TGFB1", "symbol", "OSIRIS"] and flag[2] != "TGFB1"
    assert keep[2:] == ["TGFB1", "no", "TGFB1", "symbol", "OSIRIS"]
    assert [row[3:6] for row in by_pmid["101"]] == [["no", "", "none"]]


def test_rows_of_standoff_label_only_titles_naming_no_gene(make_set, tmp_path):
    write_standoff(
        tmp_path, "300", "BRCA1 in ovarian cancer.", ["T1\tGene_or_gene_product 0 5\tBRCA1"]
    )
    write_standoff(tmp_path, "301", "Lung cancer in smokers.", ["T1\tCancer 0 11\tLung cancer"])
    write_standoff(tmp_path, "302", "Cell death in tumours.", ["T1\tCell 0 4\tCell"])

    rows = list(
        make_set.rows_of(
            tmp_path, "CG", load_gene_table(), {}, random.Random(1), frozenset({"Cancer"})
        )
    )

    # 300 names a gene the corpus gives no ID for; 302's Cell annotation is not ignored.
    assert [(row[0], row[3], row[5]) for row in rows] == [("301", "no", "none")]
