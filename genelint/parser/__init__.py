"""Text -> GeneDocument, once per file.

The front matter is loaded by python-frontmatter's YAML handler (safe loader only). The
body's block structure is mistune's (blocks.py): which lines are headings, paragraphs,
tables, list items, code and HTML comments, as the page renders. Within those blocks the
typed parts (IDs, table cells, citation fields) are read from the lines of the source
itself, which is what lets every part carry an exact line, column and byte offset; what a
reader never sees (code, an HTML comment) is never read as content.

The parser never raises: what it cannot read becomes a ParseProblem (reported by
the rule with the problem's code) and parsing goes on with the rest.
"""

from __future__ import annotations

import codecs

from genelint.document import GeneDocument, LineIndex, ParseProblem, Span
from genelint.parser.body import _Scanner
from genelint.parser.citations import _parse_citations
from genelint.parser.comments import _html_comments, _text_lines
from genelint.parser.front_matter import _parse_front_matter
from genelint.parser.headings import _blocks_in, _body_lines, _parse_sections
from genelint.parser.identifiers import _parse_ids_and_aliases
from genelint.parser.location import _parse_cytoband
from genelint.parser.options import DEFAULT_OPTIONS, ParserOptions
from genelint.parser.problems import UNREADABLE_FILE
from genelint.parser.symbol import _symbol, looks_like_symbol, symbol_from_title, title_is_multiline
from genelint.parser.table import _parse_table

# The parser's public names, where callers have always found them.
__all__ = [
    "DEFAULT_OPTIONS",
    "ParserOptions",
    "looks_like_symbol",
    "parse",
    "parse_bytes",
    "symbol_from_title",
    "title_is_multiline",
    "unreadable",
]


def parse(
    text: str,
    path: str = "<string>",
    raw: bytes | None = None,
    options: ParserOptions = DEFAULT_OPTIONS,
) -> GeneDocument:
    """Parse a decoded page. `raw` is the file's bytes (defaults to `text` in UTF-8)."""
    if raw is None:
        raw = text.encode("utf-8", "surrogatepass")
    index = LineIndex(text)
    problems: list[ParseProblem] = []
    front_matter, body_line = _parse_front_matter(index, problems)
    scanner = _Scanner(index, body_line)
    comments = _html_comments(index, scanner)
    title, sections = _parse_sections(index, scanner, options)
    doc = GeneDocument(
        path=path,
        raw=raw,
        text=text,
        front_matter=front_matter,
        title=title,
        symbol=_symbol(front_matter, title),
        sections=sections,
        cytoband=None,
        identifiers=[],
        aliases=[],
        mutation_table=None,
        citations=[],
        text_lines=_text_lines(scanner),
        comments=comments,
        problems=problems,
        lines=index,
    )
    by_key = {s.key: s for s in reversed(sections) if s.key}  # first occurrence wins
    if "gene-position" in by_key:
        doc.cytoband = _parse_cytoband(index, _body_lines(by_key["gene-position"], scanner))
    if "external-ids-and-aliases" in by_key:
        doc.identifiers, doc.aliases = _parse_ids_and_aliases(
            index, _body_lines(by_key["external-ids-and-aliases"], scanner)
        )
    if "aa-mutation-list" in by_key:
        section = by_key["aa-mutation-list"]
        doc.mutation_table = _parse_table(
            index,
            _body_lines(section, scanner),
            _blocks_in(scanner, section, "table"),
            scanner.table_lines(section.body.line, section.body.end_line),
        )
    if "related-papers" in by_key:
        section = by_key["related-papers"]
        doc.citations = _parse_citations(index, _blocks_in(scanner, section, "list"), scanner)
    return doc


# Byte order marks of the encodings an editor saves "Unicode" text in besides UTF-8 (Windows
# Notepad's "Unicode" is UTF-16 LE), longest first: UTF-32 LE's starts as UTF-16 LE's does.
_OTHER_UNICODE = (
    (codecs.BOM_UTF32_LE, "UTF-32"),
    (codecs.BOM_UTF32_BE, "UTF-32"),
    (codecs.BOM_UTF16_LE, "UTF-16"),
    (codecs.BOM_UTF16_BE, "UTF-16"),
)


def parse_bytes(raw: bytes, path: str, options: ParserOptions = DEFAULT_OPTIONS) -> GeneDocument:
    """Decode and parse; undecodable or binary input gives a document with a GL001 problem."""
    for mark, encoding in _OTHER_UNICODE:
        if raw.startswith(mark):  # its NUL bytes would call it binary: say what it is
            return unreadable(
                path,
                raw,
                f"{encoding} text (byte order mark {mark.hex(' ').upper()}), not UTF-8 "
                "(save the file as UTF-8)",
            )
    if b"\x00" in raw:
        offset = raw.index(b"\x00")
        return unreadable(
            path,
            raw,
            f"binary file (NUL byte at byte offset {offset})",
            *_place_of_byte(raw, offset),
        )
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        line, column = _place_of_byte(raw, err.start)
        return unreadable(
            path,
            raw,
            f"not valid UTF-8: byte 0x{raw[err.start]:02x} at line {line} (save the file as UTF-8)",
            line,
            column,
        )
    if "\n" not in text and "\r" in text.rstrip("\r"):
        # Lone CRs end lines for mistune and old Mac editors, but for git, diff, editors' line
        # numbers in a terminal and genelint's positions the page is one line: every finding
        # would sit on line 1 and most would be wrong. Say what to change instead.
        return unreadable(
            path,
            raw,
            "lines end in a lone CR (classic Mac OS line ends), so git, diff and genelint read "
            "the file as one line (save it with LF line ends)",
            1,
            text.index("\r") + 1,
        )
    return parse(text, path, raw, options)


def unreadable(path: str, raw: bytes, message: str, line: int = 1, column: int = 1) -> GeneDocument:
    """A document with nothing in it but the GL001 problem saying why (at the bad byte, when one is)."""
    doc = parse("", path, b"")
    doc.raw = raw
    doc.readable = False
    # Only why it is unreadable: the empty text's "no front matter" would be noise.
    doc.problems = [ParseProblem(UNREADABLE_FILE, message, Span(line, column, line, column, 0, 0))]
    return doc


def _place_of_byte(raw: bytes, offset: int) -> tuple[int, int]:
    """Line and column of a byte; the column counts the characters before it on its line,
    each undecodable byte as one (as an editor showing replacement characters does)."""
    line_start = raw.rfind(b"\n", 0, offset) + 1
    return raw.count(b"\n", 0, offset) + 1, len(
        raw[line_start:offset].decode("utf-8", "replace")
    ) + 1
