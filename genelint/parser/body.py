"""The body's lines, each knowing the block it lies in (code, an HTML comment), and the outline of its blocks."""

from __future__ import annotations

from functools import partial
from itertools import repeat
from typing import NamedTuple

from genelint.document import LineIndex
from genelint.parser.blocks import outline
from genelint.parser.plain import plain_outline


class _Line(NamedTuple):  # a tuple: a page has a hundred, made once and only read
    number: int  # 1-based
    text: str  # without line ending
    in_code: bool  # inside a code block (fenced or indented)
    hidden: bool = False  # inside code or an HTML comment block: no reader sees it as text


_new_line = partial(tuple.__new__, _Line)


class _Scanner:
    """The body's lines, each knowing whether it lies in code or a comment, and its blocks."""

    def __init__(self, index: LineIndex, first_body_line: int) -> None:
        self.index = index
        self.body_start = (
            index.starts[first_body_line - 1]
            if first_body_line <= index.line_count
            else len(index.text)
        )
        body = index.text[self.body_start :]
        self.outline = plain_outline(body, first_body_line) or outline(body, first_body_line)
        code, hidden = self.outline.code, self.outline.hidden
        numbers = range(first_body_line, index.line_count + 1)
        texts = index.lines_from(first_body_line)
        if hidden:  # code is hidden too
            flags = ((number in code, number in hidden) for number in numbers)
            self.lines = [_Line(n, t, c, h) for n, t, (c, h) in zip(numbers, texts, flags)]
        else:  # most pages: built without a Python call per line
            self.lines = list(map(_new_line, zip(numbers, texts, repeat(False), repeat(False))))
        self.first_line = first_body_line

    def lines_between(self, first: int, last: int) -> list[_Line]:
        """The body's lines from `first` to `last` (those of them in the body): a slice, as
        the body's lines are one for each number from its first on."""
        start = max(first - self.first_line, 0)
        stop = last - self.first_line + 1
        return self.lines[start:stop] if stop > start else []

    def table_lines(self, first: int, last: int) -> frozenset[int]:
        """The lines from `first` to `last` a table can be read from: a table's, or a
        paragraph's (a table missing its delimiter row renders as one); not a list item's or
        a quote's. A block never starts above a heading and runs on below it, so the blocks
        starting in those lines are all that hold them."""
        return frozenset(
            number
            for block in self.outline.blocks
            if first <= block.line <= last and block.kind in ("table", "paragraph")
            for number in range(block.line, block.end_line + 1)
        )
