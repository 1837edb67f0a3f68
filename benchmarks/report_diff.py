"""Findings before and after a change: the JSON report over every page the project has.

    python benchmarks/report_diff.py snapshot OUT.json [--count 2000]
    python benchmarks/report_diff.py compare BEFORE.json AFTER.json

`snapshot` runs `genelint check --offline --format json --jobs 1 --no-cache` over the
generated benchmark corpus (make_corpus.py, seed 1), tests/fixtures, tests/rules/fixtures
and examples/, each set apart (corpus rules compare pages within a set), and writes the
reports as one JSON object. `compare` prints every finding only one side has, per set and
file, and the count of each; it exits 1 when the two differ. Pages only one side has (a
fixture added since) are counted, not compared. A change meant to alter findings is checked
by reading that list: everything in it must be meant.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
PAGE_SETS = ("tests/fixtures", "tests/rules/fixtures", "examples")


def genelint_command() -> list[str]:
    script = Path(sys.executable).with_name("genelint")
    return [str(script)] if script.exists() else [sys.executable, "-m", "genelint.cli"]


def report(folder: Path, cwd: Path) -> list[dict]:
    args = [
        "check",
        "--offline",
        "--format",
        "json",
        "--jobs",
        "1",
        "--no-cache",
        "--fail-on",
        "error",
        str(folder),
    ]
    done = subprocess.run(genelint_command() + args, cwd=cwd, capture_output=True, check=False)
    if done.returncode not in (0, 1):
        sys.exit(
            f"genelint {' '.join(args)} exited {done.returncode}:\n{done.stderr.decode(errors='replace')}"
        )
    return json.loads(done.stdout)["findings"]


def snapshot(out: Path, count: int) -> None:
    sys.path.insert(0, str(HERE))
    from make_corpus import write_corpus

    reports = {}
    with tempfile.TemporaryDirectory(prefix="genelint-report-") as scratch:
        write_corpus(Path(scratch) / "corpus", count, seed=1, problem_share=0.3)
        reports["corpus"] = report(Path("corpus"), Path(scratch))
    for name in PAGE_SETS:
        reports[name] = report(Path(name), REPO)
    out.write_text(
        json.dumps(reports, indent=1, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    print(f"wrote {sum(map(len, reports.values()))} findings to {out}")


def _key(finding: dict) -> str:
    return json.dumps(finding, sort_keys=True, ensure_ascii=False)


def compare(before: Path, after: Path) -> int:
    old, new = (json.loads(path.read_text(encoding="utf-8")) for path in (before, after))
    changed = Counter()
    for name in sorted(set(old) | set(new)):
        # Pages added or removed between the two (a new fixture) are counted, not listed.
        both = {f["path"] for f in old.get(name, [])} & {f["path"] for f in new.get(name, [])}
        for side, findings in (("before", old.get(name, [])), ("after", new.get(name, []))):
            alone = [f for f in findings if f["path"] not in both]
            if alone:
                print(
                    f"  {name}: {len(alone)} findings in {len({f['path'] for f in alone})} pages only {side}"
                )
        gone = Counter(_key(f) for f in old.get(name, []) if f["path"] in both) - Counter(
            _key(f) for f in new.get(name, []) if f["path"] in both
        )
        came = Counter(_key(f) for f in new.get(name, []) if f["path"] in both) - Counter(
            _key(f) for f in old.get(name, []) if f["path"] in both
        )
        rows = [("-", json.loads(key)) for key in gone.elements()] + [
            ("+", json.loads(key)) for key in came.elements()
        ]
        for sign, finding in sorted(rows, key=lambda row: (row[1]["path"], row[1]["line"], row[0])):
            changed[(sign, finding["code"])] += 1
            print(
                f"{sign} {name}: {finding['path']}:{finding['line']}:{finding['column']} {finding['code']} {finding['message']}"
            )
    for (sign, code), count in sorted(changed.items()):
        print(f"{sign}{count} {code}")
    if not changed:
        print("identical")
    return 1 if changed else 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    take = commands.add_parser("snapshot")
    take.add_argument("out", type=Path)
    take.add_argument("--count", type=int, default=2000)
    diff = commands.add_parser("compare")
    diff.add_argument("before", type=Path)
    diff.add_argument("after", type=Path)
    args = parser.parse_args()
    if args.command == "snapshot":
        snapshot(args.out, args.count)
    else:
        sys.exit(compare(args.before, args.after))


if __name__ == "__main__":
    main()
