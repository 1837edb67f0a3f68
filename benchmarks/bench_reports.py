"""What each report format costs on a corpus, beside the run it reports on.

    python benchmarks/bench_reports.py [--corpus DIR] [--count 2000] [--runs 5]

The corpus is checked once (offline, in this process); then each format renders the same
findings --runs times and the median time and the size of its output are printed, beside
the check itself. SARIF and gitlab read each page with findings again (for fingerprints);
html parses them again. Figures, never asserted.
Without --corpus a corpus is generated (make_corpus.py) into a temporary folder.
"""

from __future__ import annotations

import argparse
import functools
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, help="a folder of pages (default: generate one)")
    parser.add_argument("--count", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    sys.path.insert(0, str(HERE))
    from make_corpus import corpus_folder

    with corpus_folder(args.corpus, args.count) as corpus:
        measure(corpus, args.runs)


def measure(corpus: Path, runs: int) -> None:
    from genelint.config import load_settings
    from genelint.engine import Linter, read_document
    from genelint.files import discover
    from genelint.registry import load_registry
    from genelint.reporters import FORMATS, Report, render

    settings = load_settings(None, corpus)
    registry = load_registry(settings.rule_paths)
    files = discover([str(corpus)], settings)
    start = time.perf_counter()
    run = Linter(settings, registry, offline=True).run(files, jobs=1)
    check_seconds = time.perf_counter() - start
    print(
        f"corpus: {len(files)} pages, {len(run.findings)} findings in {len({f.path for f in run.findings})} pages"
    )
    print(f"check --offline --jobs 1: {check_seconds:.2f} s")
    print(f"{'format':8} {'median s':>9} {'of check':>9} {'output':>10}")
    for fmt in FORMATS:
        seconds, size = [], 0
        for _ in range(runs):
            # A new Report each time: pages read for fingerprints or context count every run.
            report = Report(
                run.findings,
                len(files),
                settings.fail_on,
                files=files,
                root=str(corpus),
                rules={rule.code: rule for rule in registry},
                document_of=functools.partial(read_document, settings=settings),
            )
            start = time.perf_counter()
            size = len(render(report, fmt).encode("utf-8", "surrogateescape"))
            seconds.append(time.perf_counter() - start)
        median = statistics.median(seconds)
        print(f"{fmt:8} {median:9.3f} {median / check_seconds:8.1%} {size / 1024:8.0f} KB")


if __name__ == "__main__":
    main()
