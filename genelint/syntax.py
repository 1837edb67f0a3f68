"""How identifiers, citations and protein changes are written: the one home of each pattern.

Rules decide what a malformed value means; services refuse to ask about one. Both read
the syntax here, so a fix to a pattern reaches every place that checks it. Each pattern
is meant for `fullmatch` on a stripped value unless its comment says otherwise. A mutation
list's change cell is read by `read_change` (HGVS, else a common legacy spelling), for the
variant rules and the dbSNP and UniProt rules alike.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, fields, replace

from genelint.hgvs import (
    THREE_TO_ONE,
    HgvsSyntaxError,
    ProteinChange,
    ProteinDescription,
    legacy_substitution,
    missing_prefix,
    parse_description,
    parse_legacy,
    parse_protein,
    substitution,
)

# dbSNP reference SNP: `rs` and a number without leading zeros.
RSID = re.compile(r"rs[1-9][0-9]*")

# A DOI: the directory `10.`, a registrant code of 4-9 digits, `/`, any suffix.
DOI = re.compile(r"10\.[0-9]{4,9}/\S+")
# The `10.<registrant>` part alone (before the first `/`).
DOI_PREFIX = re.compile(r"10\.[0-9]{4,9}")
# Wrappers people put around a DOI (for `sub(..., count=1)` at the start); the DOI
# itself starts at "10.".
DOI_WRAPPER = re.compile(r"^(?:doi\s*:\s*|https?://(?:dx\.)?doi\.org/|doi\.org/)", re.I)
# Punctuation that ends a sentence after a DOI rather than belonging to it.
DOI_TRAILING = ".,;:"

# UniProt's documented accession pattern, optionally with an isoform suffix (P22557-2).
UNIPROT_ACCESSION = re.compile(
    r"(?:[OPQ][0-9][A-Z0-9]{3}[0-9]|[A-NR-Z][0-9](?:[A-Z][A-Z0-9]{2}[0-9]){1,2})(?:-[0-9]+)?"
)

# Gene identifiers as a page's Identifiers section writes them.
HGNC_ID = re.compile(r"(?:HGNC:)?[1-9][0-9]*")  # HGNC:398 or 398
ENTREZ_GENE_ID = re.compile(r"[1-9][0-9]*")  # NCBI Gene: a positive integer
ENSEMBL_GENE_ID = re.compile(r"ENSG[0-9]{11}(?:\.[0-9]+)?")  # human gene, optionally versioned
OMIM_NUMBER = re.compile(r"[0-9]{6}")


# --- a protein change as a mutation list writes it ------------------------------------------

_MISSING_PREFIX = "missing 'p.' prefix"


@dataclass(frozen=True)
class ReadChange:
    """A change cell as read: the HGVS reading, or the legacy one, or the syntax error."""

    change: ProteinChange | None  # the one change; None when not one change (or unreadable)
    legacy: bool = False  # read by parse_legacy: not HGVS as written
    error: HgvsSyntaxError | None = None  # why it is not HGVS (set whenever legacy or unreadable)
    key: str | None = None  # what GL309 compares: change_key(change)
    # the whole HGVS description as the parser read it (one change or several); None for a
    # plain three-letter substitution, read without the parser, and when not HGVS
    description: ProteinDescription | None = None

    @property
    def readable(self) -> bool:
        """Valid HGVS, or a legacy spelling of one change: nothing for GL301 to say."""
        return self.change is not None or self.description is not None


# Most rows are plain three-letter substitutions; reading them needs no parser. Only
# amino acids proper qualify (not Xaa, nor Ter as the reference, nor Met1), so the
# parser's rules about those never apply here; tests check the two agree.
_AMINO_ACIDS = frozenset(THREE_TO_ONE) - {"Xaa", "Ter"}
_PLAIN_SUBSTITUTION = re.compile(r"p\.([A-Z][a-z]{2})([1-9][0-9]{0,5})([A-Z][a-z]{2})")


def _plain_substitution(text: str) -> ProteinChange | None:
    match = _PLAIN_SUBSTITUTION.fullmatch(text)
    if not match:
        return None
    ref, position, alt = match.groups()
    if (
        ref not in _AMINO_ACIDS
        or ref == alt
        or (alt not in _AMINO_ACIDS and alt != "Ter")
        or (ref == "Met" and position == "1")
    ):  # the start codon is never substituted
        return None
    return substitution(ref, int(position), alt)


# ReadChange's fields, in field order, for `_plain_reading`.
_READING = {part.name: part.default for part in fields(ReadChange)}
_new = object.__new__


def _plain_reading(change: ProteinChange, text: str) -> ReadChange:
    """``ReadChange(change, key=text)``, the reading of nearly every row, made by filling the
    new instance's fields at once (a frozen dataclass's __init__ sets them one by one)."""
    reading = _new(ReadChange)
    values = reading.__dict__
    values.update(_READING)
    values["change"], values["key"] = change, text
    return reading


# The cache serves the rules reading one page (and pages repeating a change); it is kept
# small because every entry stays alive for the whole run and the garbage collector
# walks it again and again.
@functools.lru_cache(maxsize=1024)
def read_change(text: str) -> ReadChange:
    plain = _plain_substitution(text)
    if plain is not None:  # one change in three-letter codes: nothing for GL302 or GL310
        return _plain_reading(plain, text)
    legacy = legacy_substitution(
        text
    )  # `V122I`: read at once, with the error the parser would give
    if legacy is not None:
        return ReadChange(legacy, legacy=True, error=missing_prefix(text), key=change_key(legacy))
    try:
        description = parse_description(text)
    except HgvsSyntaxError as err:
        error = err.with_traceback(None)  # kept in the cache: without its frames
    else:
        change = description.single
        if change is not None:
            return ReadChange(change, key=change_key(change), description=description)
        return ReadChange(
            None, key=description.to_hgvs(with_accession=False), description=description
        )
    legacy = parse_legacy(text, not_hgvs=True)
    if legacy is not None:
        return ReadChange(legacy, legacy=True, error=error, key=change_key(legacy))
    return ReadChange(None, error=_better_error(text, error))


def _better_error(text: str, error: HgvsSyntaxError) -> HgvsSyntaxError:
    """For `Xyz12Ala` the missing prefix is not the news: say what is wrong after it."""
    if not error.message.startswith(_MISSING_PREFIX):
        return error
    at = error.offset
    try:
        parse_protein(text[:at] + "p." + text[at:])
    except HgvsSyntaxError as inner:
        if inner.offset >= at + 2:
            return HgvsSyntaxError(inner.message, inner.offset - 2, inner.length)
    return error


def change_key(change: ProteinChange) -> str | None:
    """What makes two changes the same variant; None for `p.?`, `p.=`, `p.0` (no position)."""
    if change.position is None:
        return None
    if change.predicted or change.accession is not None:  # most changes have neither: no copy
        change = replace(change, predicted=False, accession=None)
    return change.to_hgvs()
