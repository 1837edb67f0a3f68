"""CPU seconds per MB of checking one very large page, by the shape of what makes it large.

    python benchmarks/bench_large_pages.py [--sizes 0.5,1,2,4.7] [--shapes table,...]
                                           [--formats text,json] [--rounds 1]

Each page is examples/HBB.md with one part grown until the page is the size asked for (in
MB of 10**6 bytes; 4.7 is just under the default max-file-size of 5 MiB):

  table       the mutation table, thousands of rows (a tenth in legacy notation: GL302)
  paragraph   one paragraph of prose, no blank line in it
  sections    thousands of small sections the schema does not know (GL105 each)
  long-lines  a handful of lines of 200,000 characters each
  comments    thousands of HTML comments, one- and three-line ones
  front-matter  a front matter of thousands of keys and list items
  citations   thousands of papers under Related Papers, each with its own DOI
  ids         thousands of HGNC IDs of other genes (GL202 each)
  aliases     thousands of aliases that are no name of the gene (GL204 each, fixable)
  fixes       a mutation table whose every row has a legacy change and an rsID to fix
              (the reports with a fix each: try --formats html,sarif)

For each page: the parser alone, then the whole `check --offline --no-cache --jobs 1` for
each format (report written to a null device), each in a process of its own, in CPU seconds
(user + system, the least of --rounds rounds) less what the same command costs on the small
page (start-up, imports, reference data), divided by the page's size. A stage whose
seconds per MB grow with the size is superlinear. Figures, never pass/fail.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
BASE_PAGE = (HERE.parent / "examples" / "HBB.md").read_text(encoding="utf-8")
MB = 10**6


def _grow(size: int, piece: Callable[[int], str]) -> str:
    """Pieces 0, 1, 2, ... joined until they make `size` characters (ASCII: bytes)."""
    parts, total, index = [], 0, 0
    while total < size:
        parts.append(piece(index))
        total += len(parts[-1])
        index += 1
    return "".join(parts)


def _insert_after(page: str, anchor: str, text: str) -> str:
    at = page.index(anchor) + len(anchor)
    return page[:at] + text + page[at:]


def table(size: int) -> str:
    def row(i: int) -> str:
        change = f"V{i % 900 + 2}I" if i % 10 == 0 else f"p.Glu{i % 900 + 2}Val"
        return f"| {change} | Missense | rs{100000 + i} |\n"

    return _insert_after(BASE_PAGE, "| p.Gln40Ter | Nonsense | rs11549407 |\n", _grow(size, row))


def prose(i: int) -> str:
    """A sentence of its own (numbered: no two lines alike, as no cache would see twice)."""
    return (
        f"In family {i}, HBB p.Glu{i % 900 + 2}Val (rs{100000 + i}) pairs with alpha-globin "
        f"(HBA1, HBA2) in {i % 7 + 2} carriers of sickle cell disease."
    )


def paragraph(size: int) -> str:
    text = _grow(size, lambda i: prose(i) + "\n")
    return _insert_after(BASE_PAGE, "## Pathology and Function\n\n", text)


def sections(size: int) -> str:
    text = _grow(size, lambda i: f"## Notes {i}\n\n{prose(i)}\n\n")
    return _insert_after(BASE_PAGE, "## Drug Response\n", text)


def long_lines(size: int) -> str:
    def line(i: int) -> str:
        return _grow(200_000, lambda j: prose(i * 10_000 + j) + " ").rstrip() + "\n\n"

    return _insert_after(BASE_PAGE, "## Pathology and Function\n\n", _grow(size, line))


def comments(size: int) -> str:
    def comment(i: int) -> str:
        if i % 3 == 0:
            return f"<!--\nreviewer note {i}: check rs{i}\n-->\n\n"
        return f"<!-- reviewer note {i} on p.Glu7Val -->\n\n"

    return _insert_after(BASE_PAGE, "## Pathology and Function\n\n", _grow(size, comment))


def front_matter(size: int) -> str:
    def entry(i: int) -> str:
        return f'note_{i}:\n  - HBB remark {i}\n  - "with a quoted value, {i}"\n'

    return _insert_after(BASE_PAGE, "  reviewed_on: 2026-11-25\n", _grow(size, entry))


def citations(size: int) -> str:
    def paper(i: int) -> str:
        return (
            f"- Author: Smith J{i}, Chen L\n"
            f"  - Title: Beta-globin variant number {i} in sickle cell disease.\n"
            "  - Journal: Blood.\n"
            f"  - DOI: 10.1000/bench.{i}\n\n"
        )

    return _insert_after(BASE_PAGE, "## Related Papers\n\n", _grow(size, paper))


def ids(size: int) -> str:
    def identifier(i: int) -> str:
        return f"- HGNC: {1000 + i % 40000}\n"  # IDs of other genes: GL202 each

    return _insert_after(
        BASE_PAGE, "External IDs for the HBB gene include:\n\n", _grow(size, identifier)
    )


def aliases(size: int) -> str:
    def alias(i: int) -> str:
        return f"- HBBX{i}\n"  # no name of HBB: GL204 each, with a fix removing the line

    return _insert_after(BASE_PAGE, "aliases:\n\n", _grow(size, alias))


def fixes(size: int) -> str:
    def row(i: int) -> str:
        return f"| V{i % 900 + 2}I | Missense | RS{100000 + i} |\n"  # GL302 and GL304, fixable

    return _insert_after(BASE_PAGE, "| p.Gln40Ter | Nonsense | rs11549407 |\n", _grow(size, row))


SHAPES: dict[str, Callable[[int], str]] = {
    "table": table,
    "paragraph": paragraph,
    "sections": sections,
    "long-lines": long_lines,
    "comments": comments,
    "front-matter": front_matter,
    "citations": citations,
    "ids": ids,
    "aliases": aliases,
    "fixes": fixes,
}


def child_cpu(command: list[str]) -> float:
    """CPU seconds (user + system) of a fresh process running `command`: no memo of an
    earlier measurement (lru caches keyed by text) makes a later one cheaper."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(command, check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def least_cpu(rounds: int, command: list[str], start_up: float) -> float:
    """The least over rounds of a command's CPU seconds, less what starting it costs."""
    return max(0.0, min(child_cpu(command) for _ in range(rounds)) - start_up)


def check_command(path: Path, fmt: str) -> list[str]:
    return [
        sys.executable,
        "-c",
        CLI,
        "check",
        "--offline",
        "--no-cache",
        "--jobs",
        "1",
        "--format",
        fmt,
        "--output",
        os.devnull,
        str(path),
    ]


CLI = "import sys; from genelint.cli import main; sys.exit(main(sys.argv[1:]))"
PARSE = (
    "import sys, genelint.parser as p; p.parse_bytes(open(sys.argv[1], 'rb').read(), sys.argv[1])"
)


def parse_command(path: Path) -> list[str]:
    return [sys.executable, "-c", PARSE, str(path)]


def main() -> None:
    arguments = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    arguments.add_argument("--sizes", default="0.5,1,2,4.7", help="page sizes in MB")
    arguments.add_argument("--shapes", default=",".join(SHAPES))
    arguments.add_argument("--formats", default="text,json")
    arguments.add_argument("--rounds", type=int, default=1)
    args = arguments.parse_args()
    sizes = [float(s) for s in args.sizes.split(",")]
    formats = args.formats.split(",")
    with tempfile.TemporaryDirectory() as folder:
        os.environ["GENELINT_CACHE_DIR"] = str(Path(folder) / "cache")
        path = Path(folder) / "HBB.md"
        path.write_text(BASE_PAGE, encoding="utf-8")
        child_cpu(check_command(path, "text"))  # the reference data unpacked into the cache
        # What a run of the small page costs: start-up, imports, reference data.
        start_parse = min(child_cpu(parse_command(path)) for _ in range(3))
        start_check = {
            fmt: min(child_cpu(check_command(path, fmt)) for _ in range(3)) for fmt in formats
        }
        print(
            f"start-up CPU s (subtracted): parse {start_parse:.2f}, "
            + ", ".join(f"{fmt} {seconds:.2f}" for fmt, seconds in start_check.items())
        )
        print(f"{'shape':<13} {'MB':>5} " + " ".join(f"{name:>9}" for name in ["parse", *formats]))
        print(f"{'':<13} {'':>5} " + " ".join(f"{'s/MB':>9}" for _ in ["parse", *formats]))
        for shape in args.shapes.split(","):
            for size in sizes:
                path.write_text(SHAPES[shape](int(size * MB)), encoding="utf-8")
                megabytes = path.stat().st_size / MB
                figures = [least_cpu(args.rounds, parse_command(path), start_parse)]
                figures += [
                    least_cpu(args.rounds, check_command(path, fmt), start_check[fmt])
                    for fmt in formats
                ]
                print(
                    f"{shape:<13} {megabytes:>5.2f} "
                    + " ".join(f"{seconds / megabytes:>9.2f}" for seconds in figures),
                    flush=True,
                )


if __name__ == "__main__":
    sys.exit(main())
