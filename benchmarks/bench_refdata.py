"""Reference-data figures: first lookup in a new process, resident memory, build time.

    python benchmarks/bench_refdata.py [--runs 5] [--sources DIR]

Figures, not pass/fail. Targets: first lookup ≤ 80 ms, loaded data ≤ 80 MB resident.
Runs against a throwaway cache dir; "cold" is the very first use after install (the bundled
snapshot is unpacked into the cache), "warm" every later process. The build time is measured
only with --sources, a folder holding NCBI's human_genes.tsv.gz and HGNC's hgnc_genes.tsv.gz
(genelint/refdata/data/README.md says where they come from).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

# Runs in a fresh interpreter: times import + open + first lookup, and measures RSS growth.
PROBE = r"""
import json, time
def rss_mb():
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
before = rss_mb()
started = time.perf_counter()
from genelint.refdata import load_gene_table
table = load_gene_table()
[gene] = table.by_symbol("ALAS2")
first_lookup = time.perf_counter() - started
for symbol in ("BMX", "TP53", "BRCA1", "MEMO1", "ALAS1"):
    table.by_symbol(symbol)
table.by_identifier("Ensembl", "ENSG00000102010")
after_lookups = rss_mb()
started = time.perf_counter()
names = table.gene_names()
gene_names_time = time.perf_counter() - started
print(json.dumps({"first_lookup": first_lookup, "rss_lookups": after_lookups - before,
                  "gene_names": gene_names_time, "rss_gene_names": rss_mb() - before}))
"""


MINIMAL = "from genelint.refdata import load_gene_table; load_gene_table().by_symbol('ALAS2')"


def run_python(code: str, cache: str) -> tuple[str, float]:
    environment = {**os.environ, "GENELINT_CACHE_DIR": cache, "PYTHONPATH": str(REPO)}
    started = time.perf_counter()
    output = subprocess.run(
        [sys.executable, "-c", code], env=environment, check=True, capture_output=True, text=True
    ).stdout
    return output, time.perf_counter() - started


def probe(cache: str) -> dict:
    output, _ = run_python(PROBE, cache)
    _, process = run_python(MINIMAL, cache)
    return {**json.loads(output), "process": process}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--sources", type=Path, help="folder with the two source TSVs (to time a build)"
    )
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    sys.path.insert(0, str(REPO))
    from genelint.refdata.build import SourceNote, build_from_files

    with tempfile.TemporaryDirectory() as scratch:
        cold = probe(scratch)
        warm = [probe(scratch) for _ in range(args.runs)]

        def median(key: str) -> float:
            return statistics.median(run[key] for run in warm)

        print(
            f"first lookup, cold cache (unpacks the bundle): {cold['first_lookup'] * 1000:7.1f} ms"
        )
        print(
            f"first lookup, warm cache (median of {args.runs}):   {median('first_lookup') * 1000:7.1f} ms"
        )
        print(f"whole process, interpreter start to exit:     {median('process') * 1000:7.1f} ms")
        print(f"resident memory after load + lookups:         {median('rss_lookups'):7.1f} MB")
        print(
            f"gene_names() build time:                      {median('gene_names') * 1000:7.1f} ms"
        )
        print(f"resident memory incl. gene_names():           {median('rss_gene_names'):7.1f} MB")

        if args.sources is None:
            print(
                "build: skipped (give --sources DIR with human_genes.tsv.gz and hgnc_genes.tsv.gz)"
            )
            return
        shared = args.sources
        notes = dict(
            ncbi_note=SourceNote("NCBI Gene", "2022-09-12"),
            hgnc_note=SourceNote("HGNC", "2024-01-18"),
        )
        for name in ("genes.sqlite", "genes.sqlite.xz"):
            out = Path(scratch) / name
            started = time.perf_counter()
            build_from_files(
                shared / "human_genes.tsv.gz", shared / "hgnc_genes.tsv.gz", out, **notes
            )
            print(
                f"build {name:16} {time.perf_counter() - started:5.1f} s, {out.stat().st_size / 1e6:5.1f} MB"
            )


if __name__ == "__main__":
    main()
