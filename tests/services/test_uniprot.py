from genelint.rule import Lookup
from genelint.services import resolve

from .conftest import DATA, settings_from


def ask(service_table, accession):
    return resolve([Lookup("uniprot", accession)], settings_from(service_table))[
        Lookup("uniprot", accession)
    ]


def test_fasta_gives_sequence_and_gene(httpserver, service_table):
    fasta = (DATA / "P0A183.fasta").read_text()
    httpserver.expect_request("/uniprot/uniprotkb/P0A183.fasta").respond_with_data(
        fasta, content_type="text/plain"
    )
    entry = ask(service_table, "P0A183").value
    assert (entry.accession, entry.entry_name, entry.gene, entry.reviewed) == (
        "P0A183",
        "MERR_PSEAI",
        "merR",
        True,
    )
    assert entry.sequence.startswith("MENNLENLTIGVFAKAAGVNVETIRFYQRKG") and entry.sequence.endswith(
        "GSAMP"
    )
    assert len(entry.sequence) == 144


def test_older_header_and_several_records_take_the_first(httpserver, service_table):
    fasta = (DATA / "biopython_multi_ex.fasta").read_text()
    httpserver.expect_request("/uniprot/uniprotkb/P00750.fasta").respond_with_data(
        fasta, content_type="text/plain"
    )
    entry = ask(service_table, "P00750").value
    assert (entry.accession, entry.gene) == ("P00750", "PLAT")
    assert ">" not in entry.sequence and entry.sequence.startswith("MDAMKRGLCC")


def test_obsolete_entry_answers_empty_and_is_not_found(httpserver, service_table):
    httpserver.expect_request("/uniprot/uniprotkb/P22557.fasta").respond_with_data(
        "", content_type="text/plain"
    )
    answer = ask(service_table, "P22557")
    assert answer.status == "not_found"
    assert "obsolete" in answer.error and answer.value is None


def test_unknown_accession_is_not_found(httpserver, service_table):
    httpserver.expect_request("/uniprot/uniprotkb/Q99999.fasta").respond_with_data("", status=404)
    assert ask(service_table, "Q99999").status == "not_found"


def test_html_page_with_status_200_is_an_error(httpserver, service_table):
    page = (DATA / "content_negotiation_404_10.1126_foo.html").read_text()
    httpserver.expect_request("/uniprot/uniprotkb/P22557.fasta").respond_with_data(
        page, content_type="text/html"
    )
    assert ask(service_table, "P22557").status == "error"
