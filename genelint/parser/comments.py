"""HTML comments (suppression directives) and the lines a reader sees as text."""

from __future__ import annotations

from genelint.document import HtmlComment, LineIndex
from genelint.parser.body import _Scanner
from genelint.parser.headings import _HEADING

_COMMENT_START = "<!--"
_COMMENT_END = "-->"


def _text_lines(scanner: _Scanner) -> tuple[int, ...]:
    return tuple(
        line.number
        for line in scanner.lines
        if not line.hidden and not _HEADING.match(line.text) and _COMMENT_START not in line.text
    )


def _html_comments(index: LineIndex, scanner: _Scanner) -> list[HtmlComment]:
    comments = []
    code_lines = {line.number for line in scanner.lines if line.in_code}
    text = index.text
    position = text.find(
        _COMMENT_START, index.starts[scanner.lines[0].number - 1] if scanner.lines else len(text)
    )
    while position != -1:
        end = text.find(_COMMENT_END, position + len(_COMMENT_START))
        stop = len(text) if end == -1 else end + len(_COMMENT_END)
        if index.line_of(position) not in code_lines:
            comments.append(HtmlComment(text[position:stop], index.span(position, stop)))
        if end == -1:
            break
        position = text.find(_COMMENT_START, stop)
    return comments
