"""RefSNP records from NCBI Variation Services: which protein change lies in which gene."""

import json

import pytest

from genelint.rule import Lookup
from genelint.services import RunStats, resolve

from .conftest import DATA, settings_from


def ask(service_table, rsid, **settings):
    lookup = Lookup("refsnp", rsid)
    return resolve([lookup], settings_from(service_table, **settings))[lookup]


def serve(httpserver, uid, body, status=200, content_type="application/json"):
    httpserver.expect_request(f"/variation/refsnp/{uid}").respond_with_data(
        body, status=status, content_type=content_type
    )


@pytest.mark.parametrize(
    "recorded, uid, gene, changes",
    [
        ("rs268_LPL.json", "268", ("LPL", 4023), ("NP_000228.1:p.Asn318Ser",)),
        # A stop gained: the record's inserted residue is "*", its HGVS says Ter.
        ("rs328_LPL.json", "328", ("LPL", 4023), ("NP_000228.1:p.Ser474Ter",)),
    ],
)
def test_recorded_record_gives_each_genes_protein_changes(
    httpserver, service_table, recorded, uid, gene, changes
):
    serve(httpserver, uid, (DATA / recorded).read_text())
    record = ask(service_table, f"rs{uid}").value
    assert [(g.symbol, g.gene_id) for g in record.genes] == [gene]
    assert record.changes_in(gene[0]) == changes
    assert record.changes_in(gene[0].lower()) == changes  # symbols compare case-insensitively


def test_reference_allele_is_no_change(httpserver, service_table):
    serve(httpserver, "268", (DATA / "rs268_LPL.json").read_text())
    record = ask(service_table, "rs268").value
    assert not any(change.endswith("=") for gene in record.genes for change in gene.protein_changes)


def test_gene_the_rs_is_not_in_has_no_changes(httpserver, service_table):
    serve(httpserver, "268", (DATA / "rs268_LPL.json").read_text())
    assert ask(service_table, "rs268").value.changes_in("ALAS2") is None


def test_404_is_unverified_not_absent(httpserver, service_table):
    # Only rsIDs E-utilities has found are asked: a 404 is a wrong base URL or a proxy.
    serve(
        httpserver,
        "999999999",
        json.dumps({"error": {"code": 404, "message": "RefSNP not found"}}),
        status=404,
    )
    answer = ask(service_table, "rs999999999")
    assert (answer.status, answer.error) == ("error", "variation: HTTP 404")


def test_merged_record_is_not_a_record(httpserver, service_table):
    merged = {"refsnp_id": "17850737", "merged_snapshot_data": {"merged_into": ["268"]}}
    serve(httpserver, "17850737", json.dumps(merged))
    answer = ask(service_table, "rs17850737")
    assert (answer.status, answer.error) == (
        "not_found",
        "rs17850737 was merged into rs268 in dbSNP",
    )


@pytest.mark.parametrize(
    "body, content_type",
    [
        (
            '{"refsnp_id": "268", "primary_snapshot_data": {"allele_annotations": [',
            "application/json",
        ),  # truncated
        (
            (DATA / "content_negotiation_404_10.1126_foo.html").read_text(),
            "text/html",
        ),  # HTML with status 200
        ('{"refsnp_id": "268"}', "application/json"),  # no snapshot of any kind
        (
            '{"refsnp_id": "268", "primary_snapshot_data": {"placements_with_allele": [{"seq_id": "NC_1", "is_ptlp": true,'
            ' "alleles": []}], "allele_annotations": [{"assembly_annotation": []}]}}',
            "application/json",
        ),  # inconsistent
    ],
)
def test_malformed_reply_is_an_error_never_not_found(httpserver, service_table, body, content_type):
    serve(httpserver, "268", body, content_type=content_type)
    assert ask(service_table, "rs268").status == "error"


def test_answer_is_cached(httpserver, service_table):
    serve(httpserver, "268", (DATA / "rs268_LPL.json").read_text())
    ask(service_table, "rs268")
    stats = RunStats()
    lookup = Lookup("refsnp", "rs268")
    answer = resolve([lookup], settings_from(service_table), stats=stats)[lookup]
    assert answer.status == "found"
    assert (stats.cache_hits, stats.requests, len(httpserver.log)) == (1, {}, 1)


def test_one_request_per_rs(httpserver, service_table):
    for uid in ("268", "328"):
        serve(httpserver, uid, (DATA / f"rs{uid}_LPL.json").read_text())
    stats = RunStats()
    lookups = [Lookup("refsnp", "rs268"), Lookup("refsnp", "rs328")]
    resolve(lookups, settings_from(service_table), stats=stats)
    assert stats.requests == {"variation": 2}


def recorded(uid="268"):
    return json.loads((DATA / "rs268_LPL.json").read_text())


def test_reference_allele_is_told_by_a_transcript_when_no_placement_is_top_level(
    httpserver, service_table
):
    record = recorded()
    placements = record["primary_snapshot_data"]["placements_with_allele"]
    for placement in placements:
        placement["is_ptlp"] = False
    # Protein placement first: by it alone the reference allele (N>N) looks like any other.
    placements.sort(key=lambda p: not p["seq_id"].startswith("NP_"))
    serve(httpserver, "268", json.dumps(record))
    assert ask(service_table, "rs268").value.changes_in("LPL") == ("NP_000228.1:p.Asn318Ser",)


def test_record_with_only_protein_placements_is_an_error(httpserver, service_table):
    record = recorded()
    primary = record["primary_snapshot_data"]
    primary["placements_with_allele"] = [
        p for p in primary["placements_with_allele"] if p["seq_id"].startswith("NP_")
    ]
    serve(httpserver, "268", json.dumps(record))
    assert ask(service_table, "rs268").status == "error"


def test_every_alternate_allele_counts(httpserver, service_table):
    # A third allele (A>C at the genome, Asn318Thr at the protein) beside the recorded A>G.
    record = recorded()
    primary = record["primary_snapshot_data"]
    for placement in primary["placements_with_allele"]:
        alternate = json.loads(json.dumps(placement["alleles"][1]))
        if placement["seq_id"].startswith("NP_"):
            alternate["allele"]["spdi"]["inserted_sequence"] = "T"
            alternate["hgvs"] = alternate["hgvs"].replace("Asn318Ser", "Asn318Thr")
        else:
            alternate["allele"]["spdi"]["inserted_sequence"] = "C"
        placement["alleles"].append(alternate)
    third = json.loads(json.dumps(primary["allele_annotations"][1]))
    for gene in third["assembly_annotation"][0]["genes"]:
        for rna in gene["rnas"]:
            if "protein" in rna:
                rna["protein"]["variant"]["spdi"]["inserted_sequence"] = "T"
    primary["allele_annotations"].append(third)
    serve(httpserver, "268", json.dumps(record))
    assert ask(service_table, "rs268").value.changes_in("LPL") == (
        "NP_000228.1:p.Asn318Ser",
        "NP_000228.1:p.Asn318Thr",
    )


def test_errors_are_not_cached_and_a_stale_record_stands_in(httpserver, service_table):
    from werkzeug import Response

    replies = iter(
        [Response("busy", status=503)] * 3
        + [Response((DATA / "rs268_LPL.json").read_text(), content_type="application/json")]
        + [Response("busy", status=503)] * 10
    )
    httpserver.expect_request("/variation/refsnp/268").respond_with_handler(
        lambda request: next(replies)
    )
    settings = {"ttl-hours": 1e-7, "retries": 0}
    assert ask(service_table, "rs268", **settings).status == "error"  # not cached ...
    assert ask(service_table, "rs268", **settings).status == "error"
    assert ask(service_table, "rs268", **settings).status == "error"
    assert (
        ask(service_table, "rs268", **settings).status == "found"
    )  # ... so the next run asks again
    stale = ask(service_table, "rs268", **settings)  # expired at once; the service fails again
    assert (stale.status, stale.stale) == ("found", True)
