"""Throughput and latency of `genelint check`, beside the parse floor and the targets.

    python benchmarks/bench_check.py [--corpus DIR] [--count 2000] [--runs 7]

(a) parse floor: python-frontmatter + mistune (AST, table plugin) alone over the corpus;
(b) `genelint check --offline` through the CLI in a subprocess, --jobs 1 and --jobs 2;
(c) wall time of `genelint check --offline` on one file in a new process (median of --runs):
    the pre-commit hook's case; online, the figure would time the network, not genelint;
(d) what issue 4's offline content rules add: `genelint check --offline --jobs 1` over the
    corpus with the foundation rules only (`--select GL0,GL1`) and with the content rules
    added, --runs of each taken in turn (so the machine's drift hits both alike), medians
    and their spread, and the added share.
Targets: (b) at --jobs 1 within 1.5x of (a); (c) <= 0.35 s; (d) <= +25%. Figures, never asserted.
Without --corpus a corpus is generated (make_corpus.py) into a temporary folder.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
FLOOR_RATIO_TARGET = 1.5
SINGLE_FILE_TARGET_S = 0.35
FOUNDATION_RULES = "GL0,GL1"
# Issue 4 ("Offline content rules"): the rules it added that run without the network.
CONTENT_RULES = "GL201,GL205,GL301,GL302,GL303,GL304,GL309,GL401,GL406,GL407,GL501,GL502,GL503,GL901,GL902,GL903"
CONTENT_OVERHEAD_TARGET = 0.25


def genelint_command() -> list[str]:
    """The installed console script beside this Python, else the module."""
    script = Path(sys.executable).with_name("genelint")
    return [str(script)] if script.exists() else [sys.executable, "-m", "genelint.cli"]


def parse_floor(paths: list[Path]) -> float:
    """Docs/s of reading, splitting the front matter and building mistune's AST: the least a parser does."""
    import frontmatter
    import mistune

    markdown = mistune.create_markdown(renderer="ast", plugins=["table"])
    start = time.perf_counter()
    for path in paths:
        post = frontmatter.loads(path.read_text(encoding="utf-8"))
        markdown(post.content)
    return len(paths) / (time.perf_counter() - start)


def cli_seconds(args: list[str], cwd: Path) -> float:
    start = time.perf_counter()
    done = subprocess.run(
        genelint_command() + args,
        cwd=cwd,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        check=False,
    )
    seconds = time.perf_counter() - start
    if done.returncode not in (0, 1):  # 0 clean, 1 findings; anything else timed a failure
        sys.exit(
            f"genelint {' '.join(args)} exited {done.returncode}:\n{done.stderr.decode(errors='replace')}"
        )
    return seconds


def check_throughput(corpus: Path, count: int, jobs: int) -> float:
    seconds = cli_seconds(
        ["check", "--offline", "--quiet", "--jobs", str(jobs), str(corpus)], cwd=corpus
    )
    return count / seconds


def single_file_seconds(page: Path, runs: int) -> float:
    return statistics.median(
        cli_seconds(["check", "--offline", str(page)], cwd=page.parent) for _ in range(runs)
    )


def content_rules_seconds(corpus: Path, runs: int) -> tuple[list[float], list[float]]:
    """Seconds of each run with the foundation rules only, and with the content rules added."""

    def check(select: str) -> float:
        return cli_seconds(
            ["check", "--offline", "--quiet", "--jobs", "1", "--select", select, str(corpus)],
            cwd=corpus,
        )

    foundation, content = [], []
    for _ in range(runs):
        foundation.append(check(FOUNDATION_RULES))
        content.append(check(f"{FOUNDATION_RULES},{CONTENT_RULES}"))
    return foundation, content


def spread(seconds: list[float]) -> str:
    return f"median of {len(seconds)}, {min(seconds):.3f}-{max(seconds):.3f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, help="a folder of pages (default: generate one)")
    parser.add_argument("--count", type=int, default=2000, help="pages to generate (default 2000)")
    parser.add_argument(
        "--runs",
        type=int,
        default=7,
        help="runs of (c) and of each half of (d) to take the median of",
    )
    args = parser.parse_args()

    sys.path.insert(0, str(HERE))
    from make_corpus import corpus_folder

    with corpus_folder(args.corpus, args.count) as corpus:
        paths = sorted(corpus.glob("*.md"))
        floor = parse_floor(paths)
        jobs1 = check_throughput(corpus, len(paths), 1)
        jobs2 = check_throughput(corpus, len(paths), 2)
        single = single_file_seconds(REPO / "examples" / "ALAS2.md", args.runs)
        foundation, content = content_rules_seconds(corpus, args.runs)

    print(f"corpus: {len(paths)} pages")
    print(f"(a) parse floor (frontmatter + mistune)   {floor:8.0f} docs/s")
    print(
        f"(b) genelint check --offline --jobs 1     {jobs1:8.0f} docs/s   floor/check = {floor / jobs1:.2f}x (target <= {FLOOR_RATIO_TARGET}x)"
    )
    print(f"    genelint check --offline --jobs 2     {jobs2:8.0f} docs/s")
    print(
        f"(c) genelint check --offline, one file    {single:8.3f} s        (target <= {SINGLE_FILE_TARGET_S} s, median of {args.runs})"
    )
    base, added = statistics.median(foundation), statistics.median(content)
    print(
        f"{'(d) --jobs 1, --select ' + FOUNDATION_RULES:42}{base:8.3f} s        ({spread(foundation)})"
    )
    print(f"{'    with issue 4 content rules added':42}{added:8.3f} s        ({spread(content)})")
    print(
        f"{'    added by the content rules':42}{(added / base - 1) * 100:+7.1f} %        (target <= +{CONTENT_OVERHEAD_TARGET:.0%})"
    )


if __name__ == "__main__":
    main()
