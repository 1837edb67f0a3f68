"""`genelint check` with its network rules against a loopback fake of the services.

Writes --pages gene pages (about three distinct lookups each: rsIDs, DOIs, a UniProt
accession every tenth page), serves E-utilities, Variation Services, Crossref, doi.org
and UniProt answers of each service's documented shape on 127.0.0.1, and runs the real
CLI on them with the real services' rate limits (Crossref's polite pool, E-utilities
without a key). Prints, as figures, never as pass/fail:

  - requests made vs the minimum the batch sizes allow (target <= 1.05x), per service;
  - the network phase's wall time vs the floor the rate limits set (target <= 1.2x).
    Lookups that depend on answers (the RefSNP record of an rs in several genes, the
    retraction notices of a Crossref DOI) are a second round, so the floor is the sum
    of each round's slowest host;
  - a warm re-run from the cache (target <= 10% of the offline check time + 0.5 s): the
    time the services layer takes to answer every lookup from the cache, and, stricter,
    the whole warm run's time over the offline check of the same pages.

    python benchmarks/bench_network.py [--pages 1000] [--runs 3]
"""

from __future__ import annotations

import argparse
import json
import math
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

from genelint.services import ServiceSettings

SERVICES = ("crossref", "doi", "eutils", "variation", "uniprot")
UNKNOWN_TO_CROSSREF = "/x-"  # DOIs with this in their suffix are left out by the fake Crossref
SECOND_GENE_EVERY = (
    100  # the first rs of every hundredth page lies in two genes (overlapping genes)
)
RETRACTED_EVERY = 40  # DOIs numbered so have a retraction notice


# --- the pages ----------------------------------------------------------------------------


def rsids_of(page: int) -> list[int]:
    return [page * 10 + j for j in range(1, 3 + (page % 5 < 2))]  # two or three rows: 2.4 a page


def dois_of(page: int) -> list[str]:
    if page % 2:
        return []
    return [
        f"10.5555/{'x-' if page % 40 == 0 else 'gene-'}{page}"
    ]  # one DOI in twenty unknown to Crossref


def in_two_genes(rs: int) -> bool:
    return rs % (10 * SECOND_GENE_EVERY) == 1


def change_of(rs: int) -> str:
    return f"p.Ala{rs % 300 + 1}Val"


def write_pages(folder: Path, count: int) -> None:
    for page in range(count):
        rows = "\n".join(f"| {change_of(rs)} | Missense | rs{rs} |" for rs in rsids_of(page))
        uniprot = f"- UniProtKB/Swiss-Prot: P{page:05d}\n" if page % 10 == 0 else ""
        papers = "".join(
            f"- Author: Smith J, Doe A\n  - Title: A study of GENE{page} numbered {doi[-6:]}\n"
            f"  - Journal: Journal of Genes\n  - DOI: {doi}\n"
            for doi in dois_of(page)
        )
        (folder / f"GENE{page}.md").write_text(
            f'---\ntitle: "GENE{page}"\nlayout: post\n---\n\n# Gene Information for GENE{page}\n\n'
            f"## External IDs and Aliases\n\n- HGNC: {page + 1}\n{uniprot}\n"
            f"## AA Mutation List\n\n| AA Mutation | Type | dbSNP ID |\n| ----------- | ---- | -------- |\n{rows}\n\n"
            f"## Related Papers\n\n{papers}\n",
            encoding="utf-8",
        )


def minimum_requests(pages: int, settings: ServiceSettings) -> list[dict[str, int]]:
    """The fewest requests each round can make, per host."""
    rsids = [rs for page in range(pages) for rs in rsids_of(page)]
    dois = [doi for page in range(pages) for doi in dois_of(page)]
    known = [doi for doi in dois if UNKNOWN_TO_CROSSREF not in doi]
    first = {
        "eutils": math.ceil(len(rsids) / settings.eutils_batch_size),
        "crossref": math.ceil(len(dois) / settings.crossref_batch_size),
        "doi": len(dois) - len(known),
        "uniprot": sum(page % 10 == 0 for page in range(pages)),
    }
    second = {
        "crossref": math.ceil(len(known) / settings.crossref_batch_size),  # retraction notices
        "variation": sum(in_two_genes(rs) for rs in rsids),  # RefSNP: which gene
    }
    return [first, second]


def floor_seconds(rounds: list[dict[str, int]], settings: ServiceSettings) -> float:
    """Each host's starts are 1/rate apart; DOIs ask Crossref before doi.org; hosts run side
    by side within a round, and a round starts when the one before has ended."""

    def host(counts: dict[str, int], name: str) -> float:
        return max(counts.get(name, 0) - 1, 0) / settings.rate_limits[name]

    return sum(
        max(
            host(r, "eutils"),
            host(r, "crossref") + host(r, "doi"),
            host(r, "uniprot"),
            host(r, "variation"),
        )
        for r in rounds
    )


# --- the fake services ----------------------------------------------------------------------


class FakeServices(BaseHTTPRequestHandler):
    """Answers generated records of each service's documented shape; logs arrival times."""

    arrivals: dict[str, list[float]] = defaultdict(list)
    lock = threading.Lock()
    protocol_version = "HTTP/1.1"  # keep-alive, as the real services

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
            rs = int(uid)
            genes = [(f"GENE{rs // 10}", 1000 + rs // 10)]
            changes = [f"NP_{rs // 10:06d}.1:{change_of(rs)}"]
            if in_two_genes(rs):
                genes.append(("OTHER1", 999999))
                changes.append(
                    f"NP_999999.1:{change_of(rs)}"
                )  # the same change named in both proteins
            result[uid] = {
                "uid": uid,
                "snp_id": rs,
                "genes": [{"name": name, "gene_id": str(gene_id)} for name, gene_id in genes],
                "docsum": f"HGVS={','.join(changes)}|SEQ=[C/T]|GENE={','.join(f'{n}:{i}' for n, i in genes)}",
            }
        return (
            200,
            json.dumps({"header": {"type": "esummary", "version": "0.3"}, "result": result}),
            "application/json",
        )

    def _variation(self, path: str, query: dict) -> tuple[int, str, str]:
        rs = int(path.removeprefix("refsnp/"))
        proteins = [
            (f"GENE{rs // 10}", 1000 + rs // 10, f"NP_{rs // 10:06d}.1"),
            ("OTHER1", 999999, "NP_999999.1"),
        ]
        genomic = {"seq_id": "NC_000001.11", "position": rs, "deleted_sequence": "C"}
        placements = [
            {
                "seq_id": "NC_000001.11",
                "is_ptlp": True,
                "alleles": [
                    {
                        "allele": {"spdi": {**genomic, "inserted_sequence": base}},
                        "hgvs": f"NC_000001.11:g.{rs + 1}{edit}",
                    }
                    for base, edit in (("C", "C="), ("T", "C>T"))
                ],
            }
        ]
        placements += [
            {
                "seq_id": protein,
                "is_ptlp": False,
                "alleles": [
                    {
                        "allele": {
                            "spdi": {
                                "seq_id": protein,
                                "position": rs % 300,
                                "deleted_sequence": "A",
                                "inserted_sequence": aa,
                            }
                        },
                        "hgvs": f"{protein}:p.Ala{rs % 300 + 1}{name}",
                    }
                    for aa, name in (("A", "="), ("V", "Val"))
                ],
            }
            for _, _, protein in proteins
        ]
        annotations = [
            {
                "assembly_annotation": [
                    {
                        "seq_id": "NC_000001.11",
                        "genes": [
                            {
                                "locus": symbol,
                                "id": gene_id,
                                "rnas": [
                                    {
                                        "product_id": protein,
                                        "protein": {
                                            "variant": {
                                                "spdi": {
                                                    "seq_id": protein,
                                                    "position": rs % 300,
                                                    "deleted_sequence": "A",
                                                    "inserted_sequence": aa,
                                                }
                                            }
                                        },
                                    }
                                ],
                            }
                            for symbol, gene_id, protein in proteins
                        ],
                    }
                ]
            }
            for aa in "AV"
        ]
        record = {
            "refsnp_id": str(rs),
            "primary_snapshot_data": {
                "placements_with_allele": placements,
                "allele_annotations": annotations,
            },
        }
        return 200, json.dumps(record), "application/json"

    def _crossref(self, path: str, query: dict) -> tuple[int, str, str]:
        if path == "works" and query["filter"].startswith("updates:"):
            targets = [part.removeprefix("updates:") for part in query["filter"].split(",")]
            items = [
                _notice(doi) for doi in targets if int(doi.rsplit("-", 1)[1]) % RETRACTED_EVERY == 2
            ]
            return 200, _work_list(items, query), "application/json"
        if path == "works":
            dois = [part.removeprefix("doi:") for part in query["filter"].split(",")]
            return (
                200,
                _work_list([_work(doi) for doi in dois if UNKNOWN_TO_CROSSREF not in doi], query),
                "application/json",
            )
        doi = path.removeprefix("works/")
        if UNKNOWN_TO_CROSSREF in doi:
            return 404, "Resource not found.", "text/plain"
        return (
            200,
            json.dumps({"status": "ok", "message-type": "work", "message": _work(doi)}),
            "application/json",
        )

    def _doi(self, path: str, query: dict) -> tuple[int, str, str]:
        doi = path.removeprefix("api/handles/")
        if int(doi.rsplit("-", 1)[1]) % 80:
            return 404, json.dumps({"responseCode": 100, "handle": doi}), "application/json"
        value = {
            "index": 1,
            "type": "URL",
            "data": {"format": "string", "value": "https://example.org/"},
        }
        return (
            200,
            json.dumps({"responseCode": 1, "handle": doi, "values": [value]}),
            "application/json",
        )

    def _uniprot(self, path: str, query: dict) -> tuple[int, str, str]:
        accession = path.removeprefix("uniprotkb/").removesuffix(".fasta")
        return (
            200,
            f">sp|{accession}|FAKE_HUMAN Fake protein OS=Homo sapiens OX=9606 GN=FAKE PE=1 SV=1\n"
            + "M"
            + "A" * 400
            + "\n",
            "text/plain",
        )  # Ala at every listed position


def _work(doi: str) -> dict:
    page = doi.rsplit("-", 1)[1]
    return {
        "DOI": doi,
        "title": [f"A study of GENE{page} numbered {doi[-6:]}"],
        "author": [{"family": "Smith"}, {"family": "Doe"}],
        "container-title": ["Journal of Genes"],
        "issued": {"date-parts": [[2015]]},
    }


def _notice(doi: str) -> dict:
    return {
        "DOI": f"{doi}.retraction",
        "title": ["Retraction notice"],
        "update-to": [
            {
                "DOI": doi,
                "type": "retraction",
                "source": "publisher",
                "updated": {"date-parts": [[2020, 1, 2]]},
            }
        ],
    }


def _work_list(items: list[dict], query: dict) -> str:
    message = {
        "items": items,
        "total-results": len(items),
        "items-per-page": int(query.get("rows", 20)),
    }
    return json.dumps({"status": "ok", "message-type": "work-list", "message": message})


# --- the runs -----------------------------------------------------------------------------


def genelint_command() -> list[str]:
    script = Path(sys.executable).with_name("genelint")
    return [str(script)] if script.exists() else [sys.executable, "-m", "genelint.cli"]


CPU_SECONDS: dict[str, list[float]] = defaultdict(list)  # run kind -> CPU seconds of each run


def run_check(folder: Path, env: dict, *args: str, kind: str = "") -> tuple[float, dict]:
    """Wall seconds and the report; the CPU seconds of the run's process tree (workers
    included: a shared machine's load hides in wall time) go to CPU_SECONDS[kind]."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run(
        genelint_command() + ["check", "--format", "json", *args, str(folder)],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    seconds = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    CPU_SECONDS[kind].append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    if done.returncode not in (0, 1):
        raise SystemExit(f"genelint check failed ({done.returncode}):\n{done.stderr}")
    return seconds, json.loads(done.stdout)


def tightest_window(arrivals: list[float], rate: float) -> float | None:
    """The shortest time any rate+1 consecutive arrivals span; >= 1 s means never over the limit."""
    arrivals, n = sorted(arrivals), int(rate)
    spans = [arrivals[i + n] - arrivals[i] for i in range(len(arrivals) - n)]
    return min(spans) if spans else None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--pages", type=int, default=1000, help="gene pages (default 1000, about 3 lookups each)"
    )
    parser.add_argument(
        "--runs",
        type=int,
        default=3,
        help="offline and warm runs to take the median of (default 3)",
    )
    args = parser.parse_args()

    server = ThreadingHTTPServer(("127.0.0.1", 0), FakeServices)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    with tempfile.TemporaryDirectory() as work:
        folder, cache = Path(work, "pages"), Path(work, "cache")
        folder.mkdir()
        write_pages(folder, args.pages)
        env = {
            key: value
            for key, value in os.environ.items()
            if not key.startswith("GENELINT_") and key != "NCBI_API_KEY"
        }
        env.update({f"GENELINT_{name.upper()}_URL": f"{base}/{name}" for name in SERVICES})
        env.update({"GENELINT_MAILTO": "bench@example.org", "GENELINT_CACHE_DIR": str(cache)})
        settings = ServiceSettings.from_table({}, env)

        offline_seconds = statistics.median(
            run_check(folder, env, "--offline", kind="offline")[0] for _ in range(args.runs)
        )
        cold_seconds, cold = run_check(folder, env, kind="cold")
        cold_stats = json.loads((cache / "services-last-run.json").read_text())
        warm_runs, warm_lookup_seconds = [], []
        for _ in range(args.runs):
            warm_runs.append(run_check(folder, env, kind="warm"))
            warm_lookup_seconds.append(
                json.loads((cache / "services-last-run.json").read_text())["seconds"]
            )
        warm_seconds, warm = (
            statistics.median(seconds for seconds, _ in warm_runs),
            warm_runs[-1][1],
        )
    server.shutdown()

    rounds = minimum_requests(args.pages, settings)
    least: dict[str, int] = defaultdict(int)
    for counts in rounds:
        for name, count in counts.items():
            least[name] += count
    floor = floor_seconds(rounds, settings)
    made = cold["summary"]["lookups"]["requests_by_service"]
    codes: dict[str, int] = defaultdict(int)
    for finding in cold["findings"]:
        codes[finding["code"]] += 1

    print(
        f"pages: {args.pages}; lookups asked: {cold['summary']['lookups']['asked']} distinct "
        f"({sum(rounds[0].values())} first-round requests at least, {sum(rounds[1].values())} follow-up)"
    )
    print(
        f"findings of the cold run: {', '.join(f'{c} {n}' for c, n in sorted(codes.items())) or 'none'}"
    )
    print(f"rate limits (req/s): {', '.join(f'{h} {settings.rate_limits[h]:g}' for h in SERVICES)}")
    for name in SERVICES:
        window = tightest_window(FakeServices.arrivals[name], settings.rate_limits[name])
        spread = f"{window:.3f} s" if window is not None else "n/a (too few requests)"
        print(
            f"  {name:9} requests {made.get(name, 0):5} (minimum {least[name]:4}), "
            f"tightest {settings.rate_limits[name] + 1:g} consecutive arrivals span {spread}"
        )
    total_made, total_least = sum(made.values()), sum(least.values())
    print(
        f"requests: {total_made} vs minimum {total_least} = {total_made / total_least:.3f}x (target <= 1.05x)"
    )
    network = cold_stats["seconds"]
    print(
        f"network phase (cold): {network:.2f} s vs rate-limit floor {floor:.2f} s = "
        f"{network / floor:.3f}x (target <= 1.2x); whole cold run {cold_seconds:.2f} s "
        f"(cpu {CPU_SECONDS['cold'][0]:.2f} s)"
    )
    target = 0.1 * offline_seconds + 0.5
    extra = warm_seconds - offline_seconds
    print(
        f"warm re-run: {warm['summary']['lookups']['requests']} requests, "
        f"{warm['summary']['lookups']['cache_hits']}/{warm['summary']['lookups']['asked']} from cache; "
        f"target <= 10% of the offline check ({offline_seconds:.2f} s) + 0.5 s = {target:.2f} s"
    )
    print(
        f"  lookups answered from the cache: {statistics.median(warm_lookup_seconds):.2f} s (the services layer)"
    )
    print(
        f"  whole warm run {warm_seconds:.2f} s, over the offline check: +{extra:.2f} s "
        f"(also the network rules, and with --jobs the documents shipped back to the main process)"
    )
    offline_cpu, warm_cpu = (statistics.median(CPU_SECONDS[kind]) for kind in ("offline", "warm"))
    print(
        f"  cpu (process tree, median): offline {offline_cpu:.2f} s, warm {warm_cpu:.2f} s "
        f"(+{warm_cpu - offline_cpu:.2f} s)"
    )


if __name__ == "__main__":
    main()
