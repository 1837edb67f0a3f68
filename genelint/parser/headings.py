"""The H1 and the sections: the rendered headings that start them, and the lines of each body."""

from __future__ import annotations

import re

from genelint.document import Field, LineIndex, Section, Span
from genelint.parser.blocks import Block
from genelint.parser.body import _Line, _Scanner
from genelint.parser.fields import _EMPHASIS
from genelint.parser.options import ParserOptions

_HEADING = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+(.*?))?[ \t]*$")
_HEADING_CLOSE = re.compile(r"[ \t]+#+$")
# What _heading_text may take off either end: emphasis, and the closing #s of an ATX heading.
_AROUND = frozenset(_EMPHASIS + "#")


def _heading_text(raw: str, atx: bool = True) -> tuple[str, int]:
    """The heading's text without surrounding emphasis (and an ATX heading's closing #s, which
    a setext heading renders as text), and its offset in `raw`."""
    if raw and raw[0] not in _AROUND and raw[-1] not in _AROUND:
        # Nothing to take off at either end (most headings): the text as written.
        if not (raw[0].isspace() or raw[-1].isspace()):
            return raw, 0
    text = _HEADING_CLOSE.sub("", raw) if atx else raw
    offset = 0
    for chars in (None, _EMPHASIS, None):
        kept = text.lstrip(chars)
        offset += len(text) - len(kept)
        text = kept.rstrip(chars)
    return text, offset


def _parse_sections(
    index: LineIndex, scanner: _Scanner, options: ParserOptions
) -> tuple[Field | None, list[Section]]:
    """The H1 and the sections: the headings of the rendered page that are not inside a list
    or a quote. A level-2 heading, or one whose title is a known section's, starts a section;
    deeper headings with other titles are part of the section above."""
    title: Field | None = None
    # heading line, last heading line, first body line, title, level, key
    starts: list[tuple[int, int, int, str, int, str | None]] = []
    for block in scanner.outline.blocks:
        if block.kind != "heading":
            continue
        last = (
            block.end_line - 1 if block.setext else block.line
        )  # a setext heading's underline is not its text
        written, span = _heading(index, block, last)
        # Over several lines a heading renders as one line of its words.
        text = " ".join(written.split()) if last > block.line else written
        key = options.section_key(text)
        if block.level == 1 and title is None and key is None:
            title = Field(written, span)
            continue
        if block.level == 2 or key is not None:
            starts.append((block.line, last, block.end_line + 1, text, block.level, key))
    sections = []
    for i, (heading_line, last, body_start, text, level, key) in enumerate(starts):
        end_line = starts[i + 1][0] - 1 if i + 1 < len(starts) else index.line_count
        heading = index.lines_span(heading_line, last)
        if body_start <= end_line:
            start = index.starts[body_start - 1]
            end = index.starts[end_line - 1] + len(index.line_text(end_line))
            body = index.lines_span(body_start, end_line)
            body_text = index.text[start:end]
        else:
            body = index.span_at(body_start - 1, len(index.line_text(body_start - 1)) + 1, 0)
            body_text = ""
        sections.append(Section(text, level, heading, body, body_text, key))
    return title, sections


def _heading(index: LineIndex, block: Block, last: int) -> tuple[str, Span]:
    """A heading's text (closing #s and emphasis removed) and its span, from its lines."""
    line_text = index.line_text(block.line)
    hashes = len(line_text) - len(line_text.lstrip("#"))
    if not block.setext and 0 < hashes <= 6 and line_text[hashes : hashes + 1] == " ":
        # `## Title` (most headings): what _HEADING's text group holds, found by str methods.
        inner = line_text[hashes:].lstrip(" \t")
        written = inner.rstrip(" \t")
        if not written:
            return "", index.span_at(block.line, len(line_text) + 1, 0)
        text, offset = _heading_text(written)
        return text, index.span_at(block.line, len(line_text) - len(inner) + 1 + offset, len(text))
    match = _HEADING.match(line_text) if not block.setext else None
    if match:
        text, offset = _heading_text(match.group(2) or "")
        column = (match.start(2) + 1 + offset) if match.group(2) else len(line_text) + 1
        return text, index.span_at(block.line, column, len(text))
    # A setext heading: its text runs over one line or several, under the same underline. Over
    # several, the value is its lines as written (line breaks and indentation kept), so that it
    # is the text its span covers like every Field's; the section title joins the words.
    first = index.starts[block.line - 1] + len(line_text) - len(line_text.lstrip())
    written = index.text[first : index.starts[last - 1] + len(index.line_text(last))]
    text, offset = _heading_text(written, atx=False)
    return text, index.span(first + offset, first + offset + len(text))


def _blocks_in(scanner: _Scanner, section: Section, kind: str) -> list[Block]:
    """The top-level blocks of one kind within a section's body."""
    if not section.body_text:
        return []
    first, last = section.body.line, section.body.end_line
    return [
        block
        for block in scanner.outline.blocks
        if block.kind == kind and first <= block.line <= last
    ]


def _body_lines(section: Section, scanner: _Scanner) -> list[_Line]:
    if not section.body_text:
        return []
    return scanner.lines_between(section.body.line, section.body.end_line)
