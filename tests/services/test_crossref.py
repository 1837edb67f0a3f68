import json

from werkzeug import Response

from genelint.rule import Lookup
from genelint.services import resolve
from genelint.services.crossref import UpdateNotice

from .conftest import DATA, recorded_work, settings_from

PLOS = "10.1371/journal.pone.0033693"
NEURO = "10.1016/j.neurobiolaging.2010.03.024"
WORKS = {
    PLOS: recorded_work("works_10.1371_journal.pone.0033693.json"),
    NEURO: recorded_work("works_10.1016_j.neurobiolaging.2010.03.024_polite.json"),
}


def serve_crossref(httpserver, works=WORKS):
    """/works?filter=doi:… leaves unknown DOIs out, as Crossref does; /works/{doi} 404s them."""

    def work_list(request):
        asked = [part.removeprefix("doi:") for part in request.args["filter"].split(",")]
        items = [works[doi] for doi in asked if doi in works]
        message = {
            "items": items,
            "total-results": len(items),
            "items-per-page": int(request.args["rows"]),
        }
        return Response(
            json.dumps({"status": "ok", "message-type": "work-list", "message": message}),
            content_type="application/json",
        )

    httpserver.expect_request("/crossref/works").respond_with_handler(work_list)
    for doi, work in works.items():
        httpserver.expect_request(f"/crossref/works/{doi}").respond_with_json(
            {"status": "ok", "message-type": "work", "message": work}
        )
    not_found = (DATA / "works_404_10.1371_notarealdoi.txt").read_text()
    httpserver.expect_request("/crossref/works/10.1371/notarealdoi").respond_with_data(
        not_found, status=404, content_type="text/plain"
    )


def handle_reply(httpserver, doi, found):
    if found:
        body = {
            "responseCode": 1,
            "handle": doi,
            "values": [
                {
                    "index": 1,
                    "type": "URL",
                    "data": {"format": "string", "value": "https://example.org/x"},
                    "ttl": 86400,
                    "timestamp": "2020-01-01T00:00:00Z",
                }
            ],
        }
        httpserver.expect_request(f"/doi/api/handles/{doi}").respond_with_json(body)
    else:
        httpserver.expect_request(f"/doi/api/handles/{doi}").respond_with_json(
            {"responseCode": 100, "handle": doi}, status=404
        )


def test_one_doi_gives_title_authors_journal_year(httpserver, service_table):
    serve_crossref(httpserver)
    answer = resolve([Lookup("doi", PLOS)], settings_from(service_table))[Lookup("doi", PLOS)]
    record = answer.value
    assert answer.status == "found"
    assert record.title.startswith("Methylphenidate Exposure Induces Dopamine Neuron Loss")
    assert record.authors[:3] == ("Sadasivan", "Pond", "Pani")
    assert (record.journal, record.year, record.agency) == ("PLoS ONE", 2012, "crossref")
    assert record.retractions == ()  # its updated-by notice is a correction, not a retraction


def test_many_dois_share_one_filter_request(httpserver, service_table):
    serve_crossref(httpserver)
    lookups = [Lookup("doi", PLOS), Lookup("doi", NEURO), Lookup("doi", PLOS.upper())]
    answers = resolve(lookups, settings_from(service_table))
    assert [answers[lookup].status for lookup in lookups] == ["found"] * 3
    assert answers[Lookup("doi", NEURO)].value.journal == "Neurobiology of Aging"
    assert len(httpserver.log) == 1
    request, _ = httpserver.log[0]
    assert request.args["rows"] == "2"


def test_doi_unknown_everywhere_is_not_found(httpserver, service_table):
    serve_crossref(httpserver)
    handle_reply(httpserver, "10.1371/notarealdoi", found=False)
    answer = resolve([Lookup("doi", "10.1371/notarealdoi")], settings_from(service_table))
    assert answer[Lookup("doi", "10.1371/notarealdoi")].status == "not_found"


def test_doi_of_another_agency_is_found_without_metadata(httpserver, service_table):
    serve_crossref(httpserver)
    handle_reply(httpserver, "10.5061/dryad.abc", found=True)
    answers = resolve(
        [Lookup("doi", PLOS), Lookup("doi", "10.5061/dryad.abc")], settings_from(service_table)
    )
    record = answers[Lookup("doi", "10.5061/dryad.abc")].value
    assert answers[Lookup("doi", "10.5061/dryad.abc")].status == "found"
    assert (record.title, record.agency) == (None, None)


def test_handle_service_failure_is_an_error_not_absence(httpserver, service_table):
    serve_crossref(httpserver)
    httpserver.expect_request("/doi/api/handles/10.1371/notarealdoi").respond_with_data(
        "oops", status=500
    )
    answer = resolve([Lookup("doi", "10.1371/notarealdoi")], settings_from(service_table))
    assert answer[Lookup("doi", "10.1371/notarealdoi")].status == "error"


def test_retraction_notices_are_collected(httpserver, service_table):
    # The recorded work plus an updated-by notice of the documented shape.
    work = dict(WORKS[PLOS])
    work["updated-by"] = work["updated-by"] + [
        {
            "DOI": "10.1371/journal.pone.9999999",
            "type": "retraction",
            "source": "retraction-watch",
            "label": "Retraction",
            "updated": {"date-parts": [[2020, 2, 3]]},
        }
    ]
    serve_crossref(httpserver, {PLOS: work})
    record = resolve([Lookup("doi", PLOS)], settings_from(service_table))[Lookup("doi", PLOS)].value
    assert record.retractions == (
        UpdateNotice(
            type="retraction",
            notice_doi="10.1371/journal.pone.9999999",
            target_doi=PLOS,
            source="retraction-watch",
            date="2020-02-03",
        ),
    )


# --- notices found by `filter=updates:{doi}` ------------------------------------------------------


def notice(notice_doi, target_doi, notice_type="retraction"):
    """The recorded PLoS ONE work as a notice work updating `target_doi` (its `update-to`)."""
    work = dict(WORKS[PLOS], DOI=notice_doi)
    work["update-to"] = [
        {
            "DOI": target_doi,
            "type": notice_type,
            "source": "publisher",
            "label": notice_type.title(),
            "updated": {"date-parts": [[2019, 5, 2]]},
        }
    ]
    return work


def serve_notices(httpserver, notices, page_size=None, stop_after=None):
    """/works?filter=updates:A,updates:B lists the notices updating A or B, a page per cursor
    (Crossref's deep paging: `cursor=*`, then each reply's `next-cursor`)."""
    requests = []

    def notice_list(request):
        requests.append(dict(request.args))
        asked = {part.removeprefix("updates:") for part in request.args["filter"].split(",")}
        matching = [n for n in notices if n["update-to"][0]["DOI"] in asked]
        rows = min(int(request.args["rows"]), page_size or 1000)
        cursor = request.args["cursor"]
        offset = 0 if cursor == "*" else int(cursor.removeprefix("page-"))
        if stop_after is not None and offset >= stop_after:
            offset = len(matching)  # the service runs dry before total-results
        message = {
            "items": matching[offset : offset + rows],
            "total-results": len(matching),
            "items-per-page": rows,
            "next-cursor": f"page-{offset + rows}",
        }
        return Response(
            json.dumps({"status": "ok", "message-type": "work-list", "message": message}),
            content_type="application/json",
        )

    httpserver.expect_request("/crossref/works").respond_with_handler(notice_list)
    return requests


def ask_updates(service_table, dois, **settings):
    lookups = [Lookup("doi-updates", doi) for doi in dois]
    answers = resolve(lookups, settings_from(service_table, **settings))
    return [answers[lookup] for lookup in lookups]


def test_notices_of_each_doi_are_found_by_the_updates_filter(httpserver, service_table):
    serve_notices(
        httpserver,
        [notice("10.1000/notice.1", PLOS), notice("10.1000/erratum.1", NEURO, "correction")],
    )
    plos, neuro = ask_updates(service_table, [PLOS, NEURO])
    assert plos.status == neuro.status == "found"
    assert plos.value == (
        UpdateNotice("retraction", "10.1000/notice.1", PLOS, "publisher", "2019-05-02"),
    )
    assert neuro.value == ()  # a correction does not withdraw the work


def test_no_notice_is_an_answer_and_is_cached(httpserver, service_table):
    requests = serve_notices(httpserver, [])
    assert ask_updates(service_table, [PLOS])[0].value == ()
    assert ask_updates(service_table, [PLOS])[0].value == ()
    assert len(requests) == 1


def test_updates_are_asked_in_batches(httpserver, service_table):
    requests = serve_notices(httpserver, [notice("10.1000/notice.7", "10.1000/paper.7")])
    dois = [f"10.1000/paper.{n}" for n in range(12)]
    answers = ask_updates(service_table, dois, **{"crossref-batch-size": 5})
    assert len(requests) == 3  # ⌈12/5⌉
    assert [n for n, answer in enumerate(answers) if answer.value] == [7]


def test_notices_beyond_one_page_are_read(httpserver, service_table):
    notices = [notice(f"10.1000/notice.{n}", PLOS) for n in range(5)]
    requests = serve_notices(httpserver, notices, page_size=2)
    (answer,) = ask_updates(service_table, [PLOS])
    assert [n.notice_doi for n in answer.value] == [f"10.1000/notice.{n}" for n in range(5)]
    assert [r["cursor"] for r in requests] == ["*", "page-2", "page-4"]


def test_a_notice_list_that_ends_early_is_unverified_and_not_cached(httpserver, service_table):
    notices = [notice(f"10.1000/notice.{n}", PLOS) for n in range(5)]
    requests = serve_notices(httpserver, notices, page_size=2, stop_after=2)
    (answer,) = ask_updates(service_table, [PLOS])
    assert (answer.status, answer.error) == ("error", "crossref: notice list ended at 2 of 5")
    ask_updates(service_table, [PLOS])
    assert len(requests) == 4  # asked again: the partial answer was not stored


def test_failed_notice_search_is_an_error(httpserver, service_table):
    httpserver.expect_request("/crossref/works").respond_with_data(
        "<html>busy</html>", content_type="text/html"
    )
    assert [a.status for a in ask_updates(service_table, [PLOS, NEURO])] == ["error", "error"]
