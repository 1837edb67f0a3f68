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

import re
from dataclasses import dataclass, field
from typing import Iterator

from genelint.document import (
    Alias,
    Citation,
    Cytoband,
    Field,
    FrontMatter,
    FrontMatterEntry,
    GeneDocument,
    HtmlComment,
    Identifier,
    LineIndex,
    MutationRow,
    MutationTable,
    ParseProblem,
    ProvenanceMarker,
    Section,
    Span,
)
from genelint.parser.blocks import Block, outline
from genelint.parser.plain import plain_outline
from genelint.parser.problems import FRONT_MATTER_SYNTAX, UNREADABLE_FILE
from genelint.sections import REFERENCE_SECTIONS, known_titles, section_key

# Footer wording that claims AI authorship; configurable through ParserOptions.
DEFAULT_AI_PATTERNS: tuple[str, ...] = (
    r"\bAI\s+language\s+model\b",
    r"\blarge\s+language\s+model\b",
    r"\b(?:generated|written|analy[sz]ed|produced|created|drafted)\s+(?:\w+\s+){0,3}by\s+(?:an?\s+)?(?:AI|artificial intelligence)\b",
    r"\b(?:Chat)?GPT(?:-?\d(?:\.\d)?)?(?:-?(?:turbo|o))?\b",
    r"\bOpenAI\b",
    r"\bClaude\b",
    r"\bGemini\b",
    r"\bBard\b",
    r"\bLLaMA\b|\bLlama\s*\d",
    r"\bMistral\b",
    r"\bCopilot\b",
)


@dataclass(frozen=True)
class ParserOptions:
    sections: tuple[tuple[str, str], ...] = REFERENCE_SECTIONS
    ai_patterns: tuple[str, ...] = DEFAULT_AI_PATTERNS
    _compiled: dict = field(default_factory=dict, compare=False, hash=False, repr=False)

    def known(self) -> dict[str, str]:
        if "known" not in self._compiled:
            self._compiled["known"] = known_titles(self.sections)
        return self._compiled["known"]

    def ai_regex(self) -> re.Pattern:
        if "ai" not in self._compiled:
            self._compiled["ai"] = re.compile("|".join(f"(?:{p})" for p in self.ai_patterns), re.I)
        return self._compiled["ai"]


DEFAULT_OPTIONS = ParserOptions()

# Identifier labels, matched on a slug of the label (lower case, alphanumerics only).
IDENTIFIER_KINDS: dict[str, str] = {
    "hgnc": "HGNC",
    "hgncid": "HGNC",
    "ncbientrez": "NCBI Entrez",
    "ncbientrezid": "NCBI Entrez",
    "entrez": "NCBI Entrez",
    "entrezid": "NCBI Entrez",
    "entrezgene": "NCBI Entrez",
    "entrezgeneid": "NCBI Entrez",
    "ncbigene": "NCBI Entrez",
    "ncbigeneid": "NCBI Entrez",
    "geneid": "NCBI Entrez",
    "ensembl": "Ensembl",
    "ensemblid": "Ensembl",
    "ensemblgene": "Ensembl",
    "ensemblgeneid": "Ensembl",
    "omim": "OMIM",
    "omimid": "OMIM",
    "mim": "OMIM",
    "uniprot": "UniProtKB",
    "uniprotid": "UniProtKB",
    "uniprotkb": "UniProtKB",
    "uniprotkbid": "UniProtKB",
    "uniprotkbswissprot": "UniProtKB",
    "uniprotswissprot": "UniProtKB",
    "swissprot": "UniProtKB",
}
ALIAS_LABELS = {"alias", "aliases", "alsoknownas", "synonym", "synonyms", "othernames", "aliassymbols"}
CITATION_LABELS = {
    "author": "authors",
    "authors": "authors",
    "title": "title",
    "journal": "journal",
    "source": "journal",
    "doi": "doi",
}

_HEADING = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+(.*?))?[ \t]*$")
_HEADING_CLOSE = re.compile(r"[ \t]+#+$")
_LIST_ITEM = re.compile(r"^(\s*)(?:[-*+]|\d{1,9}[.)])(?:[ \t]+|$)")
_LABEL_VALUE = re.compile(r"^(?P<label>[A-Za-z][A-Za-z0-9 /_.()\-]{0,40}?)\s*:\s*(?P<value>.*)$")
_EMPHASIS = "*_`"
_TABLE_DELIMITER = re.compile(r"^\s*\|?\s*:?-+:?\s*(?:\|\s*:?-+:?\s*)*\|?\s*$")
_CYTOBAND_LEAD = re.compile(r"\b(?:cytoband|cytogenetic\s+(?:band|location)|band|position|location|locus)\b\s*(?:is\s+)?(?::\s*|at\s+|of\s+)?", re.I)
_CYTOBAND_LOOSE = re.compile(r"(?<![\w.])(?:[0-9]{1,2}|X|Y)[pq][0-9A-Za-z.\-]*|(?<![\w.])(?:MT|cen|pter-qter)(?![\w])")
# Right after a lead ("at position"), a miscased band (`XP11.21`, `xq28`) is still the
# location, and GL205 says what is wrong with it; searched for anywhere, words such as
# "xpress" would be taken for one.
_CYTOBAND_MISCASED = re.compile(r"(?:[0-9]{1,2}|[XYxy])[pqPQ][0-9][0-9A-Za-z.\-]*")
_DOI_IN_TEXT = re.compile(r"10\.\S+/\S+")
# Compiled once: the scanner applies these to every line of every page.
_NOT_SLUG = re.compile(r"[^a-z0-9]")
_LINK = re.compile(r"^\[([^\]]*)\]\([^)]*\)$")
_BOLD_LABEL = re.compile(r"^(\*\*|__)(.+?)(\*\*|__)\s*(:?)\s*")
_TOKEN = re.compile(r"\s*(\S+)")
_HGNC_CURIE = re.compile(r"^\s*(\*\*|__)?(HGNC):(\d+)\1?\s*$", re.I)
_LIST_ENTRY = re.compile(r"[^,;]+")
_COMMENT_START = "<!--"
_COMMENT_END = "-->"


def _slug(text: str) -> str:
    return _NOT_SLUG.sub("", text.lower())


@dataclass
class _Line:
    number: int  # 1-based
    text: str  # without line ending
    in_code: bool  # inside a code block (fenced or indented)
    hidden: bool = False  # inside code or an HTML comment block: no reader sees it as text


class _Scanner:
    """The body's lines, each knowing whether it lies in code or a comment, and its blocks."""

    def __init__(self, index: LineIndex, first_body_line: int) -> None:
        self.index = index
        body_start = index.starts[first_body_line - 1] if first_body_line <= index.line_count else len(index.text)
        body = index.text[body_start:]
        self.outline = plain_outline(body, first_body_line) or outline(body, first_body_line)
        code, hidden = self.outline.code, self.outline.hidden
        self.lines = [
            _Line(number, index.line_text(number), number in code, number in hidden)
            for number in range(first_body_line, index.line_count + 1)
        ]
        # Lines a table can be read from: a table's, or a paragraph's (a table missing its
        # delimiter row renders as one); not a list item's or a quote's.
        self.table_lines = frozenset(
            number for block in self.outline.blocks if block.kind in ("table", "paragraph")
            for number in range(block.line, block.end_line + 1)
        )


def parse(text: str, path: str = "<string>", raw: bytes | None = None, options: ParserOptions = DEFAULT_OPTIONS) -> GeneDocument:
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
        provenance_markers=[],
        comments=comments,
        problems=problems,
        lines=index,
    )
    by_key = {s.key: s for s in reversed(sections) if s.key}  # first occurrence wins
    lines_of = {line.number: line for line in scanner.lines}
    if "gene-position" in by_key:
        doc.cytoband = _parse_cytoband(index, _body_lines(by_key["gene-position"], lines_of))
    if "external-ids-and-aliases" in by_key:
        doc.identifiers, doc.aliases = _parse_ids_and_aliases(index, _body_lines(by_key["external-ids-and-aliases"], lines_of))
    if "aa-mutation-list" in by_key:
        section = by_key["aa-mutation-list"]
        doc.mutation_table = _parse_table(index, _body_lines(section, lines_of), _blocks_in(scanner, section, "table"), scanner.table_lines)
    if "related-papers" in by_key:
        section = by_key["related-papers"]
        doc.citations = _parse_citations(index, _blocks_in(scanner, section, "list"), lines_of)
    doc.provenance_markers = _provenance_markers(index, scanner, options)
    return doc


def parse_bytes(raw: bytes, path: str, options: ParserOptions = DEFAULT_OPTIONS) -> GeneDocument:
    """Decode and parse; undecodable or binary input gives a document with a GL001 problem."""
    if b"\x00" in raw:
        offset = raw.index(b"\x00")
        return unreadable(path, raw, "binary file (NUL byte at byte offset %d)" % offset, *_place_of_byte(raw, offset))
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        line, column = _place_of_byte(raw, err.start)
        return unreadable(path, raw, f"not valid UTF-8: byte 0x{raw[err.start]:02x} at line {line} (save the file as UTF-8)",
                          line, column)
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
    return raw.count(b"\n", 0, offset) + 1, len(raw[line_start:offset].decode("utf-8", "replace")) + 1


# --- front matter ---------------------------------------------------------------


def _parse_front_matter(index: LineIndex, problems: list[ParseProblem]) -> tuple[FrontMatter, int]:
    """The front matter and the first line of the body."""
    absent = FrontMatter(data={}, entries={}, span=None, present=False)
    if index.line_count == 0 or index.line_text(1).lstrip("\ufeff").rstrip() != "---":
        problems.append(ParseProblem(FRONT_MATTER_SYNTAX, "no front matter: the page must start with a '---' line", index.span(0, 0)))
        return absent, 1
    close = None
    for number in range(2, index.line_count + 1):
        if index.line_text(number).rstrip() in ("---", "..."):
            close = number
            break
    if close is None:
        problems.append(ParseProblem(FRONT_MATTER_SYNTAX, "front matter is not terminated: no closing '---' line", index.line_span(1)))
        return FrontMatter(data={}, entries={}, span=index.line_span(1), present=True, loaded=False), 2
    block_start = index.starts[1] if index.line_count > 1 else len(index.text)
    block_end = index.starts[close - 1]
    yaml_text = index.text[block_start:block_end]
    span = index.span(index.starts[0], index.starts[close - 1] + len(index.line_text(close)))
    before = len(problems)
    data, node = _load_yaml(yaml_text, index, problems)
    loaded = len(problems) == before
    ends = _value_ends(node)
    last_lines = _duplicate_keys(node, index, problems)
    entries = _front_matter_entries(index, 2, close - 1, data if isinstance(data, dict) else {}, ends, last_lines)
    if data is None:
        data = {}
    elif not isinstance(data, dict):
        problems.append(ParseProblem(FRONT_MATTER_SYNTAX, f"front matter must be a mapping of keys to values, not a {_yaml_kind(data)}", index.line_span(2)))
        data = {}
        loaded = False
    return FrontMatter(data=data, entries=entries, span=span, present=True, loaded=loaded), close + 1


def _duplicate_keys(node, index: LineIndex, problems: list[ParseProblem]) -> dict[str, int]:
    """A GL002 problem at each repeated key of any mapping (YAML wants keys unique; PyYAML
    keeps the last value silently). Returns the line of each top-level key's last occurrence,
    the one whose value the data holds."""
    import yaml

    last_lines: dict[str, int] = {}
    stack = [("", node)]
    while stack:
        path, current = stack.pop()
        if isinstance(current, yaml.SequenceNode):
            stack.extend((path, item) for item in reversed(current.value))
        if not isinstance(current, yaml.MappingNode):
            continue
        first: dict[object, int] = {}
        for key, value in current.value:
            name = key.value if isinstance(key, yaml.ScalarNode) else None
            line = key.start_mark.line + 2
            if name is not None and name in first:
                shown = f"{path}.{name}" if path else name
                column = key.start_mark.column + 1
                length = key.end_mark.column - key.start_mark.column if key.end_mark.line == key.start_mark.line else 0
                message = f"front matter key '{shown}' appears again (first at line {first[name]}); YAML keeps only this last value"
                problems.append(ParseProblem(FRONT_MATTER_SYNTAX, message, index.span_at(line, column, max(length, 0))))
            elif name is not None:
                first[name] = line
            if current is node and name is not None:
                last_lines[str(name)] = line
        stack.extend((f"{path}.{key.value}" if path else str(key.value), value) for key, value in reversed(current.value))
    return last_lines


def _yaml_kind(value: object) -> str:
    return "list" if isinstance(value, list) else "scalar"


def _load_yaml(yaml_text: str, index: LineIndex, problems: list[ParseProblem]) -> tuple[object, object]:
    """The front matter's data and its YAML node tree (None when it could not be read):
    the nodes carry where each value starts and ends, which the regex-found entries cannot
    tell (a quoted value that runs over several lines)."""
    import yaml
    from frontmatter.default_handlers import SafeLoader

    try:
        alias = _first_alias(yaml_text)
        if alias is not None:
            line = min(alias.line + 2, index.line_count)
            column = min(alias.column + 1, len(index.line_text(line)) + 1)
            message = "YAML aliases (*name) are not allowed in front matter: each one can multiply the document's size"
            problems.append(ParseProblem(FRONT_MATTER_SYNTAX, message, index.span_at(line, column, 0)))
            return {}, None
        # What yaml.load does (python-frontmatter's YAMLHandler: the safe loader), with the node kept.
        loader = SafeLoader(yaml_text)
        try:
            node = loader.get_single_node()
            try:
                return (loader.construct_document(node) if node is not None else None), node
            except ValueError as err:
                # A value that looks like a date but is none (2023-02-30): PyYAML raises a bare
                # ValueError, without a mark; the scalar that fails is found again, node by node.
                failing = _failing_scalar(node)
                if failing is None:
                    raise
                problems.append(_value_problem(index, *failing, err))
                return {}, None
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as err:
        problems.append(_yaml_error_problem(err, yaml_text, index))
    except (yaml.YAMLError, ValueError, RecursionError) as err:
        problems.append(ParseProblem(FRONT_MATTER_SYNTAX, f"YAML error in front matter: {err}", index.line_span(2)))
    return {}, None


def _failing_scalar(node) -> tuple[str, object] | None:
    """(key path, node) of the first scalar whose value cannot be constructed, in page order."""
    import yaml
    from yaml.constructor import SafeConstructor

    stack = [("", node)]
    while stack:
        path, current = stack.pop()
        if isinstance(current, yaml.ScalarNode):
            try:
                SafeConstructor().construct_object(current)
            except ValueError:
                return path, current
        elif isinstance(current, yaml.MappingNode):
            pairs = [(f"{path}.{key.value}" if path else str(key.value), value) for key, value in current.value]
            stack.extend(reversed(pairs))
        elif isinstance(current, yaml.SequenceNode):
            stack.extend(reversed([(f"{path}[{i}]", item) for i, item in enumerate(current.value)]))
    return None


def _value_problem(index: LineIndex, path: str, node, err: ValueError) -> ParseProblem:
    line = min(node.start_mark.line + 2, index.line_count)
    column = min(node.start_mark.column + 1, len(index.line_text(line)) + 1)
    same_line = node.end_mark.line == node.start_mark.line
    length = node.end_mark.column - node.start_mark.column if same_line else 0
    kind = "date" if node.tag == "tag:yaml.org,2002:timestamp" else node.tag.rsplit(":", 1)[-1]
    named = f"{path}: {node.value}" if path else node.value
    message = f"YAML error in front matter: '{named}' is not a valid {kind} ({err})"
    return ParseProblem(FRONT_MATTER_SYNTAX, message, index.span_at(line, column, max(length, 0)))


def _value_ends(node) -> dict[str, tuple[int, int]]:
    """(line, column), 0-based in the YAML block, where each top-level key's value ends."""
    import yaml

    if not isinstance(node, yaml.MappingNode):
        return {}
    ends = {}
    for key, value in node.value:
        if isinstance(key, yaml.ScalarNode):
            # A block scalar (`|`) ends at the start of the line after it: its last line is the one before.
            line = value.end_mark.line - 1 if value.end_mark.column == 0 and value.end_mark.line > value.start_mark.line else value.end_mark.line
            ends[key.value] = (line, value.end_mark.column or 10**9)
    return ends


# What PyYAML is inside of when it finds an error (its context) that opens on one line and can
# only fail on a later one: the flow collection left open or the key without its colon is what
# the curator must edit, not the next key where the parser gave up.
_OPENED_EARLIER = {
    "while parsing a flow sequence": "list",
    "while parsing a flow mapping": "mapping",
    "while scanning a simple key": "key",
}
_CLOSERS = {"list": ("[", "]"), "mapping": ("{", "}")}


def _yaml_error_problem(err, yaml_text: str, index: LineIndex) -> ParseProblem:
    """GL002 for a YAML error, at the text to edit: where an unclosed flow list or mapping
    opens, the line of a key that has no colon, else where PyYAML stopped."""
    opened = _OPENED_EARLIER.get(err.context or "")
    context, problem = err.context_mark, err.problem_mark
    if opened and context is not None and (problem is None or problem.line > context.line):
        line = min(context.line + 2, index.line_count)
        text = index.line_text(line)
        column = min(context.column + 1, len(text) + 1)
        written = text[column - 1 :].rstrip()
        span = index.span_at(line, column, len(written))
        stopped = f"line {problem.line + 2}" if problem is not None and problem.index < len(yaml_text.rstrip()) else "the end of the front matter"
        if opened == "key":
            message = f"YAML error in front matter: '{written}' has no ':' after its key (expected 'key: value')"
        else:
            opener, closer = _CLOSERS[opened]
            message = (f"YAML error in front matter: the flow {opened} opened with '{opener}' here is not closed: "
                       f"expected ',' or '{closer}' before {stopped}; close it with '{closer}'")
        return ParseProblem(FRONT_MATTER_SYNTAX, message, span)
    mark, what = _error_mark(err, yaml_text)
    line = min((mark.line + 2) if mark else 2, index.line_count)
    column = (mark.column + 1) if mark else 1
    text_len = len(index.line_text(line))
    return ParseProblem(FRONT_MATTER_SYNTAX, f"YAML error in front matter: {what}", index.span_at(line, min(column, text_len + 1), 0))


def _error_mark(err, yaml_text: str) -> tuple[object, str]:
    """Where a YAML error is, and what it is. An unclosed `[` or quote is only noticed at
    the end of the block; where it opens (the context mark) is the line to fix."""
    problem = err.problem or err.context or "invalid YAML"
    at_end = err.problem_mark is not None and err.problem_mark.index >= len(yaml_text.rstrip())
    if err.context_mark is not None and (err.problem_mark is None or at_end):
        return err.context_mark, f"{err.context}: {problem}" if err.context and err.problem else problem
    return err.problem_mark or err.context_mark, problem


def _first_alias(yaml_text: str):
    """The mark of the first alias in the YAML, or None; aliases nest, so a few lines can
    expand to billions of values (a "billion laughs" page), and gene pages never need one."""
    if "*" not in yaml_text:
        return None
    import yaml
    from frontmatter.default_handlers import SafeLoader

    for event in yaml.parse(yaml_text, Loader=SafeLoader):
        if isinstance(event, yaml.AliasEvent):
            return event.start_mark
    return None


_FM_KEY = re.compile(r"^(['\"]?)([A-Za-z_][\w\-]*)\1[ \t]*:(?:[ \t]+|$)")
_FM_CHILD_KEY = re.compile(r"^([ \t]+)(['\"]?)([A-Za-z_][\w\-]*)\2[ \t]*:(?:[ \t]+|$)")


def _front_matter_entries(
    index: LineIndex, first: int, last: int, data: dict, ends: dict[str, tuple[int, int]], last_lines: dict[str, int]
) -> dict[str, FrontMatterEntry]:
    """`last_lines`: the line of each key's last occurrence (the one YAML keeps), when known."""
    entries: dict[str, FrontMatterEntry] = {}
    swallowed_until = 0  # the last line of a quoted value that runs over several lines
    for number in range(first, last + 1):
        if number <= swallowed_until:
            continue  # `date: ...` inside an unclosed title quote is text of the title, not a key
        match = _FM_KEY.match(index.line_text(number))
        if not match:
            continue
        key = match.group(2)
        if last_lines.get(key, number) == number if last_lines else key not in entries:
            value = data.get(key)
            children = _child_entries(index, number, last, value) if isinstance(value, dict) else {}
            entries[key] = _entry(index, number, match, 2, value, last, children, ends.get(key) if isinstance(value, str) else None)
            swallowed_until = entries[key].value_span.end_line if entries[key].value_span else 0
    return entries


def _child_entries(index: LineIndex, key_line: int, last: int, mapping: dict) -> dict[str, FrontMatterEntry]:
    """The keys of a block mapping under `key_line`, at the indentation of its first key."""
    children: dict[str, FrontMatterEntry] = {}
    indent: str | None = None
    for number in range(key_line + 1, last + 1):
        text = index.line_text(number)
        if text.strip() and not text[:1].isspace():
            break  # the next top-level key
        match = _FM_CHILD_KEY.match(text)
        if not match:
            continue
        indent = match.group(1) if indent is None else indent
        key = match.group(3)
        if match.group(1) == indent:  # a repeated key: its last value is the one YAML keeps
            children[key] = _entry(index, number, match, 3, mapping.get(key), last, {})
    return children


def _entry(index: LineIndex, number: int, match: re.Match, key_group: int, value, last: int, children: dict, end: tuple[int, int] | None = None) -> FrontMatterEntry:
    """`end`: where YAML says a string value ends (0-based in the block), for one that runs
    over several lines (a quote closed lines later, or never until another value's quote)."""
    key = match.group(key_group)
    key_span = index.span_at(number, match.start(key_group) + 1, len(key))
    value_text = index.line_text(number)[match.end():].rstrip()
    if value_text and end is not None and end[0] + 2 > number and end[0] + 2 <= last:
        start = index.starts[number - 1] + match.end()
        end_line = end[0] + 2
        stop = index.starts[end_line - 1] + min(end[1], len(index.line_text(end_line)))
        value_span = index.span(start, stop)
        value_text = index.text[start:stop]
    elif value_text:
        value_span = index.span_at(number, match.end() + 1, len(value_text))
    else:
        value_span = _block_value_span(index, number, last)
        value_text = _span_text(index, value_span) if value_span else None
    return FrontMatterEntry(key, key_span, value, value_span, value_text, children)


def _span_text(index: LineIndex, span: Span) -> str:
    return index.text[index.starts[span.line - 1] + span.column - 1 : index.starts[span.end_line - 1] + span.end_column - 1]


def _block_value_span(index: LineIndex, key_line: int, last: int) -> Span | None:
    """The lines below a key with no inline value: deeper-indented, or a `- ` list at its indent."""
    key_indent = _indent(index.line_text(key_line))
    end = key_line
    for number in range(key_line + 1, last + 1):
        text = index.line_text(number)
        if not text.strip():
            continue
        indent = _indent(text)
        if indent < key_indent or (indent == key_indent and not text.lstrip().startswith("-")):
            break
        end = number
    if end == key_line:
        return None
    start = index.starts[key_line]
    return index.span(start, index.starts[end - 1] + len(index.line_text(end)))


def _indent(text: str) -> int:
    return len(text) - len(text.lstrip(" \t"))


_SYMBOL_TOKEN = re.compile(r"^(?=.*[A-Za-z])(?=.*[A-Z0-9])[A-Za-z0-9][A-Za-z0-9-]*$")
_CAPITALISED_WORD = re.compile(r"^[A-Z][a-z]+$")  # "The", "Gene": words, not symbols
_TOKEN_PUNCTUATION = "\"'()[]{}<>,;:.!?*_`"


def title_is_multiline(entry: FrontMatterEntry | None, value: object) -> bool:
    """The front matter title contains a line break, or its YAML runs over several lines and
    reads as several words (`title: "ALAS2` whose quote is only closed by a later value's):
    never a symbol. A block scalar holding one word (`title: >-` then `  ALAS2`) is fine."""
    if not isinstance(value, str):
        return False
    spread = entry is not None and entry.value_span is not None and entry.value_span.end_line > entry.value_span.line
    return "\n" in value.strip() or (spread and len(value.split()) > 1)


def looks_like_symbol(token: str) -> bool:
    """Letters, digits and hyphens, with an upper-case letter or a digit (`ALAS2`, `C1orf64`)."""
    return bool(_SYMBOL_TOKEN.match(token)) and not _CAPITALISED_WORD.match(token)


def symbol_from_title(value: str, h1: Field | None) -> str | None:
    """The gene symbol a front matter title names: the title itself when it is one token;
    of several words, the one the H1 also names, else the first that looks like a symbol."""
    words = value.split()
    if len(words) == 1:
        return words[0]
    tokens = [word.strip(_TOKEN_PUNCTUATION) for word in words]
    candidates = [token for token in tokens if looks_like_symbol(token)]
    named = {word.strip(_TOKEN_PUNCTUATION) for word in h1.value.split()} if h1 is not None else set()
    for token in candidates:
        if token in named:
            return token
    return candidates[0] if candidates else None


def _symbol(front_matter: FrontMatter, title: Field | None) -> str | None:
    """Front matter title (see symbol_from_title), else the H1. A title that runs over
    several lines is broken YAML more likely than a name: the H1 is asked instead."""
    value = front_matter.data.get("title") if front_matter.data else None
    if isinstance(value, str) and value.strip() and not title_is_multiline(front_matter.entries.get("title"), value):
        return symbol_from_title(value, title)
    if title is not None:
        return _symbol_from_h1(title.value)
    return None


def _symbol_from_h1(text: str) -> str | None:
    words = text.split()
    return words[-1].strip(_EMPHASIS + ".:") or None if words else None


# --- sections -------------------------------------------------------------------


def _heading_text(raw: str) -> tuple[str, int]:
    """The heading's text without closing #s and surrounding emphasis, and its offset in `raw`."""
    text = _HEADING_CLOSE.sub("", raw)
    offset = 0
    for chars in (None, _EMPHASIS, None):
        kept = text.lstrip(chars)
        offset += len(text) - len(kept)
        text = kept.rstrip(chars)
    return text, offset


def _parse_sections(index: LineIndex, scanner: _Scanner, options: ParserOptions) -> tuple[Field | None, list[Section]]:
    """The H1 and the sections: the headings of the rendered page that are not inside a list
    or a quote. A level-2 heading, or one whose title is a known section's, starts a section;
    deeper headings with other titles are part of the section above."""
    known = options.known()
    title: Field | None = None
    # heading line, last heading line, first body line, title, level, key
    starts: list[tuple[int, int, int, str, int, str | None]] = []
    for block in scanner.outline.blocks:
        if block.kind != "heading":
            continue
        last = block.end_line - 1 if block.setext else block.line  # a setext heading's underline is not its text
        text, span = _heading(index, block, last)
        key = section_key(text, known)
        if block.level == 1 and title is None and key is None:
            title = Field(text, span)
            continue
        if block.level == 2 or key is not None:
            starts.append((block.line, last, block.end_line + 1, text, block.level, key))
    sections = []
    for i, (heading_line, last, body_start, text, level, key) in enumerate(starts):
        end_line = starts[i + 1][0] - 1 if i + 1 < len(starts) else index.line_count
        heading = index.span(index.starts[heading_line - 1], index.starts[last - 1] + len(index.line_text(last)))
        if body_start <= end_line:
            start = index.starts[body_start - 1]
            end = index.starts[end_line - 1] + len(index.line_text(end_line))
            body = index.span(start, end)
            body_text = index.text[start:end]
        else:
            at = index.starts[body_start - 2] + len(index.line_text(body_start - 1))
            body = index.span(at, at)
            body_text = ""
        sections.append(Section(text, level, heading, body, body_text, key))
    return title, sections


def _heading(index: LineIndex, block: Block, last: int) -> tuple[str, Span]:
    """A heading's text (closing #s and emphasis removed) and its span, from its lines."""
    line_text = index.line_text(block.line)
    match = _HEADING.match(line_text) if not block.setext else None
    if match:
        text, offset = _heading_text(match.group(2) or "")
        column = (match.start(2) + 1 + offset) if match.group(2) else len(line_text) + 1
        return text, index.span_at(block.line, column, len(text))
    # A setext heading: its text runs over one line or several, under the same underline.
    first = index.starts[block.line - 1] + len(line_text) - len(line_text.lstrip())
    written = index.text[first : index.starts[last - 1] + len(index.line_text(last))].rstrip()
    text, offset = _heading_text(written)
    if block.line == last:
        return text, index.span(first + offset, first + offset + len(text))
    return " ".join(text.split()), index.span(first, first + len(written))


def _blocks_in(scanner: _Scanner, section: Section, kind: str) -> list[Block]:
    """The top-level blocks of one kind within a section's body."""
    if not section.body_text:
        return []
    first, last = section.body.line, section.body.end_line
    return [block for block in scanner.outline.blocks if block.kind == kind and first <= block.line <= last]


def _body_lines(section: Section, lines_of: dict[int, _Line]) -> list[_Line]:
    if not section.body_text:
        return []
    return [lines_of[n] for n in range(section.body.line, section.body.end_line + 1) if n in lines_of]


# --- small helpers for fields ------------------------------------------------------


def _strip_markup(text: str, column: int) -> tuple[str, int]:
    """Strip surrounding emphasis/code marks and a Markdown link; return (text, column)."""
    lead = len(text) - len(text.lstrip())
    text = text.strip()
    column += lead
    while text and text[0] in _EMPHASIS and text[-1:] == text[0] and len(text) > 1:
        text = text[1:-1]
        column += 1
        inner_lead = len(text) - len(text.lstrip())
        text = text.strip()
        column += inner_lead
    link = _LINK.match(text)
    if link:
        column += 1
        text = link.group(1)
    return text, column


def _field(index: LineIndex, line: int, column: int, text: str) -> Field:
    value, column = _strip_markup(text, column)
    return Field(value, index.span_at(line, column, len(value)))


def _item_content(text: str) -> tuple[str, int] | None:
    """(content, 1-based column) of a list item line, or None."""
    match = _LIST_ITEM.match(text)
    if not match:
        return None
    return text[match.end():], match.end() + 1


def _label_value(content: str) -> tuple[str, int, str, int] | None:
    """Split `**Label:** value` / `Label: value` into (label, label offset, value, value offset)."""
    stripped = content
    offset = 0
    # `**HGNC:** 398` and `**HGNC**: 398`: drop the emphasis around the label.
    bold = _BOLD_LABEL.match(stripped)
    if bold and (bold.group(4) or bold.group(2).rstrip().endswith(":")):
        label = bold.group(2).rstrip().rstrip(":").strip()
        rest = stripped[bold.end():]
        if rest.startswith(":"):
            rest = rest[1:]
        value_offset = len(stripped) - len(rest.lstrip())
        return label, bold.start(2), rest.strip(), value_offset
    match = _LABEL_VALUE.match(stripped)
    if not match:
        return None
    value = match.group("value")
    value_offset = match.start("value") + (len(value) - len(value.lstrip()))
    return match.group("label").strip(), offset + match.start("label"), value.strip(), value_offset


# --- gene position --------------------------------------------------------------


# Right after a lead, a location written wrongly is still the location, so that GL205 can say
# what is wrong with it: a band with a space inside (`X p11.21`, `Xp 11.21`), a genomic
# coordinate (`chrX:55009055`) or a `chr` prefix (`chrXp11.21`).
_LOCATION_SPACED = re.compile(
    r"(?P<chromosome>[0-9]{1,2}|[XYxy])(?P<gap>[ \t]*)[pqPQ][ \t]*(?P<band>[0-9]+(?:\.[0-9]+)*)"
    r"(?:[ \t]*-[ \t]*(?:[0-9]{1,2}|[XYxy])?[ \t]*[pqPQ][ \t]*[0-9]+(?:\.[0-9]+)*)?(?!\w)"
)
_LOCATION_COORDINATE = re.compile(
    r"(?:chr(?:omosome)?[ \t]*)?(?:[0-9]{1,2}|[XY]|MT|M)[ \t]*:[ \t]*[0-9][0-9,]*"
    r"(?:[ \t]*[-\u2013][ \t]*[0-9][0-9,]*)?(?!\w)",
    re.I,
)
_LOCATION_CHR = re.compile(r"chr[0-9XYM]", re.I)
# Anywhere else in the section only a whole band counts, so words such as `Xpert` or `2pm`
# are not taken for one; a coordinate counts only with its `chr` prefix.
_CYTOBAND_IN_PROSE = re.compile(
    r"(?<![\w.])(?:(?:[0-9]{1,2}|X|Y)(?:[pq](?:[0-9]+(?:\.[0-9]+)*)?|pter|qter|cen)"
    r"(?:-(?:[0-9]{1,2}|X|Y)?(?:[pq](?:[0-9]+(?:\.[0-9]+)*)?|pter|qter|cen))?|MT|cen|pter-qter)(?!\w)"
)
_COORDINATE_IN_PROSE = re.compile(r"(?<![\w.])chr(?:[0-9]{1,2}|[XY]|MT|M):[0-9][0-9,]*(?:[-\u2013][0-9][0-9,]*)?(?!\w)")


def _parse_cytoband(index: LineIndex, lines: list[_Line]) -> Cytoband | None:
    candidates = [line for line in lines if not line.hidden and line.text.strip()]
    for line in candidates:
        for lead in _CYTOBAND_LEAD.finditer(line.text):
            found = _location_after(index, line, lead.end())
            if found:
                return found
    for line in candidates:
        for at in _stating_leads(line.text):
            found = _malformed_location_after(index, line, at)
            if found:
                return found
    for pattern in (_CYTOBAND_IN_PROSE, _COORDINATE_IN_PROSE):
        for line in candidates:
            match = pattern.search(line.text)
            if match:
                return _cytoband_field(index, line.number, match.start(), match.group(0))
    return None


# Right after a lead (`at position X.`), a chromosome alone is the location NCBI gives genes
# with no mapped band; elsewhere in prose a bare `X` or `11` is never taken for one.
_CHROMOSOME_ALONE = re.compile(r"(?:[1-9]|1[0-9]|2[0-2]|X|Y)")


def _location_after(index: LineIndex, line: _Line, at: int) -> Cytoband | None:
    """The location written right after a lead ending at `at`, or None when none is."""
    text = line.text
    start = len(text) - len(text[at:].lstrip(_EMPHASIS + " \t"))
    coordinate = _LOCATION_COORDINATE.match(text, start)
    if coordinate:
        return _cytoband_field(index, line.number, start, coordinate.group(0))
    spaced = _LOCATION_SPACED.match(text, start)
    # `2 p53` is prose; a numbered chromosome apart from its arm needs a sub-band (`11 p15.4`).
    if spaced and any(ch in " \t" for ch in spaced.group(0)) and not (
        spaced.group("chromosome").isdigit() and spaced.group("gap") and "." not in spaced.group("band")
    ):
        return _cytoband_field(index, line.number, start, spaced.group(0))
    token = _TOKEN.match(text, at)
    if not token:
        return None
    candidate = token.group(1).strip(_EMPHASIS)
    if _CYTOBAND_LOOSE.match(candidate) or _CYTOBAND_MISCASED.match(candidate) or _LOCATION_CHR.match(candidate):
        return _cytoband_field(index, line.number, token.start(1), token.group(1))
    # A chromosome alone ends its clause (`at position X.`); `position of 2 p53 sites` is prose.
    ends_clause = candidate[-1:] in ".,;" or not text[token.end(1):].strip()
    if ends_clause and _CHROMOSOME_ALONE.fullmatch(candidate.rstrip(".,;:)").strip(_EMPHASIS)):
        return _cytoband_field(index, line.number, token.start(1), token.group(1))
    return None


# A lead that states the location (`located at position`, `located at`, `cytoband:`): what
# follows it is the location even when it is written wrongly (`Xr11.21`, `X11.21`), so GL205
# reports that value instead of "states no location" at the heading. `location at 5 sites` is prose.
_LOCATED_AT = re.compile(r"\blocated\b(?:[ \t]+\w+){0,3}?[ \t]+at[ \t]+", re.I)


def _stating_leads(text: str) -> Iterator[int]:
    """Where the value of each lead that states the location starts, in line order."""
    ends = [m.end() for m in _LOCATED_AT.finditer(text)]
    for lead in _CYTOBAND_LEAD.finditer(text):
        if lead.group(0).rstrip().endswith(":") or any(end == lead.start() for end in ends):
            ends.append(lead.end())
    return iter(sorted(ends))


def _malformed_location_after(index: LineIndex, line: _Line, at: int) -> Cytoband | None:
    """The token after a stating lead, when it has a digit (a word after one is prose) and is more
    than a number (`located at 3 sites`; a chromosome alone is read by _location_after)."""
    token = _TOKEN.match(line.text, at)
    if not token or not any(ch.isdigit() for ch in token.group(1)) or token.group(1).strip(_EMPHASIS + ".,;:)").isdigit():
        return None
    return _cytoband_field(index, line.number, token.start(1), token.group(1))


def _cytoband_field(index: LineIndex, line: int, start: int, token: str) -> Cytoband:
    # `**Xp11.21**.`: the sentence's full stop outside the emphasis, then inside it.
    value, column = _strip_markup(token.rstrip(".,;:)"), start + 1)
    value = value.rstrip(".,;:)")
    return Cytoband(value, index.span_at(line, column, len(value)))


# --- external IDs and aliases -----------------------------------------------------


# A symbol before or after an item's text marks the item and is no part of it
# (`- ✓ DKFZp686L20217`, `- • ALAS`, `- → XLSA ✔️`): check marks, arrows and other symbols
# beyond ASCII, emoji with their variation selectors and joiners, bullets; also a nested
# bullet (`- * ALAS`) and a task-list box (`- [x] ALAS`). ASCII punctuation is never a
# marker: it belongs to real aliases (`U2B''`, `HNRPH'`). Emphasis marks are not markers
# either: `_strip_markup` pairs them.
_BULLETS = frozenset("•‣◦⁃∙·")
_JOINERS = frozenset("\u200d\ufe0e\ufe0f")
_LEADING_BOX = re.compile(r"(?:\[[ xX]\]|[-*+])(?=[ \t])")


def _is_marker(ch: str) -> bool:
    import unicodedata

    if ch.isspace() or ch in _BULLETS or ch in _JOINERS:
        return True
    return ord(ch) >= 0x2000 and unicodedata.category(ch) in ("So", "Sm")


def _without_markers(text: str, column: int, trailing: bool = True) -> tuple[str, int]:
    """`text` without the markers around it (only those before it unless `trailing`), and its column."""
    start = 0
    while start < len(text):
        box = _LEADING_BOX.match(text, start)
        if box:
            start = box.end()
        elif _is_marker(text[start]):
            start += 1
        else:
            break
    end = len(text)
    while trailing and end > start and _is_marker(text[end - 1]):
        end -= 1
    return text[start:end], column + start


def _alias_text(text: str, column: int) -> tuple[str, int]:
    """An alias as written (`**ALAS**`, `✓ ALAS`, `**✓ ALAS**`): markers and emphasis stripped."""
    value, column = _without_markers(text, column)
    value, column = _strip_markup(value, column)
    return _without_markers(value, column)


def _parse_ids_and_aliases(index: LineIndex, lines: list[_Line]) -> tuple[list[Identifier], list[Alias]]:
    identifiers: list[Identifier] = []
    aliases: list[Alias] = []
    for line in lines:
        if line.hidden or not line.text.strip():
            continue
        item = _item_content(line.text)
        content, column = item if item else (line.text, 1)
        if item:
            content, column = _without_markers(content, column, trailing=False)
        if not content.strip():
            continue
        identifier = _identifier(index, line, content, column)
        if identifier:
            identifiers.append(identifier)
            continue
        split = _label_value(content)
        if split and _slug(split[0]) in ALIAS_LABELS:
            aliases.extend(_alias_list(index, line.number, split[2], column + split[3]))
            continue
        if item and not split:
            # One symbol per item; an item of several words is prose, not an alias.
            value, col = _alias_text(content, column)
            if value and not any(ch.isspace() for ch in value):
                aliases.append(Alias(value, index.span_at(line.number, col, len(value))))
    return identifiers, aliases


def _identifier(index: LineIndex, line: _Line, content: str, column: int) -> Identifier | None:
    text = content.rstrip()
    curie = _HGNC_CURIE.match(text)
    if curie:
        # `HGNC:398` written as one token: the value is the whole CURIE.
        start = curie.start(2)
        label = Field(curie.group(2), index.span_at(line.number, column + start, len(curie.group(2))))
        value_text = f"{curie.group(2)}:{curie.group(3)}"
        value = Field(value_text, index.span_at(line.number, column + start, len(value_text)))
        return Identifier("HGNC", label, value, index.span_at(line.number, column, len(text)))
    split = _label_value(text)
    if not split:
        return None
    label_text, label_offset, value_text, value_offset = split
    kind = IDENTIFIER_KINDS.get(_slug(label_text))
    if kind is None:
        return None
    label = Field(label_text, index.span_at(line.number, column + label_offset, len(label_text)))
    value = _field(index, line.number, column + value_offset, value_text)
    return Identifier(kind, label, value, index.span_at(line.number, column, len(text)))


def _alias_list(index: LineIndex, line: int, text: str, column: int) -> list[Alias]:
    aliases = []
    for match in _LIST_ENTRY.finditer(text):
        value, col = _alias_text(match.group(0), column + match.start())
        if value:
            aliases.append(Alias(value, index.span_at(line, col, len(value))))
    return aliases


# --- mutation table -------------------------------------------------------------


def _split_cells(index: LineIndex, line: _Line) -> tuple[Field, ...]:
    text = line.text
    boundaries = [i for i, ch in enumerate(text) if ch == "|" and (i == 0 or text[i - 1] != "\\")]
    stripped = text.strip()
    starts = [-1] + boundaries
    ends = boundaries + [len(text)]
    cells = []
    for n, (a, b) in enumerate(zip(starts, ends)):
        raw = text[a + 1 : b]
        if n == 0 and stripped.startswith("|") and not raw.strip():
            continue  # before the leading pipe
        if n == len(starts) - 1 and stripped.endswith("|") and not raw.strip():
            continue  # after the trailing pipe
        value = raw.strip()
        column = a + 2 + (len(raw) - len(raw.lstrip()))
        cells.append(Field(value, index.span_at(line.number, column, len(value))))
    return tuple(cells)


def _column_role(header: str) -> str | None:
    slug = _slug(header)
    if "dbsnp" in slug or "rsid" in slug or slug in {"snp", "snpid", "rs", "variantid"}:
        return "rsid"
    if "type" in slug or "consequence" in slug or "effect" in slug or "class" in slug:
        return "type"
    if "mutation" in slug or "change" in slug or "variant" in slug or "hgvs" in slug or "protein" in slug or slug == "aa":
        return "change"
    return None


_COMMENT_ONLY = re.compile(r"^\s*<!--.*?-->\s*$")


def _parse_table(index: LineIndex, lines: list[_Line], tables: list[Block], table_lines: frozenset[int]) -> MutationTable | None:
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
        comment = not line.in_code and bool(_COMMENT_ONLY.match(line.text))
        if line.number in table_lines and "|" in line.text and line.text.strip() and not comment:
            if block and block[-1].number == rendered_end and not pending:
                breaks.append(line)  # not a row where the page renders: it and those below show as text
            comments.extend(pending)
            pending = []
            block.append(line)
        elif block and comment:
            pending.append(line)  # a suppression comment above a row: the rows below are still this table's
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
    for line in rest:
        cells = _split_cells(index, line)

        def cell(role: str) -> Field | None:
            i = columns.get(role)
            return cells[i] if i is not None and i < len(cells) else None

        rows.append(MutationRow(cells, cell("change"), cell("type"), cell("rsid"), index.line_span(line.number)))
    span = index.span(index.starts[header_line.number - 1], index.starts[block[-1].number - 1] + len(block[-1].text))
    rendered = bool(tables) and tables[0].line == header_line.number
    comment_spans = tuple(index.line_span(line.number) for line in comments)
    break_spans = tuple(index.line_span(line.number) for line in breaks)
    return MutationTable(header, tuple(rows), span, delimiter, columns, comment_spans, rendered, break_spans)


# --- related papers -------------------------------------------------------------


def _parse_citations(index: LineIndex, lists: list[Block], lines_of: dict[int, _Line]) -> list[Citation]:
    """One citation per item of the section's lists as rendered (nested items and lazy
    continuation lines are part of theirs); code and comments inside an item are not read."""
    citations = []
    for block in lists:
        for item in block.children:
            lines = [lines_of[n] for n in range(item.line, item.end_line + 1) if n in lines_of]
            lines = [line for line in lines if not line.hidden and line.text.strip()]
            if lines:
                citations.append(_citation(index, lines))
    return citations


def _citation(index: LineIndex, item: list[_Line]) -> Citation:
    fields: dict[str, Field] = {}
    for line in item:
        listed = _item_content(line.text)
        content, column = listed if listed else (line.text.lstrip(), len(line.text) - len(line.text.lstrip()) + 1)
        split = _label_value(content.rstrip())
        if not split:
            continue
        label, _, value, value_offset = split
        key = CITATION_LABELS.get(_slug(label), _slug(label))
        if key not in fields:
            fields[key] = _field(index, line.number, column + value_offset, value)
    if "doi" not in fields:
        found = _doi_in_item(index, item)
        if found:
            fields["doi"] = found
    first, last = item[0], item[-1]
    span = index.span(index.starts[first.number - 1], index.starts[last.number - 1] + len(last.text))
    return Citation(span, fields.get("authors"), fields.get("title"), fields.get("journal"), fields.get("doi"), fields)


def _doi_in_item(index: LineIndex, item: list[_Line]) -> Field | None:
    for line in item:
        match = _DOI_IN_TEXT.search(line.text)
        if match:
            value = match.group(0).rstrip(".,;)")
            return Field(value, index.span_at(line.number, match.start() + 1, len(value)))
    return None


# --- provenance and comments ----------------------------------------------------


def _provenance_markers(index: LineIndex, scanner: _Scanner, options: ParserOptions) -> list[ProvenanceMarker]:
    regex = options.ai_regex()
    markers = []
    for line in scanner.lines:
        if line.hidden or _HEADING.match(line.text) or _COMMENT_START in line.text:
            continue
        if regex.search(line.text):
            value, column = _strip_markup(line.text.rstrip(), 1)
            markers.append(ProvenanceMarker(value, index.span_at(line.number, column, len(value))))
    return markers


def _html_comments(index: LineIndex, scanner: _Scanner) -> list[HtmlComment]:
    comments = []
    code_lines = {line.number for line in scanner.lines if line.in_code}
    text = index.text
    position = text.find(_COMMENT_START, index.starts[scanner.lines[0].number - 1] if scanner.lines else len(text))
    while position != -1:
        end = text.find(_COMMENT_END, position + len(_COMMENT_START))
        stop = len(text) if end == -1 else end + len(_COMMENT_END)
        if index.line_of(position) not in code_lines:
            comments.append(HtmlComment(text[position:stop], index.span(position, stop)))
        if end == -1:
            break
        position = text.find(_COMMENT_START, stop)
    return comments
