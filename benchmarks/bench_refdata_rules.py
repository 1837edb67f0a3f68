"""Reference-data rules: GL405's precision and recall on real paper titles, and what the rules cost.

    python benchmarks/bench_refdata_rules.py [--titles benchmarks/data/paper_titles.tsv]
                                             [--corpus DIR | --count 300] [--runs 5] [--show-errors]

(a) GL405 on `data/paper_titles.tsv`: each row is a real title, the symbol of a page citing it
    and whether the paper is about that page's gene (`about`) or about another gene (`other`).
    A flag on an `other` row is a true positive, on an `about` row a false positive. Recall is
    given over all `other` rows and over those whose title names some gene at all (a title
    naming no gene is never flagged, by design).
(b) The time GL202, GL203, GL204, GL206 and GL405 add to the offline check, per document: the
    whole check in-process (median of --runs over the corpus, reference table already loaded,
    as in a long run) and `genelint check --offline` end to end, with and without
    `--ignore GL202,GL203,GL204,GL206,GL405`. Target: at most 15% more.
"""

from __future__ import annotations

import argparse
import csv
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).parent
REFDATA_CODES = "GL202,GL203,GL204,GL206,GL405"


def read_titles(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


def measure_gl405(rows: list[dict[str, str]], show_errors: bool) -> None:
    from genelint.genementions import other_gene_mentions
    from genelint.refdata import load_gene_table
    from genelint.rules.citations import paper_mismatch

    table = load_gene_table()
    counts = {"tp": 0, "fp": 0, "fn": 0, "tn": 0}
    naming_other, caught_naming = 0, 0
    errors = []
    for row in rows:
        gene = table.by_symbol(row["page_symbol"])[0]
        flagged = paper_mismatch(row["title"], gene, table)
        other = row["label"] == "other"
        key = ("tp" if flagged else "fn") if other else ("fp" if flagged else "tn")
        counts[key] += 1
        if other and other_gene_mentions(row["title"], table.name_index()):
            naming_other += 1
            caught_naming += bool(flagged)
        if key in ("fp", "fn"):
            errors.append(
                f"  {key.upper()} page {row['page_symbol']}: {row['title']}"
                + (f"  [{flagged}]" if flagged else "")
            )
    flagged_total = counts["tp"] + counts["fp"]
    precision = counts["tp"] / flagged_total if flagged_total else float("nan")
    recall = counts["tp"] / (counts["tp"] + counts["fn"])
    print(
        f"(a) GL405 on {len(rows)} real titles ({sum(r['label'] == 'about' for r in rows)} about the page's gene, "
        f"{sum(r['label'] == 'other' for r in rows)} about others)"
    )
    print(
        f"    flagged {flagged_total}: {counts['tp']} true, {counts['fp']} false; missed {counts['fn']}"
    )
    print(
        f"    precision {precision:.3f}   recall {recall:.3f} (all 'other' titles)   "
        f"recall {caught_naming / naming_other if naming_other else float('nan'):.3f} "
        f"({caught_naming}/{naming_other} 'other' titles that name a gene)"
    )
    if show_errors:
        print("\n".join(errors))


def in_process_seconds(paths: list[str], runs: int) -> tuple[float, float]:
    """Median seconds of a whole offline run (without, with) the refdata rules, runs interleaved
    so that a busy machine slows both alike."""
    from genelint.config import settings_from_table
    from genelint.engine import Linter
    from genelint.registry import load_registry

    settings = settings_from_table({})
    linters = [
        Linter(settings, load_registry(), ignore=ignore, offline=True)
        for ignore in (REFDATA_CODES.split(","), [])
    ]
    for linter in linters:
        linter.run(paths[:5])  # load the reference table and warm imports, as a long run has
    times: tuple[list[float], list[float]] = ([], [])
    for _ in range(runs):
        for linter, spent in zip(linters, times):
            start = time.perf_counter()
            linter.run(paths)
            spent.append(time.perf_counter() - start)
    return statistics.median(times[0]), statistics.median(times[1])


def cli_seconds(corpus: Path, runs: int) -> tuple[float, float]:
    """Median seconds of `genelint check --offline` (without, with) the refdata rules, interleaved."""
    command = [
        sys.executable,
        "-m",
        "genelint.cli",
        "check",
        "--offline",
        "--quiet",
        "--jobs",
        "1",
        str(corpus),
    ]
    times: tuple[list[float], list[float]] = ([], [])
    for _ in range(runs):
        for extra, spent in zip((["--ignore", REFDATA_CODES], []), times):
            start = time.perf_counter()
            subprocess.run(
                [*command, *extra],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                check=False,
            )
            spent.append(time.perf_counter() - start)
    return statistics.median(times[0]), statistics.median(times[1])


def measure_overhead(corpus: Path, runs: int) -> None:
    paths = sorted(str(p) for p in corpus.glob("*.md"))
    n = len(paths)
    without, with_rules = in_process_seconds(paths, runs)
    print(f"(b) {n} pages, offline check in-process (median of {runs}):")
    print(
        f"    without the refdata rules {without / n * 1000:.2f} ms/page, with them {with_rules / n * 1000:.2f} ms/page: "
        f"+{(with_rules - without) / n * 1000:.2f} ms/page = {(with_rules / without - 1) * 100:+.1f}% (target <= +15%)"
    )
    cli_without, cli_with = cli_seconds(corpus, runs)
    print(
        f"    `genelint check --offline` end to end: {cli_without:.2f} s without, {cli_with:.2f} s with: "
        f"+{(cli_with - cli_without) / n * 1000:.2f} ms/page = {(cli_with / cli_without - 1) * 100:+.1f}% "
        f"(includes loading the table once)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--titles", type=Path, default=HERE / "data" / "paper_titles.tsv")
    parser.add_argument(
        "--corpus", type=Path, help="a folder of pages (default: generate --count pages)"
    )
    parser.add_argument("--count", type=int, default=300)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument(
        "--show-errors", action="store_true", help="list the false positives and misses"
    )
    args = parser.parse_args()
    measure_gl405(read_titles(args.titles), args.show_errors)
    if args.corpus:
        measure_overhead(args.corpus, args.runs)
        return
    sys.path.insert(0, str(HERE))
    from make_corpus import write_corpus

    with tempfile.TemporaryDirectory() as folder:
        write_corpus(Path(folder), args.count, seed=1, problem_share=0.3)
        measure_overhead(Path(folder), args.runs)


if __name__ == "__main__":
    main()
