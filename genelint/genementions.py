"""Spotting gene names in free text (a cited paper's title), with care for false alarms.

Two questions, answered with opposite biases:

- `names_gene(title, gene)`: does the title name *this* gene? Generous: its symbol, an alias
  or a previous symbol (mouse-style case `Alas2` for names with a digit), or its full name
  with or without the trailing designator ("aminolevulinate synthase").
- `other_gene_mentions(title, lookup)`: which genes does the title name for sure? Strict: a
  name counts only as a whole token in its exact case; letters-only names count only when they
  are approved symbols (aliases such as `XLMR` or `MDS` are as often disease abbreviations);
  a name of one character, a common abbreviation (`CD`, `MS`, `AML`, `DNA`, roman numerals),
  a cell marker (`CD4+`) and, in an all-capitals title, any name without a digit never count.

`lookup(names)` answers which of a few words are gene names: `GeneTable.names_matching`.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass
from typing import Callable, Iterable, Iterator

# name -> ((entrez_id, kind), ...) with kind "symbol", "alias" or "previous"
Lookup = Callable[[Iterable[str]], dict[str, tuple[tuple[int, str], ...]]]

# Words of biomedical titles that are also gene symbols or aliases but, in a title, nearly
# always mean something else. Letters-only aliases never count anyway; these are the approved
# symbols and digit-bearing aliases that need saying.
ABBREVIATIONS = frozenset("""
    AD ADP ALL ALS AMP AML ATP BMI CAD CD CF CHD CKD CLL CML CNS COPD CT DM DNA ECG EEG ER ES
    GTP HCC HD HIV HIV-1 HIV-2 HPV HBV HCV EBV CMV ICU II III IV VI VII VIII IX XI XII
    MDS MI MRI MS NHL NK NO NSCLC PCR PD PET RA RNA ROS SCLC SLE SNP TB UV WHO
    HLA MHC GWAS QTL CNV SNV UTR ORF CDS LTR kDa kb bp cDNA mRNA miRNA lncRNA siRNA shRNA
    ES IPS iPS EMT ECM NMR ESR SPR FRET ELISA m6A m1A m5C m7G
""".split())
# Words after a symbol that make it a disease or syndrome name ("NISCH syndrome"), not the gene.
_DISEASE_WORDS = ("syndrome", "disease", "disorder")
# A capital and digits (A23, B8, E1): HLA antigens, vitamins, viral proteins as often as aliases (p53 counts).
_LETTER_DIGITS = re.compile(r"^[A-Z][0-9]+$")

_CHUNK = re.compile(r"[^\s,;:()\[\]{}\"“”‘’/]+")
_EDGE = "'`*.!?…"
_DASHES = re.compile(r"[-‐‑–—]")
_ROMAN_OR_GREEK = frozenset("i ii iii iv v vi alpha beta gamma delta epsilon zeta eta theta kappa lambda sigma omega".split())


@dataclass(frozen=True)
class Mention:
    text: str  # as written in the title
    name: str  # the gene name it matched
    start: int  # offset of `text` in the title
    genes: tuple[int, ...]  # Entrez IDs of the genes with that name


def tokens(title: str) -> Iterator[tuple[str, int]]:
    """Whole tokens of a title with their offsets; a cell marker such as `CD4+` is no token."""
    for match in _CHUNK.finditer(title):
        text, start = match.group(0), match.start()
        stripped = text.lstrip(_EDGE)
        start += len(text) - len(stripped)
        text = stripped.rstrip(_EDGE)
        if text.endswith(("'s", "’s")):
            text = text[:-2]
        if not text or "+" in text or text.endswith(("-", "−")):
            continue
        yield text, start


def _tokens_with_next(title: str) -> Iterator[tuple[str, int, str]]:
    """Tokens with the text that follows each (to spot "NISCH syndrome")."""
    found = list(tokens(title))
    for i, (text, start) in enumerate(found):
        yield text, start, found[i + 1][0] if i + 1 < len(found) else ""


# A hyphenated symbol with an allele written onto it: HLA-A2, HLA-A*0201, HLA-B*5703.
_ALLELE_STEM = re.compile(r"^([A-Za-z0-9]+-[A-Za-z]+)(?:\*[0-9][0-9:]*|[0-9]+(?:\.[0-9]+)?)$")


def _pieces(text: str, start: int) -> list[tuple[str, int, int, int]]:
    """Every run of dash-separated parts of a token (`HLA-A-restricted` → `HLA-A`, `HLA`, …),
    as (text, offset, first part, last part)."""
    parts, at = [], 0
    for piece in _DASHES.split(text):
        parts.append((piece, at))
        at += len(piece) + 1
    runs = []
    for i in range(len(parts)):
        for j in range(i, len(parts)):
            begin = parts[i][1]
            end = parts[j][1] + len(parts[j][0])
            piece = text[begin:end]
            if piece and not _DASHES.match(piece[0]):
                runs.append((piece, start + begin, i, j))
    return runs


def _variants(piece: str) -> tuple[str, ...]:
    """The names a piece may be written for: itself, and upper case for mouse-style `Upf3b`."""
    if any(c.isdigit() for c in piece) and piece != piece.upper():
        return piece, piece.upper()
    return (piece,)


def _shouting(title: str) -> bool:
    letters = [c for c in title if c.isalpha()]
    return len(letters) >= 12 and sum(c.isupper() for c in letters) >= 0.7 * len(letters)


def _counts(piece: str, kind: str, shouting: bool) -> bool:
    """Whether a piece matching a gene name of this kind is surely that gene."""
    has_digit = any(c.isdigit() for c in piece)
    if len(piece) < 2 or not any(c.isalpha() for c in piece) or piece in ABBREVIATIONS:
        return False
    if shouting and not has_digit:
        return False
    if kind == "symbol":
        return True
    return has_digit and len(piece) >= 3 and not _LETTER_DIGITS.match(piece)


def other_gene_mentions(title: str, lookup: Lookup) -> list[Mention]:
    """Genes the title surely names, left to right; the longest name wins inside a token."""
    shouting = _shouting(title)
    per_token = []
    for text, start, following in _tokens_with_next(title):
        if following.lower().startswith(_DISEASE_WORDS) and not any(c.isdigit() for c in text):
            continue
        allele = _ALLELE_STEM.match(text)
        per_token.append([(allele.group(1), start, 0, 0)] if allele else _pieces(text, start))
    wanted = {variant for pieces in per_token for piece, *_ in pieces for variant in _variants(piece)}
    known = lookup(wanted) if wanted else {}
    mentions = []
    for pieces in per_token:
        taken: set[int] = set()
        for piece, start, first, last in sorted(pieces, key=lambda p: (p[2] - p[3], p[2])):
            if taken & set(range(first, last + 1)):
                continue
            for variant in _variants(piece):
                genes = tuple(dict.fromkeys(e for e, kind in known.get(variant, ()) if _counts(piece, kind, shouting)))
                if genes:
                    mentions.append(Mention(piece, variant, start, genes))
                    taken.update(range(first, last + 1))
                    break
    return sorted(mentions, key=lambda m: m.start)


def _normal(text: str) -> str:
    text = unicodedata.normalize("NFKD", text).lower().replace("haem", "hem").replace("oestr", "estr")
    return " ".join(re.findall(r"[a-z0-9]+", text))


@functools.lru_cache(maxsize=1024)
def _name_forms(name: str) -> frozenset[str]:
    """The full name, and without designators at its ends (`5'-aminolevulinate synthase 2`
    → `aminolevulinate synthase`, `claudin 1` → `claudin`)."""
    words = _normal(name).split()
    forms = {" ".join(words)} if words else set()
    trimmed = list(words)
    while trimmed and (trimmed[-1].isdigit() or len(trimmed[-1]) == 1 or trimmed[-1] in _ROMAN_OR_GREEK):
        trimmed.pop()
    while trimmed and (trimmed[0].isdigit() or len(trimmed[0]) == 1 or trimmed[0] in _ROMAN_OR_GREEK):
        trimmed.pop(0)
    if len(trimmed) >= 2 or (trimmed and len(trimmed[0]) >= 6 and len(words) > 1):
        forms.add(" ".join(trimmed))  # "claudin 1" → "claudin": a family name is not another gene
    return frozenset(forms)


_FAMILY_MEMBER = re.compile(r"^([0-9]+-[0-9-]*[0-9])[A-Z]$")
_ALLELE = re.compile(r"^\*?[0-9][0-9:.]*")


def _allele_of(text: str, stems: list[str]) -> bool:
    """An allele written onto a hyphenated symbol: `HLA-A2`, `HLA-A*0201`, `HLA-A*24-restricted`."""
    return any(text.startswith(stem) and _ALLELE.match(text[len(stem):]) for stem in stems)


def names_gene(title: str, symbol: str, aliases: Iterable[str] = (), name: str = "") -> bool:
    """Whether the title names this gene by symbol, alias, previous symbol or full name."""
    names, folded, stems, upper_names = _gene_names(symbol, tuple(aliases))
    # Every match below is a piece of the title equal to a name (up to case), so a title
    # that contains none of the names, in any case, needs no tokenising.
    upper = title.upper()
    if any(n in upper for n in upper_names):
        for text, start in tokens(title):
            token = text.upper()
            if not any(n in token for n in upper_names):
                continue  # no piece of this token can be a name either
            if stems and _allele_of(text, stems):
                return True
            for piece, *_ in _pieces(text, start):
                if piece in names or (piece.upper() in folded and any(c.isdigit() for c in piece)):
                    return True
    if name:
        padded = f" {_normal(title)} "
        return any(f" {form} " in padded for form in _name_forms(name))
    return False


@functools.lru_cache(maxsize=1024)
def _gene_names(symbol: str, aliases: tuple[str, ...]) -> tuple[frozenset, frozenset, tuple, tuple]:
    """A gene's names as names_gene compares them, worked out once per gene, not per title."""
    names = {symbol, *aliases} - {""}
    # A family written without the member's letter: 14-3-3E (YWHAE) → "14-3-3 proteins".
    names |= {m.group(1) for n in names if (m := _FAMILY_MEMBER.match(n))}
    folded = frozenset(n.upper() for n in names if any(c.isdigit() for c in n))
    stems = tuple(n for n in names if "-" in n and n[-1].isalpha())
    return frozenset(names), folded, stems, tuple({n.upper() for n in names})
