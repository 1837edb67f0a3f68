"""What the unsafe repairs do to a set of pages: fixes applied per rule, and whether fixing
settles (a second --fix --unsafe-fixes changes nothing) and adds no finding.

    python benchmarks/check_repairs.py [PATH ...] [--corpus-count 2000] [--seed 1]

PATHs are pages or folders of pages (default: examples/ and every fixture page of tests/);
a corpus from make_corpus.py (--corpus-count pages with faults, 0 for none) is added. Offline:
GL403, a network rule, is left to the tests with the loopback Crossref.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections import Counter
from pathlib import Path

from genelint.fixer import fix_bytes
from genelint.parser import parse_bytes
from genelint.testing import make_linter

ROOT = Path(__file__).resolve().parent.parent
REPAIRS = ("GL202", "GL204", "GL206")


def pages_under(paths: list[Path]) -> list[Path]:
    found = []
    for path in paths:
        found += sorted(path.rglob("*.md")) if path.is_dir() else [path]
    return found


def findings(linter, raw: bytes, path: str) -> list:
    return linter.run_documents([parse_bytes(raw, path, linter.settings.parser_options())]).findings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", type=Path)
    parser.add_argument("--corpus-count", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from make_corpus import write_corpus

    pages = pages_under(args.paths or [ROOT / "examples", ROOT / "tests"])
    linter = make_linter()
    repairs = make_linter(select=list(REPAIRS))  # only these rules' fixes, every rule's findings
    with tempfile.TemporaryDirectory() as folder:
        if args.corpus_count:
            pages += write_corpus(Path(folder), args.corpus_count, args.seed, 0.3)
        total, offered, applied, unsettled, added = Counter(), Counter(), Counter(), [], []
        changed = 0
        for page in pages:
            raw = page.read_bytes()
            before = findings(linter, raw, "page.md")
            total.update(f.code for f in before if f.code in REPAIRS)
            offered.update(f.code for f in before if f.code in REPAIRS and f.fix)
            fixed, _ = fix_bytes(raw, "page.md", repairs, unsafe=True)
            if fixed == raw:
                continue
            changed += 1
            after = findings(linter, fixed, "page.md")
            left = Counter((f.code, f.message) for f in after if f.code in REPAIRS)
            applied.update(
                {
                    code: n
                    for code, n in (
                        Counter(f.code for f in before if f.code in REPAIRS)
                        - Counter(code for code, _ in left.elements())
                    ).items()
                }
            )
            if fix_bytes(fixed, "page.md", repairs, unsafe=True)[0] != fixed:
                unsettled.append(page)
            new = Counter((f.code, f.message) for f in after) - Counter(
                (f.code, f.message) for f in before
            )
            if new:
                added.append((page, sorted(new)))
    print(f"pages: {len(pages)}; changed by the repairs: {changed}")
    for code in REPAIRS:
        print(
            f"{code}: {total[code]} findings, {offered[code]} with an unsafe fix, {applied[code]} gone after fixing"
        )
    print(f"pages a second fixing changes: {len(unsettled)}")
    for page in unsettled:
        print(f"  {page}")
    print(f"pages with a finding fixing added: {len(added)}")
    for page, new in added:
        print(f"  {page}: {new}")


if __name__ == "__main__":
    main()
