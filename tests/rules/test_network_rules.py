"""GL305-GL308, GL402-GL404 and GL010: whole `genelint check` runs against a loopback fake of
dbSNP (E-utilities), Crossref, doi.org and UniProt, answering with the recorded shapes in
tests/services/data/. Never the internet: every base URL points at 127.0.0.1."""

from __future__ import annotations

import copy
import json
import re
import time
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest
from werkzeug import Response

from genelint.cli import main

FIXTURES = Path(__file__).parent / "fixtures" / "network"
DATA = Path(__file__).parents[1] / "services" / "data"
REPORT_SCHEMA = Path(__file__).parents[2] / "schemas" / "report.schema.json"
NETWORK_RULES = "GL010,GL305,GL306,GL307,GL308,GL402,GL403,GL404"
SERVICES = ("crossref", "doi", "eutils", "variation", "uniprot")
DOCSUM = "{https://www.ncbi.nlm.nih.gov/SNP/docsum}"
TINY_TTL_HOURS = 1e-7  # expired before the next run
READ_TIMEOUT = 0.3


def recorded_docsums() -> dict[str, dict]:
    """The recorded efetch docsums as esummary JSON entries (the documented field names)."""
    entries = {}
    for path in sorted(DATA.glob("efetch_snp_docsum_*.xml")):
        for summary in ET.parse(path).getroot().iter(f"{DOCSUM}DocumentSummary"):
            uid = summary.get("uid")
            entries[uid] = {
                "uid": uid,
                "snp_id": int(summary.findtext(f"{DOCSUM}SNP_ID")),
                "genes": [
                    {"name": g.findtext(f"{DOCSUM}NAME"), "gene_id": g.findtext(f"{DOCSUM}GENE_ID")}
                    for g in summary.iter(f"{DOCSUM}GENE_E")
                ],
                "docsum": summary.findtext(f"{DOCSUM}DOCSUM"),
            }
    return entries


def recorded_work(name: str) -> dict:
    return json.loads((DATA / name).read_text())["message"]


def updated_work(doi: str, notice_type: str, notice_doi: str) -> dict:
    """The recorded PLoS ONE work under another DOI, updated by a notice (Crossref's `updated-by`)."""
    work = copy.deepcopy(recorded_work("works_10.1371_journal.pone.0033693.json"))
    work["DOI"] = doi
    work["updated-by"] = [
        {
            "DOI": notice_doi,
            "type": notice_type,
            "source": "retraction-watch",
            "label": notice_type.replace("_", " ").title(),
            "updated": {"date-parts": [[2014, 3, 5]]},
        }
    ]
    return work


def refsnp_in_two_genes(uid: str) -> dict:
    """The recorded rs268 RefSNP record under another id, lying also in a second gene whose
    protein NP_999999.1 the alternate allele changes at Gly10 (the shape of an rs in overlapping genes)."""
    record = json.loads((DATA / "rs268_LPL.json").read_text())
    record["refsnp_id"] = uid
    primary = record["primary_snapshot_data"]
    primary["placements_with_allele"].append(
        {
            "seq_id": "NP_999999.1",
            "is_ptlp": False,
            "placement_annot": {},
            "alleles": [
                {
                    "allele": {
                        "spdi": {
                            "seq_id": "NP_999999.1",
                            "position": 9,
                            "deleted_sequence": "G",
                            "inserted_sequence": residue,
                        }
                    },
                    "hgvs": f"NP_999999.1:p.{name}",
                }
                for residue, name in (("G", "Gly10="), ("R", "Gly10Arg"))
            ],
        }
    )
    for annotation, residue in zip(primary["allele_annotations"], "GR"):
        annotation["assembly_annotation"][0]["genes"].append(
            {
                "name": "other gene",
                "id": 999999,
                "locus": "OTHERGENE",
                "is_pseudo": False,
                "orientation": "minus",
                "sequence_ontology": [],
                "rnas": [
                    {
                        "id": "NM_999999.1",
                        "product_id": "NP_999999.1",
                        "sequence_ontology": [],
                        "protein": {
                            "variant": {
                                "spdi": {
                                    "seq_id": "NP_999999.1",
                                    "position": 9,
                                    "deleted_sequence": "G",
                                    "inserted_sequence": residue,
                                }
                            }
                        },
                    }
                ],
            }
        )
    return record


def notice_work(notice_doi: str, notice_type: str, target_doi: str) -> dict:
    """The recorded PLoS ONE work as a notice of its own that updates another DOI (`update-to`),
    the shape Crossref's `filter=updates:{doi}` lists."""
    work = copy.deepcopy(recorded_work("works_10.1371_journal.pone.0033693.json"))
    work.pop("updated-by", None)
    work["DOI"] = notice_doi
    work["update-to"] = [
        {
            "DOI": target_doi,
            "type": notice_type,
            "source": "publisher",
            "label": notice_type.replace("_", " ").title(),
            "updated": {"date-parts": [[2016, 7, 1]]},
        }
    ]
    return work


class FakeRegistries:
    """One loopback server for all services, with a switch to make a service fail."""

    def __init__(self, httpserver) -> None:
        self.server = httpserver
        self.docsums = recorded_docsums()
        self.docsums["1111"] = {"uid": "1111", "genes": [], "docsum": ""}  # no SNP_ID: withdrawn
        # rs7777 lies in LPL and in OTHERGENE: the docsum lists both genes' protein changes, untied.
        self.docsums["7777"] = {
            "uid": "7777",
            "snp_id": 7777,
            "genes": [
                {"name": "LPL", "gene_id": "4023"},
                {"name": "OTHERGENE", "gene_id": "999999"},
            ],
            "docsum": "HGVS=NC_000008.11:g.19956018A&gt;G,NP_000228.1:p.Asn318Ser,"
            "NP_999999.1:p.Gly10Arg|SEQ=[A/G]|GENE=LPL:4023,OTHERGENE:999999",
        }
        self.refsnps = {
            "268": json.loads((DATA / "rs268_LPL.json").read_text()),
            "7777": refsnp_in_two_genes("7777"),
        }
        # rs7778: E-utilities says LPL and OTHERGENE, the RefSNP record annotates it as LPL-AS (another release)
        self.docsums["7778"] = dict(self.docsums["7777"], uid="7778", snp_id=7778)
        self.refsnps["7778"] = refsnp_in_two_genes("7778")
        for annotation in self.refsnps["7778"]["primary_snapshot_data"]["allele_annotations"]:
            annotation["assembly_annotation"][0]["genes"][0]["locus"] = "LPL-AS"
        works = [
            recorded_work("works_10.1371_journal.pone.0033693.json"),
            recorded_work("works_10.1016_j.neurobiolaging.2010.03.024_polite.json"),
            updated_work(
                "10.1371/journal.pone.0099999", "retraction", "10.1371/journal.pone.0111111"
            ),
            updated_work(
                "10.1371/journal.pone.0088888",
                "expression_of_concern",
                "10.1371/journal.pone.0122222",
            ),
        ]
        # 0077777 lists no notice itself; only the notice work (found by `updates:`) says it was retracted.
        unmarked = copy.deepcopy(recorded_work("works_10.1371_journal.pone.0033693.json"))
        unmarked["DOI"] = "10.1371/journal.pone.0077777"
        works.append(unmarked)
        # 0066666's title names a gene symbol in JATS italics: a near miss in case alone.
        symbol_title = copy.deepcopy(recorded_work("works_10.1371_journal.pone.0033693.json"))
        symbol_title.update(
            DOI="10.1371/journal.pone.0066666",
            title=["Heme synthesis by <i>ALAS2</i> in erythroid cells: a model"],
        )
        works.append(symbol_title)
        self.works = {work["DOI"].lower(): work for work in works}
        self.notices = [
            notice_work(
                "10.1371/journal.pone.0177777", "retraction", "10.1371/journal.pone.0077777"
            ),
            notice_work(
                "10.1371/journal.pone.0111111", "retraction", "10.1371/journal.pone.0099999"
            ),
            notice_work(
                "10.1371/journal.pone.0155555", "correction", "10.1371/journal.pone.0033693"
            ),
        ]
        self.handles = {
            "10.5061/dryad.8515"
        }  # a DataCite DOI: the handle system knows it, Crossref not
        self.fasta = {
            "P0A183": (DATA / "P0A183.fasta").read_text(),
            "Q99999": "",
        }  # "": obsolete entry
        self.faults: dict[str, str] = {}  # service -> "500" | "timeout"
        for service, handler in (
            ("eutils", self.esummary),
            ("crossref", self.crossref),
            ("doi", self.handle),
            ("uniprot", self.uniprot),
            ("variation", self.refsnp),
        ):
            httpserver.expect_request(re.compile(f"^/{service}/.*")).respond_with_handler(
                self._faulty(service, handler)
            )

    def urls(self) -> dict[str, str]:
        return {f"GENELINT_{s.upper()}_URL": self.server.url_for(f"/{s}") for s in SERVICES}

    def requests(self, service: str = "") -> int:
        return sum(request.path.startswith(f"/{service}") for request, _ in self.server.log)

    def _faulty(self, service, handler):
        def respond(request):
            fault = self.faults.get(service)
            if fault == "timeout":
                time.sleep(READ_TIMEOUT * 2)
            if fault:
                return Response("Internal Server Error", status=500)
            return handler(request)

        return respond

    def esummary(self, request):
        uids = request.args["id"].split(",")
        result = {"uids": uids}
        for uid in uids:
            result[uid] = self.docsums.get(
                uid, {"uid": uid, "error": "cannot get document summary"}
            )
        return Response(
            json.dumps({"header": {"type": "esummary"}, "result": result}),
            content_type="application/json",
        )

    def crossref(self, request):
        if request.path == "/crossref/works" and request.args["filter"].startswith("updates:"):
            # filter=updates:A,updates:B: the notice works whose update-to names A or B
            if self.faults.get("updates"):
                return Response("Internal Server Error", status=500)
            wanted = {
                part.removeprefix("updates:").lower() for part in request.args["filter"].split(",")
            }
            items = [
                n for n in self.notices if any(u["DOI"].lower() in wanted for u in n["update-to"])
            ]
            body = {
                "status": "ok",
                "message-type": "work-list",
                "message": {"items": items, "total-results": len(items)},
            }
            return Response(json.dumps(body), content_type="application/json")
        if request.path == "/crossref/works":  # filter=doi:A,doi:B; unknown DOIs are left out
            wanted = [
                part.removeprefix("doi:").lower() for part in request.args["filter"].split(",")
            ]
            items = [self.works[doi] for doi in wanted if doi in self.works]
            body = {
                "status": "ok",
                "message-type": "work-list",
                "message": {"items": items, "total-results": len(items)},
            }
            return Response(json.dumps(body), content_type="application/json")
        work = self.works.get(request.path.removeprefix("/crossref/works/").lower())
        if work is None:
            return Response(
                (DATA / "works_404_10.1371_notarealdoi.txt").read_text(),
                status=404,
                content_type="text/plain",
            )
        return Response(
            json.dumps({"status": "ok", "message-type": "work", "message": work}),
            content_type="application/json",
        )

    def handle(self, request):
        doi = request.path.removeprefix("/doi/api/handles/").lower()
        if doi in self.handles:
            values = [
                {
                    "index": 1,
                    "type": "URL",
                    "data": {"format": "string", "value": "https://datadryad.org/"},
                }
            ]
            return Response(
                json.dumps({"responseCode": 1, "handle": doi, "values": values}),
                content_type="application/json",
            )
        return Response(
            json.dumps({"responseCode": 100, "handle": doi}),
            status=404,
            content_type="application/json",
        )

    def refsnp(self, request):
        record = self.refsnps.get(request.path.removeprefix("/variation/refsnp/"))
        if record is None:
            return Response(
                json.dumps({"error": {"code": 404, "message": "RefSNP not found"}}),
                status=404,
                content_type="application/json",
            )
        return Response(json.dumps(record), content_type="application/json")

    def uniprot(self, request):
        accession = request.path.removeprefix("/uniprot/uniprotkb/").removesuffix(".fasta")
        if accession not in self.fasta:
            return Response("Error: entry not found", status=404, content_type="text/plain")
        return Response(self.fasta[accession], content_type="text/plain")


@pytest.fixture
def fake(httpserver, monkeypatch, tmp_path) -> FakeRegistries:
    registries = FakeRegistries(httpserver)
    for name in (
        "GENELINT_OFFLINE",
        "GENELINT_MAILTO",
        "NCBI_API_KEY",
        *(f"GENELINT_{s.upper()}_URL" for s in SERVICES),
    ):
        monkeypatch.delenv(name, raising=False)
    for name, url in registries.urls().items():
        monkeypatch.setenv(name, url)
    monkeypatch.setenv("GENELINT_CACHE_DIR", str(tmp_path / "cache"))
    return registries


def write_config(tmp_path: Path, services: str = "", rules: str = "") -> Path:
    """Tiny retries and timeouts, no pacing: a failing service costs milliseconds."""
    config = tmp_path / "genelint.toml"
    config.write_text(f"""
[services]
retries = 1
backoff = 0.01
timeout = {READ_TIMEOUT}
connect-timeout = 0.5
rate-limits = {{ crossref = 1000, doi = 1000, eutils = 1000, variation = 1000, uniprot = 1000 }}
{services}
{rules}
""")
    return config


def check(
    tmp_path, capsys, *pages: str, args=(), services: str = "", rules: str = ""
) -> tuple[int, dict]:
    """One `genelint check --format json` run over fixture pages; its exit code and report."""
    config = write_config(tmp_path, services, rules)
    paths = [str(FIXTURES / page) for page in pages]
    code = main(
        [
            "check",
            "--format",
            "json",
            "--config",
            str(config),
            "--select",
            NETWORK_RULES,
            *args,
            *paths,
        ]
    )
    return code, json.loads(capsys.readouterr().out)


def positions(report: dict) -> list[tuple[int, int, str]]:
    return [(f["line"], f["column"], f["code"]) for f in report["findings"]]


def messages(report: dict) -> list[str]:
    return [f["message"] for f in report["findings"]]


# --- one page per situation, failing and passing --------------------------------------------


@pytest.mark.parametrize(
    "page, expected",
    [
        ("rsid_current_and_matching.md", []),
        ("legacy_change_matching_rsid.md", []),
        ("rsid_merged.md", [(16, 28, "GL305")]),
        ("rsid_absent.md", [(16, 28, "GL305")]),
        ("rsid_withdrawn.md", [(16, 28, "GL305")]),
        ("rsid_in_other_gene.md", [(16, 28, "GL306")]),
        ("rsid_other_change.md", [(16, 3, "GL307"), (17, 3, "GL307")]),
        ("legacy_change_not_matching_rsid.md", [(16, 3, "GL307")]),
        # a repeat count, a change somewhere in a range, several changes: nothing to compare
        ("rsid_beside_repeat_or_uncertain_change.md", []),
        ("residues_matching_uniprot.md", []),
        ("residue_other_than_uniprot.md", [(16, 3, "GL308"), (17, 3, "GL308")]),
        ("position_beyond_uniprot_sequence.md", [(16, 3, "GL308")]),
        ("uniprot_entry_obsolete.md", [(10, 25, "GL308")]),
        ("citations_matching_registry.md", []),
        ("citation_other_title.md", [(15, 12, "GL403")]),
        ("citation_other_author_and_journal.md", [(14, 11, "GL403"), (16, 14, "GL403")]),
        # near misses of the registry's title; a subtitle Crossref keeps apart is none
        ("citation_title_typo.md", [(15, 12, "GL403")]),
        ("citation_title_missing_word.md", [(15, 12, "GL403")]),
        ("citation_title_punctuation_only.md", [(20, 12, "GL403")]),
        ("citation_title_case_of_a_symbol.md", [(15, 12, "GL403")]),
        ("citation_title_with_subtitle.md", []),
        (
            "citation_title_other_number.md",
            [(15, 12, "GL403")],
        ),  # ALAS3 for ALAS2: maybe another paper
        ("doi_unregistered.md", [(17, 10, "GL402")]),
        ("doi_registered_elsewhere.md", []),
        ("citation_retracted.md", [(17, 10, "GL404")]),
        ("citation_expression_of_concern.md", [(17, 10, "GL404")]),
        ("citation_retracted_by_notice_only.md", [(17, 10, "GL404")]),
        ("rsid_in_two_genes_matching.md", []),
        ("rsid_in_two_genes_other_genes_change.md", [(16, 3, "GL307")]),
        ("rsid_in_two_genes_no_such_change.md", [(16, 3, "GL307")]),
    ],
)
def test_network_rules_on_fixture_pages(fake, tmp_path, capsys, page, expected):
    code, report = check(tmp_path, capsys, page)
    assert positions(report) == expected
    assert code == (
        1 if any(f["severity"] != "info" for f in report["findings"]) else 0
    )  # fail-on warning


@pytest.mark.parametrize(
    "page, expected",
    [
        ("rsid_merged.md", "rs386571803 was merged into rs268 in dbSNP; cite rs268"),
        ("rsid_absent.md", "dbSNP has no rs999999999: cannot get document summary"),
        ("rsid_withdrawn.md", "dbSNP has no current record for rs1111 (withdrawn)"),
        ("rsid_in_other_gene.md", "rs268 lies in LPL according to dbSNP, not in ALAS2"),
        (
            "legacy_change_not_matching_rsid.md",
            "N318T is not a protein change of rs268: dbSNP lists p.Asn318Ser",
        ),
        (
            "position_beyond_uniprot_sequence.md",
            "p.Ala200Val: UniProtKB P0A183 (MERR_PSEAI) has 144 residues, no position 200",
        ),
        (
            "uniprot_entry_obsolete.md",
            "UniProtKB entry Q99999 is obsolete (no sequence); the mutation list cannot be checked against it",
        ),
        (
            "citation_other_title.md",
            "title differs from the registry's for 10.1371/journal.pone.0033693 (similarity 0.24 < 0.85): "
            "page 'Familial XLMR with deletions involving the amino terminus of the 2.4 kb isoform of the UPF3B gene.', "
            "registry 'Methylphenidate Exposure Induces Dopamine Neuron Loss and Activation of Microglia in the Basal Ganglia of Mice'",
        ),
        (
            "doi_unregistered.md",
            "doi.org: 10.1371/notarealdoi is not registered (Crossref and the handle system)",
        ),
        (
            "citation_retracted.md",
            "DOI 10.1371/journal.pone.0099999 was retracted on 2014-03-05 (notice 10.1371/journal.pone.0111111, source retraction-watch)",
        ),
        (
            "citation_retracted_by_notice_only.md",
            "DOI 10.1371/journal.pone.0077777 was retracted on 2016-07-01 (notice 10.1371/journal.pone.0177777, source publisher)",
        ),
    ],
)
def test_messages_name_the_value_and_what_the_registry_says(fake, tmp_path, capsys, page, expected):
    _, report = check(tmp_path, capsys, page)
    assert messages(report) == [expected]


def test_change_mismatch_lists_the_registered_changes(fake, tmp_path, capsys):
    _, report = check(tmp_path, capsys, "rsid_other_change.md")
    assert messages(report) == [
        "p.Asn318Asp is not a protein change of rs268: dbSNP lists p.Asn318Ser",
        "p.Gly215Val is not a protein change of rs118204057: dbSNP lists p.Gly215Glu, p.Gly215Ala",
    ]


@pytest.mark.parametrize(
    "page, expected, refsnp_requests",
    [
        # The change is one of rs7777's, but in the other gene: only the RefSNP record can tell.
        (
            "rsid_in_two_genes_other_genes_change.md",
            "p.Gly10Arg is not a protein change of rs7777 in LPL: dbSNP lists p.Asn318Ser there;"
            " p.Gly10Arg is its change in OTHERGENE",
            1,
        ),
        ("rsid_in_two_genes_matching.md", None, 1),
        # A change that is none of the rs's, in any gene, needs no second service.
        (
            "rsid_in_two_genes_no_such_change.md",
            "p.Asn318Asp is not a protein change of rs7777: dbSNP lists p.Asn318Ser, p.Gly10Arg",
            0,
        ),
        # An rs in one gene: the docsum's changes are that gene's.
        ("rsid_current_and_matching.md", None, 0),
        # The record does not annotate the page's gene at all: it cannot say, so nothing is said.
        ("rsid_in_two_genes_record_names_other_genes.md", None, 1),
    ],
)
def test_rs_in_several_genes_is_checked_in_the_pages_gene(
    fake, tmp_path, capsys, page, expected, refsnp_requests
):
    _, report = check(tmp_path, capsys, page)
    assert messages(report) == ([expected] if expected else [])
    assert fake.requests("variation") == refsnp_requests


def test_refsnp_not_needed_is_not_asked_nor_reported_when_the_service_fails(fake, tmp_path, capsys):
    fake.faults = {"variation": "500"}
    _, report = check(tmp_path, capsys, "rsid_in_two_genes_no_such_change.md")
    assert positions(report) == [(16, 3, "GL307")]
    assert fake.requests("variation") == 0


def test_refsnp_failure_is_unverified_and_falls_back_to_every_gene(fake, tmp_path, capsys):
    fake.faults = {"variation": "500"}
    _, report = check(tmp_path, capsys, "rsid_in_two_genes_other_genes_change.md")
    assert positions(report) == [(16, 27, "GL010")]
    assert messages(report) == ["could not verify the RefSNP record of rs7777: variation: HTTP 500"]


def test_failed_notice_search_is_unverified_and_the_work_still_checked(fake, tmp_path, capsys):
    fake.faults = {"updates": "500"}
    _, report = check(
        tmp_path, capsys, "citation_retracted.md", "citation_retracted_by_notice_only.md"
    )
    assert [
        (f["path"].rsplit("/", 1)[1], f["line"], f["code"], f["message"])
        for f in report["findings"]
    ] == [
        (
            "citation_retracted.md",
            17,
            "GL010",
            "could not verify the retraction notices of DOI 10.1371/journal.pone.0099999: crossref: HTTP 500",
        ),
        # the work's own `updated-by` still speaks ...
        (
            "citation_retracted.md",
            17,
            "GL404",
            "DOI 10.1371/journal.pone.0099999 was retracted on 2014-03-05 "
            "(notice 10.1371/journal.pone.0111111, source retraction-watch)",
        ),
        # ... and where only the notice search could tell, the page is not called clean silently
        (
            "citation_retracted_by_notice_only.md",
            17,
            "GL010",
            "could not verify the retraction notices of DOI 10.1371/journal.pone.0077777: crossref: HTTP 500",
        ),
    ]


def test_residue_mismatch_names_both_residues(fake, tmp_path, capsys):
    _, report = check(tmp_path, capsys, "residue_other_than_uniprot.md")
    assert messages(report) == [
        "p.Glu3Lys: UniProtKB P0A183 (MERR_PSEAI) has Asn at position 3, not Glu",
        "K5P: UniProtKB P0A183 (MERR_PSEAI) has Leu at position 5, not Lys",
    ]


def test_author_and_journal_mismatch_messages(fake, tmp_path, capsys):
    _, report = check(tmp_path, capsys, "citation_other_author_and_journal.md")
    assert messages(report) == [
        "first author 'Cazzola' is not the registry's first author 'Sadasivan' for 10.1371/journal.pone.0033693",
        "journal 'Blood' is not the registry's 'PLoS ONE' for 10.1371/journal.pone.0033693",
    ]


def test_merged_rsid_fix_writes_the_current_rs(fake, tmp_path, capsys):
    page = tmp_path / "LPL.md"
    page.write_bytes((FIXTURES / "rsid_merged.md").read_bytes())
    config = write_config(tmp_path)
    assert (
        main(["check", "--config", str(config), "--select", NETWORK_RULES, "--fix", str(page)]) == 0
    )
    assert "| p.Asn318Ser | Missense | rs268 |" in page.read_text()


MDA = "Methylphenidate Exposure Induces Dopamine Neuron Loss and Activation of Microglia in the Basal Ganglia of Mice"
UCB = (
    "Human umbilical cord blood-derived mesenchymal stem cells improve neuropathology and cognitive impairment in "
    "an Alzheimer's disease mouse model through modulation of neuroinflammation"
)


@pytest.mark.parametrize(
    "page, severity, doi, written, registered",
    [
        (
            "citation_title_typo.md",
            "warning",
            "10.1371/journal.pone.0033693",
            MDA.lower().capitalize().replace("activation", "activaton") + ".",
            MDA + ".",
        ),
        (
            "citation_title_missing_word.md",
            "warning",
            "10.1371/journal.pone.0033693",
            MDA.lower().capitalize().replace("dopamine ", "") + ".",
            MDA + ".",
        ),
        (
            "citation_title_punctuation_only.md",
            "info",
            "10.1016/j.neurobiolaging.2010.03.024",
            UCB.replace("blood-derived", "blood derived") + ".",
            UCB + ".",
        ),
        (
            "citation_title_case_of_a_symbol.md",
            "info",
            "10.1371/journal.pone.0066666",
            "Heme synthesis by Alas2 in erythroid cells: a model.",
            "Heme synthesis by ALAS2 in erythroid cells: a model.",
        ),
    ],
)
def test_near_miss_title_fix_writes_crossrefs_title_and_settles(
    fake, tmp_path, capsys, page, severity, doi, written, registered
):
    raw = (FIXTURES / page).read_bytes()
    assert raw.count(f"  - Title: {written}\n".encode()) == 1
    _, report = check(tmp_path, capsys, page)
    [finding] = report["findings"]
    [edit] = finding["fix"]["edits"]
    assert (finding["severity"], finding["fix"]["applicability"], edit["content"]) == (
        severity,
        "unsafe",
        registered,
    )
    assert (
        finding["fix"]["description"]
        == f"write the title Crossref registers for {doi}: '{registered}'"
    )
    target = tmp_path / page
    target.write_bytes(raw)
    config = write_config(tmp_path)
    fix = ["check", "--config", str(config), "--select", "GL403", "--unsafe-fixes"]
    assert main([*fix, "--diff", str(target)]) == 1
    assert f"\n-  - Title: {written}\n+  - Title: {registered}\n" in capsys.readouterr().out
    assert target.read_bytes() == raw
    assert main([*fix, "--fix", str(target)]) == 0
    capsys.readouterr()
    assert target.read_bytes() == raw.replace(written.encode(), registered.encode())
    assert main([*fix, "--fix", str(target)]) == 0
    assert target.read_bytes() == raw.replace(written.encode(), registered.encode())
    assert "GL403" not in capsys.readouterr().out


@pytest.mark.parametrize("page", ["citation_other_title.md", "citation_title_other_number.md"])
def test_another_papers_title_gets_no_fix(fake, tmp_path, capsys, page):
    _, report = check(tmp_path, capsys, page)
    assert [(f["code"], f["fix"]) for f in report["findings"]] == [("GL403", None)]


def test_a_close_title_with_another_number_may_be_another_paper(fake, tmp_path, capsys):
    _, report = check(tmp_path, capsys, "citation_title_other_number.md")
    assert messages(report) == [
        "title is close to the registry's for 10.1371/journal.pone.0066666 (similarity 0.98) but differs in its "
        "numbers: the DOI or the title may be another paper's: page 'Heme synthesis by ALAS3 in erythroid cells: "
        "a model.', registry 'Heme synthesis by ALAS2 in erythroid cells: a model'"
    ]


@pytest.mark.parametrize(
    "page, registry, changed, numbers",
    [
        ("Heme synthesis in erythroid cells.", "Heme synthesis in erythroid cells", 0, False),
        (
            "Heme synthsis in cells.",
            "Heme synthesis in erythroid cells",
            2,
            False,
        ),  # a typo and a missing word
        (
            "Anti-oxidant effects of atorvastatin in rats",
            "Antioxidant effects of bovine lactoferrin on rats",
            5,
            False,
        ),
        (
            "DNA sequence and analysis of human chromosome 8.",
            "The DNA sequence and analysis of human chromosome 6",
            2,
            True,
        ),
        ("Heme synthesis, part II", "Heme synthesis, part I", 1, True),
        ("Heme synthesis by <i>ALAS2</i>", "Heme synthesis by ALAS2", 0, False),
    ],
)
def test_words_changed_and_numbers(page, registry, changed, numbers):
    from genelint.rules._titles import numbers_differ, words_changed

    assert (words_changed(page, registry), numbers_differ(page, registry)) == (changed, numbers)


@pytest.mark.parametrize(
    "page, registry, same",
    [
        (
            "Methylphenidate exposure induces dopamine neuron loss.",
            "Methylphenidate Exposure Induces Dopamine Neuron Loss",
            True,
        ),
        (
            "Alzheimer’s disease in “mice” – a model",
            'Alzheimer\'s disease in "mice" - a model',
            True,
        ),
        (
            "FAMILIAL OCCURRENCE OF MYELODYSPLASTIC SYNDROMES",
            "Familial occurrence of myelodysplastic syndromes",
            False,
        ),
        (
            "Familial occurrence of myelodysplastic syndromes",
            "FAMILIAL OCCURRENCE OF MYELODYSPLASTIC SYNDROMES",
            True,
        ),
        ("Mutations in the alas2 gene", "Mutations in the ALAS2 gene", False),
        ("dna repair", "DNA repair", False),
        ("Heme synthesis in erythroid cells", "Heme synthesis in erythroid cells?", False),
    ],
)
def test_same_title_allows_case_style_quotes_and_a_final_full_stop(page, registry, same):
    from genelint.rules._titles import same_title

    assert same_title(page, registry) is same


def test_plain_title_resolves_face_markup_and_refuses_what_markdown_would_read():
    from genelint.rules._titles import adds_subtitle, plain_title

    assert (
        plain_title("Heme synthesis by <i>ALAS2</i> in H<sub>2</sub>O &amp; blood ")
        == "Heme synthesis by ALAS2 in H2O & blood"
    )
    assert plain_title("A <mml:math><mml:mi>x</mml:mi></mml:math> model") is None
    assert plain_title("The *ALAS2* gene") is None
    assert plain_title("Role of [3H]thymidine") is None
    assert adds_subtitle(
        "Heme synthesis in erythroid cells: a model.", "Heme Synthesis in Erythroid Cells"
    )
    assert not adds_subtitle(
        "Heme synthesis in erythroid cells and a model.", "Heme Synthesis in Erythroid Cells"
    )


def test_expression_of_concern_is_a_warning(fake, tmp_path, capsys):
    _, report = check(tmp_path, capsys, "citation_expression_of_concern.md")
    assert [(f["severity"], f["message"]) for f in report["findings"]] == [
        (
            "warning",
            "DOI 10.1371/journal.pone.0088888 was the subject of an expression of concern on 2014-03-05 "
            "(notice 10.1371/journal.pone.0122222, source retraction-watch)",
        )
    ]


def test_citation_mismatch_thresholds_are_configurable(fake, tmp_path, capsys):
    rules = "[rules.citation-mismatch]\ntitle-threshold = 0.2\ncheck-author = false\njournal-threshold = 0.1\n"
    _, report = check(
        tmp_path,
        capsys,
        "citation_other_title.md",
        "citation_other_author_and_journal.md",
        rules=rules,
    )
    assert positions(report) == []


# --- failures are GL010, never "does not exist" ------------------------------------------------


@pytest.mark.parametrize("fault", ["500", "timeout"])
def test_service_failures_give_gl010_and_nothing_else(fake, tmp_path, capsys, fault):
    fake.faults = {service: fault for service in SERVICES}
    code, report = check(
        tmp_path, capsys, "every_lookup_kind.md", "doi_unregistered.md", "rsid_absent.md"
    )
    assert {f["code"] for f in report["findings"]} == {"GL010"}
    assert [(f["path"].rsplit("/", 1)[-1], f["line"], f["column"]) for f in report["findings"]] == [
        ("doi_unregistered.md", 17, 10),
        ("every_lookup_kind.md", 10, 25),
        ("every_lookup_kind.md", 16, 28),
        ("every_lookup_kind.md", 23, 10),
        ("rsid_absent.md", 16, 28),
    ]
    assert all(f["severity"] == "info" for f in report["findings"])
    assert code == 0  # info does not fail the run: a service hiccup never breaks a build


def test_gl010_names_the_value_and_the_service_error(fake, tmp_path, capsys):
    fake.faults = {"eutils": "500"}
    _, report = check(tmp_path, capsys, "rsid_absent.md")
    # The service's own words follow the value (today "malformed JSON from …" for an HTML 500 body).
    assert messages(report)[0].startswith("could not verify rsID rs999999999: ")
    assert "eutils" in messages(report)[0]


def test_timeout_message_says_so(fake, tmp_path, capsys):
    fake.faults = {"uniprot": "timeout"}
    _, report = check(tmp_path, capsys, "residue_other_than_uniprot.md")
    assert [f["code"] for f in report["findings"]] == ["GL010"]
    assert messages(report)[0].startswith(
        "could not verify UniProtKB entry P0A183: uniprot: no answer in time"
    )


def test_one_failing_service_does_not_silence_the_others(fake, tmp_path, capsys):
    fake.faults = {"crossref": "500"}
    _, report = check(tmp_path, capsys, "every_lookup_kind.md")
    assert positions(report) == [(16, 3, "GL308"), (16, 28, "GL305"), (23, 10, "GL010")]


# --- cache, stale answers, offline ------------------------------------------------------------


def test_second_run_makes_no_requests(fake, tmp_path, capsys):
    pages = ("every_lookup_kind.md", "citations_matching_registry.md", "rsid_other_change.md")
    _, first = check(tmp_path, capsys, *pages)
    made = fake.requests()
    assert first["summary"]["lookups"]["requests"] == made > 0
    _, second = check(tmp_path, capsys, *pages)
    assert fake.requests() == made
    assert second["findings"] == first["findings"]
    assert second["summary"]["lookups"] == {
        "asked": 8,
        "cache_hits": 8,
        "requests": 0,
        "requests_by_service": {},
        "stale": 0,
        "errors": 0,
    }
    schema = jsonschema.Draft202012Validator(json.loads(REPORT_SCHEMA.read_text()))
    assert [e.message for report in (first, second) for e in schema.iter_errors(report)] == []


def test_no_cache_asks_again(fake, tmp_path, capsys):
    check(tmp_path, capsys, "rsid_merged.md")
    made = fake.requests()
    _, report = check(tmp_path, capsys, "rsid_merged.md", args=["--no-cache"])
    assert fake.requests() == 2 * made
    assert report["summary"]["lookups"]["cache_hits"] == 0


def test_stale_answer_is_used_and_said(fake, tmp_path, capsys):
    services = f"ttl-hours = {TINY_TTL_HOURS}\nnot-found-ttl-hours = {TINY_TTL_HOURS}"
    _, fresh = check(tmp_path, capsys, "rsid_merged.md", "doi_unregistered.md", services=services)
    assert [f["code"] for f in fresh["findings"]] == ["GL402", "GL305"]
    assert fresh["summary"]["lookups"]["stale"] == 0
    fake.faults = {service: "500" for service in SERVICES}
    _, stale = check(tmp_path, capsys, "rsid_merged.md", "doi_unregistered.md", services=services)
    assert [(f["code"], f["message"]) for f in stale["findings"]] == [
        (
            "GL402",
            "doi.org: 10.1371/notarealdoi is not registered (Crossref and the handle system)"
            " (from the cache: the service could not be reached)",
        ),
        (
            "GL305",
            "rs386571803 was merged into rs268 in dbSNP; cite rs268 (from the cache: the service could not be reached)",
        ),
    ]
    assert stale["summary"]["lookups"]["stale"] == 2


@pytest.mark.parametrize("how", ["flag", "environment"])
def test_offline_skips_network_rules_and_counts_the_lookups(
    fake, tmp_path, capsys, monkeypatch, how
):
    args = ["--offline"] if how == "flag" else []
    if how == "environment":
        monkeypatch.setenv("GENELINT_OFFLINE", "1")
    config = write_config(tmp_path)
    page = str(FIXTURES / "every_lookup_kind.md")
    assert main(["check", "--config", str(config), "--select", NETWORK_RULES, *args, page]) == 0
    assert capsys.readouterr().out == "No problems in 1 file. 3 lookups skipped (offline).\n"
    assert fake.requests() == 0


def test_base_urls_from_the_config_table(fake, tmp_path, capsys, monkeypatch):
    table = "\n".join(f'{s} = "{fake.server.url_for("/" + s)}"' for s in SERVICES)
    for name in fake.urls():
        monkeypatch.delenv(name)
    _, report = check(tmp_path, capsys, "rsid_merged.md", services=table)
    assert positions(report) == [(16, 28, "GL305")]


def test_worker_processes_give_the_same_network_findings(fake, tmp_path, capsys):
    # With --jobs the pages are parsed in workers and the main process imports the HTTP stack
    # meanwhile; the lookups, their follow-up rounds and the findings are the same.
    pages = (
        "every_lookup_kind.md",
        "rsid_in_two_genes_other_genes_change.md",
        "citation_retracted_by_notice_only.md",
        "rsid_other_change.md",
        "doi_unregistered.md",
    )
    _, serial = check(tmp_path, capsys, *pages, args=["--jobs", "1", "--no-cache"])
    _, parallel = check(tmp_path, capsys, *pages, args=["--jobs", "2", "--no-cache"])
    assert parallel["findings"] == serial["findings"] and len(serial["findings"]) >= 6
