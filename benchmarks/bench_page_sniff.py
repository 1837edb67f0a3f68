"""How well genelint tells gene pages from other Markdown when no `include` is configured.

    python benchmarks/bench_page_sniff.py --pages DIR [DIR ...] --not-pages DIR [DIR ...]

Every `*.md` below each folder is put to genelint.files.looks_like_gene_page with the
default settings. For folders of gene pages (broken ones included: they must be checked, so
the run can say what is wrong), it prints how many were kept; for folders of other
Markdown (READMEs, contribution guides, templates, site pages), how many were skipped, per
first-level subfolder (one repository each, say), and the misjudged files. Figures, not
pass/fail.
"""

from __future__ import annotations

import argparse
from collections import defaultdict
from pathlib import Path

from genelint.config import Settings
from genelint.files import looks_like_gene_page

SHOWN = 8  # misjudged files listed per side


def judge(folders: list[str]) -> dict[str, list[tuple[str, bool]]]:
    """first-level subfolder (or the folder itself) -> [(file, looks like a page)]"""
    settings = Settings()
    verdicts: dict[str, list[tuple[str, bool]]] = defaultdict(list)
    for folder in map(Path, folders):
        for path in sorted(folder.rglob("*.md")):
            if not path.is_file():
                continue
            relative = path.relative_to(folder)
            group = f"{folder.name}/{relative.parts[0]}" if len(relative.parts) > 1 else folder.name
            verdicts[group].append((str(path), looks_like_gene_page(str(path), settings)))
    return verdicts


def report(title: str, verdicts: dict[str, list[tuple[str, bool]]], wanted: bool) -> None:
    total = right = 0
    print(title)
    for group, judged in sorted(verdicts.items()):
        good = sum(1 for _, page in judged if page == wanted)
        total, right = total + len(judged), right + good
        print(f"  {group:60s} {good:5d} / {len(judged):5d}")
    share = right / total if total else 0.0
    print(f"  {'all':60s} {right:5d} / {total:5d}  ({share:.3f})")
    wrong = [path for judged in verdicts.values() for path, page in judged if page != wanted]
    for path in wrong[:SHOWN]:
        print(f"    misjudged: {path}")
    if len(wrong) > SHOWN:
        print(f"    … and {len(wrong) - SHOWN} more")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--pages", nargs="*", default=[], help="folders of gene pages (kept = right)"
    )
    parser.add_argument(
        "--not-pages", nargs="*", default=[], help="folders of other Markdown (skipped = right)"
    )
    args = parser.parse_args()
    if args.pages:
        report("gene pages kept:", judge(args.pages), wanted=True)
    if args.not_pages:
        report("other Markdown skipped:", judge(args.not_pages), wanted=False)


if __name__ == "__main__":
    main()
