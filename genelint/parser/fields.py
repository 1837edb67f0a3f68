"""Small readers shared by the parts: a label and its value, emphasis and links around a value, list item text."""

from __future__ import annotations

import re
from functools import lru_cache

from genelint.document import Field, LineIndex

_tuple_new = tuple.__new__  # a Field made without the call to its __new__

_LIST_ITEM = re.compile(r"^(\s*)(?:[-*+]|\d{1,9}[.)])(?:[ \t]+|$)")
# `Label: value`: a label is a letter and up to 40 of these, before the line's first colon.
_LABEL = re.compile(r"[A-Za-z][A-Za-z0-9 /_.()\-]{0,40}")
_EMPHASIS = "*_`"
_MARKED = frozenset(_EMPHASIS + "[")  # what a value with markup around it starts with
# Compiled once: the scanner applies these to every line of every page.
_NOT_SLUG = re.compile(r"[^a-z0-9]")
_LINK = re.compile(r"^\[([^\]]*)\]\([^)]*\)$")
_BOLD_LABEL = re.compile(r"^(\*\*|__)(.+?)(\*\*|__)\s*(:?)\s*")
_TOKEN = re.compile(r"\s*(\S+)")
_BOLD_MARKS = ("**", "__")  # how _BOLD_LABEL starts


@lru_cache(maxsize=4096)
def _slug(text: str) -> str:
    # Remembered: the same few labels (Author, Title, HGNC, ...) come on every page.
    return _NOT_SLUG.sub("", text.lower())


@lru_cache(maxsize=4096)
def _is_label(text: str) -> bool:
    # Remembered, as _slug: the same labels come on every page.
    return _LABEL.fullmatch(text) is not None


def _strip_markup(text: str, column: int) -> tuple[str, int]:
    """Strip surrounding emphasis/code marks and a Markdown link; return (text, column)."""
    if text and text[0] not in _MARKED and not (text[0].isspace() or text[-1].isspace()):
        return text, column  # no space, emphasis or link around it (most values)
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


def plain_field(index: LineIndex, line: int, text: str) -> Field:
    """A whole line (`text`, from column 1) as a Field, its markup stripped."""
    return _field(index, line, 1, text)


def _field(index: LineIndex, line: int, column: int, text: str) -> Field:
    value, column = _strip_markup(text, column)
    return _tuple_new(Field, (value, index.span_at(line, column, len(value))))


def _item_content(text: str) -> tuple[str, int] | None:
    """(content, 1-based column) of a list item line, or None."""
    stripped = text.lstrip(" ")
    if stripped[:2] == "- " and stripped[2:3] not in ("", " ", "\t"):
        # `- text` or `  - text` (most items): what _LIST_ITEM reads, by str methods.
        at = len(text) - len(stripped) + 2
        return text[at:], at + 1
    match = _LIST_ITEM.match(text)
    if not match:
        return None
    return text[match.end() :], match.end() + 1


def _label_value(content: str) -> tuple[str, int, str, int] | None:
    """Split `**Label:** value` / `Label: value` into (label, label offset, value, value offset)."""
    stripped = content
    offset = 0
    # `**HGNC:** 398` and `**HGNC**: 398`: drop the emphasis around the label.
    bold = _BOLD_LABEL.match(stripped) if stripped[:2] in _BOLD_MARKS else None
    if bold and (bold.group(4) or bold.group(2).rstrip().endswith(":")):
        label = bold.group(2).rstrip().rstrip(":").strip()
        rest = stripped[bold.end() :]
        if rest.startswith(":"):
            rest = rest[1:]
        value_offset = len(stripped) - len(rest.lstrip())
        return label, bold.start(2), rest.strip(), value_offset
    # A label cannot hold a colon: it is what comes before the first one, less the space
    # before the colon (read by str methods: one pattern over the whole line cost more).
    colon = stripped.find(":")
    if colon < 1:
        return None
    label = stripped[:colon].rstrip()
    if not _is_label(label):
        return None
    after = stripped[colon + 1 :]
    value = after.lstrip()
    return label, offset, value.rstrip(), colon + 1 + len(after) - len(value)
