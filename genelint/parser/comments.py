"""HTML comments (suppression directives) and the text claiming AI authorship (the footer)."""

from __future__ import annotations

from genelint.document import HtmlComment, LineIndex, ProvenanceMarker
from genelint.parser.body import _Line, _Scanner
from genelint.parser.fields import _strip_markup
from genelint.parser.headings import _HEADING
from genelint.parser.options import ParserOptions
from genelint.parser.words import lines_holding

_COMMENT_START = "<!--"
_COMMENT_END = "-->"


def _provenance_markers(
    index: LineIndex, scanner: _Scanner, options: ParserOptions
) -> list[ProvenanceMarker]:
    regex = options.ai_regex()
    markers = []
    for line in _lines_to_search(index, scanner, options):
        if line.hidden or _HEADING.match(line.text) or _COMMENT_START in line.text:
            continue
        if regex.search(line.text):
            value, column = _strip_markup(line.text.rstrip(), 1)
            markers.append(ProvenanceMarker(value, index.span_at(line.number, column, len(value))))
    return markers


def _lines_to_search(index: LineIndex, scanner: _Scanner, options: ParserOptions) -> list[_Line]:
    """The body lines that hold one of the words every AI-regex match holds, in page order:
    the regex is asked only about them (genelint.parser.words)."""
    lines, words = scanner.lines, options.ai_words()
    if not lines or words is None:
        return lines
    first = lines[0].number
    start = index.starts[first - 1]
    holding = lines_holding(index.text[start:], start, words, index)
    return [lines[number - first] for number in sorted(holding)]


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
