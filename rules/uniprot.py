"""UniProt rule: the reference residues of the mutation list against the page's protein sequence."""

from __future__ import annotations

from collections.abc import Iterator

from genelint.document import GeneDocument
from genelint.findings import Finding, Severity
from genelint.hgvs import ONE_TO_THREE, THREE_TO_ONE
from genelint.rule import Context, Lookup, Rule
from genelint.rules._lookups import known, listed_change, stale_note, uniprot_lookup


class ReferenceResidueMismatch(Rule):
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
    family = "variants"
    severity = Severity.WARNING
    needs = frozenset({"lookups"})

    def lookups(self, doc: GeneDocument, ctx: Context) -> Iterator[Lookup]:
        asked = uniprot_lookup(doc)
        if asked and any(listed_change(row) for row in doc.mutations):
            yield asked.lookup

    def check(self, doc: GeneDocument, ctx: Context) -> Iterator[Finding]:
        asked = uniprot_lookup(doc)
        answer = known(ctx, asked.lookup) if asked else None
        if answer is None:
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
            change = listed_change(row)
            if change is None:
                continue
            for ref, position in (
                (change.ref, change.position),
                (change.end_ref, change.end_position),
            ):
                if ref in (None, "Ter", "Xaa") or position is None:
                    continue
                if position > len(entry.sequence):
                    message = f"{row.change.value}: {protein} has {len(entry.sequence)} residues, no position {position}{note}"
                    yield self.finding(row.change.span, message)
                    break
                actual = entry.sequence[position - 1]
                if THREE_TO_ONE.get(ref) != actual:
                    actual_name = ONE_TO_THREE.get(actual, actual)
                    message = f"{row.change.value}: {protein} has {actual_name} at position {position}, not {ref}{note}"
                    yield self.finding(row.change.span, message)
