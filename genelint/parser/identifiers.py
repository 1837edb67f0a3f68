"""External IDs and Aliases: labelled IDs (HGNC, Entrez, Ensembl, OMIM, UniProt) and the listed aliases."""

from __future__ import annotations

import re

from genelint.document import Alias, Field, Identifier, LineIndex
from genelint.parser.body import _Line
from genelint.parser.fields import _field, _item_content, _label_value, _slug, _strip_markup

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
ALIAS_LABELS = {
    "alias",
    "aliases",
    "alsoknownas",
    "synonym",
    "synonyms",
    "othernames",
    "aliassymbols",
}
_HGNC_CURIE = re.compile(r"^\s*(\*\*|__)?(HGNC):(\d+)\1?\s*$", re.I)
_LIST_ENTRY = re.compile(r"[^,;]+")
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
    if ch.isspace() or ch in _BULLETS or ch in _JOINERS:
        return True
    if ord(ch) < 0x2000:
        return False
    import unicodedata

    return unicodedata.category(ch) in ("So", "Sm")


def _without_markers(text: str, column: int, trailing: bool = True) -> tuple[str, int]:
    """`text` without the markers around it (only those before it unless `trailing`), and its column."""
    first, last = text[:1], text[-1:]
    if (
        first.isascii()
        and first.isalnum()
        and (not trailing or (last.isascii() and last.isalnum()))
    ):
        return text, column  # an ASCII letter or digit is neither a marker nor a box
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


def _parse_ids_and_aliases(
    index: LineIndex, lines: list[_Line]
) -> tuple[list[Identifier], list[Alias]]:
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
        # Trailing space is no part of a label or a value: one split serves both readings.
        split = _label_value(content.rstrip())
        identifier = _identifier(index, line, content, column, split)
        if identifier:
            identifiers.append(identifier)
            continue
        if split and _slug(split[0]) in ALIAS_LABELS:
            aliases.extend(_alias_list(index, line.number, split[2], column + split[3]))
            continue
        if item and not split:
            # One symbol per item; an item of several words is prose, not an alias.
            value, col = _alias_text(content, column)
            if value.split() == [value]:  # not empty, no white space in it
                aliases.append(Alias(value, index.span_at(line.number, col, len(value))))
    return identifiers, aliases


def _identifier(
    index: LineIndex,
    line: _Line,
    content: str,
    column: int,
    split: tuple[str, int, str, int] | None,
) -> Identifier | None:
    """The identifier of an item or line (`content` from `column`), `split` its label and value."""
    text = content.rstrip()
    curie = _HGNC_CURIE.match(text)
    if curie:
        # `HGNC:398` written as one token: the value is the whole CURIE.
        start = curie.start(2)
        label = Field(
            curie.group(2), index.span_at(line.number, column + start, len(curie.group(2)))
        )
        value_text = f"{curie.group(2)}:{curie.group(3)}"
        value = Field(value_text, index.span_at(line.number, column + start, len(value_text)))
        return Identifier("HGNC", label, value, index.span_at(line.number, column, len(text)))
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
