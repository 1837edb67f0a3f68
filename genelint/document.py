"""The document model: a gene page parsed once, every part carrying its exact Span.

Positions are 1-based line and column (columns count code points) in the original
file, front matter included; `start`/`end` are byte offsets into the file as read,
which is what a fix edits.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import MISSING, dataclass, field, fields
from itertools import accumulate
from operator import add as _add
from typing import Any, NamedTuple, TypeVar, cast

_Part = TypeVar("_Part")


class _DefaultFactory:
    def __repr__(self) -> str:
        return "<factory>"  # as the dataclass's own __init__ shows it


_DEFAULT_FACTORY = _DefaultFactory()


def direct_init(cls: type[_Part]) -> type[_Part]:
    """A frozen dataclass whose __init__ fills the new instance's __dict__ directly.

    The parser makes a few hundred parts a page; a frozen dataclass's own __init__ sets each
    field through object.__setattr__, which costs two to three times as much. The generated
    __init__ takes the same arguments (names, order, defaults and default factories), so
    the class is made, compared, hashed and printed as before, and stays frozen after."""
    if "__slots__" in vars(cls):
        return cls  # no __dict__ to fill: the dataclass's own __init__ is right
    namespace: dict[str, Any] = {"_FACTORY": _DEFAULT_FACTORY}
    parameters, lines = [], []
    for part in fields(cast(Any, cls)):
        if part.default is not MISSING:
            namespace[f"_default_{part.name}"] = part.default
            parameters.append(f"{part.name}=_default_{part.name}")
        elif part.default_factory is not MISSING:
            namespace[f"_factory_{part.name}"] = part.default_factory
            parameters.append(f"{part.name}=_FACTORY")
            lines.append(
                f"    if {part.name} is _FACTORY:\n        {part.name} = _factory_{part.name}()"
            )
        else:
            parameters.append(part.name)
        lines.append(f"    values[{part.name!r}] = {part.name}")
    source = f"def __init__(self, {', '.join(parameters)}):\n    values = self.__dict__\n"
    exec(source + "\n".join(lines), namespace)  # noqa: S102 - as dataclasses makes __init__
    init = namespace["__init__"]
    init.__qualname__ = f"{cls.__qualname__}.__init__"
    setattr(cls, "__init__", init)  # noqa: B010 - replacing a method mypy would refuse
    return cls


class Span(NamedTuple):
    """Where a part stands. A named tuple, not a dataclass: a page has a hundred or more, and
    a tuple is made in a third of the time, read as fast, and is smaller; like a frozen
    dataclass it is immutable, compared and hashed by its fields."""

    line: int
    column: int
    end_line: int
    end_column: int
    start: int  # byte offset, inclusive
    end: int  # byte offset, exclusive


_tuple_new = tuple.__new__  # a Span made from its fields without the call to its __new__


class Field(NamedTuple):
    """A piece of text as written on the page, and where it stands (a named tuple, as Span:
    the parser makes dozens a page). The kinds of fields below are its subclasses."""

    value: str
    span: Span


@direct_init
@dataclass(frozen=True)
class FrontMatterEntry:
    key: str
    key_span: Span
    value: Any
    value_span: Span | None  # None when the value is empty
    value_text: str | None = None  # the value as written (quotes kept): what value_span covers
    # Keys of a nested mapping one level down (`provenance:` -> `reviewed_by:`), for their spans.
    children: dict[str, FrontMatterEntry] = field(default_factory=dict)


@direct_init
@dataclass(frozen=True)
class FrontMatter:
    data: dict  # {} when absent or unreadable
    entries: dict[str, FrontMatterEntry]
    span: Span | None  # the whole block with its fences; None when absent
    present: bool
    # False when the block could not be read as a mapping (its GL002 says why); a page whose
    # only GL002 is a repeated key is read (the last value wins) and checked against the schema.
    loaded: bool = True

    @property
    def unreadable(self) -> bool:
        """Written but not read (GL002 says why): rules that would look up its keys stay silent
        rather than report as missing what may well be written there."""
        return self.present and not self.loaded


@direct_init
@dataclass(frozen=True)
class Section:
    title: str  # heading text, inline markup removed
    level: int
    heading: Span  # the heading line
    body: Span  # from the line after the heading to the line before the next heading
    body_text: str  # the body as written (may be empty or blank)
    key: str | None  # canonical section key when the title is a known section


class Cytoband(Field):
    __slots__ = ()


@direct_init
@dataclass(frozen=True)
class Identifier:
    kind: str  # canonical kind: HGNC, NCBI Entrez, Ensembl, OMIM, UniProtKB, ... or the label as written
    label: Field  # the label as written ("UniProtKB/Swiss-Prot")
    value: Field
    span: Span  # the whole list item or line


class Alias(Field):
    __slots__ = ()


@direct_init
@dataclass(frozen=True)
class MutationRow:
    cells: tuple[Field, ...]  # every cell as written, outer pipes removed
    change: Field | None
    type: Field | None
    rsid: Field | None
    span: Span


@direct_init
@dataclass(frozen=True)
class MutationTable:
    header: tuple[Field, ...]
    rows: tuple[MutationRow, ...]
    span: Span
    delimiter: Span | None  # the |---|---| line, None when missing
    columns: dict[str, int]  # "change"/"type"/"rsid" -> column index found in the header
    # Comment-only lines between its rows (`<!-- genelint-disable-next-line ... -->`): the
    # scanner reads on past them, but a renderer ends the table there.
    comments: tuple[Span, ...] = ()
    # False when no table renders at its header line (mistune shows its lines as text): read
    # anyway, so that GL106 can say what is wrong and the rows are still checked.
    rendered: bool = True
    # Rows below which the rendered table has ended with no comment line to say why (the row
    # above does not end with `|`, say): they and the rows under them show as text.
    breaks: tuple[Span, ...] = ()


@direct_init
@dataclass(frozen=True)
class Citation:
    span: Span  # the whole list item
    authors: Field | None
    title: Field | None
    journal: Field | None
    doi: Field | None
    fields: dict[str, Field] = field(default_factory=dict)  # every `Label: value` of the item


class ProvenanceMarker(Field):
    """Text claiming AI authorship (usually the footer): a text line the AI patterns match,
    found by the provenance rules (rules/provenance.py)."""

    __slots__ = ()


class HtmlComment(Field):
    """An HTML comment, e.g. a `<!-- genelint-disable ... -->` directive."""

    __slots__ = ()


@direct_init
@dataclass(frozen=True)
class ParseProblem:
    """Something the parser could not read; the rule with this code reports it."""

    code: str
    message: str
    span: Span


@dataclass
class GeneDocument:
    path: str
    raw: bytes
    text: str  # the file decoded; BOM and line endings kept, so offsets match `raw`
    front_matter: FrontMatter
    title: Field | None  # the H1
    symbol: str | None  # the gene symbol the page is about (front matter title, else H1)
    sections: list[Section]
    cytoband: Cytoband | None
    identifiers: list[Identifier]
    aliases: list[Alias]
    mutation_table: MutationTable | None
    citations: list[Citation]
    # The body's lines a reader sees as text, by number: not hidden in an HTML comment, not a
    # heading, holding no comment (a code block's lines are shown, so they are here). Rules
    # that search the page's wording (the AI footer) read these.
    text_lines: tuple[int, ...]
    comments: list[HtmlComment]
    problems: list[ParseProblem]
    lines: LineIndex
    readable: bool = True  # False when the file could not be read or decoded (GL001)

    def fields(self) -> Iterator[tuple[str, Field]]:
        """Every typed part as (what, Field), in page order within each kind: for tools and tests."""
        for key, entry in self.front_matter.entries.items():
            yield from _entry_fields(key, entry)
        if self.title:
            yield "title", self.title
        for section in self.sections:
            yield (
                f"section {section.title!r} heading",
                Field(self.lines.text_of(section.heading), section.heading),
            )
            yield f"section {section.title!r} body", Field(section.body_text, section.body)
        if self.cytoband:
            yield "cytoband", self.cytoband
        for identifier in self.identifiers:
            yield f"{identifier.kind} label", identifier.label
            yield f"{identifier.kind} value", identifier.value
        for alias in self.aliases:
            yield "alias", alias
        if self.mutation_table:
            for cell in self.mutation_table.header:
                yield "mutation header", cell
            for row in self.mutation_table.rows:
                for cell in row.cells:
                    yield f"mutation row {row.span.line} cell", cell
        for citation in self.citations:
            for name, value in citation.fields.items():
                yield f"citation {citation.span.line} {name}", value
        for comment in self.comments:
            yield "comment", comment

    def line_field(self, number: int) -> Field:
        """Line `number` as text: the emphasis, code marks or link around it stripped, as the
        parser strips a field's, with its exact span."""
        from genelint.parser.fields import plain_field

        return plain_field(self.lines, number, self.lines.line_text(number).rstrip())

    def section(self, key: str) -> Section | None:
        for section in self.sections:
            if section.key == key:
                return section
        return None

    @property
    def mutations(self) -> tuple[MutationRow, ...]:
        return self.mutation_table.rows if self.mutation_table else ()

    def span_of_line(self, line: int) -> Span:
        return self.lines.line_span(line)


def _entry_fields(key: str, entry: FrontMatterEntry) -> Iterator[tuple[str, Field]]:
    yield f"front matter key {key}", Field(entry.key, entry.key_span)
    if entry.value_span is not None and entry.value_text is not None:
        yield f"front matter value {key}", Field(entry.value_text, entry.value_span)
    for child_key, child in entry.children.items():
        yield from _entry_fields(f"{key}.{child_key}", child)


_plus_one = (1).__add__
_search_not_ascii = re.compile(r"[^\x00-\x7f]").search


class LineIndex:
    """Maps between (line, column), code-point offsets and byte offsets of one text.

    Built once per file and asked for a hundred spans, so the per-line tables are computed
    up front, and a span on one line (most of them) costs a few additions: on a line of
    ASCII text a byte offset is the code-point offset moved by the line's shift.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        pieces = text.split("\n")
        # The code-point offset of each line (each piece and its LF), summed in C.
        self.starts = [0, *accumulate(map(_plus_one, map(len, pieces[:-1])))]
        self._lines = [piece.rstrip("\r") for piece in pieces] if "\r" in text else pieces
        if text.isascii():
            self._byte_starts = self.starts
            # bytes = code points on every line
            self._shifts: list[int | None] = [0] * len(pieces)
        else:
            # Most lines of a page with an accented name are still ASCII: on those the byte
            # offset is the code-point offset plus the bytes the lines above add. The lines
            # that are not are found by a search of the text (in C), not asked one by one.
            starts = self.starts
            shifts: list[int | None] = []
            before: list[int] = []  # the bytes the lines above each line add
            done = extra = 0
            at = _search_not_ascii(text)
            while at is not None:
                line = bisect_right(starts, at.start()) - 1
                shifts += [extra] * (line - done)
                before += [extra] * (line - done + 1)
                shifts.append(None)
                piece = pieces[line]
                extra += len(piece.encode("utf-8", "surrogatepass")) - len(piece)
                done = line + 1
                at = _search_not_ascii(text, starts[done]) if done < len(starts) else None
            shifts += [extra] * (len(starts) - done)
            before += [extra] * (len(starts) - done)
            self._shifts = shifts
            self._byte_starts = list(map(_add, starts, before))

    @property
    def line_count(self) -> int:
        return len(self.starts)

    def line_text(self, line: int) -> str:
        """Line `line` (1-based) without its line ending."""
        return self._lines[line - 1]

    def lines_from(self, line: int) -> list[str]:
        """Lines `line` to the last, without their line endings."""
        return self._lines[line - 1 :]

    def to_byte(self, offset: int) -> int:
        return self._to_byte_on(self.line_of(offset), offset)

    def _to_byte_on(self, line: int, offset: int) -> int:
        """The byte offset of code-point `offset`, which lies on `line` (or ends it)."""
        shift = self._shifts[line - 1]
        if shift is not None:
            return offset + shift
        start = self.starts[line - 1]
        return self._byte_starts[line - 1] + len(
            self.text[start:offset].encode("utf-8", "surrogatepass")
        )

    def line_of(self, offset: int) -> int:
        return max(1, bisect_right(self.starts, offset))

    def span(self, start: int, end: int) -> Span:
        """The Span of code-point offsets [start, end)."""
        line = self.line_of(start)
        end_line = self.line_of(end) if end > start else line
        starts = self.starts
        return _tuple_new(
            Span,
            (
                line,
                start - starts[line - 1] + 1,
                end_line,
                end - starts[end_line - 1] + 1,
                self._to_byte_on(line, start),
                self._to_byte_on(end_line, end),
            ),
        )

    def span_at(self, line: int, column: int, length: int) -> Span:
        """The Span of `length` code points from (line, column), on one line."""
        # The parser asks for a hundred of these a page: one call, arithmetic, no other call
        # on a line of ASCII text.
        starts = self.starts
        start = starts[line - 1] + column - 1
        end = start + length
        if column < 1 or (line < len(starts) and end >= starts[line]):
            return self.span(start, end)  # runs past the line end: let the index find the end line
        shift = self._shifts[line - 1]
        if shift is None:
            byte_start = self._byte_starts[line - 1] + len(
                self.text[starts[line - 1] : start].encode("utf-8", "surrogatepass")
            )
            byte_end = byte_start + len(self.text[start:end].encode("utf-8", "surrogatepass"))
        else:
            byte_start, byte_end = start + shift, end + shift
        return _tuple_new(Span, (line, column, line, column + length, byte_start, byte_end))

    def lines_span(self, first: int, last: int) -> Span:
        """Lines `first` to `last` whole: from the start of the first to the end of the last,
        without its line ending (the lines are known: no search for them)."""
        length = len(self._lines[last - 1])
        end = self.starts[last - 1] + length
        shift = self._shifts[last - 1]  # on an ASCII line, bytes are code points moved by it
        return _tuple_new(
            Span,
            (
                first,
                1,
                last,
                length + 1,
                self._byte_starts[first - 1],
                end + shift if shift is not None else self._to_byte_on(last, end),
            ),
        )

    def text_of(self, span: Span) -> str:
        """The text a span covers."""
        return self.text[
            self.starts[span.line - 1] + span.column - 1 : self.starts[span.end_line - 1]
            + span.end_column
            - 1
        ]

    def line_span(self, line: int) -> Span:
        """The whole of line `line`, without its line ending."""
        return self.lines_span(line, line)
