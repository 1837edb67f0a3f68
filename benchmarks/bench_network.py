"""Services layer against a loopback fake of Crossref, doi.org, E-utilities and UniProt.

Runs with the real services' rate limits (Crossref's polite pool, E-utilities without a
key) and prints requests made vs the minimum the batch sizes allow, wall time vs the
floor the rate limits set, and a warm re-run from the cache. Figures, not pass/fail.

    python benchmarks/bench_network.py [--lookups 3000]
"""

from __future__ import annotations

import argparse
import json
import math
import tempfile
import threading
import time
from collections import defaultdict
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, unquote, urlsplit

from genelint.rule import Lookup
from genelint.services import RunStats, ServiceSettings, resolve

# Shares of the lookups: mostly rsIDs, as in mutation tables; UniProt is one request each.
SHARES = {"rsid": 0.80, "doi": 0.167, "uniprot": 0.033}
UNKNOWN_TO_CROSSREF = "/x-"  # DOIs with this in their suffix are left out by the fake Crossref


class FakeServices(BaseHTTPRequestHandler):
    """Answers generated records of each service's documented shape; logs arrival times."""

    arrivals: dict[str, list[float]] = defaultdict(list)
    lock = threading.Lock()

    def do_GET(self) -> None:
        url = urlsplit(self.path)
        service, _, rest = url.path.lstrip("/").partition("/")
        with self.lock:
            self.arrivals[service].append(time.monotonic())
        query = {key: values[0] for key, values in parse_qs(url.query).items()}
        status, body, content_type = getattr(self, f"_{service}")(unquote(rest), query)
        data = body.encode()
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args: object) -> None:
        pass

    def _eutils(self, path: str, query: dict) -> tuple[int, str, str]:
        result: dict = {"uids": query["id"].split(",")}
        for uid in result["uids"]:
            n = int(uid)
            if n % 97 == 0:
                result[uid] = {"uid": uid, "error": "cannot get document summary"}
                continue
            gene = f"GENE{n % 500}"
            result[uid] = {
                "uid": uid, "snp_id": n + 1 if n % 50 == 0 else n,
                "genes": [{"name": gene, "gene_id": str(1000 + n % 500)}],
                "docsum": f"HGVS=NM_000001.1:c.{n % 900 + 1}C>T,NP_000001.1:p.Ala{n % 300 + 1}Val"
                          f"|SEQ=[C/T]|GENE={gene}:{1000 + n % 500}",
            }
        return 200, json.dumps({"header": {"type": "esummary", "version": "0.3"}, "result": result}), "application/json"

    def _crossref(self, path: str, query: dict) -> tuple[int, str, str]:
        if path == "works":
            dois = [part.removeprefix("doi:") for part in query["filter"].split(",")]
            items = [_work(doi) for doi in dois if UNKNOWN_TO_CROSSREF not in doi]
            message = {"items": items, "total-results": len(items), "items-per-page": int(query["rows"])}
            return 200, json.dumps({"status": "ok", "message-type": "work-list", "message": message}), "application/json"
        doi = path.removeprefix("works/")
        if UNKNOWN_TO_CROSSREF in doi:
            return 404, "Resource not found.", "text/plain"
        return 200, json.dumps({"status": "ok", "message-type": "work", "message": _work(doi)}), "application/json"

    def _doi(self, path: str, query: dict) -> tuple[int, str, str]:
        doi = path.removeprefix("api/handles/")
        if int(doi.rsplit("-", 1)[1]) % 2:
            return 404, json.dumps({"responseCode": 100, "handle": doi}), "application/json"
        value = {"index": 1, "type": "URL", "data": {"format": "string", "value": "https://example.org/"}}
        return 200, json.dumps({"responseCode": 1, "handle": doi, "values": [value]}), "application/json"

    def _uniprot(self, path: str, query: dict) -> tuple[int, str, str]:
        accession = path.removeprefix("uniprotkb/").removesuffix(".fasta")
        return 200, f">sp|{accession}|FAKE_HUMAN Fake protein OS=Homo sapiens OX=9606 GN=FAKE PE=1 SV=1\n" \
                    + "MKTAYIAKQRQISFVKSHFSRQ" * 5 + "\n", "text/plain"


def _work(doi: str) -> dict:
    return {"DOI": doi, "title": [f"A study numbered {doi[-6:]}"], "author": [{"family": "Smith"}],
            "container-title": ["Journal of Genes"], "issued": {"date-parts": [[2015]]}}


def make_lookups(total: int) -> list[Lookup]:
    counts = {kind: max(1, round(total * share)) for kind, share in SHARES.items()}
    lookups = [Lookup("rsid", f"rs{n}") for n in range(1, counts["rsid"] + 1)]
    # One DOI in twenty is unknown to Crossref and goes on to the handle API.
    lookups += [Lookup("doi", f"10.5555/{'x-' if n % 20 == 0 else 'gene-'}{n}") for n in range(counts["doi"])]
    lookups += [Lookup("uniprot", f"P{n:05d}") for n in range(counts["uniprot"])]
    return lookups


def minimum_requests(lookups: list[Lookup], settings: ServiceSettings) -> dict[str, int]:
    by_kind = defaultdict(list)
    for lookup in lookups:
        by_kind[lookup.kind].append(lookup.key)
    return {
        "eutils": math.ceil(len(by_kind["rsid"]) / settings.eutils_batch_size),
        "crossref": math.ceil(len(by_kind["doi"]) / settings.crossref_batch_size),
        "doi": sum(UNKNOWN_TO_CROSSREF in doi for doi in by_kind["doi"]),
        "uniprot": len(by_kind["uniprot"]),
    }


def floor_seconds(requests: dict[str, int], settings: ServiceSettings) -> float:
    """The least time the rate limits allow: each host's starts are 1/rate apart, DOIs ask
    Crossref before doi.org, and the kinds run side by side."""
    def host(name: str) -> float:
        return max(requests.get(name, 0) - 1, 0) / settings.rate_limits[name]

    return max(host("eutils"), host("crossref") + host("doi"), host("uniprot"))


def tightest_window(arrivals: list[float], rate: float) -> float | None:
    """The shortest time any rate+1 consecutive arrivals span; >= 1 s means never over the limit
    (loopback connection set-up adds a few milliseconds of jitter either way)."""
    arrivals, n = sorted(arrivals), int(rate)
    spans = [arrivals[i + n] - arrivals[i] for i in range(len(arrivals) - n)]
    return min(spans) if spans else None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lookups", type=int, default=3000, help="distinct lookups (default 3000)")
    args = parser.parse_args()

    server = ThreadingHTTPServer(("127.0.0.1", 0), FakeServices)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    with tempfile.TemporaryDirectory() as cache_dir:
        table = {name: f"{base}/{name}" for name in ("crossref", "doi", "eutils", "uniprot")}
        table.update({"mailto": "bench@example.org", "cache-path": cache_dir})
        settings = ServiceSettings.from_table(table, {})
        lookups = make_lookups(args.lookups)

        cold = RunStats()
        started = time.monotonic()
        answers = resolve(lookups, settings, stats=cold)
        cold_seconds = time.monotonic() - started
        warm = RunStats()
        started = time.monotonic()
        resolve(lookups, settings, stats=warm)
        warm_seconds = time.monotonic() - started
    server.shutdown()

    minimum = minimum_requests(lookups, settings)
    floor = floor_seconds(minimum, settings)
    made, least = sum(cold.requests.values()), sum(minimum.values())
    statuses = defaultdict(int)
    for answer in answers.values():
        statuses[answer.status] += 1
    print(f"lookups: {len(lookups)} distinct ({', '.join(f'{s} {n}' for s, n in sorted(statuses.items()))})")
    print(f"rate limits (req/s): {', '.join(f'{h} {settings.rate_limits[h]:g}' for h in minimum)}")
    for name in minimum:
        window = tightest_window(FakeServices.arrivals[name], settings.rate_limits[name])
        spread = f"{window:.3f} s" if window is not None else "n/a (too few requests)"
        print(f"  {name:9} requests {cold.requests.get(name, 0):5} (minimum {minimum[name]:4}), "
              f"tightest {settings.rate_limits[name] + 1:g} consecutive arrivals span {spread}")
    print(f"requests: {made} vs minimum {least} = {made / least:.3f}x (target <= 1.05x)")
    print(f"cold wall time: {cold_seconds:.2f} s vs rate-limit floor {floor:.2f} s = "
          f"{cold_seconds / floor:.3f}x (target <= 1.2x)")
    print(f"warm re-run: {warm_seconds:.3f} s, {sum(warm.requests.values())} requests, "
          f"{warm.cache_hits}/{warm.lookups} from cache")


if __name__ == "__main__":
    main()
