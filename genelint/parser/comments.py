"""HTML comments (suppression directives) and the lines a reader sees as text."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import filterfalse

from genelint.document import HtmlComment, LineIndex
from genelint.parser.body import _Scanner
from genelint.parser.headings import _HEADING

_COMMENT_START = "<!--"
_COMMENT_END = "-->"


def _text_lines(scanner: _Scanner) -> tuple[int, ...]:
    """The body's lines that are not hidden (code, an HTML comment block), not a heading and
    hold no comment. Only the lines with a `#` or a `<!--` are asked (found by str.find)."""
    if not scanner.lines:
        return ()
    index = scanner.index
    if scanner.outline.plain:  # its headings are the lines the pattern would find, and no comment
        headings = {block.line for block in scanner.outline.blocks if block.kind == "heading"}
        return tuple(
            filterfalse(headings.__contains__, range(scanner.lines[0].number, index.line_count + 1))
        )
    not_text = set(scanner.outline.hidden)
    for line in _lines_with(index, "#", scanner.body_start):
        if _HEADING.match(index.line_text(line)):
            not_text.add(line)
    not_text.update(_lines_with(index, _COMMENT_START, scanner.body_start))
    return tuple(
        filterfalse(not_text.__contains__, range(scanner.lines[0].number, index.line_count + 1))
    )


def _lines_with(index: LineIndex, text: str, start: int) -> Iterator[int]:
    """The lines holding `text` from code-point offset `start` on, each once."""
    page, starts, last = index.text, index.starts, index.line_count
    at = page.find(text, start)
    while at != -1:
        line = index.line_of(at)
        yield line
        at = page.find(text, starts[line]) if line < last else -1


def _html_comments(index: LineIndex, scanner: _Scanner) -> list[HtmlComment]:
    comments = []
    code_lines = scanner.outline.code
    text = index.text
    position = text.find(_COMMENT_START, scanner.body_start)
    while position != -1:
        end = text.find(_COMMENT_END, position + len(_COMMENT_START))
        stop = len(text) if end == -1 else end + len(_COMMENT_END)
        if index.line_of(position) not in code_lines:
            comments.append(HtmlComment(text[position:stop], index.span(position, stop)))
        if end == -1:
            break
        position = text.find(_COMMENT_START, stop)
    return comments
