"""Does an optimisation change any report? Compares JSON reports byte for byte.

    python benchmarks/compare_reports.py --before OTHER_GENELINT [--after genelint] [--pages 2000]

OTHER_GENELINT is the `genelint` script of another install (e.g. a venv with the commit before
the change: `python -m venv /tmp/before && /tmp/before/bin/pip install 'git+…@COMMIT'` or
`pip install` of an unpacked `git archive`). Both are run on a generated corpus
(make_corpus.py), on the rule fixtures (tests/rules/fixtures) and on examples/, offline; the
new one cold (--no-cache), at --jobs 1 and 2, and twice more with its result cache (the second
time every page comes from the cache). Prints one line per case: identical or not.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))

from make_corpus import write_corpus  # noqa: E402


def report(genelint: str, folder: Path, cache: Path, *extra: str) -> bytes:
    done = subprocess.run(
        [genelint, "check", "--offline", "--format", "json", *extra, "."],
        cwd=folder,
        env={**os.environ, "GENELINT_CACHE_DIR": str(cache)},
        capture_output=True,
        check=False,
    )
    if done.returncode not in (0, 1):
        sys.exit(
            f"{genelint} {' '.join(extra)} in {folder} exited {done.returncode}:\n{done.stderr.decode(errors='replace')}"
        )
    return done.stdout


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--before", required=True, help="the genelint script to compare with")
    parser.add_argument(
        "--after",
        default=str(Path(sys.executable).with_name("genelint")),
        help="default: this venv's",
    )
    parser.add_argument("--pages", type=int, default=2000)
    args = parser.parse_args()
    scratch = Path(tempfile.mkdtemp(prefix="genelint-compare-"))
    different = 0
    try:
        corpus = scratch / "pages"
        write_corpus(corpus, args.pages, seed=1, problem_share=0.3)
        for name, folder in (
            ("corpus", corpus),
            ("fixtures", REPO / "tests" / "rules" / "fixtures"),
            ("examples", REPO / "examples"),
        ):
            before = report(
                args.before, folder, scratch / "cache-before", "--no-cache", "--jobs", "1"
            )
            cases = {
                "--jobs 1 --no-cache": report(
                    args.after, folder, scratch / "cache-after", "--no-cache", "--jobs", "1"
                ),
                "--jobs 2 --no-cache": report(
                    args.after, folder, scratch / "cache-after", "--no-cache", "--jobs", "2"
                ),
                "--jobs 2, cold result cache": report(
                    args.after, folder, scratch / f"cache-{name}", "--jobs", "2"
                ),
                "--jobs 1, warm result cache": report(
                    args.after, folder, scratch / f"cache-{name}", "--jobs", "1"
                ),
            }
            for case, after in cases.items():
                same = after == before
                different += not same
                print(
                    f"{name:9} {case:30} {'identical' if same else 'DIFFERENT'} ({len(before):,} bytes)"
                )
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    sys.exit(1 if different else 0)


if __name__ == "__main__":
    main()
