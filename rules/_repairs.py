"""Edits for the repairs from reference data (GL202, GL204, GL206): what to write and where from.

Each function returns the edits of one fix, or None when the page is written in a way that
the repair cannot be made without guessing (then the finding has no fix and the curator
edits by hand). Edits are computed from the parsed page's spans and its text; nothing here
re-parses Markdown beyond the one line an edit touches.
"""

from __future__ import annotations

import re

from genelint.document import Alias, GeneDocument, LineIndex, Span
from genelint.findings import Edit

# Which source of the joined table a value comes from: HGNC IDs from HGNC, Entrez IDs from
# NCBI Gene; the other IDs and the cytoband are merged from both.
_SOURCES_OF = {"HGNC": ("HGNC",), "NCBI Entrez": ("NCBI Gene",)}


def reference_source(table, kind: str = "") -> str:
    """`NCBI Gene 2022-09-12 / HGNC 2024-01-18 snapshot`: the sources a value of `kind` comes
    from, with the dates the reference data records for them."""
    described = list((getattr(table, "source", None) or {}).get("sources") or ())
    wanted = _SOURCES_OF.get(kind)
    chosen = [d for d in described if wanted is None or d.get("name") in wanted] or described
    if not chosen:
        return "reference data"
    return (
        " / ".join(f"{d.get('name', 'reference')} {d.get('date') or '(undated)'}" for d in chosen)
        + " snapshot"
    )


def written(doc: GeneDocument, span: Span) -> str:
    """The page's text under a span, as the fix would replace it (GL403 uses it too)."""
    return doc.raw[span.start : span.end].decode("utf-8", "surrogateescape")


# --- replacing an ID, with the link around it ---------------------------------------------

# What may follow an ID in a URL and belongs to it: an Ensembl version, a UniProt isoform.
_SUFFIX = {"Ensembl": r"(?:\.[0-9]+)?", "UniProtKB": r"(?:-[0-9]+)?"}
_LINK_AFTER = re.compile(r"\]\((?P<url>[^()\s]*)(?:\s+\"[^\"]*\")?\)")
# A link's destination, an autolink, or a bare web address (GitHub and most renderers link it).
_URL = re.compile(
    r"\]\((?P<url>[^()\s]*)|<(?P<auto>[a-z][a-z0-9+.\-]*:[^<>\s]*)>|(?P<bare>https?://[^\s()<>]+)",
    re.I,
)


def bare_id(kind: str, value: str) -> str:
    """The ID without its `HGNC:` prefix, Ensembl version or UniProt isoform: what URLs hold."""
    bare = value.removeprefix("HGNC:").removeprefix("hgnc:")
    if kind == "Ensembl":
        return bare.split(".")[0]
    if kind == "UniProtKB":
        return bare.split("-")[0]
    return bare


def in_written_form(kind: str, value: str, new: str) -> str:
    """`new` written as the page wrote `value`: with or without the `HGNC:` prefix."""
    bare = new.removeprefix("HGNC:")
    if kind == "HGNC":
        return f"HGNC:{bare}" if value.upper().startswith("HGNC:") else bare
    return bare


def id_edits(
    doc: GeneDocument, item: Span, value_span: Span, kind: str, value: str, new: str
) -> tuple[Edit, ...] | None:
    """Write `new` over the ID at `value_span`, and over every copy of the old ID in a URL of
    the same item (the link around the ID, a link in its remark). None when the old ID also
    stands elsewhere in the item as text (a remark such as "formerly …": which to change is a
    guess), or when the ID is a link's text and the link's URL does not hold it."""
    line_start = doc.lines.line_span(item.line).start
    text = doc.raw[line_start : item.end].decode("utf-8", "surrogateescape")
    at = len(doc.raw[line_start : value_span.start].decode("utf-8", "surrogateescape"))
    old, length = bare_id(kind, value), len(value)
    urls = [m.span(m.lastgroup or 0) for m in _URL.finditer(text)]
    replacement = bare_id(kind, new)
    edits = [Edit(value_span.start, value_span.end, in_written_form(kind, value, new))]
    copies = _copies_of(old, kind).finditer(text) if _written_again(old, text) else ()
    for match in copies:
        if at <= match.start() < at + length:
            continue  # the ID itself
        if not any(start <= match.start() and match.end() <= end for start, end in urls):
            return None
        start = line_start + len(text[: match.start()].encode("utf-8", "surrogateescape"))
        edits.append(
            Edit(start, start + len(match.group(0).encode("utf-8", "surrogateescape")), replacement)
        )
    link = _LINK_AFTER.match(text, at + length)
    if text[at - 1 : at] == "[" and link and len(edits) == 1:
        return None  # a link whose URL does not name the ID: where it should point is unknown
    return tuple(edits)


def _copies_of(old: str, kind: str) -> re.Pattern:
    return re.compile(
        rf"(?<![A-Za-z0-9]){re.escape(old)}{_SUFFIX.get(kind, '')}(?![A-Za-z0-9])", re.I
    )


def _written_again(old: str, text: str) -> bool:
    """Whether the item may hold the ID more than once: when (all in ASCII) it holds it once
    in any case, that once is the ID itself, and the copies' regex need not be compiled."""
    return not (text.isascii() and old.isascii()) or text.lower().count(old.lower()) > 1


# --- removing an alias ------------------------------------------------------------------

_MARKUP = "*_`~"
_LIST_ITEM = re.compile(r"^([ \t]*)(?:[-*+]|[0-9]{1,9}[.)])(?:[ \t]+|$)")


def aliases_by_line(aliases: list[Alias]) -> dict[int, list[Alias]]:
    """The page's aliases grouped by their line, each line's in column order: what
    alias_edits needs, made once a page (per alias, a page of thousands took minutes)."""
    lines: dict[int, list[Alias]] = {}
    for alias in aliases:
        lines.setdefault(alias.span.line, []).append(alias)
    for siblings in lines.values():
        siblings.sort(key=lambda a: a.span.column)
    return lines


def alias_edits(
    doc: GeneDocument, alias: Alias, by_line: dict[int, list[Alias]]
) -> tuple[Edit, ...] | None:
    """Remove one alias and keep the list well formed: in a list written on one line, the
    alias (with the emphasis around it) and one separator next to it; an alias alone on its
    line (a bullet item, `Aliases: ALAS`), the whole line. None when the line holds more than
    the list can lose safely (text between the entries, an item with content below it).
    `by_line`: the page's aliases_by_line."""
    number = alias.span.line
    line = doc.lines.line_text(number)
    siblings = by_line[number]
    if any(ch.isspace() for ch in alias.value):
        return None  # `ASB and ALAS`: an entry of several words, which of them is wrong is a guess
    if len(siblings) == 1:
        return (
            _line_removal(doc.lines, number, len(doc.raw))
            if _stands_alone(doc.lines, number)
            else None
        )
    entries = [entry for entry in (_entry(line, a) for a in siblings) if entry is not None]
    if len(entries) < len(siblings):
        return None
    i = siblings.index(alias)
    if i + 1 < len(entries):  # the alias and the separator after it
        start, end = entries[i][0], entries[i + 1][0]
        gap = line[entries[i][1] : end]
    else:  # the last: the separator before it and the alias
        start, end = entries[i - 1][1], entries[i][1]
        gap = line[start : entries[i][0]]
    if gap.strip() not in (",", ";"):
        return None
    span = doc.lines.span_at(number, start + 1, end - start)
    return (Edit(span.start, span.end, ""),)


def _entry(line: str, alias: Alias) -> tuple[int, int] | None:
    """Where an entry of an inline list starts and ends on its line: the alias with the
    emphasis around it (`**ALAS**`); None when the marks do not pair up."""
    start = alias.span.column - 1
    end = start + len(alias.value)
    if alias.span.end_line != alias.span.line or line[start:end] != alias.value:
        return None
    while (
        start > 0
        and end < len(line)
        and line[start - 1] in _MARKUP
        and line[end] == line[start - 1]
    ):
        start, end = start - 1, end + 1
    if (start > 0 and line[start - 1] in _MARKUP) or (end < len(line) and line[end] in _MARKUP):
        return None
    return start, end


def _indent(text: str) -> int:
    return len(text.expandtabs(4)) - len(text.expandtabs(4).lstrip())


def _stands_alone(lines: LineIndex, number: int) -> bool:
    """Whether removing line `number` leaves the blocks around it as they were: a list item
    with nothing below it that belongs to it (a nested block, a lazy continuation line)."""
    line = lines.line_text(number)
    if not _LIST_ITEM.match(line) or number == lines.line_count:
        return True
    below = lines.line_text(number + 1)
    if not below.strip():
        return True
    return bool(_LIST_ITEM.match(below)) and _indent(below) <= _indent(line)


def _line_removal(lines: LineIndex, number: int, size: int) -> tuple[Edit, ...]:
    """Remove line `number` with its line ending; the last line without one takes the
    ending before it instead."""
    start = lines.line_span(number).start
    if number < lines.line_count:
        return (Edit(start, lines.line_span(number + 1).start, ""),)
    if number == 1:
        return (Edit(0, size, ""),)
    return (Edit(lines.line_span(number - 1).end, size, ""),)
