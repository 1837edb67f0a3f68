"""A plain line's kind (genelint/parser/plain._kind) is read by str methods; it is the kind
the module's patterns give, line for line, whatever the line holds."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from genelint.parser import plain


def kind_by_patterns(line: str) -> str | None:
    """The kind as the patterns read it: the first character picks the pattern, which must
    match the whole line."""
    if not line:
        return "blank"
    first = line[0]
    if first in plain._LETTERS:
        return None if "|" in line else "text"
    by_first = {
        "#": ("heading", plain._HEADING),
        "-": ("item", plain._ITEM),
        "|": ("row", plain._ROW),
    }
    if first in by_first:
        kind, pattern = by_first[first]
        return kind if pattern.fullmatch(line) else None
    if first == " ":
        if plain._BLANK.fullmatch(line):
            return "blank"
        return "sub_item" if plain._SUB_ITEM.fullmatch(line) else None
    if first == "*":
        return "text" if plain._TEXT.fullmatch(line) else None
    return None


LINES = st.text(alphabet=st.sampled_from(list("#-| *\tax1\u00a0\x1c\u2028\r")), max_size=12)
EXAMPLES = [
    "## Title",
    "####### Title",
    "#",
    "# ",
    "#\tTitle",
    "# \u00a0x",
    "- item",
    "- ",
    "-  item",
    "- -",
    "-\titem",
    "  - sub",
    "  -  sub",
    "    ",
    "     ",
    "| a | b |",
    "||",
    "|",
    "| a | b | ",
    "| a | b x",
]


def test_examples_are_read_as_the_patterns_read_them():
    for line in EXAMPLES:
        assert plain._kind(line) == kind_by_patterns(line), line


@settings(max_examples=3000, deadline=None)
@given(LINES)
def test_any_line_is_read_as_the_patterns_read_it(line):
    assert plain._kind(line) == kind_by_patterns(line)
