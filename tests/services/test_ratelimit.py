import time

from werkzeug import Response

from genelint.rule import Lookup
from genelint.services import RunStats, resolve
from genelint.services.ratelimit import PACING_MARGIN, HostCounter, HostLimiter

from .conftest import DATA, settings_from


def test_limiter_spaces_request_starts():
    limiter = HostCounter(HostLimiter(rate=20, concurrency=1))
    started = time.monotonic()
    for _ in range(11):
        limiter.wait_turn()
    assert time.monotonic() - started >= 0.5 * PACING_MARGIN
    assert limiter.requests == 11


def test_server_never_sees_more_than_the_rate_limit(httpserver, service_table):
    arrivals = []
    fasta = (DATA / "P0A183.fasta").read_text()

    def record(request):
        arrivals.append(time.monotonic())
        return Response(fasta)

    httpserver.expect_request("/uniprot/uniprotkb/P0A183.fasta").respond_with_handler(record)
    for n in range(1, 15):
        httpserver.expect_request(f"/uniprot/uniprotkb/P0A{n:03d}.fasta").respond_with_handler(
            record
        )
    rate = 10
    table = {**service_table, "rate-limits": {"uniprot": rate}, "concurrency": {"uniprot": 4}}
    stats = RunStats()
    lookups = [Lookup("uniprot", f"P0A{n:03d}") for n in range(1, 15)] + [
        Lookup("uniprot", "P0A183")
    ]
    resolve(lookups, settings_from(table), stats=stats)
    assert stats.requests == {"uniprot": 15}
    arrivals.sort()
    # Any `rate` + 1 consecutive arrivals span at least a second: no one-second window holds more.
    spans = [arrivals[i + rate] - arrivals[i] for i in range(len(arrivals) - rate)]
    assert min(spans) >= 1.0


def test_a_back_off_reaches_a_thread_already_waiting():
    import threading

    limiter = HostLimiter(rate=2, concurrency=1)
    limiter.wait_turn()  # the next start is booked half a second out
    started = time.monotonic()
    waiter = threading.Thread(target=limiter.wait_turn)
    waiter.start()
    time.sleep(0.1)
    limiter.hold_off(1.0)  # a 429 with Retry-After: 1 while the waiter sleeps
    waiter.join()
    assert time.monotonic() - started >= 1.1 - 0.01


def serve_fasta(httpserver, accessions, log):
    fasta = (DATA / "P0A183.fasta").read_text()

    def record(request):
        log.append(("in", time.monotonic()))
        time.sleep(0.05)
        log.append(("out", time.monotonic()))
        return Response(fasta)

    for accession in accessions:
        httpserver.expect_request(f"/uniprot/uniprotkb/{accession}.fasta").respond_with_handler(
            record
        )


def test_pacing_carries_over_from_one_resolve_to_the_next(httpserver, service_table):
    # Lookups resolved in rounds open a session per round; the service sees one client.
    log = []
    accessions = [f"P0B{n:03d}" for n in range(4)]
    serve_fasta(httpserver, accessions, log)
    table = {**service_table, "rate-limits": {"uniprot": 4}, "concurrency": {"uniprot": 1}}
    resolve([Lookup("uniprot", a) for a in accessions[:2]], settings_from(table))
    resolve([Lookup("uniprot", a) for a in accessions[2:]], settings_from(table))
    arrivals = [t for what, t in log if what == "in"]
    assert len(arrivals) == 4
    # The client spaces its sends 0.25 s (and a margin) apart; the server notes an arrival
    # when its thread gets the CPU, so on a busy machine one may be noted late and the next
    # gap look shorter (0.2469 s was seen). Unpaced, the gaps would be milliseconds.
    assert min(b - a for a, b in zip(arrivals, arrivals[1:])) >= 0.2


def test_first_requests_open_connections_one_at_a_time(httpserver, service_table):
    # A connection's set-up delays its first request; until `concurrency` requests have been
    # answered none overlaps another, so none can overtake a slower first one.
    log = []
    accessions = [f"P0C{n:03d}" for n in range(6)]
    serve_fasta(httpserver, accessions, log)
    table = {**service_table, "rate-limits": {"uniprot": 1000}, "concurrency": {"uniprot": 3}}
    resolve([Lookup("uniprot", a) for a in accessions], settings_from(table))
    events = [what for what, _ in sorted(log, key=lambda e: e[1])]
    assert events[:6] == ["in", "out"] * 3
    assert events.count("in") == 6
