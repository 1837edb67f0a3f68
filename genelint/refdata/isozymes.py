"""A family member named by what sets it apart, put first: "liver pyruvate kinase", "cardiac
troponin I", "B-type natriuretic peptide", "type II hexokinase".

Isozymes and tissue-specific paralogs are named in titles by their tissue, put first and often
with "-type" ("human liver-type pyruvate kinase", "R-type pyruvate kinase", "heart troponin I"),
while NCBI and HGNC write the tissue after the name ("pyruvate kinase, liver and RBC", "troponin
I, cardiac muscle") or as a letter or type ("pyruvate kinase L/R", "creatine kinase M-type",
"natriuretic peptide B", "hexokinase type II"). These are
the forms a title writes, worked out from one name of one gene; the name index keeps a form as
one gene's only when no other gene's name is written so (`designation_forms`): a form two genes'
names give is a family's, which may name the page's gene but never flags another.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

# A tissue as names write it → the words titles use for it. Only tissues isozymes are named
# for; "smooth muscle" and "cardiac muscle" keep "muscle", which tells them from the skeletal one.
_SAME_TISSUE = (
    ("liver", "hepatic"),
    ("erythrocyte", "red cell", "red blood cell", "rbc", "erythroid"),
    ("brain",),
    ("muscle",),
    ("skeletal muscle", "skeletal"),
    ("cardiac muscle", "cardiac", "heart"),
    ("cardiac", "heart"),
    ("heart", "cardiac"),
    ("smooth muscle",),
    ("platelet",),
    ("kidney", "renal"),
    ("intestinal", "intestine"),
    ("placental", "placenta"),
    ("testis", "testicular"),
)
TISSUES = {words[0]: words for words in _SAME_TISSUE}
for _words in _SAME_TISSUE:
    for _word in _words:
        TISSUES.setdefault(_word, _words)

_GREEK = frozenset("alpha beta gamma delta epsilon".split())
# What may follow the tissue without changing what is named: "liver type", "brain form".
_KIND_AFTER = frozenset("type form isozyme isoform associated specific".split())
# A member by its letter after the name: "natriuretic peptide B", "pyruvate kinase L/R" (L liver,
# R red cell), "pyruvate kinase isozymes M1/2", "creatine kinase M-type". Not I, V or X, which
# names write as numerals ("troponin I").
_LETTER = r"[A-HJ-UWYZ]\d?"
_LETTERS_AFTER = re.compile(
    rf"^(?P<base>[^,()]+?)\s+(?:(?:isozymes?|type)\s+)?"
    rf"(?P<letters>{_LETTER}(?:/(?:{_LETTER}|\d))*)(?:-type)?$"
)
# "red cell/liver pyruvate kinase": two tissues first.
_TISSUES_FIRST = re.compile(r"^(?P<first>[a-z]+(?: [a-z]+)?)/(?P<second>[a-z]+) (?P<base>.+)$")
_TYPE_AFTER = re.compile(r"^(?P<base>[^,()]+?),?\s+type\s+(?P<number>[IVX]+|\d+[A-Za-z]?)$")
_MEMBER_NUMBER = re.compile(r"\s+\d+[A-Za-z]?$")
_LEADING_LOCANT = re.compile(r"^\d+(?:,\d+)*-(?=[a-z])")


def isozyme_forms(named: Iterable[tuple[str, int]]) -> dict[str, set[int]]:
    """The names a title may write for each (name, gene) by its tissue ("liver pyruvate kinase")
    or by its letter or type put first ("B-type natriuretic peptide" of "natriuretic peptide B",
    "R-type pyruvate kinase" of "pyruvate kinase L/R", "type II hexokinase"), as text (the caller normalises them) → the genes
    whose names give them."""
    forms: dict[str, set[int]] = {}
    for name, entrez_id in named:
        for form in (*tissue_forms(name), *letter_forms(name), *type_first_forms(name)):
            forms.setdefault(form, set()).add(entrez_id)
    return forms


def type_first_forms(name: str) -> set[str]:
    """ "hexokinase type II" → "type II hexokinase", as titles also write a member by its type;
    only from a name that ends with its type, so "keratin, type II cytoskeletal 1" gives no "type
    II keratin", a class."""
    typed = _TYPE_AFTER.match(name)
    return {f"type {typed['number']} {typed['base']}"} if typed else set()


def letter_forms(name: str) -> set[str]:
    """ "natriuretic peptide B" → "B-type natriuretic peptide"; "pyruvate kinase M1/2" →
    "M-type", "M1-type", "M2-type pyruvate kinase"; empty for a name ending otherwise."""
    lettered = _LETTERS_AFTER.match(name)
    if not lettered:
        return set()
    return {
        f"{letter}-type {base}"
        for base in _bases(lettered["base"].strip())
        for letter in _letters(lettered["letters"])
    }


def tissue_forms(name: str) -> set[str]:
    """The names a title may write for `name` by its tissue, as text; empty for a name that
    names no tissue."""
    named = _tissues_and_base(name)
    if not named:
        return set()
    tissues, bases = named
    return {
        f"{word}{joint}{base}"
        for base in bases
        for tissue in tissues
        for word in TISSUES[tissue]
        for joint in (" ", "-type ")
    }


def _tissues_and_base(name: str) -> tuple[list[str], set[str]] | None:
    first = _TISSUES_FIRST.match(name)
    if first and first["first"] in TISSUES and first["second"] in TISSUES:
        return [first["first"], first["second"]], _bases(first["base"])
    if name.count(",") == 1:
        base, tail = (part.strip() for part in name.split(","))
    elif name.endswith(")") and name.count("(") == 1:
        base, tail = (part.strip() for part in name[:-1].split("("))
    else:
        return None
    words = tail.lower().replace("-", " ").split()
    while words and words[-1] in _KIND_AFTER:
        words.pop()
    greek = words.pop(0) if words and words[0] in _GREEK else ""
    if words and words[-1].isdigit() and greek:
        words.pop()  # "actin, alpha cardiac muscle 1"
    tissues = _tissues(" ".join(words))
    if not tissues or not base or "(" in base:
        return None
    bases = _bases(base)
    if greek:
        bases = {f"{greek} {b}" for b in bases}
    return tissues, bases


def _tissues(text: str) -> list[str]:
    """ "liver and RBC" → ["liver", "rbc"]; [] unless every part is a tissue."""
    parts = [part.strip() for part in re.split(r"\band\b|/", text)]
    return parts if parts and all(part in TISSUES for part in parts) else []


def _bases(base: str) -> set[str]:
    """The name the tissue qualifies, and without its member's number or a leading locant
    ("acylphosphatase 2" → "acylphosphatase", "6-phosphofructokinase" → "phosphofructokinase"):
    a title naming the member by its tissue writes no number."""
    bases = {base, _MEMBER_NUMBER.sub("", base), _LEADING_LOCANT.sub("", base)}
    bases.add(_LEADING_LOCANT.sub("", _MEMBER_NUMBER.sub("", base)))
    return {b for b in bases if b and not b.isdigit()}


def _letters(written: str) -> list[str]:
    """ "L/R" → L, R; "M1/2" → M, M1, M2."""
    letters: list[str] = []
    stem = ""
    for part in written.split("/"):
        if part.isdigit():
            part = stem + part
        stem = part[0]
        letters += [part] if part == stem else [stem, part]
    return list(dict.fromkeys(letters))
