"""Every way a service can fail gives status "error", never "not_found"."""

import socket
import struct
import time

import pytest
from werkzeug import Response

from genelint.rule import Lookup
from genelint.services import RunStats, resolve

from .conftest import DATA, settings_from

P0A183 = Lookup("uniprot", "P0A183")
FASTA = (DATA / "P0A183.fasta").read_text()


def uniprot(httpserver):
    return httpserver.expect_request("/uniprot/uniprotkb/P0A183.fasta")


def ask(settings, lookup=P0A183, **kwargs):
    return resolve([lookup], settings, **kwargs)[lookup]


def test_slow_response_times_out_as_an_error_after_the_retries(service_table, raw_server):
    attempts = []

    def slow(conn):
        attempts.append(time.monotonic())
        time.sleep(0.3)

    table = {**service_table, "uniprot": raw_server(slow)}
    answer = ask(settings_from(table, timeout=0.1, retries=1))
    assert answer.status == "error"
    # no reply to any request of the run: the host is silent, and down for the rest of it
    assert answer.error == "uniprot: sent no reply within 0.1 s"
    assert len(attempts) == 2  # the request and one retry


@pytest.mark.parametrize("status", [500, 503])
def test_retries_stop_after_the_configured_count(httpserver, service_table, status):
    uniprot(httpserver).respond_with_data("down", status=status)
    stats = RunStats()
    answer = ask(settings_from(service_table, retries=2), stats=stats)
    assert answer.status == "error"
    assert len(httpserver.log) == 3  # the request and two retries
    assert stats.requests == {"uniprot": 3}


def test_503_then_success_is_retried(httpserver, service_table):
    replies = iter([Response("busy", status=503), Response(FASTA)])
    uniprot(httpserver).respond_with_handler(lambda request: next(replies))
    assert ask(settings_from(service_table)).status == "found"
    assert len(httpserver.log) == 2


def test_429_waits_for_retry_after(httpserver, service_table):
    replies = iter(
        [Response("slow down", status=429, headers={"Retry-After": "1"}), Response(FASTA)]
    )
    uniprot(httpserver).respond_with_handler(lambda request: next(replies))
    started = time.monotonic()
    assert ask(settings_from(service_table)).status == "found"
    assert time.monotonic() - started >= 0.95


def test_malformed_json_is_an_error_and_not_cached(httpserver, service_table):
    httpserver.expect_request("/eutils/esummary.fcgi").respond_with_data(
        '{"result": {"uids": ["268"', content_type="application/json"
    )
    settings = settings_from(service_table)
    rs268 = Lookup("rsid", "rs268")
    assert ask(settings, rs268).status == "error"
    assert ask(settings, rs268).status == "error"
    assert len(httpserver.log) == 2  # asked again: the failure was not cached


def test_html_error_page_with_status_200_is_an_error(httpserver, service_table):
    page = (DATA / "content_negotiation_404_10.1126_foo.html").read_text()
    httpserver.expect_request("/crossref/works/10.1126/foo").respond_with_data(
        page, content_type="text/html"
    )
    answer = ask(settings_from(service_table), Lookup("doi", "10.1126/foo"))
    assert answer.status == "error"
    assert "malformed JSON" in answer.error


def test_oversized_response_is_an_error(httpserver, service_table):
    uniprot(httpserver).respond_with_data(FASTA)
    answer = ask(settings_from(service_table, **{"max-response-bytes": 100}))
    assert answer.status == "error" and "limit" in answer.error


def reset(conn):
    conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))  # close sends RST


def truncated(conn):
    conn.sendall(
        b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 5000\r\n\r\n>sp|P0A183|MERR"
    )


@pytest.mark.parametrize(
    "behave, message", [(reset, "connection failed"), (truncated, "cut short")]
)
def test_broken_connections_are_errors(service_table, raw_server, behave, message):
    table = {**service_table, "uniprot": raw_server(behave)}
    answer = ask(settings_from(table))
    assert answer.status == "error"
    assert message in answer.error


def test_redirect_to_another_host_is_not_followed(httpserver, service_table):
    uniprot(httpserver).respond_with_data(
        "", status=303, headers={"Location": "http://example.org/P0A183.fasta"}
    )
    answer = ask(settings_from(service_table))
    assert answer.status == "error"
    assert "not a configured service" in answer.error


def test_redirect_within_the_service_is_followed(httpserver, service_table):
    # UniProt sends a secondary accession to its primary entry.
    uniprot(httpserver).respond_with_data(
        "", status=303, headers={"Location": "/uniprot/uniprotkb/P0A184.fasta"}
    )
    httpserver.expect_request("/uniprot/uniprotkb/P0A184.fasta").respond_with_data(FASTA)
    assert ask(settings_from(service_table)).value.accession == "P0A183"


def test_unknown_kind_is_an_error(service_table):
    assert ask(settings_from(service_table), Lookup("pubmed", "123")).status == "error"


def test_refused_connection_is_said_as_such_not_as_a_timeout(service_table):
    listener = socket.create_server(("127.0.0.1", 0))
    port = listener.getsockname()[1]
    listener.close()  # nothing listens there now: the connection is refused at once
    table = {**service_table, "uniprot": f"http://127.0.0.1:{port}/uniprot"}
    answer = ask(settings_from(table))
    assert answer.status == "error"
    assert answer.error == "uniprot: unreachable (could not connect: Connection refused)"
