"""A hand-written parser for HGVS (v21) protein change descriptions.

``parse_protein`` reads one description such as ``NP_000023.2:p.(Arg97Cys)`` and returns
a :class:`ProteinChange`; anything else raises :class:`HgvsSyntaxError` naming the bad text
and its offset. ``parse_legacy`` recognises the common non-HGVS spellings (``V122I``,
``R97X``) so a rule can offer the HGVS form.

Grammar accepted (``*`` is accepted wherever ``Ter`` is)::

    description := [accession ":"] "p." ( "(" change ")" | change | "?" | "0" | "0?" )
    change      := "=" | residue position edit | residue position "_" residue position range_edit
    edit        := "=" | "?" | residue                        substitution
                 | "del" | "dup" | "delins" residues
                 | [residue] "fs" [stop]                      frameshift
                 | "ext-" count                               N-terminal extension, Met1 only
                 | residue "ext" ( stop | "?" )               C-terminal extension, Ter only
    range_edit  := "del" | "dup" | "delins" residues | "ins" inserted
    inserted    := residues | count | "Xaa[" count "]"        insertion of unknown residues
    stop        := "Ter" ( count | "?" )
    position    := a positive integer without leading zeros

What the parser enforces beyond the shape, each from the HGVS recommendations:

- a residue code is either all three-letter (``Arg``) or all one-letter (``R``) within one
  description; the first residue decides. ``*`` fits both, and the stop marker after
  ``fs``/``ext`` may be ``Ter`` or ``*`` in either style because the syntax spells it as a
  keyword (``fsTer``), and ``insX[n]`` is accepted in both because the recommendations
  write it so. Mixing otherwise is an error (``p.R97Cys``).
- ``X`` is Xaa, an unknown residue (never a stop); it may be inserted or substituted in but
  is never a reference residue. ``Asx``/``Glx`` (ambiguity codes) are not residues here.
- positions start at 1; a range ends after it starts; an insertion sits between two
  adjacent residues.
- the stop codon (``Ter``) changes only by an extension (``p.Ter110GlnextTer17``), or is
  unchanged (``=``) or of unknown consequence (``?``).
- a change written in a longer form that HGVS replaces by a shorter one is an error with
  the form to use: ``p.Cys188Cys`` (use ``p.Cys188=``), ``p.Cys28delinsTrp`` (a
  substitution), ``p.Tyr4TerfsTer1`` / ``insTer…`` (a nonsense substitution).

Not supported: alleles (``p.[…;…]``), uncertain positions (``p.(Arg97_Cys98)ins…``),
intronic or upstream residue numbering (``Met-5``), mosaics and chimeras.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import NoReturn

THREE_TO_ONE: dict[str, str] = {
    "Ala": "A", "Arg": "R", "Asn": "N", "Asp": "D", "Cys": "C",
    "Gln": "Q", "Glu": "E", "Gly": "G", "His": "H", "Ile": "I",
    "Leu": "L", "Lys": "K", "Met": "M", "Phe": "F", "Pro": "P",
    "Ser": "S", "Thr": "T", "Trp": "W", "Tyr": "Y", "Val": "V",
    "Sec": "U", "Pyl": "O", "Xaa": "X", "Ter": "*",
}
ONE_TO_THREE: dict[str, str] = {one: three for three, one in THREE_TO_ONE.items()}

KINDS = (
    "substitution", "synonymous", "unknown", "no_protein", "deletion", "duplication",
    "insertion", "delins", "frameshift", "extension",
)

# Edit keywords are lower case, so after a one-letter residue "Pfs" or "Qext" must not be
# read as a three-letter code: these are the two letters that can follow one.
_KEYWORD_STARTS = ("de", "du", "in", "fs", "ex")
_ACCESSION = re.compile(r"[A-Za-z][A-Za-z0-9_]*(\.[0-9]+)?")
_OTHER_PREFIXES = {"c.": "coding DNA", "g.": "genomic", "n.": "non-coding DNA",
                   "r.": "RNA", "m.": "mitochondrial", "o.": "circular"}

LEGACY_NO_PREFIX = "no 'p.' prefix"
LEGACY_X_STOP = "'X' used for a stop codon (HGVS: 'Ter' or '*')"
LEGACY_MIXED_CODES = "mixes one- and three-letter residue codes"
LEGACY_SAME_RESIDUE = "unchanged residue written twice (HGVS: '=')"
LEGACY_STOP_WITHOUT_POSITION = "stop codon without its position"


class HgvsSyntaxError(ValueError):
    """A description that is not valid HGVS: what is wrong and where (0-based offset)."""

    def __init__(self, message: str, offset: int, length: int = 1) -> None:
        super().__init__(f"{message} (at offset {offset})")
        self.message = message
        self.offset = offset
        self.length = length


@dataclass(frozen=True)
class ProteinChange:
    """One protein change. Residues are three-letter codes whatever the input used.

    Equality compares meaning: ``p.R97C`` equals ``p.Arg97Cys`` (``one_letter`` and
    ``legacy`` describe the spelling and take no part in it).
    """

    kind: str
    predicted: bool = False
    ref: str | None = None
    position: int | None = None
    end_ref: str | None = None
    end_position: int | None = None
    alt: tuple[str, ...] = ()
    # insertion of a known number of unspecified residues: "ins23", "insXaa[23]"
    inserted_count: int | None = None
    # frameshift: position of the new stop counting the first changed residue as 1;
    # C-terminal extension: position of the new stop in the added tail. None: not known.
    new_stop: int | None = None
    # N-terminal extension: position of the new start codon, negative ("ext-5" is -5)
    new_start: int | None = None
    accession: str | None = None
    one_letter: bool = field(default=False, compare=False)
    # why a description read by parse_legacy is not HGVS; empty for parse_protein results
    legacy: tuple[str, ...] = field(default=(), compare=False)

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"unknown kind {self.kind!r}; expected one of {', '.join(KINDS)}")

    @property
    def is_nonsense(self) -> bool:
        return self.kind == "substitution" and self.alt == ("Ter",)

    @property
    def is_missense(self) -> bool:
        """Substitution by another known amino acid (not a stop, not Xaa)."""
        return self.kind == "substitution" and self.alt[0] not in ("Ter", "Xaa")

    @property
    def is_synonymous(self) -> bool:
        return self.kind == "synonymous"

    @property
    def is_frameshift(self) -> bool:
        return self.kind == "frameshift"

    @property
    def is_in_frame_indel(self) -> bool:
        return self.kind in ("deletion", "duplication", "insertion", "delins")

    @property
    def creates_stop(self) -> bool:
        """A stop codon appears in place of, or among, the changed residues."""
        return "Ter" in self.alt and self.kind != "extension"

    def to_hgvs(self, one_letter: bool = False, *, with_accession: bool = True) -> str:
        """The canonical HGVS description, three-letter unless ``one_letter``."""
        body = _format_body(self, one_letter)
        if self.predicted and self.kind != "no_protein":  # a predicted p.0 is "p.0?"
            body = f"({body})"
        prefix = f"{self.accession}:" if with_accession and self.accession else ""
        return f"{prefix}p.{body}"


def _with(change: ProteinChange, **changes) -> ProteinChange:
    """`dataclasses.replace`, made cheap: the parser calls it a few times per description,
    most often changing nothing (a change that is not predicted, has no accession...)."""
    current = vars(change)
    if all(current[key] == value for key, value in changes.items()):
        return change
    return ProteinChange(**{**current, **changes})


def parse_protein(text: str) -> ProteinChange:
    """Parse one HGVS protein description; raise HgvsSyntaxError if it is not one."""
    return _Parser(text, legacy=False).description()


def parse_legacy(text: str, *, not_hgvs: bool = False) -> ProteinChange | None:
    """Read a common non-HGVS spelling of a protein change, or return None.

    Recognised: no ``p.`` prefix (``V122I``, ``Val122Ile``, ``R97*``), ``X`` for a stop
    codon (``R97X``, ``Arg97X``, ``p.R97fsX23``), mixed one- and three-letter codes, an
    unchanged residue written twice (``p.Cys188Cys``) and a stop without its position
    (``fsTer``). The result's ``legacy`` lists which; ``to_hgvs()`` gives the HGVS form.

    Valid HGVS is never legacy, so this returns None for ``p.V122I`` (check
    ``one_letter`` to prefer three-letter codes) and for ``p.R97X``, which HGVS reads as
    Arg97 changed to an unknown residue (Xaa). ``not_hgvs=True`` says the caller has
    already seen ``parse_protein`` reject the text, so it is not parsed twice.
    """
    simple = legacy_substitution(text)
    if simple is not None:
        return simple
    return _parse_legacy(text, not_hgvs=not_hgvs)


def _parse_legacy(text: str, *, not_hgvs: bool = False) -> ProteinChange | None:
    """parse_legacy without its shortcut: the parser in legacy mode (tests compare the two)."""
    if not not_hgvs:
        try:
            parse_protein(text)
        except HgvsSyntaxError:
            pass
        else:
            return None
    try:
        change = _Parser(text, legacy=True).description()
    except HgvsSyntaxError:
        return None
    return change if change.legacy else None


# Pages written by models often list every change as `V122I`: a one-letter substitution
# without `p.`. Reading one takes the parser two passes (parse_protein fails, then legacy
# mode); this pattern reads it at once. Only the plain case qualifies, so none of the
# parser's special rules applies: the reference is an amino acid proper (not X, nor a
# stop), the position has no leading zero, the new residue differs from the reference
# and is a one-letter code, `X` (a stop in legacy lists) or `*`. Anything else is None
# here and goes to the parser; tests check the two agree.
_LEGACY_SUBSTITUTION = re.compile(r"([ACDEFGHIKLMNPQRSTVWYUO])([1-9][0-9]*)([ACDEFGHIKLMNPQRSTVWYUOX*])")
_LEGACY_X_REASONS = (LEGACY_NO_PREFIX, LEGACY_X_STOP)
_LEGACY_REASONS = (LEGACY_NO_PREFIX,)


def legacy_substitution(text: str) -> ProteinChange | None:
    """``V122I``, ``R97X``, ``R97*`` read as parse_legacy reads them, or None for any other text.

    Such a text is never HGVS (it has no ``p.``): parse_protein would raise
    ``missing_prefix(text)`` for it.
    """
    match = _LEGACY_SUBSTITUTION.fullmatch(text)
    if match is None:
        return None
    ref, position, alt = match.groups()
    if alt == ref:
        return None  # an unchanged residue written twice: the parser says so
    return ProteinChange(
        "substitution", ref=ONE_TO_THREE[ref], position=int(position),
        alt=("Ter",) if alt in "X*" else (ONE_TO_THREE[alt],), one_letter=True,
        legacy=_LEGACY_X_REASONS if alt == "X" else _LEGACY_REASONS,
    )


def missing_prefix(text: str, offset: int = 0) -> HgvsSyntaxError:
    """What parse_protein raises when `text` lacks the ``p.`` expected at `offset`."""
    return HgvsSyntaxError(f"missing 'p.' prefix before '{text[offset:]}'", offset, 0)


class _Parser:
    """Recursive descent over one description; ``pos`` is the next unread character."""

    def __init__(self, text: str, legacy: bool) -> None:
        self.text = text
        self.pos = 0
        self.legacy = legacy
        self.reasons: list[str] = []
        self.one_letter: bool | None = None  # decided by the first residue read

    # -- scanning helpers -------------------------------------------------------------

    def fail(self, message: str, offset: int | None = None,
             length: int | None = None) -> NoReturn:
        """Raise at offset (default: the cursor); the length defaults to one character."""
        offset = self.pos if offset is None else offset
        if length is None:
            length = 1 if offset < len(self.text) else 0
        raise HgvsSyntaxError(message, offset, length)

    def rest(self) -> str:
        return self.text[self.pos:]

    def accept(self, literal: str) -> bool:
        if self.text.startswith(literal, self.pos):
            self.pos += len(literal)
            return True
        return False

    def note(self, reason: str) -> None:
        """Record why a description read in legacy mode is not HGVS."""
        if reason not in self.reasons:
            self.reasons.append(reason)

    def found(self, length: int = 1) -> str:
        """The text at the cursor, quoted, for "expected X, found Y" messages."""
        piece = self.text[self.pos:self.pos + length]
        return f"'{piece}'" if piece else "end of text"

    # -- top level ----------------------------------------------------------------------

    def description(self) -> ProteinChange:
        if not self.text:
            self.fail("empty description", 0, 0)
        self.reject_whitespace()
        accession = self.accession()
        self.prefix()
        change = self.body()
        if self.pos < len(self.text):
            self.fail(f"unexpected text '{self.rest()}' after the description",
                      length=len(self.rest()))
        return _with(change, accession=accession, one_letter=bool(self.one_letter),
                       legacy=tuple(self.reasons))

    def reject_whitespace(self) -> None:
        for offset, char in enumerate(self.text):
            if char.isspace():
                self.fail("whitespace is not allowed in a description", offset)

    def accession(self) -> str | None:
        colon = self.text.find(":")
        if colon < 0:
            return None
        candidate = self.text[:colon]
        if not candidate:
            self.fail("missing reference sequence before ':'", 0)
        if not _ACCESSION.fullmatch(candidate):
            self.fail(f"malformed reference sequence '{candidate}'", 0, max(colon, 1))
        self.pos = colon + 1
        return candidate

    def prefix(self) -> None:
        if self.accept("p."):
            return
        start = self.pos
        other = _OTHER_PREFIXES.get(self.text[start:start + 2])
        if other:
            self.fail(f"'{self.text[start:start + 2]}' is a {other} description, "
                      "not a protein change (expected 'p.')", start, 2)
        if self.legacy:
            self.note(LEGACY_NO_PREFIX)
            return
        raise missing_prefix(self.text, start)

    def body(self) -> ProteinChange:
        if self.accept("?"):
            return ProteinChange("unknown")
        if self.accept("0"):
            return ProteinChange("no_protein", predicted=self.accept("?"))
        if self.text.startswith("[", self.pos):
            self.fail("alleles ('[...]') are not supported; list each change on its own")
        opening = self.pos
        if not self.accept("("):
            return self.change(predicted=False)
        if self.text[self.pos:self.pos + 1] in ("?", "0"):
            self.fail(f"'p.{self.text[self.pos]}' is never written in parentheses")
        change = self.change(predicted=True)
        if not self.accept(")"):
            self.fail(f"missing ')' to close the '(' at offset {opening}"
                      + (f", found '{self.rest()}'" if self.rest() else ""),
                      length=len(self.rest()))
        return change

    def change(self, predicted: bool) -> ProteinChange:
        if self.accept("="):
            return ProteinChange("synonymous", predicted)
        start = self.pos
        ref = self.reference_residue()
        position = self.position(start)
        here = self.text[start:self.pos]
        if self.accept("_"):
            return self.range_change(predicted, ref, position, start)
        change = self.point_edit(ref, position, here, start)
        if change.ref == "Ter" and change.kind not in ("synonymous", "unknown", "extension"):
            self.fail(f"the stop codon '{here}' only changes by an extension, "
                      f"e.g. p.{here}GlnextTer17", start, len(here))
        return _with(change, predicted=predicted)

    # -- single-position edits ----------------------------------------------------------

    def point_edit(self, ref: str, position: int, here: str, start: int) -> ProteinChange:
        point = ProteinChange("substitution", ref=ref, position=position)
        if self.accept("="):
            return _with(point, kind="synonymous")
        if self.accept("?"):
            return _with(point, kind="unknown")
        if self.accept("delins"):
            inserted_start = self.pos
            alt = self.residues(allow_count=False)
            if len(alt) == 1:
                self.fail(f"one residue replaced by one is a substitution: write "
                          f"p.{here}{self.text[inserted_start:self.pos]}",
                          start, self.pos - start)
            return _with(point, kind="delins", alt=alt)
        if self.accept("del"):
            return _with(point, kind="deletion")
        if self.accept("dup"):
            return _with(point, kind="duplication")
        if self.text.startswith("ins", self.pos):
            self.fail(f"an insertion names both flanking residues ('{here}_' and the "
                      f"residue at {position + 1}), not one", start, self.pos - start + 3)
        if self.accept("ext"):
            return self.n_terminal_extension(point, here, start)
        if self.accept("fs"):
            return self.frameshift(point, None, (self.pos, self.pos), here)
        alt_start = self.pos
        alt = self.residue()
        alt_text = (alt_start, self.pos)
        if self.accept("fs"):
            return self.frameshift(point, alt, alt_text, here)
        if self.accept("ext"):
            return self.c_terminal_extension(point, alt, alt_text, here, start)
        if alt == ref:
            if not self.legacy:
                self.fail(f"'{here}' is unchanged: write p.{here}=", start, self.pos - start)
            self.note(LEGACY_SAME_RESIDUE)
            return _with(point, kind="synonymous")
        return _with(point, alt=(alt,))

    def frameshift(self, point: ProteinChange, alt: str | None, alt_text: tuple[int, int],
                   here: str) -> ProteinChange:
        alt_start, alt_end = alt_text
        if alt == "Ter":
            self.fail(f"a frameshift starting with a stop is a nonsense change: "
                      f"write p.{here}Ter", alt_start, alt_end - alt_start)
        if alt == point.ref:
            self.fail(f"a frameshift starts at the first changed residue, "
                      f"but '{here}' stays {alt}", alt_start, alt_end - alt_start)
        stop_start = self.pos
        new_stop = self.stop()
        if new_stop == 1:
            self.fail(f"a new stop at position 1 is a nonsense change: write p.{here}Ter",
                      stop_start, self.pos - stop_start)
        if alt is not None and stop_start == self.pos:
            self.fail(f"a frameshift naming its first new residue needs the new stop, "
                      f"e.g. '{self.text[alt_start:self.pos]}Ter23' (or write '{here}fs')")
        return _with(point, kind="frameshift",
                       alt=(alt,) if alt else (), new_stop=new_stop)

    def n_terminal_extension(self, point: ProteinChange, here: str,
                             start: int) -> ProteinChange:
        if (point.ref, point.position) != ("Met", 1):
            self.fail(f"an N-terminal extension starts at Met1, not '{here}'",
                      start, len(here))
        if not self.accept("-"):
            self.fail("expected '-' and the position of the new start codon after 'ext', "
                      f"found {self.found()}")
        return _with(point, kind="extension", new_start=-self.count("new start codon"))

    def c_terminal_extension(self, point: ProteinChange, alt: str,
                             alt_text: tuple[int, int], here: str,
                             start: int) -> ProteinChange:
        if point.ref != "Ter":
            self.fail(f"only the stop codon extends the C-terminus, not '{here}'",
                      start, len(here))
        if alt == "Ter":
            written = self.text[alt_text[0]:alt_text[1]]
            self.fail(f"an extension replaces the stop codon with an amino acid, "
                      f"not '{written}'", alt_text[0], len(written))
        if self.accept("?"):
            return _with(point, kind="extension", alt=(alt,))
        stop_start = self.pos
        new_stop = self.stop()
        if stop_start == self.pos:
            self.fail("expected the new stop after 'ext', e.g. 'extTer17' or 'extTer?'")
        return _with(point, kind="extension", alt=(alt,), new_stop=new_stop)

    def stop(self) -> int | None:
        """An optional "Ter"/"*" with the stop's position, a count or "?"."""
        marker_start = self.pos
        if not (self.accept("Ter") or self.accept("*")):
            if not self.text.startswith("X", self.pos):
                return None
            if not self.legacy:
                self.fail("'X' is not a stop codon in HGVS (it is Xaa): write 'Ter' or '*'")
            self.accept("X")
            self.note(LEGACY_X_STOP)
        if self.accept("?"):
            return None
        if not self.text[self.pos:self.pos + 1].isdigit():
            if self.legacy:
                self.note(LEGACY_STOP_WITHOUT_POSITION)
                return None
            self.fail(f"expected the new stop's position (a number or '?') after "
                      f"'{self.text[marker_start:self.pos]}', "
                      f"found {self.found()}")
        return self.count("new stop codon")

    # -- ranges -------------------------------------------------------------------------

    def range_change(self, predicted: bool, ref: str, position: int,
                     start: int) -> ProteinChange:
        end_start = self.pos
        end_ref = self.reference_residue()
        end_position = self.position(end_start)
        first, last = self.text[start:end_start - 1], self.text[end_start:self.pos]
        if end_position < position:
            self.fail(f"range end '{last}' is before its start '{first}'",
                      end_start, self.pos - end_start)
        if end_position == position:
            self.fail(f"range '{first}_{last}' starts and ends at one residue: "
                      f"write '{first}'", start, self.pos - start)
        for residue, where, written in ((ref, start, first), (end_ref, end_start, last)):
            if residue == "Ter":
                self.fail(f"the stop codon '{written}' only changes by an extension",
                          where, len(written))
        span = ProteinChange("deletion", predicted, ref, position, end_ref, end_position)
        if self.accept("delins"):
            return _with(span, kind="delins", alt=self.residues(allow_count=False))
        if self.accept("del"):
            return span
        if self.accept("dup"):
            return _with(span, kind="duplication")
        if self.accept("ins"):
            if end_position != position + 1:
                self.fail(f"an insertion lies between two adjacent residues; "
                          f"'{first}' and '{last}' are not adjacent", start,
                          end_start + len(last) - start)
            return self.insertion(span)
        self.fail(f"expected 'del', 'dup', 'ins' or 'delins' after the range, "
                  f"found {self.found(len(self.rest()))}", length=len(self.rest()))

    def insertion(self, span: ProteinChange) -> ProteinChange:
        if self.text[self.pos:self.pos + 1].isdigit():
            return _with(span, kind="insertion",
                           inserted_count=self.count("inserted length"))
        alt = self.residues(allow_count=True)
        if isinstance(alt, int):
            return _with(span, kind="insertion", inserted_count=alt)
        return _with(span, kind="insertion", alt=alt)

    def residues(self, allow_count: bool) -> tuple[str, ...] | int:
        """An inserted sequence; with allow_count, "Xaa[n]" returns the count n."""
        start = self.pos
        found: list[str] = []
        ends: list[int] = []
        while self.pos < len(self.text) and self.text[self.pos] != ")":
            if allow_count and not found and self.unknown_run():
                return self.count_in_brackets()
            found.append(self.residue())
            ends.append(self.pos)
        if not found:
            self.fail(f"expected the inserted residues, found {self.found()}")
        if found[0] == "Ter":
            self.fail("an inserted sequence starting with a stop is a nonsense change: "
                      "write the substitution to Ter", start, ends[0] - start)
        if "Ter" in found[:-1]:
            self.fail("nothing follows a stop codon; end the inserted sequence at 'Ter'",
                      start, self.pos - start)
        return tuple(found)

    def unknown_run(self) -> bool:
        """Whether "Xaa[" or "X[" (n unknown residues) starts here; consumes the code."""
        for code in ("Xaa[", "X["):
            if self.text.startswith(code, self.pos):
                self.pos += len(code) - 1
                return True
        return False

    def count_in_brackets(self) -> int:
        self.accept("[")
        number = self.count("inserted length")
        if not self.accept("]"):
            self.fail(f"expected ']' after the inserted length, "
                      f"found {self.found()}")
        return number

    # -- tokens -------------------------------------------------------------------------

    def residue(self) -> str:
        """One residue code; the first one read fixes one- or three-letter style."""
        start = self.pos
        if start >= len(self.text):
            self.fail("expected a residue, found end of text", start, 0)
        char, word = self.text[start], self.text[start:start + 3]
        if char == "*":
            self.pos += 1
            return "Ter"
        if char.isupper() and len(word) == 3 and word[1:].isalpha() and word[1:].islower() \
                and word[1:] not in _KEYWORD_STARTS:
            return self.three_letter(word, start)
        # "arg", or "ARG" where a one-letter reading cannot be meant ("p.ARG97…")
        miscased = char.islower() or self.one_letter is False \
            or self.text[start + 3:start + 4].isdigit()
        if word.capitalize() in THREE_TO_ONE and miscased:
            self.fail(f"residue '{word}' must be written '{word.capitalize()}'", start, 3)
        if char.isupper() and char in ONE_TO_THREE:
            return self.one_letter_code(char, start)
        if char.isalpha():
            self.fail(f"unknown residue '{char}'", start)
        self.fail(f"expected a residue, found '{char}'", start)

    def reference_residue(self) -> str:
        """A residue of the reference sequence, which is known, so never Xaa."""
        start = self.pos
        residue = self.residue()
        if residue == "Xaa":
            self.fail("'Xaa' (an unknown residue) cannot be a reference residue",
                      start, self.pos - start)
        return residue

    def three_letter(self, word: str, start: int) -> str:
        if word not in THREE_TO_ONE:
            self.fail(f"unknown residue '{word}'", start, 3)
        if self.one_letter:
            if not self.legacy:
                self.fail(f"three-letter '{word}' in a one-letter description", start, 3)
            self.note(LEGACY_MIXED_CODES)
        elif self.one_letter is None:
            self.one_letter = False
        self.pos += 3
        return word

    def one_letter_code(self, char: str, start: int) -> str:
        self.pos += 1
        if self.legacy and char == "X":
            self.note(LEGACY_X_STOP)
            return "Ter"
        if self.one_letter is False:
            if not self.legacy:
                self.fail(f"one-letter '{char}' in a three-letter description", start)
            self.note(LEGACY_MIXED_CODES)
        elif self.one_letter is None:
            self.one_letter = True
        return ONE_TO_THREE[char]

    def position(self, residue_start: int) -> int:
        return self.number("position", after=self.text[residue_start:self.pos])

    def count(self, what: str) -> int:
        return self.number(what, after=None)

    def number(self, what: str, after: str | None) -> int:
        start = self.pos
        while self.pos < len(self.text) and self.text[self.pos].isdigit():
            self.pos += 1
        digits = self.text[start:self.pos]
        if not digits:
            self.fail(f"expected the {what} (a number)"
                      + (f" after '{after}'" if after else "") + f", found {self.found()}",
                      start, min(1, len(self.rest())))
        if int(digits) == 0:
            self.fail(f"{what} 0 does not exist; numbering starts at 1", start, len(digits))
        if digits.startswith("0"):
            self.fail(f"{what} '{digits}' has a leading zero", start, len(digits))
        return int(digits)


def _format_body(change: ProteinChange, one_letter: bool) -> str:
    def code(residue: str) -> str:
        return THREE_TO_ONE[residue] if one_letter else residue

    stop_marker = "*" if one_letter else "Ter"
    if change.kind == "no_protein":
        return "0?" if change.predicted else "0"
    if change.position is None:
        return "?" if change.kind == "unknown" else "="
    where = f"{code(change.ref)}{change.position}"
    if change.end_position is not None:
        where += f"_{code(change.end_ref)}{change.end_position}"
    alt = "".join(code(residue) for residue in change.alt)
    if change.kind == "frameshift":
        if change.new_stop is not None:
            return f"{where}{alt}fs{stop_marker}{change.new_stop}"
        return f"{where}{alt}fs{stop_marker}?" if alt else f"{where}fs"
    if change.kind == "extension":
        if change.new_start is not None:
            return f"{where}ext{change.new_start}"
        return f"{where}{alt}ext{stop_marker}{change.new_stop or '?'}"
    if change.inserted_count is not None:
        alt = f"{code('Xaa')}[{change.inserted_count}]"
    suffix = {"substitution": "", "synonymous": "=", "unknown": "?", "deletion": "del",
              "duplication": "dup", "insertion": "ins", "delins": "delins"}[change.kind]
    return f"{where}{suffix}{alt}"
