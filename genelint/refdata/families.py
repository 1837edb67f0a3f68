"""Protein families and complexes with their member genes, bundled for GL405.

A title that names a family or a complex ("RAS", "NF-kappaB", "PI3K", "mTORC1", "14-3-3
proteins") names one of its members, not which. GL405 takes it to show that a title may name
the page's gene when the gene is a member; it never counts as another gene for sure. The families and
their names are FamPlex's (sorgerlab/famplex, CC0): the texts of its grounding map that it
grounds to a family or complex, and each family's own identifier, with the HGNC symbols of its
members, followed down through families of families.

    python -m genelint.refdata.families FAMPLEX_FOLDER \
        --out genelint/refdata/data/families.tsv.xz

The file is tab-separated and sorted: `name` (as FamPlex writes it), `family` (FamPlex ID),
`members` (HGNC symbols, `|`-joined, sorted). xz without a timestamp, so the same source gives
the same bytes.
"""

from __future__ import annotations

import argparse
import lzma
import sys
from pathlib import Path

FAMILIES = Path(__file__).parent / "data" / "families.tsv.xz"
HEADER = ("name", "family", "members")


def family_members(relations: Path) -> dict[str, set[str]]:
    """FamPlex ID → the HGNC symbols of its members, through families of families."""
    import csv  # (the builder's only: a run reads the packed table)

    direct: dict[str, set[tuple[str, str]]] = {}
    with relations.open(encoding="utf-8", newline="") as handle:
        for row in csv.reader(handle):
            if len(row) >= 5 and row[3] == "FPLX" and row[2] in ("isa", "partof"):
                direct.setdefault(row[4], set()).add((row[0], row[1]))
    members: dict[str, set[str]] = {}

    def expand(family: str, seen: frozenset) -> set[str]:
        if family in members:
            return members[family]
        found = set()
        for namespace, name in direct.get(family, ()):
            if namespace == "HGNC":
                found.add(name)
            elif namespace == "FPLX" and name not in seen:
                found |= expand(name, seen | {name})
        members[family] = found
        return found

    for family in direct:
        expand(family, frozenset({family}))
    return members


def family_names(grounding_map: Path, families: set[str]) -> list[tuple[str, str]]:
    """(text, FamPlex ID) for every text FamPlex grounds to a family, and each family's own ID
    written with spaces ("ESCRT_III" → "ESCRT III")."""
    import csv

    names = {(family.replace("_", " "), family) for family in families}
    with grounding_map.open(encoding="utf-8", newline="") as handle:
        for row in csv.reader(handle):
            if len(row) >= 3 and row[1] == "FPLX" and row[2] in families:
                names.add((row[0].strip(), row[2]))
    return sorted(names)


def build(famplex: str | Path, out: str | Path) -> int:
    folder = Path(famplex)
    members = family_members(folder / "relations.csv")
    families = {family for family, found in members.items() if found}
    rows = [
        f"{name}\t{family}\t{'|'.join(sorted(members[family]))}\n"
        for name, family in family_names(folder / "grounding_map.csv", families)
        if "\t" not in name and name
    ]
    text = "\t".join(HEADER) + "\n" + "".join(rows)
    Path(out).write_bytes(lzma.compress(text.encode(), preset=9 | lzma.PRESET_EXTREME))
    return len(rows)


def read_families(path: str | Path = FAMILIES) -> list[tuple[str, tuple[str, ...]]]:
    """(name, member symbols) for every family name; [] when the table is absent or unreadable."""
    try:
        lines = lzma.decompress(Path(path).read_bytes()).decode().splitlines()
    except (OSError, lzma.LZMAError, UnicodeDecodeError):
        return []
    if not lines or tuple(lines[0].split("\t")) != HEADER:
        return []
    found = []
    for line in lines[1:]:
        cells = line.split("\t")
        if len(cells) == 3 and cells[2]:
            found.append((cells[0], tuple(cells[2].split("|"))))
    return found


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("famplex", help="FamPlex's folder (relations.csv, grounding_map.csv)")
    parser.add_argument("--out", default=str(FAMILIES))
    args = parser.parse_args(argv)
    print(f"{args.out}: {build(args.famplex, args.out)} family names", file=sys.stderr)


if __name__ == "__main__":
    main()
