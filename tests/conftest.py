"""Fixtures every test gets, and the loopback fake of the registries the network tests ask."""

import copy
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from werkzeug import Response

from genelint import cachefolder
from genelint.cache import CACHE_FILE, ResultCache
from genelint.cachefolder import CACHE_ENV
from genelint.cli import main
from genelint.parser import parse_bytes
from genelint.rule import Lookup
from genelint.rules._lookups import every_lookup
from genelint.services import ratelimit
from genelint.testing import pytest_addoption  # noqa: F401  (pytest --genelint-update-cases)


@pytest.fixture(autouse=True)
def fresh_pacing(monkeypatch):
    """Each test starts with no request history: pacing is process-wide in a real run, but one
    test's requests must not delay (or warm up connections for) the next test's."""
    monkeypatch.setattr(ratelimit, "_LIMITERS", {})


@pytest.fixture(autouse=True)
def outside_github_actions(monkeypatch):
    """Tests expect genelint's own defaults: inside GitHub Actions, GITHUB_ACTIONS=true would
    switch the default report to annotations and GITHUB_STEP_SUMMARY would be written."""
    for variable in ("GITHUB_ACTIONS", "GITHUB_STEP_SUMMARY"):
        monkeypatch.delenv(variable, raising=False)


@pytest.fixture(autouse=True)
def own_result_cache(tmp_path_factory, monkeypatch):
    """Each test has a result cache of its own: pages of one test (or of the user's own runs)
    never answer for another's, whose rules or monkeypatches may differ."""
    folder = tmp_path_factory.mktemp("results")
    monkeypatch.setattr(
        ResultCache, "for_settings", classmethod(lambda cls, settings: cls(folder / CACHE_FILE))
    )


# --- the network rules' registries: one loopback fake of every service ----------------------
# Whole `genelint check` runs of GL305-GL308, GL402-GL404 and GL010 (tests/rules/) and of the
# lookup machinery (tests/services/test_lookup_runs.py) against a fake of dbSNP (E-utilities,
# Variation), Crossref, doi.org and UniProt answering with the recorded shapes in
# tests/services/data/. Never the internet: every base URL points at 127.0.0.1.

RULE_FIXTURES = Path(__file__).parent / "rules" / "fixtures"
DATA = Path(__file__).parent / "services" / "data"
NETWORK_RULES = "GL010,GL305,GL306,GL307,GL308,GL402,GL403,GL404"
SERVICES = ("crossref", "doi", "eutils", "variation", "uniprot")
DOCSUM = "{https://www.ncbi.nlm.nih.gov/SNP/docsum}"
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

    services = SERVICES

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


class NetworkCheck:
    """`genelint check --format json` runs over fixture pages with the network rules selected,
    tiny retries and timeouts and no pacing: a failing service costs milliseconds."""

    selected = NETWORK_RULES

    def __init__(self, tmp_path: Path, capsys) -> None:
        self.tmp_path, self.capsys = tmp_path, capsys

    def config(self, services: str = "", rules: str = "") -> Path:
        config = self.tmp_path / "genelint.toml"
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

    def __call__(
        self, *pages: str, args=(), services: str = "", rules: str = ""
    ) -> tuple[int, dict]:
        """The exit code and report of one run over fixture pages named by file name (the names
        are unique across tests/rules/fixtures/*/)."""
        config = self.config(services, rules)
        paths = [str(fixture_page(page)) for page in pages]
        code = main(
            ["check", "--format", "json", "--config", str(config), "--select", self.selected]
            + [*args, *paths]
        )
        return code, json.loads(self.capsys.readouterr().out)

    @staticmethod
    def positions(report: dict) -> list[tuple[int, int, str]]:
        return [(f["line"], f["column"], f["code"]) for f in report["findings"]]

    @staticmethod
    def messages(report: dict) -> list[str]:
        return [f["message"] for f in report["findings"]]

    @staticmethod
    def exit_code(report: dict) -> int:
        """What the run must exit with at the default fail-on (warning)."""
        return 1 if any(f["severity"] != "info" for f in report["findings"]) else 0


def fixture_page(name: str) -> Path:
    [path] = RULE_FIXTURES.glob(f"*/{name}")
    return path


@pytest.fixture
def check_online(fake, tmp_path, capsys) -> NetworkCheck:
    return NetworkCheck(tmp_path, capsys)


@pytest.fixture
def page_lookups():
    """Each lookup a page's parts ask (what the network rules would ask), with the line and
    column of the part asking it."""

    def lookups(text: str) -> list[tuple[Lookup, int, int]]:
        doc = parse_bytes(text.encode(), "page.md")
        return [(a.lookup, a.field.span.line, a.field.span.column) for a in every_lookup(doc)]

    return lookups


@pytest.fixture(autouse=True)
def no_cache_folder_notes(monkeypatch):
    """What a test's cache folder could not hold is that test's to warn about, not the next's."""
    monkeypatch.setattr(cachefolder, "_UNUSABLE", {})


# --- GL405's gene name index, built once for the tests that only need it present -----------
# A run in a fresh cache folder unpacks the bundled snapshot and builds the name index from it
# (~10 s on two cores); a process started by a test cannot be given the index of the pytest
# process. Tests whose subject is something else (the server, Ctrl-C, a shared result cache)
# start from a folder seeded with the session's build instead; the tests about unpacking,
# building or repairing those files keep fresh folders and build them themselves.


@pytest.fixture(scope="session")
def built_refdata(tmp_path_factory) -> Path:
    """A cache folder's refdata/ as a first run leaves it: the snapshot unpacked, the name index
    built from it. In a process of its own, as a test's `genelint` process would build it."""
    cache = tmp_path_factory.mktemp("built-cache")
    subprocess.run(
        [
            sys.executable,
            "-c",
            "from genelint.refdata import load_gene_table; load_gene_table().name_index()",
        ],
        env={**os.environ, CACHE_ENV: str(cache)},
        check=True,
        timeout=600,
    )
    assert list((cache / "refdata").glob("names-*.marshal")), "the name index was not cached"
    return cache / "refdata"


@pytest.fixture(scope="session")
def seed_cache(built_refdata):
    """`seed_cache(folder)` makes `folder` a cache folder that already holds the session's
    reference data, and returns it.

    The unpacked index and the name index are symbolic links to the session's files: the name
    index is named by the resolved path of the index it was built from, so a link finds it,
    and genelint only ever replaces these files whole (a link, never its target). The note
    naming the unpacked copy is the folder's own. A test that damages the index in place
    must first make it a file of its own."""

    def seed(folder: Path) -> Path:
        refdata = folder / "refdata"
        refdata.mkdir(parents=True, exist_ok=True)
        for built in built_refdata.iterdir():
            if built.suffix == ".unpacked":
                shutil.copy2(built, refdata / built.name)
            else:
                (refdata / built.name).symlink_to(built)
        return folder

    return seed


# --- child processes that must not outlive their test ---------------------------------------


def _ctrl_c_as_a_terminal_sends_it() -> None:
    """In the child, before genelint starts: SIGINT's default action. A job started in the
    background by a non-interactive shell (a CI runner's, `cmd &`) ignores SIGINT, its children
    inherit that, and Python then installs no KeyboardInterrupt: the Ctrl-C tests would wait
    for a run that can no longer be interrupted, as a curator's terminal always can."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


@pytest.fixture
def spawn():
    """`spawn(command, **popen)` starts a child process in a process group of its own, and
    kills the group when the test ends, however it ends: a child stuck on purpose (waiting for
    Ctrl-C) or its worker processes would otherwise keep running after a failed assertion or
    a timeout, and load the machine for the tests after it."""
    started: list[subprocess.Popen] = []

    def start(command: list[str], **popen) -> subprocess.Popen:
        process = subprocess.Popen(
            command, start_new_session=True, preexec_fn=_ctrl_c_as_a_terminal_sends_it, **popen
        )
        started.append(process)
        return process

    yield start
    for process in started:
        try:
            os.killpg(process.pid, signal.SIGKILL)  # the group outlives a leader that has ended
        except ProcessLookupError:
            pass  # the child and its workers have all ended
        for stream in (process.stdin, process.stdout, process.stderr):
            if stream:
                stream.close()
        process.wait()
