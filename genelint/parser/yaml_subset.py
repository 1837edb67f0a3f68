"""A front matter of plain `key: value` lines read without building PyYAML's node tree.

Nearly every gene page's front matter is a dozen lines of one shape: top-level `key: value`
lines, one nested mapping (`provenance:` then `  reviewed_by: ...`), values that are plain
words or dates, quoted strings or a flow list of quoted words. PyYAML composes a node for
each value (marks, resolver, constructor), which cost the parser more than anything else
on such a page. `simple_mapping` reads that shape line by line and returns None for any
line outside it, so that PyYAML reads the page as before: it is a narrow reading, not a
second YAML parser. What it cannot tell by itself it asks PyYAML: which type a plain
scalar resolves to (the safe loader's own resolver) and its value (the safe constructor's
own method for that type). tests/test_parser_yaml_subset.py checks that whenever it answers,
the data, the key lines and the value ends are the ones the loader and its node tree give.

Read here: keys of letters, digits, `_` and `-` (starting with a letter or `_`) that
resolve to strings; single-line plain, single-quoted (no quote inside) and double-quoted
(no quote or backslash inside) scalars; flow lists of those scalars on one line; a key with
no value (null), or with one level of indented `key: value` lines below it; blank lines.
Not read: comments, tabs, any character YAML or `str.isprintable` would treat specially,
indicators that open other nodes (`- ? : & * ! | > % @` and backtick), repeated keys,
scalars over several lines, flow mappings, anything else.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

_STR = "tag:yaml.org,2002:str"
# The scalar types the safe loader resolves a plain scalar to, made here by its constructor.
_PLAIN_TAGS = frozenset(
    "tag:yaml.org,2002:" + kind for kind in ("null", "bool", "int", "float", "timestamp")
)
_KEY = re.compile(r"([A-Za-z_][A-Za-z0-9_-]*):(?: +|$)")
_CHILD_KEY = re.compile(r"( +)([A-Za-z_][A-Za-z0-9_-]*):(?: +|$)")
# A plain scalar may not start with one of YAML's indicators (it would open another node).
_INDICATORS = frozenset("-?:,[]{}#&*!|>'\"%@`")
# One item of a one-line flow list, and what follows it: a comma, or the end of the list.
_FLOW_ITEM = re.compile(r" *(?:'([^']*)'|\"([^\"\\]*)\"|([A-Za-z0-9_][A-Za-z0-9_.\-]*)) *(,|$)")


class KeyPlace(NamedTuple):
    """Where a key and its value are written (lines 0-based in the YAML text, columns 0-based)."""

    key: str
    line: int
    key_column: int
    value_column: int
    value_length: int  # the value as written, quotes kept; 0 for a bare key
    value_end: int  # where the value ends: an offset in the YAML text
    children: list[KeyPlace]  # the keys indented under a bare key (filled as they are read)


_tuple_new = tuple.__new__  # a KeyPlace made without the call to its __new__


class SimpleMapping(NamedTuple):
    data: dict  # what yaml.load gives
    places: list[KeyPlace]  # each top-level key's, in order

    @property
    def key_lines(self) -> dict[str, int]:
        """The 0-based line of each top-level key in the YAML text."""
        return {place.key: place.line for place in self.places}

    @property
    def value_ends(self) -> dict[str, int]:
        """Where each top-level string value ends (an offset in the YAML text)."""
        return {
            place.key: place.value_end
            for place in self.places
            if isinstance(self.data[place.key], str)
        }


class _NotSimple(Exception):
    """A line or value outside the shape read here: PyYAML reads the front matter."""


# Plain scalars read before and their values (every type made here is immutable, so one
# value can serve every page): the same words and dates come on page after page.
_plain_values: dict[str, object] = {}
_PLAIN_VALUES_KEPT = 4096


def _plain(text: str) -> object:
    """A plain scalar's value: the type the safe loader's resolver gives it, made by the
    safe constructor's own method for that type."""
    value = _plain_values.get(text, _plain_values)
    if value is _plain_values:
        if len(_plain_values) >= _PLAIN_VALUES_KEPT:
            _plain_values.clear()  # many different values: start again, not grow
        value = _plain_values[text] = _resolved(text)
    return value


@lru_cache(maxsize=1)
def _loader_parts():
    """The node class, resolver and constructor of PyYAML's safe loader (imported when first
    needed, as the rest of the front matter reading imports PyYAML)."""
    import yaml
    from yaml.constructor import SafeConstructor
    from yaml.resolver import Resolver

    return yaml.ScalarNode, Resolver(), SafeConstructor()


def _resolved(text: str) -> object:
    node_class, resolver, constructor = _loader_parts()
    tag = resolver.resolve(node_class, text, (True, False))
    if tag == _STR:
        return text
    if tag not in _PLAIN_TAGS:
        raise _NotSimple  # `=`, `<<`: the loader's
    try:
        return constructor.yaml_constructors[tag](constructor, node_class(tag, text))
    except Exception as err:  # noqa: BLE001 - a date that is none: the loader says how
        raise _NotSimple from err


def _checked_key(key: str) -> str:
    """`key`, when the loader reads it as a string (`true:` and `null:` it does not)."""
    if not isinstance(_plain(key), str):
        raise _NotSimple
    return key


def _scalar(text: str) -> tuple[object, int]:
    """The value of `text` (a line's rest after `key: `, not empty) and the length of the
    scalar as written (without the spaces after it)."""
    first = text[0]
    if first == '"' or first == "'":
        close = text.find(first, 1)
        if close == -1 or (first == '"' and "\\" in text[1:close]) or text[close + 1 :].strip(" "):
            raise _NotSimple
        return text[1:close], close + 1
    written = text.rstrip(" ")
    if first == "[":
        return _flow_list(written), len(written)
    if (
        first in _INDICATORS
        or ": " in written
        or " #" in written
        or written.endswith(":")
        or "{" in written
    ):
        raise _NotSimple
    return _plain(written), len(written)


def _flow_list(written: str) -> list:
    if not written.endswith("]"):
        raise _NotSimple
    inner = written[1:-1]
    if not inner.strip(" "):
        return []
    items = []
    at = 0
    while True:
        item = _FLOW_ITEM.match(inner, at)
        if item is None:
            raise _NotSimple
        single, double, plain, after = item.groups()
        if single is not None:
            items.append(single)
        elif double is not None:
            items.append(double)
        else:
            items.append(_plain(plain))
        if not after:
            return items
        at = item.end()


def simple_mapping(yaml_text: str) -> SimpleMapping | None:
    """The front matter's data when it has only the lines described above, else None."""
    try:
        return _read(yaml_text)
    except _NotSimple:
        return None


def _read(yaml_text: str) -> SimpleMapping:
    data: dict = {}
    places: list[KeyPlace] = []
    children: dict | None = None  # the mapping the indented lines below a bare key fill
    child_places: list[KeyPlace] = []
    bare = ""  # that key
    indent = ""
    offset = 0
    for number, line in enumerate(yaml_text.split("\n")):
        start, offset = offset, offset + len(line) + 1
        if not line:
            continue
        if not line.isprintable():
            raise _NotSimple  # tabs, other line breaks, controls, BOM, non-printing characters
        if line[0] == " ":
            child = _CHILD_KEY.match(line)
            if children is None or child is None or not child.end() < len(line):
                raise _NotSimple
            if not indent:
                indent = child.group(1)
            key = _checked_key(child.group(2))
            if child.group(1) != indent or key in children:
                raise _NotSimple
            data[bare] = children
            at = child.end()
            children[key], length = _scalar(line[at:])
            child_places.append(
                _tuple_new(
                    KeyPlace, (key, number, len(indent), at, length, start + at + length, [])
                )
            )
            continue
        match = _KEY.match(line)
        if match is None:
            raise _NotSimple
        key = _checked_key(match.group(1))
        if key in data:
            raise _NotSimple  # repeated: the loader's problem says where
        at = match.end()
        if at == len(line):
            data[key] = None  # a bare key: null, unless indented lines follow
            children, child_places, bare, indent = {}, [], key, ""
            places.append(_tuple_new(KeyPlace, (key, number, 0, at, 0, start + at, child_places)))
            continue
        children = None
        data[key], length = _scalar(line[at:])
        places.append(_tuple_new(KeyPlace, (key, number, 0, at, length, start + at + length, [])))
    if not data:
        raise _NotSimple
    return SimpleMapping(data, places)
