"""HTML comments (suppression directives) and the lines a reader sees as text."""

from __future__ import annotations

import re
from itertools import filterfalse

from genelint.document import HtmlComment, LineIndex
from genelint.parser.body import _Scanner
from genelint.parser.headings import _HEADING

_COMMENT_START = "<!--"
_COMMENT_END = "-->"
# _HEADING over the whole body at once: with no CR in the text, a line holds no line break
# but its LF, so the lines this finds are those _HEADING matches one by one.
_HEADING_LINES = re.compile(_HEADING.pattern, re.M)


def _text_lines(scanner: _Scanner) -> tuple[int, ...]:
    """The body's lines that are not hidden (code, an HTML comment block), not a heading and
    hold no comment: found by searching the body once, not by asking each line."""
    index, text = scanner.index, scanner.index.text
    if not scanner.lines:
        return ()
    if "\r" in text:  # a line's text is without the CR of its CRLF: ask each line
        return tuple(
            line.number
            for line in scanner.lines
            if not line.hidden
            and not _HEADING.match(line.text)
            and _COMMENT_START not in line.text
        )
    not_text = set(scanner.outline.hidden)
    not_text.update(
        index.line_of(match.start()) for match in _HEADING_LINES.finditer(text, scanner.body_start)
    )
    at = text.find(_COMMENT_START, scanner.body_start)
    while at != -1:
        not_text.add(index.line_of(at))
        at = text.find(_COMMENT_START, at + 1)
    numbers = range(scanner.lines[0].number, index.line_count + 1)
    return tuple(filterfalse(not_text.__contains__, numbers))


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
