"""The outline of a plain page without running mistune: proven equal, not assumed.

Most gene pages are built of a few block kinds only: ATX headings, paragraphs of prose,
`- ` lists with `  - ` sub-items, and pipe tables under a blank line. On such a page the
block structure follows from each line's first characters, and reading it that way costs a
fraction of mistune's block parser. `plain_outline` takes a page only when every line is one
of those kinds (nothing that could open code, HTML, a quote, a setext underline, a numbered
list, a link definition or a table without its delimiter row) and returns None otherwise, so
that mistune reads it. tests/test_parser_render.py checks on every fixture, the generated
pages and fuzzed mutations of them that whenever it answers, its outline is the one mistune
gives, block for block and line for line.
"""

from __future__ import annotations

import re

from genelint.parser.blocks import Block, Outline

_BLANK = re.compile(r" {0,4}")  # five spaces or more: mistune may read an indented code line
_HEADING = re.compile(r"(#{1,6}) +\S.*")
_ITEM = re.compile(r"- [^\s\-].*")
_SUB_ITEM = re.compile(r"  - [^\s\-].*")
_ROW = re.compile(r"\|.*\| *")
# Prose: a letter or an opening parenthesis or bold mark first (a digit may start a numbered
# list, other punctuation a block of another kind), and no pipe (a table without outer pipes).
_TEXT = re.compile(r"(?:[A-Za-z(]|\*\*[^*\s])[^|]*")
_DELIMITER_CELL = re.compile(r" *:?-+:? *| *")
# Characters whose presence anywhere may make blocks the line starts do not show: HTML and
# comments, code spans and fences, tabs (indentation), carriage returns, escapes.
# Looked for one by one with str's own search, several times faster than a character class.
_NOT_PLAIN = ("<", "`", "~", "\t", "\r", "\\")

_EMPTY: frozenset[int] = frozenset()


# Each line's kind follows from its first character, then one pattern it must match whole:
# a letter or `(` starts prose (no pipe after it), `**` bold prose, `#` a heading, `- ` an
# item, `|` a table row, a space a blank line or a sub-item; a line of none is not plain.
_LETTERS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz(")


def _kind(line: str) -> str | None:
    if not line:
        return "blank"
    first = line[0]
    if first in _LETTERS:
        return None if "|" in line else "text"
    if first == "-":  # what _ITEM matches, by str methods: `- ` and neither space nor `-` next
        after = line[2:3]
        return (
            "item" if line[1:2] == " " and after and not (after.isspace() or after == "-") else None
        )
    if first == "#":  # what _HEADING matches: 1 to 6 `#`, spaces, then no other white space
        text = line.lstrip("#")
        after = text.lstrip(" ")
        ok = len(line) - len(text) <= 6 and len(after) < len(text) and not after[:1].isspace()
        return "heading" if ok and after else None
    if first == "|":  # what _ROW matches: a pipe, anything, a pipe, spaces
        row = line.rstrip(" ")
        return "row" if len(row) > 1 and row[-1] == "|" else None
    if first == " ":
        if line.startswith("  - "):  # what _SUB_ITEM matches, as above
            after = line[4:5]
            return "sub_item" if after and not (after.isspace() or after == "-") else None
        return "blank" if _BLANK.fullmatch(line) else None
    if first == "*":
        return "text" if _TEXT.fullmatch(line) else None
    return None


def _cells(row: str) -> list[str]:
    return row.rstrip(" ")[1:-1].split("|")


def plain_outline(body: str, first_line: int) -> Outline | None:
    """The outline of `body` when it is built of plain blocks only, else None."""
    for character in _NOT_PLAIN:
        if character in body:
            return None
    lines = body.split("\n")
    # A third are blank, a third prose (a letter first, no pipe): those without a call.
    kinds = [
        "blank" if not line else "text" if line[0] in _LETTERS and "|" not in line else _kind(line)
        for line in lines
    ]
    if None in kinds:
        return None
    blocks: list[Block] = []
    n, count = 0, len(lines)
    while n < count:
        kind = kinds[n]
        if kind == "blank":
            n += 1
        elif kind == "heading":
            level = len(lines[n]) - len(lines[n].lstrip("#"))
            blocks.append(Block("heading", first_line + n, first_line + n, level))
            n += 1
        elif kind == "text":
            start = n
            while n + 1 < count and kinds[n + 1] == "text":
                n += 1
            if n + 1 < count and kinds[n + 1] in ("row", "sub_item"):
                return None  # a table or an indented item right under prose
            blocks.append(Block("paragraph", first_line + start, first_line + n))
            n += 1
        elif kind == "row":
            found = _table(lines, kinds, n, first_line)
            if found is None:
                return None
            block, n = found
            blocks.append(block)
        elif kind == "item":
            found = _list(kinds, n, first_line)
            if found is None:
                return None
            block, n = found
            blocks.append(block)
        else:
            return None  # a sub-item outside a list
    return Outline(tuple(blocks), _EMPTY, _EMPTY, plain=True)


def _table(
    lines: list[str], kinds: list[str | None], n: int, first_line: int
) -> tuple[Block, int] | None:
    """A pipe table from line index `n`: under a blank line or heading, its delimiter row as
    wide as its header, every row as wide, and a blank line or heading after it."""
    if n > 0 and kinds[n - 1] not in ("blank", "heading"):
        return None
    width = len(_cells(lines[n]))
    if n + 1 >= len(lines) or kinds[n + 1] != "row":
        return None
    delimiter = _cells(lines[n + 1])
    if len(delimiter) != width or not all(_DELIMITER_CELL.fullmatch(cell) for cell in delimiter):
        return None
    end = n + 2
    while end < len(lines) and kinds[end] == "row":
        if len(_cells(lines[end])) != width:
            return None
        end += 1
    if end < len(lines) and kinds[end] not in ("blank", "heading"):
        return None
    return Block("table", first_line + n, first_line + end - 1, 0, False, (), end - n - 2), end


def _list(kinds: list[str | None], n: int, first_line: int) -> tuple[Block, int] | None:
    """A `- ` list from line index `n`: its items take their sub-items (after blank lines
    too) and the prose lines right under them; prose after a blank line or a heading ends it."""
    items: list[tuple[int, int]] = []
    start = last = n
    at = n + 1
    while at < len(kinds):
        kind = kinds[at]
        if kind == "item":
            items.append((start, last))
            start = last = at
        elif kind == "sub_item" or (kind == "text" and kinds[at - 1] != "blank"):
            last = at
        elif kind == "row" and kinds[at - 1] != "blank":
            return None  # a row right under an item: taken into it, or not
        elif kind != "blank":
            break  # a heading, or prose or a table after a blank line
        at += 1
    items.append((start, last))
    children = tuple([Block("list_item", first_line + a, first_line + b) for a, b in items])
    return Block("list", first_line + n, first_line + last, 0, False, children), at
