"""benchmarks/bench_gl405.py --audit, on development titles (tests/data/gl405_audit: rows of
gl405_dev.tsv, gl405_dev_cg_nogene.tsv and gl405_dev_ge_pc_nogene.tsv, with an audit of them)."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[1]
FIXTURES = Path(__file__).parent / "data" / "gl405_audit"
SCRIPT = ROOT / "benchmarks" / "bench_gl405.py"


@pytest.fixture(scope="module")
def bench():
    spec = importlib.util.spec_from_file_location("bench_gl405", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def corrected(bench):
    rows = bench.read_rows(FIXTURES / "titles.tsv")
    return rows, *bench.audited_rows(rows, bench.read_audit(FIXTURES / "audit.tsv"))


def test_audit_counts_rows_changed_and_left_out_by_verdict(bench):
    rows, kept, changes = corrected(bench)
    assert len(rows) == 11
    assert changes == {
        ("agree", "unchanged"): 3,  # STAT4's two rows, the radiotherapy title's one
        ("unlabelled_gene", "changed"): 2,  # two no-gene titles that name TNF and F3
        ("family_only", "left out"): 2,  # "NF-kappaB and AP-1", labelled FOS JUN
        ("wrong_gene", "left out"): 2,  # "I kappa B epsilon", labelled IKBKE
        (None, "kept as labelled"): 2,  # the Mad homologues title is not in the audit
    }
    assert len(kept) == 7
    assert {row["pmid"] for row in kept} == {
        "22729903",
        "10487573",
        "10455128",
        "7492771",
        "8774881",
    }


def test_a_no_gene_title_naming_a_gene_becomes_a_row_to_flag(bench):
    _, kept, _ = corrected(bench)
    by_pmid = {row["pmid"]: row for row in kept if row["pmid"] in {"10455128", "7492771"}}
    assert {p: (r["flag"], r["genes_named"], r["mention"]) for p, r in by_pmid.items()} == {
        "10455128": ("yes", "TNF", "full name"),
        "7492771": ("yes", "F3", "protein name"),
    }
    assert by_pmid["10455128"]["page_symbol"] == "CLDN1"  # the page stays the corpus row's


def test_a_blank_mention_reads_as_alias_and_the_page_gene_named_is_not_to_flag(bench):
    rows = bench.read_rows(FIXTURES / "titles.tsv")
    audit = bench.read_audit(FIXTURES / "audit.tsv")
    audit["10455128"] = dict(audit["10455128"], mention="")
    audit["7492771"] = dict(audit["7492771"], genes_audited="F3 GBA1")  # GBA1: that row's page
    kept, changes = bench.audited_rows(rows, audit)
    by_pmid = {row["pmid"]: row for row in kept}
    assert (by_pmid["10455128"]["flag"], by_pmid["10455128"]["mention"]) == ("yes", "alias")
    assert (by_pmid["7492771"]["flag"], by_pmid["7492771"]["mention"]) == ("no", "protein name")
    assert changes[("unlabelled_gene", "changed")] == 2


def test_an_unknown_verdict_stops_the_run(bench, tmp_path):
    text = (
        (FIXTURES / "audit.tsv").read_text(encoding="utf-8").replace("\tagree\t", "\tagreed\t", 1)
    )
    (tmp_path / "audit.tsv").write_text(text, encoding="utf-8")
    with pytest.raises(SystemExit, match="PMID 22729903: unknown verdict 'agreed'"):
        bench.read_audit(tmp_path / "audit.tsv")


def test_the_option_prints_both_sets_of_figures_and_the_changes():
    result = subprocess.run(
        [
            sys.executable,
            str(SCRIPT),
            "--titles",
            str(FIXTURES / "titles.tsv"),
            "--audit",
            str(FIXTURES / "audit.tsv"),
            "--no-timing",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    out = result.stdout
    assert "(a) GL405 on 11 rows (7 titles), 4 to flag" in out
    assert "(a) GL405 on 7 rows (5 titles), 4 to flag" in out
    assert "agree           2 titles, rows: 3 unchanged" in out
    assert "unlabelled_gene 2 titles, rows: 2 changed" in out
    assert "wrong_gene      1 titles, rows: 2 left out" in out
    assert "family_only     1 titles, rows: 2 left out" in out
    assert "not audited     1 titles, rows: 2 kept as labelled" in out
    assert "corpus labels -> audited labels: precision" in out
