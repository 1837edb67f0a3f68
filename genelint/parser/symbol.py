"""The gene symbol a page is about: the front matter title, else the H1."""

from __future__ import annotations

import re

from genelint.document import Field, FrontMatter, FrontMatterEntry
from genelint.parser.fields import _EMPHASIS

_SYMBOL_TOKEN = re.compile(r"^(?=.*[A-Za-z])(?=.*[A-Z0-9])[A-Za-z0-9][A-Za-z0-9-]*$")
_CAPITALISED_WORD = re.compile(r"^[A-Z][a-z]+$")  # "The", "Gene": words, not symbols
_TOKEN_PUNCTUATION = "\"'()[]{}<>,;:.!?*_`"


def title_is_multiline(entry: FrontMatterEntry | None, value: object) -> bool:
    """The front matter title contains a line break, or its YAML runs over several lines and
    reads as several words (`title: "ALAS2` whose quote is only closed by a later value's):
    never a symbol. A block scalar holding one word (`title: >-` then `  ALAS2`) is fine."""
    if not isinstance(value, str):
        return False
    spread = (
        entry is not None
        and entry.value_span is not None
        and entry.value_span.end_line > entry.value_span.line
    )
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
    named = (
        {word.strip(_TOKEN_PUNCTUATION) for word in h1.value.split()} if h1 is not None else set()
    )
    for token in candidates:
        if token in named:
            return token
    return candidates[0] if candidates else None


def _symbol(front_matter: FrontMatter, title: Field | None) -> str | None:
    """Front matter title (see symbol_from_title), else the H1. A title that runs over
    several lines is broken YAML more likely than a name: the H1 is asked instead."""
    value = front_matter.data.get("title") if front_matter.data else None
    if (
        isinstance(value, str)
        and value.strip()
        and not title_is_multiline(front_matter.entries.get("title"), value)
    ):
        return symbol_from_title(value, title)
    if title is not None:
        return _symbol_from_h1(title.value)
    return None


def _symbol_from_h1(text: str) -> str | None:
    words = text.split()
    return words[-1].strip(_EMPHASIS + ".:") or None if words else None
