"""The body's block structure as mistune renders it, with the source lines of every block.

mistune 3 keeps no positions in its tokens, but its block parser knows where it is: each
block is parsed from `state.cursor`, and the parse method returns where the block ends. A
subclass of the parser writes the two lines on every token it makes, and a subclass of the
state knows the source line its text starts on: a list item or block quote is parsed from a
copy of its lines with the markers taken off, one line for one line. Inline parsing, the
costly half of rendering, is not done: genelint reads the text of those lines itself.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from mistune.block_parser import BlockParser
from mistune.core import BlockState
from mistune.plugins.table import table as table_plugin

_EMPTY_ITEM = re.compile(r"[ \t]*(?:[*+-]|\d{1,9}[.)])[ \t]*\n?$")
_COMMENT_BLOCK = re.compile(r" {0,3}<!--")
_MAY_HIDE = re.compile(r"<|```|~~~|^(?: {4}|[ ]{0,3}\t)", re.M)
_ITEMS = "_genelint_items"  # key in mistune's env (shared by every state of a parse)


class Block(NamedTuple):
    """A block of the rendered page: its mistune type and the source lines it covers. A
    named tuple (as Span is): a page has a few dozen, and a tuple made from positional
    arguments costs a third of what a dataclass does."""

    kind: str  # mistune's token type; an HTML block that opens with `<!--` is a "comment"
    line: int  # first source line, 1-based
    end_line: int  # last source line (blank lines after the block are not its own)
    level: int = 0  # a heading's level
    setext: bool = False  # a heading underlined with === or ---: end_line is the underline
    children: tuple[Block, ...] = ()  # a list's items; an item's or a quote's blocks
    rows: int = 0  # a table's body rows (one line each, below its header and delimiter lines)

    def walk(self) -> Iterator[Block]:
        yield self
        for child in self.children:
            yield from child.walk()


@dataclass(frozen=True)
class Outline:
    """The top-level blocks of the body in page order, and the lines no reader sees as text."""

    blocks: tuple[Block, ...]
    code: frozenset[int]  # lines of code blocks (fenced or indented)
    hidden: frozenset[int]  # code lines and the lines of HTML comment blocks
    # Read by plain.py: every line is a plain block's, and a heading is exactly a line that
    # headings.py's pattern reads as one (no other line starts with `#` or holds `<!--`).
    plain: bool = field(default=False, compare=False)

    def walk(self) -> Iterator[Block]:
        for block in self.blocks:
            yield from block.walk()


class _State(BlockState):
    """mistune's block state, knowing the source line its text starts on."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.first_line = 1
        self.quote_line: int | None = None  # the line of the block quote whose state is made next
        self.item_line = 1  # the marker line of the list item whose state is made next
        self.list_item = False  # this state holds the text of one list item
        self._starts: list[int] | None = None

    def process(self, src: str) -> None:
        super().process(src)
        self._starts = None

    def _line_starts(self) -> list[int]:
        if self._starts is None:
            self._starts = [0, *(m.end() for m in re.finditer("\n", self.src))]
        return self._starts

    def line_at(self, offset: int) -> int:
        return self.first_line + bisect_right(self._line_starts(), offset) - 1

    def line_text(self, line: int) -> str:
        start = self._line_starts()[line - self.first_line]
        return self.src[start : self.src.find("\n", start) + 1 or len(self.src)]

    def last_text_line(self, start: int, end: int) -> int:
        """The last line of [start, end) with text on it (the first line when none has)."""
        end = len(self.src[start:end].rstrip()) + start
        return self.line_at(max(start, end - 1))

    def child_state(self, src: str, lazy_line_starts: Any = None) -> _State:
        child = super().child_state(src, lazy_line_starts)
        assert isinstance(child, _State)  # mistune makes a child of the state's own class
        if self.quote_line is not None:
            child.first_line, self.quote_line = self.quote_line, None
            return child
        # A list item: its text starts on its marker line, or on the next one when nothing
        # follows the marker; the parser has just read the next item's marker line, if any.
        marker = self.item_line
        child.first_line = marker + 1 if _EMPTY_ITEM.match(self.line_text(marker)) else marker
        child.list_item = True
        last = child.first_line + src.rstrip("\n").count("\n") if src.strip() else marker
        self.env.setdefault(_ITEMS, {})[id(child.tokens)] = (marker, max(marker, last))
        self.item_line = self.line_at(max(self.cursor - 1, 0))
        return child

    def add_paragraph(self, text: str) -> None:
        last = self.last_token()
        super().add_paragraph(text)
        token = self.tokens[-1]
        if token is not last:
            token["_line"] = self.line_at(self.cursor)
        token["_end_line"] = self.last_text_line(self.cursor, self.cursor + len(text))

    def append_paragraph(self) -> int | None:
        end = super().append_paragraph()
        if end:
            self.tokens[-1]["_end_line"] = self.last_text_line(self.cursor, end)
        return end


class _PositionedParser(BlockParser):
    """mistune's block parser, writing on each token the source lines it was parsed from."""

    state_cls = _State

    def parse(self, state: _State, rules: list[str] | None = None) -> None:  # type: ignore[override]
        # An item's own blocks matter only for what they hide: with no HTML, no fence and no
        # indented line in its text it holds no code and no comment, and is not parsed further.
        if state.list_item and not _MAY_HIDE.search(state.src):
            return
        super().parse(state, rules)

    def parse_method(self, m: re.Match, state: _State) -> int | None:  # type: ignore[override]
        start, count = state.cursor, len(state.tokens)
        last = state.last_token()
        end = super().parse_method(m, state)
        _place_new_tokens(state, start, end, count)
        if (
            m.lastgroup == "setex_heading"
            and end
            and last is not None
            and last is state.last_token()
        ):
            last["_end_line"] = state.line_at(end - 1)  # the paragraph above became a heading
        return end

    def _parse_indent_code_fast(self, state: _State) -> int | None:  # type: ignore[override]
        start, count = state.cursor, len(state.tokens)
        end = super()._parse_indent_code_fast(state)
        _place_new_tokens(state, start, end, count)
        return end

    def parse_list(self, m: re.Match, state: _State) -> int:  # type: ignore[override]
        # A list can start in the state of a list whose item is being read (a quote breaks the
        # item and takes in the lines of another list): that item's line is kept for it.
        outer, state.item_line = state.item_line, state.line_at(m.start())
        try:
            return super().parse_list(m, state)
        finally:
            state.item_line = outer

    def extract_block_quote(self, m: re.Match, state: _State):  # type: ignore[override]
        line = state.line_at(state.cursor)
        found = super().extract_block_quote(m, state)
        state.quote_line = line
        return found


def _place_new_tokens(state: _State, start: int, end: int | None, count: int) -> None:
    """Write the lines of the tokens a parse method made from `start`, when there were `count`
    before it (new ones are appended, or inserted before a token the method also made; a
    nested call has written the lines of the tokens it made)."""
    for token in state.tokens[count:]:
        if "_line" not in token:
            token["_line"] = state.line_at(start)
            token["_end_line"] = state.last_text_line(start, end or start)


class _Host:
    """What a mistune plugin is handed; only the block parser is used."""

    renderer = None

    def __init__(self, block: BlockParser) -> None:
        self.block = block


def _parser() -> _PositionedParser:
    block = _PositionedParser()
    table_plugin(_Host(block))  # type: ignore[arg-type]
    return block


_PARSER = _parser()


def outline(body: str, first_line: int) -> Outline:
    """The blocks of `body`, the page's text from line `first_line` on, as mistune reads them.

    Line endings are normalised as mistune does; a lone carriage return, which mistune takes
    for a line break and a line index does not, becomes a space so lines stay one for one.
    """
    text = body.replace("\r\n", "\n").replace("\r", " ")
    if not text.endswith("\n"):
        text += "\n"
    state = _State()
    state.first_line = first_line
    state.process(text)
    _PARSER.parse(state)
    items = state.env.get(_ITEMS, {})
    lines = text.split("\n")
    blank = {first_line + n for n, line in enumerate(lines) if not line.strip()}
    blocks = tuple(_blocks(state.tokens, items, blank))
    code: set[int] = set()
    hidden: set[int] = set()
    for top in blocks:
        for block in top.walk():
            if block.kind == "block_code":
                code.update(range(block.line, block.end_line + 1))
            if block.kind in ("block_code", "comment"):
                hidden.update(range(block.line, block.end_line + 1))
    return Outline(blocks, frozenset(code), frozenset(hidden))


def _blocks(tokens: list[dict], items: dict, blank: set[int]) -> Iterator[Block]:
    # A list that a heading or fence breaks records where that block ends as its own end: a
    # block ends before the next one starts. (Tokens are in page order but for one case: a
    # block quote that a list breaks comes after that list.)
    located = [token for token in tokens if token["type"] != "blank_line" and "_line" in token]
    starts = sorted(token["_line"] for token in located)
    for token in located:
        after = bisect_right(starts, token["_line"])
        if after < len(starts) and starts[after] <= token["_end_line"]:
            end = starts[after] - 1
            while end > token["_line"] and end in blank:
                end -= 1
            token["_end_line"] = end
        yield _block(token, items, blank)


def _block(token: dict, items: dict, blank: set[int]) -> Block:
    kind, line, end_line = token["type"], token["_line"], token["_end_line"]
    if kind == "heading":
        return Block(
            kind,
            line,
            end_line,
            level=token["attrs"]["level"],
            setext=token.get("style") == "setext",
        )
    if kind == "block_html" and _COMMENT_BLOCK.match(token.get("raw", "")):
        return Block("comment", line, end_line)
    if kind == "table":
        return Block(kind, line, end_line, rows=len(token["children"][1]["children"]))
    if kind == "list":
        children = tuple(_item(item, items, end_line, blank) for item in token["children"])
        return Block(kind, line, end_line, children=children)
    if kind == "block_quote":
        return Block(kind, line, end_line, children=tuple(_blocks(token["children"], items, blank)))
    return Block(kind, line, end_line)


def _item(item: dict, items: dict, list_end: int, blank: set[int]) -> Block:
    line, end_line = items[id(item["children"])]
    return Block(
        "list_item",
        line,
        min(end_line, list_end),
        children=tuple(_blocks(item["children"], items, blank)),
    )
