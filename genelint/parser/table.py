"""AA Mutation List: the mutation table as rendered, and what keeps it from rendering."""

from __future__ import annotations

import re

from genelint.document import Field, LineIndex, MutationRow, MutationTable
from genelint.parser.blocks import Block
from genelint.parser.body import _Line
from genelint.parser.fields import _slug

_tuple_new = tuple.__new__  # a Field made without the call to its __new__
_TABLE_DELIMITER = re.compile(r"^\s*\|?\s*:?-+:?\s*(?:\|\s*:?-+:?\s*)*\|?\s*$")


def _split_cells(index: LineIndex, line: _Line) -> tuple[Field, ...]:
    text = line.text
    stripped = text.strip()
    leading, trailing = stripped.startswith("|"), stripped.endswith("|")
    parts = _cell_texts(text)
    last = len(parts) - 1
    cells = []
    at = 0  # where the part starts in the line
    for n, raw in enumerate(parts):
        value = raw.strip()
        # Before the leading pipe and after the trailing one is no cell.
        if value or not ((n == 0 and leading) or (n == last and trailing)):
            column = at + 1 + len(raw) - len(raw.lstrip())
            cells.append(_tuple_new(Field, (value, index.span_at(line.number, column, len(value)))))
        at += len(raw) + 1
    return tuple(cells)


def _cell_texts(text: str) -> list[str]:
    """The line's text between its cell-separating pipes (before the first, after the last):
    every `|` not escaped by the character before it."""
    if "\\" not in text:
        return text.split("|")
    pipes = [i for i, ch in enumerate(text) if ch == "|" and (i == 0 or text[i - 1] != "\\")]
    bounds = [-1, *pipes, len(text)]
    return [text[start + 1 : end] for start, end in zip(bounds, bounds[1:])]


def _column_role(header: str) -> str | None:
    slug = _slug(header)
    if "dbsnp" in slug or "rsid" in slug or slug in {"snp", "snpid", "rs", "variantid"}:
        return "rsid"
    if "type" in slug or "consequence" in slug or "effect" in slug or "class" in slug:
        return "type"
    if (
        "mutation" in slug
        or "change" in slug
        or "variant" in slug
        or "hgvs" in slug
        or "protein" in slug
        or slug == "aa"
    ):
        return "change"
    return None


def _in_column(cells: tuple[Field, ...], column: int | None) -> Field | None:
    return cells[column] if column is not None and column < len(cells) else None


_COMMENT_ONLY = re.compile(r"^\s*<!--.*?-->\s*$")


def _parse_table(
    index: LineIndex, lines: list[_Line], tables: list[Block], table_lines: frozenset[int]
) -> MutationTable | None:
    """The section's table as rendered; rows after a comment line that ends it where the page
    is rendered are still read (GL106 reports the comment). With no table rendered, the first
    lines with pipes, which GL106 reports as malformed (no delimiter row, ragged rows)."""
    rendered_end = 0
    if tables:
        lines = [line for line in lines if line.number >= tables[0].line]
        rendered_end = tables[0].end_line
    block: list[_Line] = []
    comments: list[_Line] = []
    breaks: list[_Line] = []  # rows where the rendered table ends with no comment line above
    pending: list[_Line] = []  # comment lines after the last row so far
    for line in lines:
        comment = not line.in_code and "<!--" in line.text and bool(_COMMENT_ONLY.match(line.text))
        if line.number in table_lines and "|" in line.text and line.text.strip() and not comment:
            if block and block[-1].number == rendered_end and not pending:
                breaks.append(
                    line
                )  # not a row where the page renders: it and those below show as text
            comments.extend(pending)
            pending = []
            block.append(line)
        elif block and comment:
            pending.append(
                line
            )  # a suppression comment above a row: the rows below are still this table's
        elif block:
            break
    if not block:
        return None
    header_line, rest = block[0], block[1:]
    delimiter = None
    header = _split_cells(index, header_line)
    if rest and _TABLE_DELIMITER.match(rest[0].text):
        # A delimiter row of another width than the header makes no table where the page
        # renders: no delimiter for GL106 to accept, and no row either.
        if len(_split_cells(index, rest[0])) == len(header):
            delimiter = index.line_span(rest[0].number)
        rest = rest[1:]
    columns: dict[str, int] = {}
    for i, cell in enumerate(header):
        role = _column_role(cell.value)
        if role and role not in columns:
            columns[role] = i
    rows = []
    change, kind, rsid = columns.get("change"), columns.get("type"), columns.get("rsid")
    for line in rest:
        cells = _split_cells(index, line)
        rows.append(
            MutationRow(
                cells,
                _in_column(cells, change),
                _in_column(cells, kind),
                _in_column(cells, rsid),
                index.line_span(line.number),
            )
        )
    span = index.lines_span(header_line.number, block[-1].number)
    rendered = bool(tables) and tables[0].line == header_line.number
    comment_spans = tuple(index.line_span(line.number) for line in comments)
    break_spans = tuple(index.line_span(line.number) for line in breaks)
    return MutationTable(
        header, tuple(rows), span, delimiter, columns, comment_spans, rendered, break_spans
    )
