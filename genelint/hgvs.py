"""A hand-written parser for HGVS (v21) protein descriptions.

``parse_description`` reads one description such as ``NP_000023.2:p.(Arg97Cys)`` or
``p.[Ser68Arg];[Ser68=]`` and returns a :class:`ProteinDescription`: one change
(:class:`ProteinChange`) or several, grouped as the description relates them
(:class:`ChangeGroup`). ``parse_protein`` reads a description of exactly one change.
Anything else raises :class:`HgvsSyntaxError` naming the first wrong character, its offset
and what was expected there. ``parse_legacy`` recognises the common non-HGVS spellings
(``V122I``, ``R97X``) so a rule can offer the HGVS form.

Grammar accepted (``*`` is accepted wherever ``Ter`` is; each form from the page of the
recommendations named on the right)::

    description := [accession ":"] "p." body
    body        := "?" | "(?)" | "0" | "0?" | "=" | "(=)"             substitution, uncertain
                 | variant ("(;)" variant)*                            alleles: phase unknown
                 | repeat ";[" copies "]"                              repeated: second allele
                 | allele (";" allele)* | allele ("^" allele)+        alleles: in trans, or
    allele      := "[" item ( sep item )* "]"    sep: ";" in cis, "," proteins, "(;)"
    item        := variant | "(" change (sep change)* ")" | "=" | "?" | "0" | "0?"
    variant     := change | "(" change ")"                            predicted
    change      := location edit ( ("^" | "/" | "//") (change | edit) )*
                                             uncertain "^", mosaic "/", chimeric "//"
    location    := residue position ["_" residue position]
                 | "(" residue position "_" residue position ")"   uncertain: somewhere in
                 | residue                  only before "[": p.Gln[21], repeated (RNA page)
    edit        := "=" | "?" | residue | "(" residue ("^" residue)+ ")" [fs | ext]
                 | "del" | "dup" | "delins" inserted | "ins" inserted
                 | [residue] "fs" [stop]                              frameshift
                 | "ext-" count                                       N-terminal, Met1 only
                 | residue "ext" ( stop | "?" )                       C-terminal, Ter only
                 | "[" copies "]"                                     repeated sequence
    inserted    := residues | count | "(" count ")" | "Xaa[" count "]" | "X[" count "]"
                 | ("Ter" | "*") count | residue position "_" residue position
    copies      := count | "(" count "_" count ")" | "(" count "_?)" | "(?_" count ")" | "?"
    stop        := ("Ter" | "*") ( count | "?" )
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
  adjacent residues (unless its place is uncertain, ``(Ala123_Pro131)insXaa[4]``).
- the stop codon (``Ter``) changes only by an extension (``p.Ter110GlnextTer17``), or is
  unchanged (``=``) or of unknown consequence (``?``); the start codon ``Met1`` is never
  substituted (``p.Met1Thr`` is "for sure not the consequence": ``p.0?``, ``p.(Met1?)``).
- a change written in a longer form that HGVS replaces by a shorter one is an error with
  the form to use: ``p.Cys188Cys`` (use ``p.Cys188=``), ``p.Cys28delinsTrp`` (a
  substitution), ``p.Tyr4TerfsTer1`` / ``insTer…`` (a nonsense substitution), a delins
  keeping its first or last residue (``p.Val559_Glu562delinsGlu``), substitutions of
  adjacent residues in one allele (``p.[Arg76Ser;Cys77Trp]``: a delins).
- predicted parentheses of an allele go inside its brackets (``p.[(Ser68Arg;Asn594del)]``,
  not ``p.([…])``); an allele is never empty (``p.[Ser73Arg];[Ser73=]``, not ``[]``).

Not supported: intronic or upstream residue numbering (``Met-5`` outside ``ext``),
sequences inserted from another reference (``ins[NP_…:p.…]``), ``::`` junctions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, fields
from typing import NoReturn

THREE_TO_ONE: dict[str, str] = {
    "Ala": "A",
    "Arg": "R",
    "Asn": "N",
    "Asp": "D",
    "Cys": "C",
    "Gln": "Q",
    "Glu": "E",
    "Gly": "G",
    "His": "H",
    "Ile": "I",
    "Leu": "L",
    "Lys": "K",
    "Met": "M",
    "Phe": "F",
    "Pro": "P",
    "Ser": "S",
    "Thr": "T",
    "Trp": "W",
    "Tyr": "Y",
    "Val": "V",
    "Sec": "U",
    "Pyl": "O",
    "Xaa": "X",
    "Ter": "*",
}
ONE_TO_THREE: dict[str, str] = {one: three for three, one in THREE_TO_ONE.items()}

KINDS = (
    "substitution",
    "synonymous",
    "unknown",
    "no_protein",
    "deletion",
    "duplication",
    "insertion",
    "delins",
    "frameshift",
    "extension",
    "repeat",
)
# How the changes of a ChangeGroup relate, and how each is written between its members.
RELATIONS = {
    "cis": ";",  # p.[Ser68Arg;Asn594del]: one allele
    "proteins": ",",  # p.[Lys31Asn,Val25_Lys31del]: two proteins from one allele
    "unknown_phase": "(;)",  # p.(Ser68Arg)(;)(Asn594del)
    "trans": ";",  # p.[Ser68Arg];[Asn594del]: two alleles
    "alternatives": "^",  # p.(Gly56Ala^Ser^Cys): one of them
    "mosaic": "/",  # p.Trp24=/Cys
    "chimeric": "//",  # p.Trp24=//Cys
}

# Edit keywords are lower case, so after a one-letter residue "Pfs" or "Qext" must not be
# read as a three-letter code: these are the two letters that can follow one.
_KEYWORD_STARTS = ("de", "du", "in", "fs", "ex")
_ACCESSION = re.compile(r"[A-Za-z][A-Za-z0-9_]*(\.[0-9]+)?")
# A residue and a digit: where a location (not an edit) starts.
_LOCATION_START = re.compile(r"\(?(?:[A-Z][a-z]{2}|[A-Z*])[0-9]")
_OTHER_PREFIXES = {
    "c.": "coding DNA",
    "g.": "genomic",
    "n.": "non-coding DNA",
    "r.": "RNA",
    "m.": "mitochondrial",
    "o.": "circular",
}

LEGACY_NO_PREFIX = "no 'p.' prefix"
LEGACY_X_STOP = "'X' used for a stop codon (HGVS: 'Ter' or '*')"
LEGACY_MIXED_CODES = "mixes one- and three-letter residue codes"
LEGACY_SAME_RESIDUE = "unchanged residue written twice (HGVS: '=')"
LEGACY_STOP_WITHOUT_POSITION = "stop codon without its position"

EXPECTED_RESIDUE = "an amino acid code (three-letter such as 'Arg', one-letter such as 'R', or '*')"


class HgvsSyntaxError(ValueError):
    """A description that is not valid HGVS: what is wrong and where (0-based offset)."""

    def __init__(self, message: str, offset: int, length: int = 1) -> None:
        super().__init__(f"{message} (at offset {offset})")
        self.message = message
        self.offset = offset
        self.length = length


class NotOneChange(HgvsSyntaxError):
    """``parse_protein`` on a valid description of several changes (an allele, a mosaic...):
    not one change, though valid HGVS (``parse_description`` reads it)."""


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
    # insertion of a known number of unspecified residues: "ins23", "ins(23)", "insXaa[23]"
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
    # "(Ala123_Pro131)Ter": the change lies somewhere from ref/position to end_ref/end_position
    uncertain_position: bool = False
    # "insTer12", "ins*63": the inserted sequence ends in a stop at this position of it
    inserted_stop: int | None = None
    # "insGly4_Ser6": a copy of these reference residues (ref, position, end ref, end position)
    inserted_copy: tuple[str, int, str, int] | None = None
    # repeated sequence: copies of the unit, (low, high); (10, 10) is "[10]", None a "?" bound.
    # "p.Gln[21]" (the reference's repeat, RNA/repeated.md) has no position
    copies: tuple[int | None, int | None] | None = None

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
    def names_exact_change(self) -> bool:
        """Whether the change says which residues become what, so another record of it
        can be compared: not a repeat count (its edit depends on the reference's count:
        p.Gln18[23] may be registered as a duplication) nor a change somewhere in a range."""
        return self.kind != "repeat" and not self.uncertain_position

    @property
    def creates_stop(self) -> bool:
        """A stop codon appears in place of, or among, the changed residues."""
        return ("Ter" in self.alt and self.kind != "extension") or self.inserted_stop is not None

    def to_hgvs(self, one_letter: bool = False, *, with_accession: bool = True) -> str:
        """The canonical HGVS description, three-letter unless ``one_letter``."""
        prefix = f"{self.accession}:" if with_accession and self.accession else ""
        return f"{prefix}p.{_format_change(self, one_letter)}"


# A substitution's fields but the three that say which, in field order (none has a factory).
_SUBSTITUTION = {part.name: part.default for part in fields(ProteinChange)} | {
    "kind": "substitution"
}
_new = object.__new__


def substitution(
    ref: str, position: int, alt: str, one_letter: bool = False, legacy: tuple[str, ...] = ()
) -> ProteinChange:
    """``ProteinChange("substitution", ref=ref, position=position, alt=(alt,), ...)``.

    A mutation list is nearly all substitutions, read by the variant rules row by row: the
    dataclass's __init__ sets its 17 fields one by one on a frozen instance and checks the
    kind (~2 us); filling the new instance's fields at once makes the same change (equal,
    hashed, shown and pickled alike) in ~0.3 us."""
    change = _new(ProteinChange)
    values = change.__dict__
    values.update(_SUBSTITUTION)
    values["ref"], values["position"], values["alt"] = ref, position, (alt,)
    if one_letter:
        values["one_letter"] = True
    if legacy:
        values["legacy"] = legacy
    return change


@dataclass(frozen=True)
class ChangeGroup:
    """Changes a description relates (see RELATIONS); ``bracketed`` for an allele ``[…]``.

    Members are ProteinChanges or groups: the alleles of ``p.[…];[…]`` are bracketed
    groups, and a mosaic or a choice of residues can stand inside an allele.
    """

    relation: str
    members: tuple[ProteinChange | ChangeGroup, ...]
    bracketed: bool = False

    def __post_init__(self) -> None:
        if self.relation not in RELATIONS:
            raise ValueError(
                f"unknown relation {self.relation!r}; expected one of {', '.join(RELATIONS)}"
            )

    def changes(self) -> tuple[ProteinChange, ...]:
        found: list[ProteinChange] = []
        for member in self.members:
            found.extend(member.changes() if isinstance(member, ChangeGroup) else (member,))
        return tuple(found)


Node = ProteinChange | ChangeGroup


@dataclass(frozen=True)
class ProteinDescription:
    """A whole description: its one change, or the group of its changes."""

    root: Node
    accession: str | None = None
    one_letter: bool = field(default=False, compare=False)

    @property
    def single(self) -> ProteinChange | None:
        """The change, when the description is one change (with its accession); an
        allele of one change (``p.[Ser86Arg]``) is that change."""
        root = self.root
        if isinstance(root, ChangeGroup) and root.bracketed and len(root.members) == 1:
            root = root.members[0]
        if isinstance(root, ProteinChange):
            return _with(root, accession=self.accession, one_letter=self.one_letter)
        return None

    @property
    def relation(self) -> str:
        """``"one"`` for one change, else the root group's relation."""
        return "one" if isinstance(self.root, ProteinChange) else self.root.relation

    def changes(self) -> tuple[ProteinChange, ...]:
        """Every change the description names, in the order written."""
        return (self.root,) if isinstance(self.root, ProteinChange) else self.root.changes()

    @property
    def is_one_variant(self) -> bool:
        """One change, or one change of uncertain outcome (``p.(Gly56Ala^Ser)``): not an
        allele of several, two alleles, a mosaic or a chimera."""
        root = self.root
        return self.single is not None or (
            isinstance(root, ChangeGroup)
            and root.relation == "alternatives"
            and all(isinstance(m, ProteinChange) for m in root.members)
        )

    def to_hgvs(self, one_letter: bool = False, *, with_accession: bool = True) -> str:
        prefix = f"{self.accession}:" if with_accession and self.accession else ""
        return f"{prefix}p.{_format_node(self.root, one_letter)}"


def _with(change: ProteinChange, **changes) -> ProteinChange:
    """`dataclasses.replace`, made cheap: the parser calls it a few times per description,
    most often changing nothing (a change that is not predicted, has no accession...)."""
    current = vars(change)
    if all(current[key] == value for key, value in changes.items()):
        return change
    return ProteinChange(**{**current, **changes})


def _predicted(node: Node) -> Node:
    if isinstance(node, ProteinChange):
        return _with(node, predicted=True)
    return ChangeGroup(
        node.relation, tuple(_predicted(member) for member in node.members), node.bracketed
    )


def parse_description(text: str) -> ProteinDescription:
    """Parse one HGVS protein description; raise HgvsSyntaxError if it is not one."""
    parser = _Parser(text, legacy=False)
    accession, root = parser.description()
    return ProteinDescription(root, accession, bool(parser.one_letter))


def parse_protein(text: str) -> ProteinChange:
    """Parse a description of one change; raise HgvsSyntaxError if it is not valid HGVS,
    NotOneChange (a HgvsSyntaxError) if it is valid but names several changes."""
    description = parse_description(text)
    change = description.single
    if change is None:
        raise NotOneChange(f"describes {describe_group(description)}, not one change", 0, len(text))
    return change


def _relation_words(group: ChangeGroup) -> str:
    count = len(group.changes())
    return {
        "cis": f"an allele of {count} changes" if count > 1 else "one allele",
        "proteins": f"{count} proteins from one allele",
        "unknown_phase": f"{count} changes of unknown phase",
        "trans": f"{len(group.members)} alleles (in trans)",
        "alternatives": f"{len(group.members)} alternatives",
        "mosaic": "a mosaic",
        "chimeric": "a chimera",
    }[group.relation]


def describe_group(description: ProteinDescription) -> str:
    """What a description of several changes is, in words ("an allele of 2 changes")."""
    root = description.root
    return "one change" if isinstance(root, ProteinChange) else _relation_words(root)


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
            parse_description(text)
        except HgvsSyntaxError:
            pass
        else:
            return None
    parser = _Parser(text, legacy=True)
    try:
        accession, root = parser.description()
    except HgvsSyntaxError:
        return None
    if not isinstance(root, ProteinChange) or not parser.reasons:
        return None
    return _with(
        root, accession=accession, one_letter=bool(parser.one_letter), legacy=tuple(parser.reasons)
    )


# Pages written by models often list every change as `V122I`: a one-letter substitution
# without `p.`. Reading one takes the parser two passes (parse_protein fails, then legacy
# mode); this pattern reads it at once. Only the plain case qualifies, so none of the
# parser's special rules applies: the reference is an amino acid proper (not X, nor a
# stop), the position has no leading zero, the new residue differs from the reference
# and is a one-letter code, `X` (a stop in legacy lists) or `*`, and the residue is not
# the start codon (`M1V`: Met1 is never substituted). Anything else is None here and
# goes to the parser; tests check the two agree.
_LEGACY_SUBSTITUTION = re.compile(
    r"([ACDEFGHIKLMNPQRSTVWYUO])([1-9][0-9]*)([ACDEFGHIKLMNPQRSTVWYUOX*])"
)
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
    if alt == ref or (ref == "M" and position == "1"):
        return None  # an unchanged residue written twice, the start codon: the parser says so
    return substitution(
        ONE_TO_THREE[ref],
        int(position),
        "Ter" if alt in "X*" else ONE_TO_THREE[alt],
        one_letter=True,
        legacy=_LEGACY_X_REASONS if alt == "X" else _LEGACY_REASONS,
    )


def missing_prefix(text: str, offset: int = 0) -> HgvsSyntaxError:
    """What parse_protein raises when `text` lacks the ``p.`` expected at `offset`."""
    return HgvsSyntaxError(
        f"missing 'p.' prefix before '{text[offset:]}'; expected 'p.'", offset, 0
    )


@dataclass(frozen=True)
class _Location:
    """Where an edit applies, as written: `text` is the location's own spelling."""

    ref: str
    position: int | None  # None only in "p.Gln[21]", a repeat counted over the whole protein
    end_ref: str | None
    end_position: int | None
    uncertain: bool
    start: int
    text: str

    @property
    def at(self) -> int:
        """The (first) position: every location has one but a whole protein's repeat's."""
        if self.position is None:
            raise ValueError(f"'{self.text}' names no position")
        return self.position

    def change(self, kind: str, **fields) -> ProteinChange:
        return ProteinChange(
            kind,
            ref=self.ref,
            position=self.position,
            end_ref=self.end_ref,
            end_position=self.end_position,
            uncertain_position=self.uncertain,
            **fields,
        )


_SEPARATORS = ("(;)", ";", ",")
_AT_POSITION = (("//", "chimeric"), ("/", "mosaic"), ("^", "alternatives"))


class _Parser:
    """Recursive descent over one description; ``pos`` is the next unread character."""

    def __init__(self, text: str, legacy: bool) -> None:
        self.text = text
        self.pos = 0
        self.legacy = legacy
        self.reasons: list[str] = []
        self.one_letter: bool | None = None  # decided by the first residue read

    # -- scanning helpers -------------------------------------------------------------

    def fail(self, message: str, offset: int | None = None, length: int | None = None) -> NoReturn:
        """Raise at offset (default: the cursor); the length defaults to one character."""
        offset = self.pos if offset is None else offset
        if length is None:
            length = 1 if offset < len(self.text) else 0
        raise HgvsSyntaxError(message, offset, length)

    def expected(self, what: str, length: int = 1) -> NoReturn:
        """'expected <what>, found <the text here>' at the cursor."""
        self.fail(
            f"expected {what}, found {self.found(length)}", length=min(length, len(self.rest()))
        )

    def rest(self) -> str:
        return self.text[self.pos :]

    def peek(self, literal: str) -> bool:
        return self.text.startswith(literal, self.pos)

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
        piece = self.text[self.pos : self.pos + length]
        return f"'{piece}'" if piece else "end of text"

    def at_location(self) -> bool:
        return _LOCATION_START.match(self.text, self.pos) is not None

    # -- top level ----------------------------------------------------------------------

    def description(self) -> tuple[str | None, Node]:
        if not self.text:
            self.fail(
                "empty description; expected an HGVS protein description such as p.Arg97Cys", 0, 0
            )
        self.reject_whitespace()
        accession = self.accession()
        self.prefix()
        root = self.body()
        if self.pos < len(self.text):
            self.trailing_text(root)
        return accession, root

    def trailing_text(self, root: Node) -> NoReturn:
        rest = self.rest()
        if (
            rest[0] == ";"
            and isinstance(root, ProteinChange)
            and root.position is not None
            and _LOCATION_START.match(self.text, self.pos + 1)
        ):
            # "p.Arg97Cys;Gly98Ser": two changes, to be written as one allele in brackets
            self.fail(
                f"unexpected text '{rest}' after the description; expected the end (changes of "
                "one allele are written in brackets: p.[Ser68Arg;Asn594del])",
                length=len(rest),
            )
        self.fail(
            f"unexpected text '{rest}' after the description; expected the end", length=len(rest)
        )

    def reject_whitespace(self) -> None:
        for offset, char in enumerate(self.text):
            if char.isspace():
                self.fail("whitespace is not allowed in a description; expected none", offset)

    def accession(self) -> str | None:
        colon = self.text.find(":")
        if colon < 0:
            return None
        candidate = self.text[:colon]
        if not candidate:
            self.fail(
                "missing reference sequence before ':'; expected an accession such as NP_000023.2",
                0,
            )
        if candidate.startswith("[") and self.text[colon + 1 : colon + 3] == "p.":
            return None  # "[p.Ser73Arg;p.Asn103del]", an old allele form: prefix() says so
        if candidate.startswith("p."):
            return None  # "p.G307S:GGC>AGC": the colon follows the description, which says so
        if not _ACCESSION.fullmatch(candidate):
            self.fail(
                f"malformed reference sequence '{candidate}'; expected an accession such as NP_000023.2",
                0,
                max(colon, 1),
            )
        self.pos = colon + 1
        return candidate

    def prefix(self) -> None:
        if self.accept("p."):
            return
        start = self.pos
        if self.text.startswith("[p.", start):
            self.fail(
                "the 'p.' prefix goes before the allele's brackets, once "
                "(p.[Ser73Arg;Asn103del]); expected 'p.'",
                start,
                1,
            )
        other = _OTHER_PREFIXES.get(self.text[start : start + 2])
        if other:
            self.fail(
                f"'{self.text[start : start + 2]}' is a {other} description, "
                "not a protein change (expected 'p.')",
                start,
                2,
            )
        if self.legacy:
            self.note(LEGACY_NO_PREFIX)
            return
        raise missing_prefix(self.text, start)

    def body(self) -> Node:
        if self.peek("(["):
            self.fail(
                "the parentheses of predicted changes go inside the allele's brackets "
                "(p.[(Ser68Arg;Asn594del)]); expected '[' here"
            )
        if self.peek("["):
            return self.alleles()
        first = self.variant()
        if isinstance(first, ProteinChange) and first.kind == "repeat" and self.peek(";"):
            return self.repeat_alleles(first)
        if not self.peek("(;)"):
            return first
        members = [first]
        while self.accept("(;)"):
            members.append(self.variant())
        return ChangeGroup("unknown_phase", tuple(members))

    def repeat_alleles(self, first: ProteinChange) -> ChangeGroup:
        """The repeat's count on the second allele: p.Ala2[10];[11]."""
        members = [first]
        while self.accept(";"):
            members.append(_with(first, copies=self.copies()))
        return ChangeGroup("trans", tuple(members))

    def alleles(self) -> ChangeGroup:
        first = self.allele()
        if self.peek("^"):
            members = [first]
            while self.accept("^"):
                if not self.peek("["):
                    self.expected("'[' to open the other allele after '^'")
                members.append(self.allele())
            return ChangeGroup("alternatives", tuple(members))
        if not self.peek(";"):
            return first
        members = [first]
        while self.accept(";"):
            if not self.peek("["):
                self.expected(
                    "'[' to open the next allele after ';' (alleles in trans are "
                    "written p.[Ser68Arg];[Asn594del])"
                )
            members.append(self.allele())
        return ChangeGroup("trans", tuple(members))

    def allele(self) -> ChangeGroup:
        opening = self.pos
        self.accept("[")
        members: list[tuple[int, int, Node]] = []
        separator: str | None = None
        while True:
            if self.peek("]"):
                self.expected("a change, '=', '?' or '0' inside the allele's brackets")
            items, inner = self.allele_item()
            if inner is not None and separator is not None and inner != separator:
                self.fail(
                    f"'{inner}' inside parentheses but '{separator}' between the changes "
                    "of this allele; expected one separator"
                )
            separator = separator or inner
            members.extend(items)
            if self.accept("]"):
                break
            here = next((s for s in _SEPARATORS if self.peek(s)), None)
            if here is None:
                self.expected(
                    f"';', ',', '(;)' between changes or ']' to close the '[' at offset {opening}"
                )
            if separator is not None and here != separator:
                self.fail(
                    f"'{here}' after '{separator}' in one allele; expected '{separator}' "
                    "(one separator per allele)",
                    length=len(here),
                )
            separator = here
            self.pos += len(here)
        relation = {";": "cis", ",": "proteins", "(;)": "unknown_phase"}[separator or ";"]
        if relation == "cis":
            self.check_one_change_per_residue(members)
            self.check_adjacent_substitutions(members)
        return ChangeGroup(relation, tuple(node for _, _, node in members), bracketed=True)

    def check_one_change_per_residue(self, members: list[tuple[int, int, Node]]) -> None:
        """p.[Lys79*;Lys79Asn]: two changes of one residue in one allele are the
        "conflicting and incorrect predictions" the DNA delins page warns of."""
        spans: list[tuple[int, int, str]] = []
        for start, end, node in members:
            if (
                not isinstance(node, ProteinChange)
                or node.position is None
                or node.uncertain_position
                or node.kind == "insertion"
            ):  # an insertion changes no residue
                continue
            first, last = node.position, node.end_position or node.position
            for other_first, other_last, written in spans:
                if first <= other_last and other_first <= last:
                    self.fail(
                        f"'{self.text[start:end]}' changes a residue '{written}' already changes in this "
                        "allele; expected one change per residue",
                        start,
                        end - start,
                    )
            spans.append((first, last, self.text[start:end]))

    def check_adjacent_substitutions(self, members: list[tuple[int, int, Node]]) -> None:
        """p.[Arg76Ser;Cys77Trp] is p.Arg76_Cys77delinsSerTrp (substitution page)."""
        for (_, _, before), (start, end, after) in zip(members, members[1:]):
            if not (isinstance(before, ProteinChange) and isinstance(after, ProteinChange)):
                continue
            if before.position is None or after.position is None:
                continue
            if (
                before.kind == after.kind == "substitution"
                and not (before.uncertain_position or after.uncertain_position)
                and after.position == before.position + 1
            ):
                one = bool(self.one_letter)
                merged = ProteinChange(
                    "delins",
                    ref=before.ref,
                    position=before.position,
                    end_ref=after.ref,
                    end_position=after.position,
                    alt=before.alt + after.alt,
                )
                self.fail(
                    f"substitutions of adjacent residues in one allele are one deletion-insertion: "
                    f"write p.{_format_change(merged, one)}",
                    start,
                    end - start,
                )

    def allele_item(self) -> tuple[list[tuple[int, int, Node]], str | None]:
        """One item of an allele, or the changes of "(a;b)" with their separator."""
        start = self.pos
        marker = self.whole_protein()
        if marker is not None:
            return [(start, self.pos, marker)], None
        if not self.peek("(") or self.peek_uncertain_location():
            node = self.change_expression()
            return [(start, self.pos, node)], None
        self.accept("(")
        items = [(self.pos, self.change_expression())]
        inner: str | None = None
        while not self.accept(")"):
            here = next((s for s in (";", ",") if self.peek(s)), None)
            if here is None:
                self.expected(f"')' to close the '(' at offset {start}")
            if inner is not None and here != inner:
                self.fail(f"'{here}' after '{inner}'; expected '{inner}' (one separator)")
            inner = here
            self.pos += 1
            items.append((self.pos, self.change_expression()))
        ends = [where - 1 for where, _ in items[1:]] + [self.pos - 1]
        return [(where, end, _predicted(node)) for (where, node), end in zip(items, ends)], inner

    def whole_protein(self) -> ProteinChange | None:
        """The whole protein, no position: ?, (?), 0, 0?, = or (=)."""
        if self.accept("?"):
            return ProteinChange("unknown")
        if self.accept("(?)"):
            return ProteinChange("unknown", predicted=True)
        if self.peek("0") and not self.text[self.pos + 1 : self.pos + 2].isdigit():
            self.accept("0")
            return ProteinChange("no_protein", predicted=self.accept("?"))
        if self.accept("="):
            return ProteinChange("synonymous")
        if self.accept("(=)"):
            return ProteinChange("synonymous", predicted=True)
        if self.peek("(0"):
            self.fail(
                "'p.0' is never written in parentheses; expected 'p.0?' for a predicted one",
                self.pos + 1,
            )
        return None

    def variant(self) -> Node:
        """A change, a predicted one in parentheses, or a whole-protein marker."""
        marker = self.whole_protein()
        if marker is not None:
            return marker
        opening = self.pos
        if not self.peek("(") or self.peek_uncertain_location():
            return self.change_expression()
        self.accept("(")
        node = self.change_expression()
        if self.peek(";") or self.peek(","):
            self.fail(
                "changes of one allele are written in brackets, with predicted ones in "
                "parentheses inside them (p.[(Ser68Arg;Asn594del)]); expected ')'"
            )
        if not self.accept(")"):
            self.fail(
                f"missing ')' to close the '(' at offset {opening}: expected ')'"
                + (f", found '{self.rest()}'" if self.rest() else ""),
                length=len(self.rest()),
            )
        return _predicted(node)

    def peek_uncertain_location(self) -> bool:
        """Whether "(" opens an uncertain location "(Ala123_Pro131)" or a predicted repeat
        "(Gln18)[...]", not a predicted change."""
        close = self.text.find(")", self.pos)
        if close < 0:
            return False
        inside = self.text[self.pos + 1 : close]
        after = self.text[close + 1 : close + 2]
        return bool(re.fullmatch(r"[A-Za-z*]+[0-9]+(_[A-Za-z*]+[0-9]+)?", inside)) and (
            after == "[" or ("_" in inside and after not in ("", ")", ";", ",", "(", "/", "^", "]"))
        )

    # -- changes ------------------------------------------------------------------------

    def change_expression(self) -> Node:
        """A change and the mosaic, chimeric or alternative changes written after it."""
        location = self.location()
        first = self.edit(location)
        relation = next((name for mark, name in _AT_POSITION if self.peek(mark)), None)
        if relation is None:
            return first
        members = [first]
        mark = RELATIONS[relation]
        while self.accept(mark):
            if self.at_location():
                members.append(self.edit(self.location()))
            else:
                members.append(self.edit(location))
            other = next((name for m, name in _AT_POSITION if self.peek(m)), None)
            if other is not None and other != relation:
                self.fail(
                    f"'{RELATIONS[other]}' after '{mark}' in one change; expected '{mark}' "
                    "(one kind of separator)",
                    length=len(RELATIONS[other]),
                )
        if relation == "mosaic" or relation == "chimeric":
            if any(isinstance(member, ChangeGroup) for member in members):
                self.fail(
                    f"a {relation} lists changes ('=', 'Cys', 'del'), not alternatives in it; "
                    f"expected one change after '{mark}'",
                    location.start,
                    self.pos - location.start,
                )
            return ChangeGroup(relation, tuple(members))
        flat: list[Node] = []
        for member in members:  # "Gly719(Ala^Ser)fsTer23^..." nests: one list of choices
            flat.extend(
                member.members
                if isinstance(member, ChangeGroup) and member.relation == "alternatives"
                else (member,)
            )
        return ChangeGroup("alternatives", tuple(flat))

    def location(self) -> _Location:
        start = self.pos
        uncertain = self.accept("(")
        ref = self.reference_residue()
        if not uncertain and self.peek(
            "["
        ):  # "p.Gln[21]": the repeat of the reference (RNA/repeated.md)
            return _Location(ref, None, None, None, False, start, self.text[start : self.pos])
        position = self.position(start + uncertain)
        if not self.accept("_"):
            if uncertain and not self.peek(")"):
                self.expected("'_' and the end of the uncertain range, e.g. (Ala123_Pro131)")
            if uncertain:
                self.accept(")")
            return _Location(ref, position, None, None, False, start, self.text[start : self.pos])
        end_start = self.pos
        end_ref = self.reference_residue()
        end_position = self.position(end_start)
        first = self.text[start + uncertain : end_start - 1]
        last = self.text[end_start : self.pos]
        if end_position < position:
            self.fail(
                f"range end '{last}' is before its start '{first}'; expected a position after {position}",
                end_start,
                self.pos - end_start,
            )
        if end_position == position:
            self.fail(
                f"range '{first}_{last}' starts and ends at one residue: write '{first}'",
                start,
                self.pos - start,
            )
        if uncertain and not self.accept(")"):
            self.expected(f"')' to close the uncertain range '({first}_{last}'")
        return _Location(
            ref, position, end_ref, end_position, uncertain, start, self.text[start : self.pos]
        )

    def edit(self, where: _Location) -> Node:
        if where.text.startswith("(") and where.end_position is None:
            if not self.peek("["):
                self.expected(
                    f"'[' and the number of copies after '{where.text}' (a predicted repeat, "
                    f"p.(Gln18)[(70_80)])"
                )
            return self.repeat(where, predicted=True)
        if self.peek("["):
            return self.repeat(where, predicted=False)
        if where.end_position is None:
            change = self.point_edit(where)
        else:
            change = self.range_edit(where)
        for each in (change,) if isinstance(change, ProteinChange) else change.members:
            if isinstance(each, ProteinChange):  # (an edit's alternatives are changes)
                self.check_stop_codon(each, where)
        return change

    def check_stop_codon(self, change: ProteinChange, where: _Location) -> None:
        if where.uncertain:
            return
        if (
            change.ref == "Ter"
            and where.end_position is None
            and change.kind not in ("synonymous", "unknown", "extension")
        ):
            self.fail(
                f"the stop codon '{where.text}' only changes by an extension, "
                f"e.g. p.{where.text}GlnextTer17: expected '=', '?' or an extension",
                where.start,
                len(where.text),
            )
        if where.end_position is not None and change.kind != "synonymous":
            first, _, last = where.text.partition("_")
            for residue, offset, written in (
                (where.ref, where.start, first),
                (where.end_ref, where.start + len(first) + 1, last),
            ):
                if residue == "Ter":
                    self.fail(
                        f"the stop codon '{written}' only changes by an extension; expected a "
                        "range of amino acids before it",
                        offset,
                        len(written),
                    )

    def repeat(self, where: _Location, predicted: bool) -> ProteinChange:
        if where.uncertain:
            self.fail(
                "a repeated sequence starts at a known residue; expected a position, not a range "
                "in parentheses",
                where.start,
                len(where.text),
            )
        return where.change("repeat", predicted=predicted, copies=self.copies())

    def copies(self) -> tuple[int | None, int | None]:
        """How many copies of a repeat unit: [10], [(70_80)], [(60_?)] or [?]."""
        if not self.accept("["):
            self.expected("'[' and the number of copies")
        if self.accept("?"):
            copies: tuple[int | None, int | None] = (None, None)
        elif self.accept("("):
            low = None if self.accept("?") else self.count("number of copies")
            if not self.accept("_"):
                self.expected("'_' between the least and the most copies, e.g. [(70_80)]")
            high_start = self.pos
            high = None if self.accept("?") else self.count("number of copies")
            if low is None and high is None:
                self.fail(
                    "an uncertain number of copies needs one bound; expected a number", high_start
                )
            if low is not None and high is not None and high <= low:
                self.fail(
                    f"the most copies ({high}) must exceed the least ({low}); expected a number above {low}",
                    high_start,
                    self.pos - high_start,
                )
            if not self.accept(")"):
                self.expected("')' to close the uncertain number of copies")
            copies = (low, high)
        else:
            number = self.count("number of copies")
            copies = (number, number)
        if not self.accept("]"):
            self.expected("']' after the number of copies")
        return copies

    # -- single-position edits ----------------------------------------------------------

    def point_edit(self, where: _Location) -> Node:
        here, start = where.text, where.start
        point = where.change("substitution")
        if self.accept("="):
            return _with(point, kind="synonymous")
        if self.accept("?"):
            return _with(point, kind="unknown")
        if self.accept("delins"):
            inserted_start = self.pos
            change = self.inserted(_with(point, kind="delins"))
            if len(change.alt) == 1 and change.inserted_copy is None:
                self.fail(
                    f"one residue replaced by one is a substitution: write "
                    f"p.{here}{self.text[inserted_start : self.pos]}",
                    start,
                    self.pos - start,
                )
            self.check_delins_ends(change, where, inserted_start)
            return change
        if self.accept("del"):
            if self.text[self.pos : self.pos + 1].isdigit():
                self.fail(
                    f"a deletion of several residues names the first and the last "
                    f"('{here}_…del'); expected nothing after 'del'"
                )
            return _with(point, kind="deletion")
        if self.accept("dup"):
            return _with(point, kind="duplication")
        if self.peek("ins"):
            self.fail(
                f"an insertion names both flanking residues ('{here}_' and the "
                f"residue at {where.at + 1}), not one; expected '_' and the next residue",
                start,
                self.pos - start + 3,
            )
        if self.accept("ext"):
            return self.n_terminal_extension(point, here, start)
        if self.accept("fs"):
            return self.frameshift(point, None, (self.pos, self.pos), here)
        if self.peek("(") and not where.uncertain:
            return self.residue_choices(point, here, start)
        alt_start = self.pos
        alt = self.residue(
            what="a residue or an edit ('=', '?', 'del', 'dup', 'delins', 'fs', 'ext')"
        )
        return self.after_residue(point, alt, (alt_start, self.pos), here, start)

    def after_residue(
        self, point: ProteinChange, alt: str, alt_text: tuple[int, int], here: str, start: int
    ) -> ProteinChange:
        if self.accept("fs"):
            return self.frameshift(point, alt, alt_text, here)
        if self.accept("ext"):
            return self.c_terminal_extension(point, alt, alt_text, here, start)
        if alt == point.ref and not point.uncertain_position:
            if not self.legacy:
                self.fail(f"'{here}' is unchanged: write p.{here}=", start, self.pos - start)
            self.note(LEGACY_SAME_RESIDUE)
            return _with(point, kind="synonymous")
        if self.text[self.pos : self.pos + 1].isdigit():
            self.fail(
                f"expected '_' between the positions of a range (e.g. {here}_"
                f"{self.text[alt_text[0] :]}), found '{self.text[self.pos]}'"
            )
        if (
            (point.ref, point.position) == ("Met", 1)
            and not point.uncertain_position
            and not self.legacy
        ):
            self.fail(
                "the start codon Met1 is never substituted (the recommendations: 'for sure not "
                "the consequence'); expected p.0?, p.(Met1?) or an extension such as p.Met1ext-5",
                start,
                self.pos - start,
            )
        return _with(point, alt=(alt,))

    def residue_choices(self, point: ProteinChange, here: str, start: int) -> ChangeGroup:
        """Either residue, then the same edit: p.Gly719(Ala^Ser)fsTer23 (uncertain page)."""
        self.accept("(")
        choices: list[tuple[str, tuple[int, int]]] = []
        while True:
            choice_start = self.pos
            choices.append((self.residue(), (choice_start, self.pos)))
            if self.accept(")"):
                break
            if not self.accept("^"):
                self.expected("'^' between the possible residues or ')'")
        if len(choices) < 2:
            self.fail(
                "a residue in parentheses after the position names alternatives; "
                "expected two or more residues separated by '^'",
                choices[0][1][0],
            )
        tail = self.pos
        members = []
        for alt, alt_text in choices:
            self.pos = tail
            members.append(self.after_residue(point, alt, alt_text, here, start))
        return ChangeGroup("alternatives", tuple(members))

    def frameshift(
        self, point: ProteinChange, alt: str | None, alt_text: tuple[int, int], here: str
    ) -> ProteinChange:
        alt_start, alt_end = alt_text
        if alt == "Ter":
            self.fail(
                f"a frameshift starting with a stop is a nonsense change: write p.{here}Ter",
                alt_start,
                alt_end - alt_start,
            )
        if alt == point.ref and not point.uncertain_position:
            self.fail(
                f"a frameshift starts at the first changed residue, "
                f"but '{here}' stays {alt}; expected the position of the first residue that differs",
                alt_start,
                alt_end - alt_start,
            )
        stop_start = self.pos
        new_stop = self.stop()
        if new_stop == 1:
            self.fail(
                f"a new stop at position 1 is a nonsense change: write p.{here}Ter",
                stop_start,
                self.pos - stop_start,
            )
        if alt is not None and stop_start == self.pos:
            self.fail(
                f"a frameshift naming its first new residue needs the new stop, "
                f"e.g. '{self.text[alt_start : self.pos]}Ter23' (or write '{here}fs')"
            )
        return _with(point, kind="frameshift", alt=(alt,) if alt else (), new_stop=new_stop)

    def n_terminal_extension(self, point: ProteinChange, here: str, start: int) -> ProteinChange:
        if (point.ref, point.position) != ("Met", 1):
            self.fail(
                f"an N-terminal extension starts at Met1, not '{here}'; expected Met1",
                start,
                len(here),
            )
        if not self.accept("-"):
            self.expected("'-' and the position of the new start codon after 'ext'")
        return _with(point, kind="extension", new_start=-self.count("new start codon"))

    def c_terminal_extension(
        self, point: ProteinChange, alt: str, alt_text: tuple[int, int], here: str, start: int
    ) -> ProteinChange:
        if (point.ref, point.position) == ("Met", 1):
            self.fail(
                f"an N-terminal extension keeps Met1 ('{here}ext-5'); Met1 changed to another "
                f"residue is an insertion ('Met1_…ins…'); expected 'ext' right after '{here}'",
                alt_text[0],
                alt_text[1] - alt_text[0],
            )
        if point.ref != "Ter":
            self.fail(
                f"only the stop codon extends the C-terminus, not '{here}'; expected Ter (or *) "
                "and its position",
                start,
                len(here),
            )
        if alt == "Ter":
            written = self.text[alt_text[0] : alt_text[1]]
            self.fail(
                f"an extension replaces the stop codon with an amino acid, "
                f"not '{written}'; expected an amino acid",
                alt_text[0],
                len(written),
            )
        if self.accept("?"):
            return _with(point, kind="extension", alt=(alt,))
        stop_start = self.pos
        new_stop = self.stop()
        if stop_start == self.pos:
            self.fail(
                f"expected the new stop after 'ext', e.g. 'extTer17' or 'extTer?', found {self.found()}"
            )
        return _with(point, kind="extension", alt=(alt,), new_stop=new_stop)

    def stop(self) -> int | None:
        """An optional "Ter"/"*" with the stop's position, a count or "?"."""
        marker_start = self.pos
        if not (self.accept("Ter") or self.accept("*")):
            if not self.peek("X"):
                return None
            if not self.legacy:
                self.fail("'X' is not a stop codon in HGVS (it is Xaa): write 'Ter' or '*'")
            self.accept("X")
            self.note(LEGACY_X_STOP)
        if self.accept("?"):
            return None
        if not self.text[self.pos : self.pos + 1].isdigit():
            if self.legacy:
                self.note(LEGACY_STOP_WITHOUT_POSITION)
                return None
            self.fail(
                f"expected the new stop's position (a number or '?') after "
                f"'{self.text[marker_start : self.pos]}', "
                f"found {self.found()}"
            )
        return self.count("new stop codon")

    # -- ranges -------------------------------------------------------------------------

    def range_edit(self, where: _Location) -> ProteinChange:
        span = where.change("deletion")
        first = where.text.strip("()").partition("_")[0]
        if self.accept("="):
            return _with(span, kind="synonymous")
        if self.accept("delins"):
            inserted_start = self.pos
            change = self.inserted(_with(span, kind="delins"))
            self.check_delins_ends(change, where, inserted_start)
            return change
        if self.accept("del"):
            return span
        if self.accept("dup"):
            return _with(span, kind="duplication")
        if self.accept("ins"):
            if where.end_position != where.at + 1 and not where.uncertain:
                last = where.text.partition("_")[2]
                self.fail(
                    f"an insertion lies between two adjacent residues; "
                    f"'{first}' and '{last}' are not adjacent; expected positions n and n+1",
                    where.start,
                    len(where.text),
                )
            return self.inserted(_with(span, kind="insertion"))
        if where.uncertain:
            if self.accept("?"):
                return _with(span, kind="unknown")
            if self.accept("fs"):
                return self.frameshift(
                    _with(span, kind="substitution"), None, (self.pos, self.pos), where.text
                )
            alt_start = self.pos
            alt = self.residue(
                what="an edit after the uncertain range ('del', 'dup', 'ins', 'delins', "
                "'fs' or a residue)"
            )
            return self.after_residue(
                _with(span, kind="substitution"),
                alt,
                (alt_start, self.pos),
                where.text,
                where.start,
            )
        self.expected(
            "'del', 'dup', 'ins', 'delins', '=' or '[' after the range", length=len(self.rest())
        )

    def check_delins_ends(
        self, change: ProteinChange, where: _Location, inserted_start: int
    ) -> None:
        """A delins keeping its first or last residue describes more than changed
        (delins page: p.(Val559_Glu562delinsGlu) "effectively is no change" at Glu562)."""
        if not change.alt or change.alt[-1] == "Ter" or where.uncertain:
            return
        last_ref = where.end_ref or where.ref
        last_text = where.text.partition("_")[2] or where.text
        if change.alt[-1] == last_ref and len(change.alt) > 0:
            self.fail(
                f"the inserted sequence ends with {last_ref}, the residue at '{last_text}': "
                f"that residue is unchanged; expected a range of changed residues only",
                inserted_start,
                self.pos - inserted_start,
            )
        if change.alt[0] == where.ref:
            first_text = where.text.partition("_")[0]
            self.fail(
                f"the inserted sequence starts with {where.ref}, the residue at '{first_text}': "
                f"that residue is unchanged; expected a range of changed residues only",
                inserted_start,
                self.pos - inserted_start,
            )

    def inserted(self, change: ProteinChange) -> ProteinChange:
        """What an insertion or deletion-insertion puts in (insertion page)."""
        if self.text[self.pos : self.pos + 1].isdigit():
            return _with(change, inserted_count=self.count("inserted length"))
        if self.peek("(") and self.text[self.pos + 1 : self.pos + 2].isdigit():
            self.accept("(")
            number = self.count("inserted length")
            if not self.accept(")"):
                self.expected("')' after the inserted length")
            return _with(change, inserted_count=number)
        marker_start = self.pos
        if (self.accept("Ter") or self.accept("*")) and self.text[
            self.pos : self.pos + 1
        ].isdigit():
            number = self.count("position of the inserted stop")
            if number == 1:
                self.fail(
                    "an inserted stop at position 1 is a nonsense change: write the "
                    "substitution to Ter",
                    marker_start,
                    self.pos - marker_start,
                )
            return _with(change, inserted_stop=number)
        self.pos = marker_start
        if self.at_location() and not self.peek("("):
            copy_start = self.pos
            source = self.location()
            if source.end_position is None:
                self.fail(
                    "a copied reference sequence is a range ('Gly4_Ser6'); expected '_'", self.pos
                )
            if source.uncertain:
                self.fail("expected the copied residues' range without parentheses", copy_start)
            return _with(
                change,
                inserted_copy=(source.ref, source.position, source.end_ref, source.end_position),
            )
        alt = self.residues(allow_count=True)
        if isinstance(alt, int):
            return _with(change, inserted_count=alt)
        return _with(change, alt=alt)

    def residues(self, allow_count: bool) -> tuple[str, ...] | int:
        """An inserted sequence; with allow_count, "Xaa[n]" returns the count n."""
        start = self.pos
        found: list[str] = []
        ends: list[int] = []
        while self.pos < len(self.text) and self.text[self.pos] not in ")];,(^/":
            if allow_count and not found and self.unknown_run():
                return self.count_in_brackets()
            found.append(self.residue())
            ends.append(self.pos)
        if not found:
            self.expected("the inserted residues")
        if found[0] == "Ter":
            self.fail(
                "an inserted sequence starting with a stop is a nonsense change: "
                "write the substitution to Ter",
                start,
                ends[0] - start,
            )
        if "Ter" in found[:-1]:
            self.fail(
                "nothing follows a stop codon; expected the inserted sequence to end at 'Ter'",
                start,
                self.pos - start,
            )
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
            self.fail(f"expected ']' after the inserted length, found {self.found()}")
        return number

    # -- tokens -------------------------------------------------------------------------

    def residue(self, what: str = EXPECTED_RESIDUE) -> str:
        """One residue code; the first one read fixes one- or three-letter style."""
        start = self.pos
        if start >= len(self.text):
            self.fail(f"expected {what}, found end of text", start, 0)
        char, word = self.text[start], self.text[start : start + 3]
        if char == "*":
            self.pos += 1
            return "Ter"
        if (
            char.isupper()
            and len(word) == 3
            and word[1:].isalpha()
            and word[1:].islower()
            and word[1:] not in _KEYWORD_STARTS
        ):
            return self.three_letter(word, start)
        # "arg", or "ARG" where a one-letter reading cannot be meant ("p.ARG97…")
        miscased = (
            char.islower() or self.one_letter is False or self.text[start + 3 : start + 4].isdigit()
        )
        if word.capitalize() in THREE_TO_ONE and miscased:
            self.fail(
                f"residue '{word}' must be written '{word.capitalize()}': expected a capital "
                "and two small letters",
                start,
                3,
            )
        if char.isupper() and char in ONE_TO_THREE:
            return self.one_letter_code(char, start)
        if char.isalpha():
            self.fail(f"unknown residue '{char}'; expected {EXPECTED_RESIDUE}", start)
        self.fail(f"expected {what}, found '{char}'", start)

    def reference_residue(self) -> str:
        """A residue of the reference sequence, which is known, so never Xaa."""
        start = self.pos
        residue = self.residue(what="a residue and its position (e.g. 'Arg97')")
        if residue == "Xaa":
            self.fail(
                "'Xaa' (an unknown residue) cannot be a reference residue; "
                "expected the residue at that position",
                start,
                self.pos - start,
            )
        return residue

    def three_letter(self, word: str, start: int) -> str:
        if word not in THREE_TO_ONE:
            self.fail(f"unknown residue '{word}'; expected {EXPECTED_RESIDUE}", start, 3)
        if self.one_letter:
            if not self.legacy:
                self.fail(
                    f"three-letter '{word}' in a one-letter description; expected "
                    f"'{THREE_TO_ONE[word]}' (one style per description)",
                    start,
                    3,
                )
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
                self.fail(
                    f"one-letter '{char}' in a three-letter description; expected "
                    f"'{ONE_TO_THREE[char]}' (one style per description)",
                    start,
                )
            self.note(LEGACY_MIXED_CODES)
        elif self.one_letter is None:
            self.one_letter = True
        return ONE_TO_THREE[char]

    def position(self, residue_start: int) -> int:
        return self.number("position", after=self.text[residue_start : self.pos])

    def count(self, what: str) -> int:
        return self.number(what, after=None)

    def number(self, what: str, after: str | None) -> int:
        start = self.pos
        while self.pos < len(self.text) and self.text[self.pos] in "0123456789":
            self.pos += 1
        digits = self.text[start : self.pos]
        if not digits:
            self.fail(
                f"expected the {what} (a number)"
                + (f" after '{after}'" if after else "")
                + f", found {self.found()}",
                start,
                min(1, len(self.rest())),
            )
        if int(digits) == 0:
            self.fail(
                f"{what} 0 does not exist; numbering starts at 1: expected a number from 1",
                start,
                len(digits),
            )
        if digits.startswith("0"):
            self.fail(
                f"{what} '{digits}' has a leading zero; expected '{digits.lstrip('0')}'",
                start,
                len(digits),
            )
        return int(digits)


# -- writing descriptions ------------------------------------------------------------------


def _code(residue: str | None, one_letter: bool) -> str:
    if residue is None:  # (a change with a location names its residues)
        return ""
    return THREE_TO_ONE[residue] if one_letter else residue


def _location_text(change: ProteinChange, one_letter: bool) -> str:
    if change.position is None:  # "p.Gln[21]"
        return _code(change.ref, one_letter)
    where = f"{_code(change.ref, one_letter)}{change.position}"
    if change.end_position is not None:
        where += f"_{_code(change.end_ref, one_letter)}{change.end_position}"
    return f"({where})" if change.uncertain_position else where


def _copies_text(copies: tuple[int | None, int | None] | None) -> str:
    low, high = copies or (None, None)
    if low is not None and low == high:
        return f"[{low}]"
    if low is None and high is None:
        return "[?]"
    return f"[({'?' if low is None else low}_{'?' if high is None else high})]"


def _edit_text(change: ProteinChange, one_letter: bool) -> str:
    """The change without its location: "Cys", "del", "ProfsTer23"."""
    stop_marker = "*" if one_letter else "Ter"
    alt = "".join(_code(residue, one_letter) for residue in change.alt)
    if change.kind == "frameshift":
        if change.new_stop is not None:
            return f"{alt}fs{stop_marker}{change.new_stop}"
        return f"{alt}fs{stop_marker}?" if alt else "fs"
    if change.kind == "extension":
        if change.new_start is not None:
            return f"ext{change.new_start}"
        return f"{alt}ext{stop_marker}{change.new_stop or '?'}"
    if change.kind == "repeat":
        return _copies_text(change.copies)
    if change.inserted_count is not None:
        alt = f"{_code('Xaa', one_letter)}[{change.inserted_count}]"
    elif change.inserted_stop is not None:
        alt = f"{stop_marker}{change.inserted_stop}"
    elif change.inserted_copy is not None:
        ref, position, end_ref, end_position = change.inserted_copy
        alt = f"{_code(ref, one_letter)}{position}_{_code(end_ref, one_letter)}{end_position}"
    suffix = {
        "substitution": "",
        "synonymous": "=",
        "unknown": "?",
        "deletion": "del",
        "duplication": "dup",
        "insertion": "ins",
        "delins": "delins",
    }[change.kind]
    return f"{suffix}{alt}"


def _format_body(change: ProteinChange, one_letter: bool) -> str:
    if change.kind == "no_protein":
        return "0?" if change.predicted else "0"
    if change.position is None and change.kind != "repeat":
        return "?" if change.kind == "unknown" else "="
    return _location_text(change, one_letter) + _edit_text(change, one_letter)


def _format_change(change: ProteinChange, one_letter: bool) -> str:
    """One change as written on its own or inside an allele, with its parentheses."""
    body = _format_body(change, one_letter)
    if not change.predicted or change.kind == "no_protein":  # a predicted p.0 is "p.0?"
        return body
    if change.kind == "repeat" and change.position is not None:  # written p.(Gln18)[(70_80)]
        return f"({_location_text(change, one_letter)}){_edit_text(change, one_letter)}"
    return f"({body})"


def _same_location(changes: tuple[ProteinChange, ...]) -> bool:
    first = changes[0]
    where = (first.ref, first.position, first.end_ref, first.end_position, first.uncertain_position)
    return first.position is not None and all(
        (c.ref, c.position, c.end_ref, c.end_position, c.uncertain_position) == where
        for c in changes
    )


def _format_at_position(group: ChangeGroup, one_letter: bool) -> str:
    """Mosaic, chimeric and alternative changes: "Trp24=/Cys", "Gly56Ala^Ser", in full
    ("Gly23GlufsTer7^Gly23CysfsTer26") when their locations or kinds differ."""
    changes: tuple[ProteinChange, ...] = group.members  # type: ignore[assignment]
    mark = RELATIONS[group.relation]
    predicted = all(change.predicted for change in changes)
    plain = tuple(_with(change, predicted=False) for change in changes) if predicted else changes
    if _same_location(plain) and not any(c.kind == "repeat" for c in plain):
        kinds = {change.kind for change in plain}
        stops = {change.new_stop for change in plain}
        if (
            group.relation == "alternatives"
            and kinds == {"frameshift"}
            and len(stops) == 1
            and all(len(change.alt) == 1 for change in plain)
        ):
            choices = "^".join(_code(change.alt[0], one_letter) for change in plain)
            tail = _edit_text(_with(plain[0], alt=()), one_letter)
            text = f"{_location_text(plain[0], one_letter)}({choices}){tail}"
        elif group.relation != "alternatives" or kinds == {"substitution"}:
            edits = [_edit_text(change, one_letter) for change in plain]
            text = _location_text(plain[0], one_letter) + mark.join(edits)
        else:
            text = mark.join(_format_body(change, one_letter) for change in plain)
    else:
        text = mark.join(_format_body(change, one_letter) for change in plain)
    return f"({text})" if predicted else text


def _format_node(node: Node, one_letter: bool) -> str:
    if isinstance(node, ProteinChange):
        return _format_change(node, one_letter)
    members = node.members
    if node.relation in ("mosaic", "chimeric") or (
        node.relation == "alternatives" and all(isinstance(m, ProteinChange) for m in members)
    ):
        return _format_at_position(node, one_letter)
    if not node.bracketed:
        repeats = [m for m in members if isinstance(m, ProteinChange) and m.kind == "repeat"]
        if node.relation == "trans" and len(repeats) == len(members):
            first = _format_change(repeats[0], one_letter)
            return first + "".join(f";{_copies_text(m.copies)}" for m in repeats[1:])
        return RELATIONS[node.relation].join(_format_node(member, one_letter) for member in members)
    separator = RELATIONS[node.relation]
    if (
        node.relation in ("cis", "proteins")
        and len(members) > 1
        and all(
            isinstance(m, ProteinChange)
            and m.predicted
            and m.position is not None
            and m.kind != "repeat"
            for m in members
        )
    ):
        inner = separator.join(_format_body(m, one_letter) for m in members)  # type: ignore[arg-type]
        return f"[({inner})]"
    return "[" + separator.join(_format_node(member, one_letter) for member in members) + "]"
