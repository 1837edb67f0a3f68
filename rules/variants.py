"""GL3xx variant rules: the rows of `## AA Mutation List`.

GL301-GL304, GL309 and GL310 read the rows alone. Every change cell is read by
`genelint.syntax.read_change`, cached on its text, so that the rules that look at a change
(GL305-GL308 too), and every page repeating it, share one parse; the readings of a page's rows
are worked out once for all the rules (`read_changes`). GL305-GL307 ask dbSNP whether each rsID
exists, lies in this gene and names this change; GL308 asks UniProt whether the reference
residues are the protein's.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator, Sequence
from dataclasses import replace
from typing import NamedTuple, cast

from genelint.document import Field, GeneDocument, Span
from genelint.findings import Edit, Finding, Fix, Severity
from genelint.hgvs import (
    ONE_TO_THREE,
    THREE_TO_ONE,
    ProteinChange,
    describe_group,
)
from genelint.rule import Context, Lookup, NetworkRule, Rule
from genelint.rules._lookups import (
    known,
    listed_change,
    readable_changes,
    refsnp_lookup,
    rsid_lookups,
    same_change,
    stale_note,
    uniprot_lookup,
)
from genelint.syntax import RSID, ReadChange, read_change


def read_changes(doc: GeneDocument) -> list[ReadChange | None]:
    """Each mutation row's change as read, in row order (None: no change cell, or an empty
    one). Five rules read every row's: ask `ctx.page_value(doc, read_changes)`, worked out
    once per page."""
    readings: list[ReadChange | None] = []
    for row in doc.mutations:
        written = row.change.value.strip() if row.change is not None else ""
        readings.append(read_change(written) if written else None)
    return readings


def _inside(doc: GeneDocument, cell: Field, offset: int, length: int) -> Span:
    """The span of `length` characters at `offset` of a one-line cell's (stripped) value."""
    lead = len(cell.value) - len(cell.value.lstrip())
    start = doc.lines.starts[cell.span.line - 1] + cell.span.column - 1 + lead + offset
    return doc.lines.span(start, start + max(length, 0))


def _replace_cell(doc: GeneDocument, cell: Field, text: str) -> Edit | None:
    """An edit writing `text` over the cell's value, when the span covers exactly that value."""
    if (
        doc.raw[cell.span.start : cell.span.end].decode("utf-8", "replace") != cell.value
        or cell.value != cell.value.strip()
    ):
        return None
    return Edit(cell.span.start, cell.span.end, text)


# --- GL301 / GL302 -------------------------------------------------------------------


class HgvsSyntax(Rule):
    """A protein change is neither valid HGVS nor a recognisable legacy spelling.

    The change cell of each mutation row is read by a parser of every protein form of
    the HGVS (v21) recommendations: substitutions, `=`, `?`, `0`, deletions,
    duplications, insertions (residues, a length, `Xaa[n]`, a stop with its position,
    a copied range), deletion-insertions, frameshifts and extensions (short and long),
    repeated sequences, uncertain positions and alternatives (`^`), predicted changes
    in parentheses, alleles (`[;]`, `[];[]`, `(;)`) and mosaics (`/`, `//`). The
    message names the column of the first wrong character and what was expected there,
    and the finding points at it inside the cell: an unknown residue (`Xyz`), position
    0, a range whose end is before its start, text after the description, a DNA (`c.`)
    description, a form the recommendations rule out (`p.Met1Thr`, `p.Tyr4TerfsTer1`).
    An empty change cell is reported too. Legacy spellings such as `V122I` are GL302's,
    and a valid description of several changes GL310's, not this rule's.

    Why: a change that cannot be read cannot be checked against dbSNP or UniProt
    (GL307, GL308), and a reader cannot tell which residue is meant.

    Bad:
        | p.Xyz122Ile | Missense | rs137852769 |
        | p.Arg0Cys | Missense | rs121908710 |
    Good:
        | p.Val122Ile | Missense | rs137852769 |
    """

    code = "GL301"
    name = "hgvs-syntax"
    severity = Severity.ERROR

    def check(self, doc: GeneDocument, ctx: Context) -> Iterator[Finding]:
        for row, read in zip(doc.mutations, ctx.page_value(doc, read_changes)):
            if read is None:
                if row.change is not None:  # (none: no change column in this row, GL106's)
                    yield self.finding(
                        row.change.span,
                        "the change cell is empty; expected an HGVS protein change such as p.Arg97Cys",
                    )
                continue
            error = read.error
            if error is None or read.readable:  # an unreadable change has its error
                continue
            cell = cast(Field, row.change)  # (a row with a reading has its change cell)
            span = _inside(doc, cell, error.offset, error.length)
            where = f"column {span.column}" if error.length else f"the end (column {span.column})"
            yield self.finding(
                span,
                f"'{cell.value.strip()}' is not an HGVS protein change: at {where}: {error.message}",
            )


class HgvsLegacyNotation(Rule):
    """A protein change is written in a legacy or one-letter form, not three-letter HGVS.

    Reported: no `p.` prefix (`V122I`, `Val122Ile`, `R97*`), `X` for a stop codon
    (`R97X`, `p.Arg97X`, `p.R97fsX23`), an unchanged residue written twice
    (`p.Cys188Cys`), mixed one- and three-letter codes. A safe fix writes the
    three-letter HGVS form (`p.Val122Ile`, `p.Arg97Ter`, `p.Cys188=`); the meaning is
    kept, predicted changes keep their parentheses.

    One-letter HGVS (`p.V122I`) is valid HGVS but not the house style, so it is
    reported too, with the same fix; option `allow-one-letter = true` in
    `[tool.genelint.rules.hgvs-legacy-notation]` accepts it. One exception gets no
    fix: in one-letter HGVS `p.R97X` means Arg97 changed to an *unknown* residue
    (Xaa), while legacy lists use `X` for a stop, so the rule asks which was meant.

    Why: the HGVS recommendations and the databases a page is checked against write
    `p.` and three-letter codes; `R97X` is read as a stop by some and as an unknown
    residue by others.

    Bad:
        | V122I | Missense | rs137852769 |
        | R97X | Nonsense | rs121908712 |
    Good:
        | p.Val122Ile | Missense | rs137852769 |
        | p.Arg97Ter | Nonsense | rs121908712 |
    """

    code = "GL302"
    name = "hgvs-legacy-notation"
    severity = Severity.WARNING
    fixable = True
    options = {
        "allow-one-letter": {
            "type": "boolean",
            "default": False,
            "description": "accept one-letter HGVS (p.V122I); legacy forms without p. are still reported",
        }
    }

    def check(self, doc: GeneDocument, ctx: Context) -> Iterator[Finding]:
        allow_one_letter = bool(ctx.option("allow-one-letter"))
        for row, read in zip(doc.mutations, ctx.page_value(doc, read_changes)):
            if read is None:
                continue
            change, description = read.change, read.description
            if read.legacy and change is not None:  # a legacy spelling is read as one change
                hgvs = change.to_hgvs()
            elif description is not None and description.one_letter:
                hgvs = description.to_hgvs()
            else:
                continue
            cell = cast(Field, row.change)  # (a row with a reading has its change cell)
            written = cell.value.strip()
            if (
                not read.legacy
                and description is not None
                and any("Xaa" in each.alt for each in description.changes())
            ):
                # ambiguous in any style: always asked
                stop = (
                    replace(
                        change, alt=tuple("Ter" if a == "Xaa" else a for a in change.alt)
                    ).to_hgvs()
                    if change
                    else "a stop"
                )
                yield self.finding(
                    cell.span,
                    f"one-letter '{written}': HGVS reads 'X' as an unknown residue ({hgvs}), legacy lists as a stop ({stop}); write the one meant",
                )
                continue
            if not read.legacy and allow_one_letter:
                continue
            why = "; ".join(change.legacy) if read.legacy and change else "one-letter residue codes"
            edit = _replace_cell(doc, cell, hgvs)
            fix = Fix((edit,), "safe", f"write {hgvs}") if edit else None
            yield self.finding(
                cell.span, f"legacy notation '{written}': {why}; write {hgvs}", fix=fix
            )


# --- GL303 ---------------------------------------------------------------------------

# Accepted Type words (as shown in messages) and the synonyms read as each. Words are
# compared by `_type_key`: case, `-`, `_`, spaces and a trailing "variant"/"mutation"
# do not matter, so `Stop gained`, `stop_gained` and `Stop-gained variant` are one word.
TYPE_WORDS: dict[str, tuple[str, ...]] = {
    "Missense": (),
    "Nonsense": ("Stop gained", "Stop gain"),
    "Synonymous": ("Silent",),
    "Frameshift": (),
    "In-frame deletion": ("Deletion",),
    "In-frame insertion": ("Insertion",),
    "In-frame duplication": ("Duplication",),
    "Deletion-insertion": ("Delins", "Indel", "In-frame deletion-insertion"),
    "Start loss": ("Start lost",),
    "Stop loss": ("Stop lost", "Extension"),
}
_TYPE_NOISE = re.compile(r"[\s_\-]+")
_TYPE_SUFFIX = re.compile(r"(?:variant|mutation)$")
_NO_TYPE = {"", "na", "n/a"}


@functools.lru_cache(maxsize=1024)
def _type_key(word: str) -> str:
    key = _TYPE_NOISE.sub("", word.lower())
    return _TYPE_SUFFIX.sub("", key) or key


_TYPE_INDEX: dict[str, str] = {_type_key(word): word for word in TYPE_WORDS}
_TYPE_INDEX.update(
    {_type_key(synonym): word for word, synonyms in TYPE_WORDS.items() for synonym in synonyms}
)


_MISSENSE, _NONSENSE = frozenset({"Missense"}), frozenset({"Nonsense"})
_START_LOSS_MISSENSE, _START_LOSS_NONSENSE = _MISSENSE | {"Start loss"}, _NONSENSE | {"Start loss"}


def expected_types(change: ProteinChange) -> frozenset[str] | None:
    """The Type words that fit a change; None when any word fits (`p.?`, `p.0`)."""
    if change.kind == "substitution":  # nearly every row: the sets below, made once
        if change.ref == "Met" and change.position == 1:
            return _START_LOSS_NONSENSE if change.alt == ("Ter",) else _START_LOSS_MISSENSE
        return _NONSENSE if change.alt == ("Ter",) else _MISSENSE
    if change.kind == "unknown" and (change.ref, change.position) == ("Met", 1):
        return frozenset({"Start loss"})  # p.Met1?: the start codon is changed, consequence unknown
    if change.kind in ("unknown", "no_protein", "repeat"):
        return None
    fits: set[str] = set()
    if change.kind == "synonymous":
        fits.add("Synonymous")
    elif change.kind == "frameshift":
        fits.add("Frameshift")
    elif change.kind == "deletion":
        fits.add("In-frame deletion")
    elif change.kind == "insertion":
        fits.add("In-frame insertion")
    elif change.kind == "duplication":
        fits.update({"In-frame duplication", "In-frame insertion"})
    elif change.kind == "delins":
        fits.add("Deletion-insertion")
    elif change.kind == "extension":
        fits.add("Start loss" if change.new_start is not None else "Stop loss")
    if change.creates_stop:
        fits.add("Nonsense")
    if (change.ref, change.position) == ("Met", 1) and change.kind != "synonymous":
        fits.add("Start loss")
    return frozenset(fits)


def _fitting_types(read: ReadChange) -> frozenset[str] | None:
    """The Type words that fit a cell; None when any fits or there is nothing to compare
    (an unreadable change is GL301's, several changes GL310's). A change of uncertain
    outcome (`p.(Gly56Ala^Ser)`) fits what fits any of its alternatives."""
    if read.change is not None:
        return expected_types(read.change)
    description = read.description
    if description is None or not description.is_one_variant:
        return None
    fits: set[str] = set()
    for change in description.changes():
        each = expected_types(change)
        if each is None:
            return None
        fits |= each
    return frozenset(fits)


def _type_index(ctx: Context) -> dict[str, str]:
    synonyms = ctx.option("synonyms") or {}
    if not synonyms:
        return _TYPE_INDEX
    index = dict(_TYPE_INDEX)
    for synonym, word in synonyms.items():  # each names a known Type: checked with the config
        index[_type_key(str(synonym))] = _TYPE_INDEX[_type_key(str(word))]
    return index


class VariantTypeMismatch(Rule):
    """The Type column disagrees with the change, or is not a known type word.

    Each Type is compared with what the parsed change is (words matched ignoring
    case, `-`, `_`, spaces and a trailing "variant" or "mutation"):

    | Type (synonyms) | fits |
    |---|---|
    | Missense | substitution by another amino acid (`p.Arg97Cys`, also `p.Arg97Xaa`) |
    | Nonsense (Stop gained, Stop gain) | substitution by a stop (`p.Arg97Ter`), or an insertion or deletion-insertion ending in one |
    | Synonymous (Silent) | `p.Cys188=`, `p.=` |
    | Frameshift | `p.Arg97ProfsTer23`, `p.Arg97fs` |
    | In-frame deletion (Deletion) | `p.Val7del`, `p.Lys23_Val25del` |
    | In-frame insertion (Insertion) | `p.His4_Gln5insAla`; also a duplication |
    | In-frame duplication (Duplication) | `p.Ala3dup` |
    | Deletion-insertion (Delins, Indel) | `p.Cys28delinsTrpVal` |
    | Start loss (Start lost) | any change of Met1 (`p.Met1?`, `p.Met1Val`, `p.Met1ext-5`) |
    | Stop loss (Stop lost, Extension) | `p.Ter110GlnextTer17` |

    A change of unknown consequence (`p.?`, `p.Arg97?`, `p.0`) and a repeated sequence
    (`p.Gln18[23]`: longer or shorter than the reference is not known here) fit every
    Type. A cell of several changes (GL310) is not compared; a change of uncertain outcome
    (`p.(Gly56Ala^Ser)`, `p.Gly719(Ala^Ser)fsTer23`) fits what fits any of its
    alternatives. An empty Type (or `-`, `N/A`) is not checked. A Type word not in the table is
    reported with the list of accepted words. More synonyms can be configured:

        [tool.genelint.rules.variant-type-mismatch]
        synonyms = { "Stop-gain SNV" = "Nonsense", "PTC" = "Nonsense" }

    Why: the Type is what readers filter by; a stop called Missense hides a
    loss-of-function variant.

    Bad:  `| p.Arg97Ter | Missense | rs121908712 |`
    Good: `| p.Arg97Ter | Nonsense | rs121908712 |`
    """

    code = "GL303"
    name = "variant-type-mismatch"
    severity = Severity.WARNING
    options = {
        "synonyms": {
            "type": "object",
            "additionalProperties": {"type": "string"},
            "default": {},
            "description": 'more Type words, each naming the accepted word it means ("PTC" = "Nonsense")',
        }
    }

    @classmethod
    def check_options(cls, options: dict) -> Iterator[str]:
        for synonym, word in (options.get("synonyms") or {}).items():
            if _type_key(str(word)) not in _TYPE_INDEX:
                yield f"synonyms.{synonym}: '{word}' names no Type; expected one of {', '.join(TYPE_WORDS)}"

    def check(self, doc: GeneDocument, ctx: Context) -> Iterator[Finding]:
        index = _type_index(ctx)
        for row, read in zip(doc.mutations, ctx.page_value(doc, read_changes)):
            if row.type is None:
                continue
            written = row.type.value.strip()
            key = _type_key(written)
            if key in _NO_TYPE or not key.strip("-–—"):
                continue
            word = index.get(key)
            if word is None:
                yield self.finding(
                    row.type.span,
                    f"unknown variant type '{written}'; expected one of {', '.join(TYPE_WORDS)}",
                )
                continue
            if read is None:
                continue
            cell = cast(Field, row.change)
            fits = _fitting_types(read)
            reading = read.change or read.description  # None only for what GL301 reports
            if fits is not None and word not in fits and reading is not None:
                hgvs = reading.to_hgvs()
                shown = hgvs if hgvs == cell.value.strip() else f"{hgvs} ({cell.value.strip()})"
                yield self.finding(
                    row.type.span,
                    f"type '{written}' does not fit {shown}; expected {' or '.join(sorted(fits))}",
                )


# --- GL304 ---------------------------------------------------------------------------

# "RS12", "rs 12", "rs-12", "rs012": one reading, so a safe fix.
_RSID_LOOSE = re.compile(r"rs[\s_:\-]*([0-9]+)", re.I)
_NUMBER = re.compile(r"[0-9]+")
_OTHER_DBSNP = re.compile(r"(ss|ncbi_ss|nm_|nc_)[0-9]", re.I)
_SEVERAL = re.compile(r"[;,/|]|\s(?:and|or)\s|\brs[0-9]+\s+rs", re.I)
_NO_RSID = {"", "-", "–", "—", "n/a", "na", "none", "unknown", "not available"}


def rsid_problem(text: str) -> tuple[str, str | None, bool] | None:
    """(message, replacement or None, whether the replacement is safe), or None when fine."""
    if RSID.fullmatch(text):
        return None
    if _SEVERAL.search(text) and len(re.findall(r"rs\s*[0-9]+", text, re.I)) > 1:
        return (
            f"'{text}' lists several rsIDs in one cell; give each variant its own row",
            None,
            False,
        )
    loose = _RSID_LOOSE.fullmatch(text)
    if loose:
        number = loose.group(1).lstrip("0")
        if not number:
            return f"rsID '{text}' has the number 0; rsIDs start at rs1", None, False
        return (
            f"rsID '{text}' is not written as dbSNP writes it; expected rs{number}",
            f"rs{number}",
            True,
        )
    if text.lower() == "rs":
        return (
            "rsID 'rs' has no number; expected rs followed by digits (e.g. rs137852769)",
            None,
            False,
        )
    if text[:2].lower() == "ss" and _NUMBER.fullmatch(text[2:]):
        return (
            f"'{text}' is a dbSNP submitted-SNP (ss) ID; expected the reference SNP (rs) ID",
            None,
            False,
        )
    if _NUMBER.fullmatch(text) and not text.startswith("0"):
        return f"rsID '{text}' has no 'rs' prefix; expected rs{text}", f"rs{text}", False
    return (
        f"'{text}' is not an rsID; expected rs followed by digits (e.g. rs137852769)",
        None,
        False,
    )


class RsidFormat(Rule):
    """A dbSNP ID is not `rs` followed by a number without leading zeros.

    Reported: upper case (`RS12`), a space or dash inside (`rs 12`), leading zeros
    (`rs012`), these with a safe fix to `rs12`; a bare number (`12`, unsafe fix
    `rs12`: the column may have meant another database); no number (`rs`), the
    number 0, a submitted-SNP ID (`ss123`), several IDs in one cell (`rs12;rs13`)
    and anything else, without a fix. A cell saying there is no rsID (empty, `-`,
    `N/A`, `none`, `unknown`) is accepted; option `allow-missing = false` in
    `[tool.genelint.rules.rsid-format]` reports it.

    Why: the rsID is looked up in dbSNP (GL305-GL307) and joins pages across the
    corpus (GL902); `RS12` or `rs012` matches nothing.

    Bad:  `| p.Val122Ile | Missense | RS137852769 |`
    Good: `| p.Val122Ile | Missense | rs137852769 |`
    """

    code = "GL304"
    name = "rsid-format"
    severity = Severity.ERROR
    fixable = True
    options = {
        "allow-missing": {
            "type": "boolean",
            "default": True,
            "description": "accept an empty or `-`/`N/A` dbSNP cell; false asks every variant for its rsID",
        }
    }

    def check(self, doc: GeneDocument, ctx: Context) -> Iterator[Finding]:
        allow_missing = bool(ctx.option("allow-missing"))
        for row in doc.mutations:
            if row.rsid is None:
                continue
            text = row.rsid.value.strip()
            if text.lower() in _NO_RSID:
                if not allow_missing:
                    yield self.finding(
                        row.rsid.span,
                        f"no rsID{f' ({text!r})' if text else ''}; option allow-missing = false asks every variant for its dbSNP rs ID",
                    )
                continue
            problem = rsid_problem(text)
            if problem is None:
                continue
            message, replacement, safe = problem
            edit = _replace_cell(doc, row.rsid, replacement) if replacement else None
            fix = (
                Fix((edit,), "safe" if safe else "unsafe", f"write {replacement}") if edit else None
            )
            yield self.finding(row.rsid.span, message, fix=fix)


# --- GL309 ---------------------------------------------------------------------------


def rsid_key(text: str) -> str | None:
    """The rsID a cell names (as GL304's fix would write it), or None."""
    problem = rsid_problem(text)
    if problem is None:
        return text
    return problem[1] if problem[2] else None


class _Listed(NamedTuple):
    line: int
    change: str | None
    rsid: str | None


class DuplicateVariant(Rule):
    """The same variant is listed twice on one page.

    Two rows are the same variant when their changes are the same change
    (compared after normalising: `V122I`, `p.V122I`, `p.(Val122Ile)` and
    `p.Val122Ile` are one) or their rsIDs are the same (`RS12` and `rs12` are one).
    The later row is reported, naming the line of the first. Changes without a
    position (`p.?`, `p.=`, `p.0`) are never compared.

    One protein change can come from two DNA variants, and one multi-allelic rsID
    can give two protein changes. Option `match = "change-and-rsid"` in
    `[tool.genelint.rules.duplicate-variant]` accepts those: rows are then the
    same only when they share the change or the rsID and differ in nothing (a
    missing rsID differs from nothing). The default, `"change-or-rsid"`, reports
    any repeat.

    Why: a repeated row is usually a copy-paste slip that hid the variant meant in
    its place.

    Bad:
        | V122I | Missense | rs137852769 |
        | p.Val122Ile | Missense | rs137852769 |
    Good: each variant once.
    """

    code = "GL309"
    name = "duplicate-variant"
    severity = Severity.WARNING
    options = {
        "match": {
            "enum": ["change-or-rsid", "change-and-rsid"],
            "default": "change-or-rsid",
            "description": "rows are duplicates when they share the change or the rsID, or only when they share both",
        }
    }

    def check(self, doc: GeneDocument, ctx: Context) -> Iterator[Finding]:
        strict_pairs = ctx.option("match") == "change-and-rsid"  # the schema allows only the two
        by_change: dict[str, _Listed] = {}
        by_rsid: dict[str, _Listed] = {}
        for row, read in zip(doc.mutations, ctx.page_value(doc, read_changes)):
            change = read.key if read is not None else None
            rsid = (
                rsid_key(row.rsid.value.strip())
                if row.rsid is not None and row.rsid.value.strip()
                else None
            )
            listed = _Listed(row.span.line, change, rsid)
            first_change = by_change.get(change) if change else None
            if first_change is None and (not rsid or rsid not in by_rsid):
                # Nearly every row is a variant not seen before: nothing to compare
                # (what _repeat would conclude), so just remember it.
                if change:
                    by_change[change] = listed
                if rsid:
                    by_rsid[rsid] = listed
                continue
            finding = self._repeat(
                listed,
                first_change,
                row.change if read is not None else None,
                "change",
                strict_pairs,
            )
            if finding is None and rsid:
                finding = self._repeat(listed, by_rsid.get(rsid), row.rsid, "rsid", strict_pairs)
            if finding is not None:
                yield finding
            if change:
                by_change.setdefault(change, listed)
            if rsid:
                by_rsid.setdefault(rsid, listed)

    def _repeat(
        self,
        listed: _Listed,
        first: _Listed | None,
        cell: Field | None,
        by: str,
        strict_pairs: bool,
    ) -> Finding | None:
        """The finding for `listed` repeating `first` by its change or its rsID, if it does."""
        if first is None or cell is None:
            return None
        other = "rsid" if by == "change" else "change"
        there, here = getattr(first, other), getattr(listed, other)
        conflict = bool(there and here and there != here)
        if strict_pairs and conflict:
            return None
        differs = (
            f" (there {'with' if by == 'change' else 'for'} {there}, here {here})"
            if conflict
            else ""
        )
        return self.finding(
            cell.span, f"{getattr(listed, by)} is already listed at line {first.line}{differs}"
        )


# --- GL310 ---------------------------------------------------------------------------


class HgvsMultipleChanges(Rule):
    """A change cell holds a valid HGVS description of several changes, not one.

    The mutation table lists one change per row. A description naming several changes
    is valid HGVS, so GL301 says nothing, but it is reported here, saying what it is and
    the changes it names: an allele of several changes (`p.[Ser68Arg;Asn594del]`), two
    alleles (`p.[Ser68Arg];[Ser68=]`, `p.Ala2[10];[11]`), changes of unknown phase
    (`p.(Ser68Arg)(;)(Asn594del)`), two proteins from one allele
    (`p.[Lys31Asn,Val25_Lys31del]`), a mosaic (`p.Trp24=/Cys`) or a chimera
    (`p.Trp24=//Cys`). One change of uncertain outcome (`p.(Gly56Ala^Ser^Cys)`) and an
    allele of one change (`p.[Ser86Arg]`) are one variant and are not reported. For a
    reported cell the Type (GL303) and the dbSNP and UniProt checks (GL307, GL308) are
    not made: they compare one change.

    Why: each row has one Type and one rsID, and is checked against dbSNP and UniProt
    as one change; several changes in one cell are checked as none.

    Bad:
        | p.[Arg97Cys;Gly98Ser] | Missense | rs137852769 |
    Good:
        | p.Arg97Cys | Missense | rs137852769 |
        | p.Gly98Ser | Missense | rs137852770 |
    """

    code = "GL310"
    name = "hgvs-multiple-changes"
    severity = Severity.WARNING

    def check(self, doc: GeneDocument, ctx: Context) -> Iterator[Finding]:
        for row, read in zip(doc.mutations, ctx.page_value(doc, read_changes)):
            if read is None:
                continue
            description = read.description
            if description is None or description.is_one_variant:
                continue
            cell = cast(Field, row.change)
            named = [change.to_hgvs(with_accession=False) for change in description.changes()]
            shown = ", ".join(named[:4]) + (f" and {len(named) - 4} more" if len(named) > 4 else "")
            yield self.finding(
                cell.span,
                f"'{cell.value.strip()}' describes {describe_group(description)} "
                f"({shown}); the mutation table lists one change per row: give each change its own row",
            )


# --- GL305-GL307 (dbSNP) --------------------------------------------------------------


_SHOWN_CHANGES = 5  # dbSNP consequences named in a GL307 message


class _DbsnpRule(NetworkRule):
    def lookups(self, doc: GeneDocument, ctx: Context) -> Iterator[Lookup]:
        return (asked.lookup for _, asked in rsid_lookups(doc, ctx))


def _named(rsid: str, record) -> str:
    """`rs386571803 (now rs268)` for a merged rs, so every message says which record it read."""
    return f"{rsid} (now {record.current_rsid})" if record.merged else rsid


class RsidUnknown(_DbsnpRule):
    """An rsID is not in dbSNP, was withdrawn, or was merged into another rs.

    An absent or withdrawn rs is an error. A merged rs still resolves, but the page
    should cite the rs dbSNP now uses: the finding names it (a warning) and a safe fix
    writes it into the cell. A lookup that failed (timeout, service error) is GL010,
    never this rule.

    Why: an rsID that dbSNP does not know cannot be checked by a reader, and usually
    comes from a typo or an invented identifier.

    Bad:
        | p.Asn318Ser | Missense | rs386571803 |     (merged into rs268)
        | p.Asn318Ser | Missense | rs999999999999 |  (no such rs)
    Good:
        | p.Asn318Ser | Missense | rs268 |
    """

    code = "GL305"
    name = "rsid-unknown"
    severity = Severity.ERROR
    fixable = True

    def check(self, doc: GeneDocument, ctx: Context) -> Iterator[Finding]:
        for _, asked in rsid_lookups(doc, ctx):
            answer = known(ctx, asked.lookup)
            if answer is None:
                continue
            rsid, span = asked.lookup.key, asked.field.span
            if answer.status == "not_found":
                yield self.finding(
                    span, (answer.error or f"dbSNP has no {rsid}") + stale_note(answer)
                )
            elif answer.value.merged:
                current = answer.value.current_rsid
                fix = Fix(
                    (Edit(span.start, span.end, current),), "safe", f"replace {rsid} by {current}"
                )
                message = (
                    f"{rsid} was merged into {current} in dbSNP; cite {current}{stale_note(answer)}"
                )
                yield self.finding(span, message, fix=fix, severity=Severity.WARNING)


class RsidGeneMismatch(_DbsnpRule):
    """An rsID does not lie in the gene the page is about.

    dbSNP lists the genes each rs falls in; the page's gene symbol must be one of
    them. The message names the genes dbSNP gives (or says it gives none).

    Why: an rsID copied from another gene's page, or off by a digit, points readers
    at an unrelated variant.

    Bad (on the LPL page):
        | p.Val122Ile | Missense | rs137852769 |   (an ALAS2 variant)
    Good:
        | p.Asn318Ser | Missense | rs268 |
    """

    code = "GL306"
    name = "rsid-gene-mismatch"
    severity = Severity.ERROR

    def check(self, doc: GeneDocument, ctx: Context) -> Iterator[Finding]:
        if not doc.symbol:
            return
        for _, asked in rsid_lookups(doc, ctx):
            answer = known(ctx, asked.lookup)
            if answer is None or answer.status != "found":
                continue
            record = answer.value
            genes = [symbol for symbol, _ in record.genes]
            if doc.symbol.upper() in (g.upper() for g in genes):
                continue
            where = f"lies in {', '.join(genes)}" if genes else "lies in no gene"
            message = f"{_named(asked.lookup.key, record)} {where} according to dbSNP, not in {doc.symbol}{stale_note(answer)}"
            yield self.finding(asked.field.span, message)


def _shown(changes: Sequence[tuple[str, ProteinChange]]) -> str:
    names = list(dict.fromkeys(text for text, _ in changes))
    return ", ".join(names[:_SHOWN_CHANGES]) + (", …" if len(names) > _SHOWN_CHANGES else "")


class RsidChangeMismatch(_DbsnpRule):
    """None of an rsID's protein consequences in the page's gene is the change listed beside it.

    The listed change is read as HGVS (or a legacy form such as `N318S`) and compared
    with the `NP_…:p.…` consequences dbSNP gives for the rs: the same kind of change,
    the same position and the same residues. The message lists what dbSNP has.
    E-utilities' summary does not say which protein belongs to which gene, so for an rs
    that lies in several genes, when the listed change is one of its consequences, the
    RefSNP record (NCBI Variation Services) is read to check it is one *in the page's
    gene*; if that service fails, the comparison stays with all of the rs's genes and
    GL010 says so. An rs outside the page's gene is GL306's to report, and changes
    that cannot be read are GL301's. A cell of several changes (GL310), a repeated
    sequence (`p.Gln18[23]`, which dbSNP may name as a duplication) and a change
    somewhere in a range (`p.(Ala123_Pro131)Ter`) are not compared.

    Why: a change and an rsID that do not belong together mean one of them is wrong,
    and nothing on the page says which.

    Bad:
        | p.Asn318Asp | Missense | rs268 |   (rs268 is p.Asn318Ser)
    Good:
        | p.Asn318Ser | Missense | rs268 |
    """

    code = "GL307"
    name = "rsid-change-mismatch"
    severity = Severity.WARNING
    follow_ups = True  # the RefSNP record, once E-utilities has answered

    def lookups(self, doc: GeneDocument, ctx: Context) -> Iterator[Lookup]:
        for row, asked in rsid_lookups(doc, ctx):
            yield asked.lookup
            follow_up = refsnp_lookup(doc, row, asked, ctx)
            if follow_up:
                yield follow_up.lookup  # only the gene can still be wrong: ask whose change it is

    def check(self, doc: GeneDocument, ctx: Context) -> Iterator[Finding]:
        for row, asked in rsid_lookups(doc, ctx):
            answer = known(ctx, asked.lookup)
            listed = listed_change(row)
            if (
                answer is None
                or answer.status != "found"
                or listed is None
                or not listed.names_exact_change
            ):
                continue  # a repeat count or a change somewhere in a range matches no record exactly
            record = answer.value
            symbols = {symbol.upper() for symbol, _ in record.genes}
            if doc.symbol and symbols and doc.symbol.upper() not in symbols:
                continue  # GL306: the rs is not in this gene at all
            registered = readable_changes(record.protein_changes)
            if not any(same_change(listed, change) for _, change in registered):
                has = (
                    f"dbSNP lists {_shown(registered)}"
                    if registered
                    else "dbSNP lists no protein change for it"
                )
                yield self._mismatch(row, asked.lookup.key, record, has + stale_note(answer))
                continue
            follow_up = refsnp_lookup(doc, row, asked, ctx)
            if follow_up:
                yield from self._check_gene(
                    doc, row, asked.lookup.key, listed, answer, known(ctx, follow_up.lookup)
                )

    def _check_gene(self, doc, row, rsid, listed, answer, refsnp) -> Iterator[Finding]:
        """The listed change is one of the rs's; is it one in the page's gene?"""
        if refsnp is None or refsnp.status != "found":
            return  # unverified (GL010): the comparison over all genes stands
        in_gene = refsnp.value.changes_in(doc.symbol)
        if in_gene is None:
            return  # the record annotates the rs under other gene names: it cannot say
        in_gene = readable_changes(in_gene)
        if any(same_change(listed, change) for _, change in in_gene):
            return
        elsewhere = [
            gene.symbol
            for gene in refsnp.value.genes
            if gene.symbol.upper() != doc.symbol.upper()
            and any(
                same_change(listed, change) for _, change in readable_changes(gene.protein_changes)
            )
        ]
        has = (
            f"dbSNP lists {_shown(in_gene)} there"
            if in_gene
            else "dbSNP lists no protein change for it there"
        )
        if elsewhere:
            has += f"; {row.change.value.strip()} is its change in {', '.join(elsewhere)}"
        note = stale_note(answer) or stale_note(refsnp)
        yield self._mismatch(row, rsid, answer.value, has + note, gene=doc.symbol)

    def _mismatch(self, row, rsid: str, record, has: str, gene: str | None = None) -> Finding:
        where = f" in {gene}" if gene else ""
        return self.finding(
            row.change.span,
            f"{row.change.value} is not a protein change of {_named(rsid, record)}{where}: {has}",
        )


# --- GL308 (UniProt) ------------------------------------------------------------------


class ReferenceResidueMismatch(NetworkRule):
    """The page's UniProt sequence has another residue where a listed change says, or is shorter.

    Each change in the mutation list names reference residues and positions
    (`p.Val122Ile` says residue 122 is Val). They are compared with the canonical
    sequence of the page's UniProtKB identifier; the message names both residues.
    An obsolete or unknown UniProtKB entry is reported once, at the identifier,
    since nothing can be checked against it. A failed lookup is GL010.

    Why: a wrong reference residue means the change was numbered on another
    isoform or another protein, or was mistyped.

    Bad (UniProtKB P0A183 starts MENNLENL…):
        | p.Glu3Lys | Missense | |    (residue 3 is Asn)
    Good:
        | p.Asn3Lys | Missense | |
    """

    code = "GL308"
    name = "reference-residue-mismatch"
    severity = Severity.WARNING

    def lookups(self, doc: GeneDocument, ctx: Context) -> Iterator[Lookup]:
        asked = uniprot_lookup(doc, ctx)
        if asked and any(listed_change(row) for row in doc.mutations):
            yield asked.lookup

    def check(self, doc: GeneDocument, ctx: Context) -> Iterator[Finding]:
        asked = uniprot_lookup(doc, ctx)
        answer = known(ctx, asked.lookup) if asked else None
        if asked is None or answer is None:
            return
        note = stale_note(answer)
        if answer.status == "not_found":
            yield self.finding(
                asked.field.span,
                f"{answer.error}; the mutation list cannot be checked against it{note}",
            )
            return
        entry = answer.value
        protein = f"UniProtKB {entry.accession} ({entry.entry_name})"
        for row in doc.mutations:
            change, cell = listed_change(row), row.change
            if change is None or cell is None:  # (a change is only listed in a cell)
                continue
            for ref, position in (
                (change.ref, change.position),
                (change.end_ref, change.end_position),
            ):
                if ref in (None, "Ter", "Xaa") or position is None:
                    continue
                if position > len(entry.sequence):
                    message = f"{cell.value}: {protein} has {len(entry.sequence)} residues, no position {position}{note}"
                    yield self.finding(cell.span, message)
                    break
                actual = entry.sequence[position - 1]
                if THREE_TO_ONE.get(ref) != actual:
                    actual_name = ONE_TO_THREE.get(actual, actual)
                    message = f"{cell.value}: {protein} has {actual_name} at position {position}, not {ref}{note}"
                    yield self.finding(cell.span, message)
