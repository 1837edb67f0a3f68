import json
import math

from werkzeug import Response

from genelint.rule import Lookup
from genelint.services import RunStats, ServiceSettings, resolve
from genelint.services.eutils import RsidRecord

from .conftest import esummary_body, recorded_docsums, settings_from


def serve_esummary(httpserver, entries=None):
    """Answer any esummary request from the recorded docsums; record the ids of each request."""
    entries = recorded_docsums() if entries is None else entries
    batches = []

    def handler(request):
        uids = request.args["id"].split(",")
        batches.append(uids)
        return Response(json.dumps(esummary_body(uids, entries)), content_type="application/json")

    httpserver.expect_request("/eutils/esummary.fcgi").respond_with_handler(handler)
    return batches


def test_current_rsid_gives_genes_and_protein_changes(httpserver, service_table):
    serve_esummary(httpserver)
    answer = resolve([Lookup("rsid", "rs268")], settings_from(service_table))[
        Lookup("rsid", "rs268")
    ]
    assert answer.status == "found"
    assert answer.value == RsidRecord(
        rsid="rs268",
        current_rsid="rs268",
        merged=False,
        genes=(("LPL", 4023),),
        protein_changes=("NP_000228.1:p.Asn318Ser",),
    )


def test_merged_rsid_names_the_current_one(httpserver, service_table):
    serve_esummary(httpserver)
    answers = resolve(
        [Lookup("rsid", "rs386571803"), Lookup("rsid", "rs118204057")], settings_from(service_table)
    )
    merged = answers[Lookup("rsid", "rs386571803")].value
    assert (merged.current_rsid, merged.merged, merged.genes) == ("rs268", True, (("LPL", 4023),))
    other = answers[Lookup("rsid", "rs118204057")].value
    assert other.merged is False
    assert other.protein_changes == ("NP_000228.1:p.Gly215Glu", "NP_000228.1:p.Gly215Ala")


def test_unknown_rsid_is_not_found(httpserver, service_table):
    serve_esummary(httpserver)
    answer = resolve([Lookup("rsid", "rs999999999999")], settings_from(service_table))[
        Lookup("rsid", "rs999999999999")
    ]
    assert answer.status == "not_found"
    assert "cannot get document summary" in answer.error


def test_n_rsids_cost_ceil_n_over_200_requests(httpserver, service_table):
    template = recorded_docsums()["268"]
    entries = {str(n): {**template, "uid": str(n), "snp_id": n} for n in range(1, 451)}
    batches = serve_esummary(httpserver, entries)
    lookups = [Lookup("rsid", f"rs{n}") for n in range(1, 451)]
    stats = RunStats()
    answers = resolve(
        lookups + lookups[:10], settings_from(service_table), stats=stats
    )  # duplicates asked once
    assert all(answers[lookup].status == "found" for lookup in lookups)
    assert stats.requests == {"eutils": math.ceil(450 / 200)}
    assert sorted(len(batch) for batch in batches) == [50, 200, 200]


def test_api_key_is_sent_but_never_stored(httpserver, service_table, tmp_path):
    serve_esummary(httpserver)
    settings = ServiceSettings.from_table(service_table, {"NCBI_API_KEY": "secret-key-123"})
    resolve([Lookup("rsid", "rs268")], settings)
    request, _ = httpserver.log[0]
    assert request.args["api_key"] == "secret-key-123"
    assert request.args["tool"] == "genelint"
    stored = b"".join(p.read_bytes() for p in (tmp_path / "cache").iterdir())
    assert b"secret-key-123" not in stored


def test_error_object_with_status_200_is_an_error(httpserver, service_table):
    httpserver.expect_request("/eutils/esummary.fcgi").respond_with_json(
        {"error": "API rate limit exceeded"}
    )
    answer = resolve([Lookup("rsid", "rs268")], settings_from(service_table))[
        Lookup("rsid", "rs268")
    ]
    assert answer.status == "error"
    assert "API rate limit exceeded" in answer.error


def test_rsid_syntax_is_not_asked(httpserver, service_table):
    answer = resolve([Lookup("rsid", "RS 12")], settings_from(service_table))[
        Lookup("rsid", "RS 12")
    ]
    assert answer.status == "error"
    assert httpserver.log == []


def test_api_key_is_hidden_in_retry_logs(httpserver, service_table, caplog):
    httpserver.expect_request("/eutils/esummary.fcgi").respond_with_data("down", status=503)
    settings = ServiceSettings.from_table(service_table, {"NCBI_API_KEY": "secret-key-123"})
    with caplog.at_level("DEBUG", logger="urllib3"):
        answer = resolve([Lookup("rsid", "rs268")], settings)[Lookup("rsid", "rs268")]
    assert answer.status == "error"
    client_log = " ".join(r.getMessage() for r in caplog.records if r.name.startswith("urllib3"))
    assert "api_key=***" in client_log and "secret-key-123" not in client_log
