"""The YAML front matter: its data, the span of each key and value, and each error at the text to edit."""

from __future__ import annotations

import re
from typing import Any

from genelint.document import FrontMatter, FrontMatterEntry, LineIndex, ParseProblem, Span
from genelint.parser.problems import FRONT_MATTER_SYNTAX
from genelint.parser.yaml_subset import KeyPlace, simple_mapping


class _YamlPlaces:
    """Page offsets of PyYAML's marks. YAML breaks lines at a lone CR, NEL, LS and PS as well
    as at LF, the page's line index at LF only, so a mark's line and column are YAML's own and
    only its `index` (code points into the block) says where it is on the page."""

    def __init__(self, index: LineIndex, block_start: int) -> None:
        self.index = index
        self.block_start = block_start

    def offset(self, mark) -> int:
        return self.block_start + mark.index

    def line(self, mark) -> int:
        return self.index.line_of(self.block_start + mark.index)

    def span(self, start_mark, end_mark=None) -> Span:
        """From one mark to another (or empty at the first)."""
        start = self.offset(start_mark)
        return self.index.span(start, self.offset(end_mark) if end_mark is not None else start)


def _parse_front_matter(index: LineIndex, problems: list[ParseProblem]) -> tuple[FrontMatter, int]:
    """The front matter and the first line of the body."""
    absent = FrontMatter(data={}, entries={}, span=None, present=False)
    if index.line_count == 0 or index.line_text(1).lstrip("\ufeff").rstrip() != "---":
        problems.append(
            ParseProblem(
                FRONT_MATTER_SYNTAX,
                "no front matter: the page must start with a '---' line",
                index.span(0, 0),
            )
        )
        return absent, 1
    close = None
    for number, text in enumerate(index.lines_from(2), 2):
        if text.rstrip() in ("---", "..."):
            close = number
            break
    if close is None:
        problems.append(
            ParseProblem(
                FRONT_MATTER_SYNTAX,
                "front matter is not terminated: no closing '---' line",
                index.line_span(1),
            )
        )
        return FrontMatter(
            data={}, entries={}, span=index.line_span(1), present=True, loaded=False
        ), 2
    block_start = index.starts[1] if index.line_count > 1 else len(index.text)
    block_end = index.starts[close - 1]
    yaml_text = index.text[block_start:block_end]
    span = index.lines_span(1, close)
    simple = simple_mapping(yaml_text)
    if simple is not None:  # most pages: no node tree needed (yaml_subset.py)
        entries = _simple_entries(index, simple.places, simple.data)
        return FrontMatter(data=simple.data, entries=entries, span=span, present=True), close + 1
    before = len(problems)
    places = _YamlPlaces(index, block_start)
    data, node = _load_yaml(yaml_text, places, problems)
    loaded = len(problems) == before
    ends = _value_ends(node, places)
    last_lines = _duplicate_keys(node, places, problems)
    entries = _front_matter_entries(
        index, 2, close - 1, data if isinstance(data, dict) else {}, ends, last_lines
    )
    if _YAML_ONLY_BREAK.search(yaml_text):
        _add_keys_after_yaml_only_breaks(node, places, data, entries)
    if data is None:
        data = {}
    elif not isinstance(data, dict):
        problems.append(
            ParseProblem(
                FRONT_MATTER_SYNTAX,
                f"front matter must be a mapping of keys to values, not a {_yaml_kind(data)}",
                index.line_span(2),
            )
        )
        data = {}
        loaded = False
    return FrontMatter(
        data=data, entries=entries, span=span, present=True, loaded=loaded
    ), close + 1


def _simple_entries(
    index: LineIndex, places: list[KeyPlace], data: dict
) -> dict[str, FrontMatterEntry]:
    """The entries of a front matter yaml_subset.py read, from the places it found (the same
    entries _front_matter_entries reads off the lines: tests/test_parser_yaml_subset.py)."""
    entries = {}
    for place in places:
        number = place.line + 2  # the YAML text starts on the page's second line
        value = data[place.key]
        children: dict[str, FrontMatterEntry] = {}
        if place.value_length:
            value_span: Span | None = index.span_at(
                number, place.value_column + 1, place.value_length
            )
            value_text: str | None = index.line_text(number)[
                place.value_column : place.value_column + place.value_length
            ]
        elif place.children:  # the indented lines below a bare key
            value_span = index.lines_span(number + 1, place.children[-1].line + 2)
            value_text = _span_text(index, value_span)
            children = _simple_entries(index, place.children, value)
        else:
            value_span = value_text = None
        entries[place.key] = FrontMatterEntry(
            place.key,
            index.span_at(number, place.key_column + 1, len(place.key)),
            value,
            value_span,
            value_text,
            children,
        )
    return entries


def _duplicate_keys(node, places: _YamlPlaces, problems: list[ParseProblem]) -> dict[str, int]:
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
        first: dict[object, Any] = {}  # each name's first key node
        for key, _value in current.value:
            name = key.value if isinstance(key, yaml.ScalarNode) else None
            if name is not None and name in first:
                shown = f"{path}.{name}" if path else name
                message = f"front matter key '{shown}' appears again (first at line {places.line(first[name].start_mark)}); YAML keeps only this last value"
                problems.append(
                    ParseProblem(
                        FRONT_MATTER_SYNTAX, message, places.span(key.start_mark, key.end_mark)
                    )
                )
            elif name is not None:
                first[name] = key
            if current is node and name is not None:
                last_lines[str(name)] = places.line(key.start_mark)
        stack.extend(
            (f"{path}.{key.value}" if path else str(key.value), value)
            for key, value in reversed(current.value)
        )
    return last_lines


def _add_keys_after_yaml_only_breaks(
    node, places: _YamlPlaces, data, entries: dict[str, FrontMatterEntry]
) -> None:
    """Entries for the top-level keys that start a YAML line inside a page line (after a lone
    CR, NEL, LS or PS), which the page's lines do not show as keys: from the YAML nodes, so
    the rules that point at them (GL203 at the title, GL501 at provenance) have a place."""
    import yaml

    if not isinstance(node, yaml.MappingNode) or not isinstance(data, dict):
        return
    index = places.index
    for key, value in node.value:
        if not isinstance(key, yaml.ScalarNode) or key.style or key.value in entries:
            continue
        start, end = places.offset(key.start_mark), places.offset(key.end_mark)
        line_start = index.starts[index.line_of(start) - 1]
        if not _YAML_ONLY_BREAK.search(index.text, line_start, start):
            continue  # at the start of a page line: not a key the regex reading missed
        if index.text[start:end] != key.value:
            continue  # a key written over several lines: no span holds it as written
        value_span = value_text = None
        if (
            isinstance(value, yaml.ScalarNode)
            and value.style in (None, "", "'", '"')
            and value.value
        ):
            value_span = places.span(value.start_mark, value.end_mark)
            value_text = index.text[places.offset(value.start_mark) : places.offset(value.end_mark)]
        entries[key.value] = FrontMatterEntry(
            key.value, index.span(start, end), data.get(key.value), value_span, value_text
        )


def _yaml_kind(value: object) -> str:
    return "list" if isinstance(value, list) else "scalar"


def _load_yaml(
    yaml_text: str, places: _YamlPlaces, problems: list[ParseProblem]
) -> tuple[object, object]:
    """The front matter's data and its YAML node tree (None when it could not be read):
    the nodes carry where each value starts and ends, which the regex-found entries cannot
    tell (a quoted value that runs over several lines)."""
    import yaml
    from frontmatter.default_handlers import SafeLoader

    try:
        alias = _first_alias(yaml_text)
        if alias is not None:
            message = "YAML aliases (*name) are not allowed in front matter: each one can multiply the document's size"
            problems.append(ParseProblem(FRONT_MATTER_SYNTAX, message, places.span(alias)))
            return {}, None
        # What yaml.load does (python-frontmatter's YAMLHandler: the safe loader), with the node kept.
        loader = SafeLoader(yaml_text)
        try:
            node = loader.get_single_node()
            try:
                return (_construct_document(loader, node) if node is not None else None), node
            except _VALUE_ERRORS as err:
                # A value that looks like a date but is none (2023-02-30), or a tag its value
                # does not fit (`!!int` with no digits, `!!bool maybe`): PyYAML raises a bare
                # ValueError (or IndexError, KeyError, ...) without a mark; the scalar that
                # fails is found again, node by node.
                failing = _failing_scalar(node)
                if failing is None:
                    raise
                problems.append(_value_problem(places, *failing, err))
                return {}, None
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as err:
        problems.append(_yaml_error_problem(err, yaml_text, places))
    except (yaml.YAMLError, RecursionError, *_VALUE_ERRORS) as err:
        problems.append(
            ParseProblem(
                FRONT_MATTER_SYNTAX, f"YAML error in front matter: {err}", places.index.line_span(2)
            )
        )
    return {}, None


_STR, _MAP, _SEQ = "tag:yaml.org,2002:str", "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"
_MERGE = "tag:yaml.org,2002:merge"


def _construct_document(loader, node) -> object:
    """What the safe loader's construct_document makes of the node tree. Its generic path
    costs about a microsecond a node; strings, lists and mappings with string keys (most of
    a front matter) are made here directly, the same values, and every other node by the
    loader. Should anything go wrong here, the loader makes the whole tree again, so that
    an error is the one it raises, for the same node."""
    try:
        return _construct(loader, node)
    except Exception:  # noqa: BLE001 - whatever it is, the loader's own run says it again
        from yaml.constructor import SafeConstructor

        return SafeConstructor().construct_document(node)


def _construct(loader, node) -> object:
    import yaml

    tag = node.tag
    if tag == _STR and isinstance(node, yaml.ScalarNode):
        return node.value
    if (
        tag == _MAP
        and isinstance(node, yaml.MappingNode)
        # Keys that merge (`<<`), are not strings or are not scalars: the loader's.
        and all(key.tag == _STR and isinstance(key, yaml.ScalarNode) for key, _ in node.value)
    ):
        # A key written twice keeps its first place and its last value, as in the loader's.
        return {key.value: _construct(loader, value) for key, value in node.value}
    if tag == _SEQ and isinstance(node, yaml.SequenceNode):
        return [_construct(loader, item) for item in node.value]
    if not isinstance(node, yaml.ScalarNode) and _has_merge_key(node):
        # The loader flattens a merge key (`<<`) by editing the nodes, even when it then fails:
        # its second run, below, must get them as they were.
        raise _MergeKey
    return loader.construct_object(node, deep=True)


class _MergeKey(Exception):
    pass


def _has_merge_key(node) -> bool:
    import yaml

    stack = [node]
    while stack:
        current = stack.pop()
        if isinstance(current, yaml.MappingNode):
            for key, value in current.value:
                if key.tag == _MERGE:
                    return True
                stack.extend((key, value))
        elif isinstance(current, yaml.SequenceNode):
            stack.extend(current.value)
    return False


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
            except _VALUE_ERRORS:
                return path, current
        elif isinstance(current, yaml.MappingNode):
            pairs = [
                (f"{path}.{key.value}" if path else str(key.value), value)
                for key, value in current.value
            ]
            stack.extend(reversed(pairs))
        elif isinstance(current, yaml.SequenceNode):
            stack.extend(reversed([(f"{path}[{i}]", item) for i, item in enumerate(current.value)]))
    return None


# What PyYAML's safe constructors raise for a scalar they cannot make: ValueError says why
# (`month must be in 1..12`); the others only show how the constructor failed.
_VALUE_ERRORS = (ValueError, IndexError, KeyError, AttributeError, TypeError)


def _value_problem(places: _YamlPlaces, path: str, node, err: Exception) -> ParseProblem:
    kind = "date" if node.tag == "tag:yaml.org,2002:timestamp" else node.tag.rsplit(":", 1)[-1]
    named = f"{path}: {node.value}" if path else node.value
    why = f" ({err})" if type(err) is ValueError else ""
    message = f"YAML error in front matter: '{named}' is not a valid {kind}{why}"
    return ParseProblem(FRONT_MATTER_SYNTAX, message, places.span(node.start_mark, node.end_mark))


def _value_ends(node, places: _YamlPlaces) -> dict[str, int]:
    """The page offset where each top-level key's value ends."""
    import yaml

    if not isinstance(node, yaml.MappingNode):
        return {}
    ends = {}
    for key, value in node.value:
        if isinstance(key, yaml.ScalarNode):
            end = places.offset(value.end_mark)
            if value.end_mark.column == 0 and value.end_mark.line > value.start_mark.line:
                # A block scalar (`|`) ends at the start of the line after it: it ends before that line break.
                text = places.index.text
                end -= 2 if text.endswith("\r\n", 0, end) else 1
            ends[key.value] = end
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


def _yaml_error_problem(err, yaml_text: str, places: _YamlPlaces) -> ParseProblem:
    """GL002 for a YAML error, at the text to edit: where an unclosed flow list or mapping
    opens, the line of a key that has no colon, else where PyYAML stopped."""
    index = places.index
    opened = _OPENED_EARLIER.get(err.context or "")
    context, problem = err.context_mark, err.problem_mark
    if opened and context is not None and (problem is None or problem.line > context.line):
        at = places.offset(context)
        line = index.line_of(at)
        column = at - index.starts[line - 1] + 1
        # to the end of the line (or of the YAML line, at a break only YAML makes)
        written = _yaml_line(index.line_text(line)[column - 1 :]).rstrip()
        span = index.span_at(line, column, len(written))
        stopped = (
            f"line {places.line(problem)}"
            if problem is not None and problem.index < len(yaml_text.rstrip())
            else "the end of the front matter"
        )
        if opened == "key":
            message = f"YAML error in front matter: '{written}' has no ':' after its key (expected 'key: value')"
        else:
            opener, closer = _CLOSERS[opened]
            message = (
                f"YAML error in front matter: the flow {opened} opened with '{opener}' here is not closed: "
                f"expected ',' or '{closer}' before {stopped}; close it with '{closer}'"
            )
        return ParseProblem(FRONT_MATTER_SYNTAX, message, span)
    mark, what = _error_mark(err, yaml_text)
    span = places.span(mark) if mark is not None else index.span_at(min(2, index.line_count), 1, 0)
    return ParseProblem(FRONT_MATTER_SYNTAX, f"YAML error in front matter: {what}", span)


_YAML_ONLY_BREAK = re.compile("[\r\x85\u2028\u2029]")


def _yaml_line(text: str) -> str:
    """`text` up to the first line break YAML sees and the line index does not."""
    return _YAML_ONLY_BREAK.split(text, maxsplit=1)[0]


def _error_mark(err, yaml_text: str) -> tuple[object, str]:
    """Where a YAML error is, and what it is. An unclosed `[` or quote is only noticed at
    the end of the block; where it opens (the context mark) is the line to fix."""
    problem = err.problem or err.context or "invalid YAML"
    at_end = err.problem_mark is not None and err.problem_mark.index >= len(yaml_text.rstrip())
    if err.context_mark is not None and (err.problem_mark is None or at_end):
        return (
            err.context_mark,
            f"{err.context}: {problem}" if err.context and err.problem else problem,
        )
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
    index: LineIndex,
    first: int,
    last: int,
    data: dict,
    ends: dict[str, int],
    last_lines: dict[str, int],
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
            entry = entries[key] = _entry(
                index,
                number,
                match,
                2,
                value,
                last,
                children,
                ends.get(key) if isinstance(value, str) else None,
            )
            swallowed_until = entry.value_span.end_line if entry.value_span else 0
    return entries


def _child_entries(
    index: LineIndex, key_line: int, last: int, mapping: dict
) -> dict[str, FrontMatterEntry]:
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


def _entry(
    index: LineIndex,
    number: int,
    match: re.Match,
    key_group: int,
    value,
    last: int,
    children: dict,
    end: int | None = None,
) -> FrontMatterEntry:
    """`end`: the page offset where YAML says a string value ends, for one that runs over
    several lines (a quote closed lines later, or never until another value's quote)."""
    key = match.group(key_group)
    key_span = index.span_at(number, match.start(key_group) + 1, len(key))
    inline = index.line_text(number)[match.end() :].rstrip()
    end_line = index.line_of(end) if end is not None else number
    if _YAML_ONLY_BREAK.search(inline) and end_line == number:
        # YAML's line, and so the value, ends before the page's: at its end, else at the break.
        start = index.starts[number - 1] + match.end()
        inline = (index.text[start:end] if end is not None else _yaml_line(inline)).rstrip()
    value_text: str | None = inline
    value_span: Span | None
    if value_text and end is not None and number < end_line <= last:
        start = index.starts[number - 1] + match.end()
        stop = min(end, index.starts[end_line - 1] + len(index.line_text(end_line)))
        value_span = index.span(start, stop)
        value_text = index.text[start:stop]
    elif value_text:
        value_span = index.span_at(number, match.end() + 1, len(value_text))
    else:
        value_span = _block_value_span(index, number, last)
        value_text = _span_text(index, value_span) if value_span else None
    return FrontMatterEntry(key, key_span, value, value_span, value_text, children)


def _span_text(index: LineIndex, span: Span) -> str:
    return index.text[
        index.starts[span.line - 1] + span.column - 1 : index.starts[span.end_line - 1]
        + span.end_column
        - 1
    ]


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
    return index.lines_span(key_line + 1, end)


def _indent(text: str) -> int:
    return len(text) - len(text.lstrip(" \t"))
