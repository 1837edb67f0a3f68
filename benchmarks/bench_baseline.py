"""How well a baseline keeps its findings matched while pages change, and what it costs.

    python benchmarks/bench_baseline.py [--count 500] [--seed 1]

Writes a corpus (make_corpus.py, half the pages with faults) to a temporary folder,
records a baseline of `genelint check --offline`, then edits the pages and compares:
- unrelated edits: a paragraph added above the first section and a sentence added to the
  last section of every page (every finding's line moves, none is touched): each
  recorded finding should stay matched, nothing new, nothing stale;
- a finding's own line edited (a word added to the line of the first finding of every
  tenth page): that finding should turn new and its entry stale, the rest stay matched.
Prints the counts, and the time of a run with --baseline beside one without. Figures, not
pass/fail.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def genelint(*args: str, cwd: Path) -> tuple[dict, float]:
    start = time.perf_counter()
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "genelint.cli",
            "check",
            "--offline",
            "--format",
            "json",
            "--jobs",
            "1",
            *args,
        ],
        cwd=cwd,
        capture_output=True,
        text=True,
    )
    elapsed = time.perf_counter() - start
    if done.returncode not in (0, 1):
        raise SystemExit(f"genelint failed ({done.returncode}): {done.stderr}")
    return json.loads(done.stdout), elapsed


def edit_unrelated(page: Path) -> None:
    lines = page.read_text(encoding="utf-8").split("\n")
    first_section = next(i for i, line in enumerate(lines) if line.startswith("## "))
    lines[first_section:first_section] = ["Curators' note: this page is under review.", ""]
    lines.append("Last checked by the curation team.")
    page.write_text("\n".join(lines), encoding="utf-8")


def edit_line(page: Path, line: int) -> None:
    lines = page.read_text(encoding="utf-8").split("\n")
    lines[line - 1] = lines[line - 1] + " (edited)"
    page.write_text("\n".join(lines), encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=500)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        subprocess.run(
            [
                sys.executable,
                str(HERE / "make_corpus.py"),
                str(root / "content"),
                "--count",
                str(args.count),
                "--seed",
                str(args.seed),
                "--problems",
                "0.5",
            ],
            check=True,
            capture_output=True,
        )
        report, plain = genelint("--write-baseline", "baseline.json", "content", cwd=root)
        recorded = report["summary"]["baseline"]["written"]
        size = (root / "baseline.json").stat().st_size
        report, compared = genelint("--baseline", "baseline.json", "content", cwd=root)
        _, without = genelint("content", cwd=root)
        print(
            f"pages: {args.count}; findings recorded: {recorded}; baseline file: {size:,} bytes "
            f"({size / max(recorded, 1):.0f} bytes a finding)"
        )
        print(
            f"run without --baseline: {without:.2f} s; with --baseline: {compared:.2f} s; recording: {plain:.2f} s"
        )

        for page in sorted((root / "content").rglob("*.md")):
            edit_unrelated(page)
        report, _ = genelint("--baseline", "baseline.json", "content", cwd=root)
        summary = report["summary"]
        print(
            f"unrelated edits on every page: matched {summary['baseline']['hidden']} of {recorded}, "
            f"new {summary['findings']}, stale {summary['baseline']['stale']}"
        )

        # A finding's own line, on every tenth page that has one.
        first: dict[str, int] = {}
        listed, _ = genelint("content", cwd=root)
        for finding in listed["findings"]:
            first.setdefault(finding["path"], finding["line"])
        chosen = sorted(first)[::10]
        for path in chosen:
            edit_line(root / path, first[path])
        report, _ = genelint("--baseline", "baseline.json", "content", cwd=root)
        summary = report["summary"]
        touched = sum(
            1 for f in listed["findings"] if f["path"] in chosen and f["line"] == first[f["path"]]
        )
        caused = len(genelint("content", cwd=root)[0]["findings"]) - len(listed["findings"])
        print(
            f"own line edited on {len(chosen)} pages ({touched} findings on those lines; the edit adds {caused} findings): "
            f"matched {summary['baseline']['hidden']} of {recorded}, new {summary['findings']}, stale {summary['baseline']['stale']}"
        )


if __name__ == "__main__":
    main()
