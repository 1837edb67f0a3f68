import time

from werkzeug import Response

from genelint.rule import Lookup
from genelint.services import RunStats, resolve
from genelint.services.ratelimit import PACING_MARGIN, HostLimiter

from .conftest import DATA, settings_from


def test_limiter_spaces_request_starts():
    limiter = HostLimiter(rate=20, concurrency=1)
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
        httpserver.expect_request(f"/uniprot/uniprotkb/P0A{n:03d}.fasta").respond_with_handler(record)
    rate = 10
    table = {**service_table, "rate-limits": {"uniprot": rate}, "concurrency": {"uniprot": 4}}
    stats = RunStats()
    lookups = [Lookup("uniprot", f"P0A{n:03d}") for n in range(1, 15)] + [Lookup("uniprot", "P0A183")]
    resolve(lookups, settings_from(table), stats=stats)
    assert stats.requests == {"uniprot": 15}
    arrivals.sort()
    # Any `rate` + 1 consecutive arrivals span at least a second: no one-second window holds more.
    spans = [arrivals[i + rate] - arrivals[i] for i in range(len(arrivals) - rate)]
    assert min(spans) >= 1.0
