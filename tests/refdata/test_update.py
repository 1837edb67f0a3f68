"""`genelint refdata update` and `status` against a loopback HTTP server; never the internet."""

import argparse
import gzip
from datetime import date
from pathlib import Path

import pytest

from genelint.refdata import cli, load_gene_table
from genelint.refdata.locations import updated_index
from genelint.refdata.sources import RowBounds
from genelint.refdata.update import UpdateError, update_refdata

DATA = Path(__file__).parent / "data"
SAMPLE_BOUNDS = RowBounds(100, 1_000)  # the samples hold ~300 genes
GENE_INFO = (DATA / "Homo_sapiens.gene_info_sample.gz").read_bytes()
COMPLETE_SET = (DATA / "hgnc_complete_set_sample.txt").read_bytes()
ERROR_PAGE = (
    "<!DOCTYPE html><html><head><title>Maintenance</title></head><body>Back soon</body></html>"
)


@pytest.fixture
def sources(httpserver):
    """Serves good copies of both files; returns their URLs."""
    httpserver.expect_request("/gene_info.gz").respond_with_data(
        GENE_INFO, content_type="application/gzip"
    )
    httpserver.expect_request("/hgnc.txt").respond_with_data(
        COMPLETE_SET, content_type="text/plain"
    )
    return httpserver.url_for("/gene_info.gz"), httpserver.url_for("/hgnc.txt")


@pytest.fixture
def small_bounds(monkeypatch):
    monkeypatch.setattr("genelint.refdata.update.NCBI_ROW_BOUNDS", SAMPLE_BOUNDS)
    monkeypatch.setattr("genelint.refdata.update.HGNC_ROW_BOUNDS", SAMPLE_BOUNDS)


@pytest.fixture
def previous_index(sources, small_bounds):
    """A first successful update, whose bytes every failed update must leave alone."""
    update_refdata(*sources, progress=lambda message: None)
    return updated_index().read_bytes()


def test_update_builds_the_cached_index(sources, small_bounds):
    source = update_refdata(*sources, progress=lambda message: None)
    table = load_gene_table()
    assert table.source["origin"] == "updated"
    assert [gene.hgnc_id for gene in table.by_symbol("ALAS2")] == ["HGNC:397"]
    assert [(item["date"], item["url"], item["file"]) for item in source["sources"]] == [
        ("2022-09-12", sources[0], "gene_info.gz"),
        ("2024-01-18", sources[1], "hgnc.txt"),
    ]


def serve_broken_ncbi(httpserver, how):
    hgnc_url = httpserver.url_for("/hgnc.txt")
    httpserver.expect_request("/hgnc.txt").respond_with_data(
        COMPLETE_SET, content_type="text/plain"
    )
    if how == "truncated gzip":
        httpserver.expect_request("/broken").respond_with_data(
            GENE_INFO[: len(GENE_INFO) // 2], content_type="application/gzip"
        )
    elif how == "html page with 200":
        httpserver.expect_request("/broken").respond_with_data(ERROR_PAGE, content_type="text/html")
    elif how == "html page labelled as text":
        httpserver.expect_request("/broken").respond_with_data(
            ERROR_PAGE, content_type="text/plain"
        )
    elif how == "gzipped html page":
        httpserver.expect_request("/broken").respond_with_data(
            gzip.compress(ERROR_PAGE.encode()), content_type="application/octet-stream"
        )
    elif how == "short file":
        lines = gzip.decompress(GENE_INFO).splitlines(keepends=True)
        httpserver.expect_request("/broken").respond_with_data(gzip.compress(b"".join(lines[:50])))
    else:
        httpserver.expect_request("/broken").respond_with_data("Not Found", status=404)
    return httpserver.url_for("/broken"), hgnc_url


FAILURES = {
    "truncated gzip": "damaged or truncated gzip",
    "html page with 200": r"sent a web page \(text/html",
    "html page labelled as text": "HTML/XML/JSON document",
    "gzipped html page": "HTML/XML/JSON document",
    "short file": "49 genes, expected between 100 and 1,000",
    "404": "HTTP 404 NOT FOUND",
}


@pytest.mark.parametrize("how", FAILURES)
def test_failed_update_keeps_the_previous_data(httpserver, previous_index, how):
    with pytest.raises(UpdateError, match=FAILURES[how]):
        update_refdata(*serve_broken_ncbi(httpserver, how), progress=lambda message: None)
    assert updated_index().read_bytes() == previous_index
    assert [path.name for path in updated_index().parent.iterdir()] == [updated_index().name]


def test_failed_first_update_leaves_the_bundled_data_in_use(httpserver, small_bounds):
    with pytest.raises(UpdateError, match="HTTP 404"):
        update_refdata(*serve_broken_ncbi(httpserver, "404"), progress=lambda message: None)
    assert not updated_index().exists()


def parse(argv):
    parser = argparse.ArgumentParser(prog="genelint")
    cli.add_arguments(parser.add_subparsers(dest="command"))
    return parser.parse_args(argv)


def test_cli_update_then_status(sources, small_bounds, capsys):
    ncbi_url, hgnc_url = sources
    settings = {"ncbi-url": ncbi_url, "hgnc-url": hgnc_url}
    assert cli.run(parse(["refdata", "update"]), settings) == 0
    assert "reference data updated: 290 genes" in capsys.readouterr().out
    assert cli.run(parse(["refdata", "status"]), {"max-age-days": 100_000}) == 0
    captured = capsys.readouterr()
    assert f"reference data: updated ({updated_index()})" in captured.out
    assert "NCBI Gene: snapshot 2022-09-12, 290 rows" in captured.out
    assert captured.err == ""


def test_cli_update_urls_on_the_command_line_win(httpserver, sources, small_bounds, capsys):
    args = parse(["refdata", "update", "--ncbi-url", sources[0], "--hgnc-url", sources[1]])
    assert cli.run(args, {"ncbi-url": httpserver.url_for("/nowhere")}) == 0


def test_cli_failed_update_exits_non_zero_with_the_reason(httpserver, previous_index, capsys):
    ncbi_url, hgnc_url = serve_broken_ncbi(httpserver, "404")
    assert cli.run(parse(["refdata", "update"]), {"ncbi-url": ncbi_url, "hgnc-url": hgnc_url}) == 1
    err = capsys.readouterr().err
    assert f"genelint refdata update failed: {ncbi_url}: HTTP 404" in err
    assert "The previous reference data is still in use." in err
    assert updated_index().read_bytes() == previous_index


def test_status_warns_about_old_bundled_data(capsys):
    assert (
        cli.show_status({**cli.SETTINGS_DEFAULTS, "max-age-days": 365}, today=date(2024, 1, 1)) == 0
    )
    captured = capsys.readouterr()
    assert "reference data: bundled" in captured.out
    assert "HGNC: snapshot 2024-01-18, 49,013 rows" in captured.out
    assert (
        "warning: the NCBI Gene snapshot is 476 days old (max-age-days is 365); "
        "run `genelint refdata update`"
    ) in captured.err


def test_status_of_a_missing_configured_path_fails(tmp_path, capsys):
    assert cli.run(parse(["refdata", "status"]), {"path": str(tmp_path / "none.sqlite")}) == 1
    assert "does not exist" in capsys.readouterr().err


def test_unknown_setting_is_a_usage_error(capsys):
    assert cli.run(parse(["refdata", "status"]), {"max_age_days": 30}) == 2
    assert "unknown setting(s) max_age_days" in capsys.readouterr().err
