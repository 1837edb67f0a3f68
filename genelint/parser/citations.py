"""Related Papers: one citation per rendered list item, its labelled fields and DOI."""

from __future__ import annotations

import re

from genelint.document import Citation, Field, LineIndex
from genelint.parser.blocks import Block
from genelint.parser.body import _Line, _Scanner
from genelint.parser.fields import _field, _item_content, _label_value, _slug

CITATION_LABELS = {
    "author": "authors",
    "authors": "authors",
    "title": "title",
    "journal": "journal",
    "source": "journal",
    "doi": "doi",
}
_DOI_IN_TEXT = re.compile(r"10\.\S+/\S+")
# A line that goes on with a title's words: not a link, an identifier, a quote or other markup.
_TEXT_GOES_ON = re.compile(r"(?![\[>#|<!`]|(?:doi|pmid|pmcid|https?|www)\b)\s*[\w\"'(]", re.I)


def _parse_citations(index: LineIndex, lists: list[Block], scanner: _Scanner) -> list[Citation]:
    """One citation per item of the section's lists as rendered (nested items and lazy
    continuation lines are part of theirs); code and comments inside an item are not read,
    but an item that holds only code or a comment still renders as a bullet: it is a citation
    with nothing readable in it, for the citation rules to report."""
    citations = []
    for block in lists:
        for item in block.children:
            lines = scanner.lines_between(item.line, item.end_line)
            written = [line for line in lines if line.text.strip()]
            if written:
                citations.append(_citation(index, written))
    return citations


def _citation(index: LineIndex, item: list[_Line]) -> Citation:
    """The citation of one rendered item: its span covers the item's written lines, its fields
    come from the lines a reader sees as text."""
    fields: dict[str, Field] = {}
    readable = [line for line in item if not line.hidden]
    last_key, last_line = "", 0  # the field a line without a label goes on (a title only: a
    # line right after a DOI or a journal is more often a footer the list item runs into)
    for line in readable:
        listed = _item_content(line.text)
        content, column = (
            listed if listed else (line.text.lstrip(), len(line.text) - len(line.text.lstrip()) + 1)
        )
        split = _label_value(content.rstrip())
        if (
            last_key == "title"
            and line.number == last_line + 1
            and not listed
            and (not split or _slug(split[0]) not in CITATION_LABELS)
            and _TEXT_GOES_ON.match(content)
        ):
            # the title wrapped onto the next line: one paragraph as rendered ("… the 2.4 kb" /
            # "isoform of the UPF3B gene: a review"); not a link, an identifier or a quote
            fields["title"] = _continued(index, fields["title"], line.number, column, content)
            last_line = line.number
            continue
        if not split:
            last_key = ""
            continue
        label, _, value, value_offset = split
        slug = _slug(label)
        key = CITATION_LABELS.get(slug, slug)
        if key not in fields:
            fields[key] = _field(index, line.number, column + value_offset, value)
            last_key, last_line = key, line.number
        else:
            last_key = ""
    if "doi" not in fields:
        found = _doi_in_item(index, readable)
        if found:
            fields["doi"] = found
    first, last = item[0], item[-1]
    span = index.lines_span(first.number, last.number)
    return Citation(
        span,
        fields.get("authors"),
        fields.get("title"),
        fields.get("journal"),
        fields.get("doi"),
        fields,
    )


def _continued(index: LineIndex, field: Field, line: int, column: int, text: str) -> Field:
    """`field` running on to the end of the next line's text ("Title: … of the 2.4 kb" /
    "    isoform of the UPF3B gene."), its value the text as written between, line break and
    indent included, as every field's value is what its span holds; an empty field ("Title:"
    and the title on the next line) becomes the next line's text."""
    more = _field(index, line, column, text.rstrip())
    if not field.value:
        return more
    start = _offset(index, field.span)
    end = index.starts[line - 1] + column - 1 + len(text.rstrip())
    if _offset(index, more.span) + len(more.value) < end:
        end = _offset(index, more.span) + len(more.value)  # closing markup: not the title's
    return Field(index.text[start:end], index.span(start, end))


def _offset(index: LineIndex, span) -> int:
    """The code-point offset where `span` starts."""
    return index.starts[span.line - 1] + span.column - 1


def _doi_in_item(index: LineIndex, item: list[_Line]) -> Field | None:
    for line in item:
        match = _DOI_IN_TEXT.search(line.text)
        if match:
            value = match.group(0).rstrip(".,;)")
            return Field(value, index.span_at(line.number, match.start() + 1, len(value)))
    return None
