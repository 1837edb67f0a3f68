"""GL4xx citation rules: the entries of `## Related Papers`.

GL401, GL406 and GL407 read the entries alone; GL402-GL404 ask the DOI registry (Crossref)
whether each DOI exists, names the cited paper and was not retracted; GL405 asks the reference
gene table whether the cited title is about this gene.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TypeGuard

from genelint.document import Citation, Field, GeneDocument
from genelint.findings import Edit, Finding, Fix, Severity
from genelint.genementions import (
    names_family_of,
    names_gene,
    names_peptide_of,
    other_gene_mentions,
)
from genelint.refdata.nameindex import PLACEHOLDER_SYMBOL
from genelint.rule import Context, Lookup, NetworkRule, Rule
from genelint.rules._lookups import doi_lookups, known, stale_note, updates_lookup
from genelint.rules._page_gene import NEEDS, page_gene, symbols_of
from genelint.rules._repairs import written
from genelint.rules._titles import (
    MAX_WORDS_CHANGED,
    adds_subtitle,
    first_surname,
    greek_letters_differ,
    journals_match,
    normalise,
    numbers_differ,
    plain_title,
    readable_title,
    same_title,
    title_similarity,
    words_changed,
)
from genelint.syntax import DOI_PREFIX, DOI_TRAILING, DOI_WRAPPER

_SPACE = re.compile(r"\s")


@dataclass(frozen=True)
class DoiCheck:
    """A DOI as written, what it becomes without wrappers, and what is still wrong."""

    written: str
    doi: str  # without prefix and trailing punctuation
    problem: str | None  # None when `doi` is a well-formed DOI

    @property
    def key(self) -> str:
        """DOIs are case-insensitive: compare them by this."""
        return self.doi.lower()


def _strip_trailing(text: str) -> str:
    while text:
        if text[-1] in DOI_TRAILING:
            text = text[:-1]
        elif text[-1] in ")]" and text.count("(" if text[-1] == ")" else "[") < text.count(
            text[-1]
        ):
            text = text[:-1]  # an unbalanced closing bracket belongs to the sentence
        else:
            break
    return text


# GL401, GL407 and GL901 each read every DOI of a page: the first reading is shared.
@functools.lru_cache(maxsize=256)
def check_doi(written: str) -> DoiCheck:
    doi = written.strip()
    if not doi.startswith("10."):  # nearly every DOI is written bare: no wrapper to find
        doi = DOI_WRAPPER.sub("", doi, count=1).strip()
    doi = _strip_trailing(doi)
    return DoiCheck(written, doi, _doi_problem(doi))


def _doi_problem(doi: str) -> str | None:
    space = _SPACE.search(doi)
    if space:
        return f"DOI '{doi}' has a space at character {space.start() + 1}; a DOI contains no spaces"
    prefix, slash, suffix = doi.partition("/")
    if not slash:
        return f"DOI '{doi}' has no '/' between the prefix (10.NNNN) and the suffix"
    if not DOI_PREFIX.fullmatch(prefix):
        return f"DOI '{doi}' has the prefix '{prefix}'; expected '10.' followed by 4 to 9 digits"
    if not suffix:
        return f"DOI '{doi}' has an empty suffix after '{prefix}/'"
    return None


class DoiSyntax(Rule):
    """A DOI is malformed, or wrapped in a prefix or trailing punctuation.

    A DOI is `10.` + a 4-9 digit registrant code, `/`, and a non-empty suffix
    without spaces. `doi:`, `https://doi.org/`, `http://dx.doi.org/` and trailing
    punctuation are removed by a safe fix (the DOI itself is not changed); a DOI
    that is still malformed without them is reported with what is wrong.

    Why: the DOI is what resolvers and GL402/GL403 look up; a wrapped DOI is
    looked up as written and fails, a malformed one points nowhere.

    Bad:
        - DOI: https://doi.org/10.3109/10428199209057385.
        - DOI: 10.310/10428199209057385
    Good:
        - DOI: 10.3109/10428199209057385
    """

    code = "GL401"
    name = "doi-syntax"
    severity = Severity.ERROR
    fixable = True

    def check(self, doc: GeneDocument, ctx: Context) -> Iterator[Finding]:
        for citation in doc.citations:
            if citation.doi is None or not citation.doi.value.strip():
                continue
            result = check_doi(citation.doi.value)
            span = citation.doi.span
            if result.problem:
                yield self.finding(span, result.problem)
            elif result.doi != result.written:
                fix = Fix(
                    (Edit(span.start, span.end, result.doi),),
                    "safe",
                    f"write the bare DOI {result.doi}",
                )
                yield self.finding(
                    span,
                    f"DOI '{result.written}' should be written as the bare DOI '{result.doi}'",
                    fix=fix,
                )


_FIELD_WORDS = {"authors": "author", "title": "title", "journal": "journal", "doi": "DOI"}


def _missing(citation: Citation, required: list[str]) -> list[str]:
    missing = []
    for key in required:
        field = citation.fields.get(key)
        if field is None or not field.value.strip():
            missing.append(_FIELD_WORDS.get(key, key))
    return missing


def _words(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


class CitationIncomplete(Rule):
    """A reference in `## Related Papers` lacks its author, title, journal or DOI.

    The message names every missing part. Option `required` (a list of `authors`,
    `title`, `journal`, `doi`; default all four) in
    `[tool.genelint.rules.citation-incomplete]` says which parts a reference needs.

    Why: a reference without a DOI cannot be verified (GL402/GL403), and one
    without title or authors cannot be found by a reader.

    Bad:
        - Author: Cazzola M, May A
          - Title: Familial occurrence of myelodysplastic syndromes.
    Good:
        - Author: Cazzola M, May A
          - Title: Familial occurrence of myelodysplastic syndromes.
          - Journal: Leukemia & lymphoma.
          - DOI: 10.3109/10428199209057385
    """

    code = "GL406"
    name = "citation-incomplete"
    severity = Severity.WARNING
    options = {
        "required": {
            "type": "array",
            "items": {"enum": ["authors", "title", "journal", "doi"]},
            "uniqueItems": True,
            "default": ["authors", "title", "journal", "doi"],
            "description": "the parts every reference must have",
        }
    }

    def check(self, doc: GeneDocument, ctx: Context) -> Iterator[Finding]:
        required = list(ctx.option("required"))
        for citation in doc.citations:
            missing = _missing(citation, required)
            if missing:
                yield self.finding(citation.span, f"citation has no {_words(missing)}")


class DuplicateCitation(Rule):
    """The same DOI is cited twice on one page (DOIs compare case-insensitively).

    Reported at the later citation, naming the line of the first.

    Why: a repeated reference is usually a copy-paste slip that hid the paper
    meant to be cited in its place.

    Bad:
        - DOI: 10.3109/10428199209057385
        - DOI: 10.3109/10428199209057385
    Good: each DOI once.
    """

    code = "GL407"
    name = "duplicate-citation"
    severity = Severity.WARNING

    def check(self, doc: GeneDocument, ctx: Context) -> Iterator[Finding]:
        first: dict[str, int] = {}
        for citation in doc.citations:
            if citation.doi is None or not citation.doi.value.strip():
                continue
            result = check_doi(citation.doi.value)
            if result.key in first:
                yield self.finding(
                    citation.doi.span,
                    f"DOI {result.doi} is already cited at line {first[result.key]}",
                )
            else:
                first[result.key] = citation.doi.span.line


# --- GL402-GL404 (Crossref) -----------------------------------------------------------

# Notices that say the work must not be cited as it stands; an expression of concern only warns.
_WITHDRAWN = {
    "retraction": "retracted",
    "partial_retraction": "partly retracted",
    "withdrawal": "withdrawn",
    "removal": "removed",
}


class _RegistryRule(NetworkRule):
    def lookups(self, doc: GeneDocument, ctx: Context) -> Iterator[Lookup]:
        return (asked.lookup for _, asked in doi_lookups(doc, ctx))


class DoiUnresolvable(_RegistryRule):
    """A DOI is registered nowhere: neither Crossref nor the DOI handle system knows it.

    A DOI Crossref does not know is asked of doi.org before it is called
    unresolvable (DataCite and other agencies register DOIs too). A lookup that
    failed (timeout, service error) is GL010, never this rule.

    Why: a DOI that resolves nowhere is mistyped or invented; readers cannot reach
    the paper, and nothing else about the reference can be verified.

    Bad:
        - DOI: 10.1371/notarealdoi
    Good:
        - DOI: 10.1371/journal.pone.0033693
    """

    code = "GL402"
    name = "doi-unresolvable"
    severity = Severity.ERROR

    def check(self, doc: GeneDocument, ctx: Context) -> Iterator[Finding]:
        for _, asked in doi_lookups(doc, ctx):
            answer = known(ctx, asked.lookup)
            if answer is not None and answer.status == "not_found":
                message = answer.error or f"DOI {asked.lookup.key} is not registered"
                yield self.finding(asked.field.span, message + stale_note(answer))


class CitationMismatch(_RegistryRule):
    """The registry's title, first author or journal for a DOI differs from the page's.

    Titles are compared after normalising case, accents, markup and punctuation;
    the message shows both titles and their similarity (0 to 1). The first author's
    surname must be the registry's first author; the journal must match the
    registry's, spelt out or abbreviated (`Neurobiol Aging`). One finding per part,
    at that part. A title of the same paper written otherwise than the registry's is
    a near miss: a typo or a missing word is a warning, case or punctuation alone
    (`dna` for `DNA`, a hyphen left out) is info; sentence or title case, curly
    quotes, dashes for hyphens, ligatures (`æ`, `œ`, `ﬁ`), non-breaking and thin
    spaces, the registry's markup and entities, a Greek letter for its name
    (`β-globin`, `beta-globin`) and a final full stop are no difference, nor a
    subtitle after the registry's title (Crossref keeps subtitles apart). A close
    title that differs in more than two words, in a number (`chromosome 8` for
    `chromosome 6`, `ALAS3` for `ALAS2`) or in a Greek letter (`α-globin` for
    `β-globin`) is reported as possibly another paper. Options in
    `[tool.genelint.rules.citation-mismatch]`: `title-threshold` (default 0.85),
    `near-miss-threshold` (default 0.85), `journal-threshold` (default 0.6),
    `check-author` and `check-journal` (default true).

    Why: a DOI beside another paper's title is the commonest error in generated
    reference lists; the DOI and the text then cite two different works.

    Bad:
        - Title: Familial XLMR with deletions involving the UPF3B gene.
          - DOI: 10.1371/journal.pone.0033693   (a paper on methylphenidate)
    Good:
        - Title: Methylphenidate exposure induces dopamine neuron loss and activation
          of microglia in the basal ganglia of mice.
          - DOI: 10.1371/journal.pone.0033693

    Fix (unsafe), for a near miss only: Crossref's title is written in place of the
    page's (markup resolved, the page's final full stop kept); none when the title
    holds markup or characters Markdown would read as such. A different paper, or
    possibly one, gets no fix: the DOI may be the wrong one as well as the title.
    """

    code = "GL403"
    name = "citation-mismatch"
    severity = Severity.WARNING
    fixable = True
    options = {
        "title-threshold": {
            "type": "number",
            "minimum": 0,
            "maximum": 1,
            "default": 0.85,
            "description": "least normalised title similarity (0-1) that counts as the same paper",
        },
        "journal-threshold": {
            "type": "number",
            "minimum": 0,
            "maximum": 1,
            "default": 0.6,
            "description": "least similarity of the normalised journal names (an abbreviation of the registry's name matches too)",
        },
        "check-author": {
            "type": "boolean",
            "default": True,
            "description": "compare the first author's surname with the registry's",
        },
        "check-journal": {
            "type": "boolean",
            "default": True,
            "description": "compare the journal with the registry's",
        },
        "near-miss-threshold": {
            "type": "number",
            "minimum": 0,
            "maximum": 1,
            "default": 0.85,
            "description": "least normalised similarity (0-1) at which a title written otherwise than the "
            "registry's is a near miss of it, reported with an unsafe fix writing the registry's",
        },
    }

    def check(self, doc: GeneDocument, ctx: Context) -> Iterator[Finding]:
        journal_threshold = float(ctx.option("journal-threshold"))
        for citation, asked in doi_lookups(doc, ctx):
            answer = known(ctx, asked.lookup)
            if answer is None or answer.status != "found" or answer.value.title is None:
                continue  # only the handle system knows it: there is nothing to compare
            record, doi, note = answer.value, asked.lookup.key, stale_note(answer)
            if _present(citation.title):
                yield from self._title(doc, ctx, citation.title, record.title, doi, note)
            if (
                ctx.option("check-author")
                and _present(citation.authors)
                and record.authors
                and record.authors[0]
            ):
                surname = first_surname(citation.authors.value)
                if surname and normalise(surname) != normalise(record.authors[0]):
                    yield self.finding(
                        citation.authors.span,
                        (
                            f"first author '{surname}' is not the registry's first author "
                            f"'{record.authors[0]}' for {doi}{note}"
                        ),
                    )
            if ctx.option("check-journal") and _present(citation.journal) and record.journal:
                if not journals_match(citation.journal.value, record.journal, journal_threshold):
                    yield self.finding(
                        citation.journal.span,
                        (
                            f"journal '{citation.journal.value.strip()}' is not the registry's "
                            f"'{record.journal}' for {doi}{note}"
                        ),
                    )

    def _title(
        self, doc: GeneDocument, ctx: Context, title: Field, registered: str, doi: str, note: str
    ) -> Iterator[Finding]:
        thresholds = float(ctx.option("title-threshold")), float(ctx.option("near-miss-threshold"))
        verdict, score, changed = title_verdict(title.value, registered, *thresholds)
        page, plain = title.value.strip(), plain_title(registered)
        shown = plain or registered
        if verdict == "another paper":
            yield self.finding(
                title.span,
                (
                    f"title differs from the registry's for {doi} (similarity {score:.2f} < {thresholds[0]:.2f}): "
                    f"page '{page}', registry '{registered}'{note}"
                ),
            )
        elif verdict == "maybe another paper":
            yield self.finding(
                title.span,
                (
                    f"title is close to the registry's for {doi} (similarity {score:.2f}) but differs in "
                    f"{_what_differs(page, registered, changed)}: the DOI or the title "
                    f"may be another paper's: page '{page}', registry '{shown}'{note}"
                ),
            )
        elif verdict == "written otherwise":
            yield self.finding(
                title.span,
                (
                    f"title is written otherwise than the registry's for {doi} (case or punctuation): "
                    f"page '{page}', registry '{shown}'{note}"
                ),
                fix=_title_fix(doc, title, plain, doi),
                severity=Severity.INFO,
            )
        elif verdict == "near miss":
            yield self.finding(
                title.span,
                (
                    f"title is a near miss of the registry's for {doi} (similarity {score:.2f}): "
                    f"page '{page}', registry '{shown}'{note}"
                ),
                fix=_title_fix(doc, title, plain, doi),
            )


def title_verdict(
    page: str, registered: str, title_threshold: float, near_miss_threshold: float
) -> tuple[str, float, int]:
    """What GL403 makes of a page's title beside the registry's, with their similarity and
    the number of words changed: "" (the same title), "another paper" (below title-threshold),
    "maybe another paper" (close, but more than a typo and a missing word apart, or another
    number), "written otherwise" (case or punctuation alone) or "near miss"."""
    page = page.strip()
    shown = readable_title(registered)
    if adds_subtitle(page, shown):
        return "", 1.0, 0
    score = title_similarity(page, registered)
    if score < title_threshold:
        return "another paper", score, 0
    if score < near_miss_threshold or same_title(page, shown):
        return "", score, 0
    changed = words_changed(page, shown)
    if (
        changed > MAX_WORDS_CHANGED
        or numbers_differ(page, shown)
        or greek_letters_differ(page, shown)
    ):
        return "maybe another paper", score, changed
    return (
        ("written otherwise" if normalise(page) == normalise(shown) else "near miss"),
        score,
        changed,
    )


def _what_differs(page: str, registered: str, changed: int) -> str:
    """What makes a close title possibly another paper's, for its message."""
    if changed > MAX_WORDS_CHANGED:
        return f"{changed} words"
    return (
        "its numbers" if numbers_differ(page, readable_title(registered)) else "its Greek letters"
    )


def _title_fix(doc: GeneDocument, title: Field, plain: str | None, doi: str) -> Fix | None:
    """Write the registry's title over the page's, keeping the page's final full stop."""
    if plain is None or written(doc, title.span) != title.value:
        return None
    new = plain + "." if title.value.rstrip().endswith(".") and plain[-1] not in ".?!" else plain
    return Fix(
        (Edit(title.span.start, title.span.end, new),),
        "unsafe",
        f"write the title Crossref registers for {doi}: '{new}'",
    )


def _present(field: Field | None) -> TypeGuard[Field]:
    return field is not None and bool(field.value.strip())


class CitationRetracted(_RegistryRule):
    """The registry records a retraction, withdrawal or expression of concern for a DOI.

    Crossref links a work to the notices that update it (from the publisher or
    Retraction Watch): the work lists them in `updated-by`, and the notices, works of
    their own, are found by Crossref's `updates:` filter (asked for every DOI Crossref
    registered, batched like the works). A retraction, partial retraction, withdrawal
    or removal is an error; an expression of concern is a warning. Citing the notice
    itself is reported too, naming the work it retracts.

    Why: a retracted paper is no evidence for what the page claims.

    Bad:
        - DOI: 10.1000/retracted.2011.1   (retracted by 10.1000/notice.2013.7)
    Good: cite a paper that stands, or say on the page that it was retracted and
    suppress this finding with `<!-- genelint-disable-next-line GL404 -->`.
    """

    code = "GL404"
    name = "citation-retracted"
    severity = Severity.ERROR
    follow_ups = True  # Crossref's notices, once the DOI's agency is known

    def lookups(self, doc: GeneDocument, ctx: Context) -> Iterator[Lookup]:
        for _, asked in doi_lookups(doc, ctx):
            yield asked.lookup
            follow_up = updates_lookup(ctx, asked)
            if follow_up:
                yield follow_up.lookup

    def check(self, doc: GeneDocument, ctx: Context) -> Iterator[Finding]:
        for _, asked in doi_lookups(doc, ctx):
            answer = known(ctx, asked.lookup)
            if answer is None or answer.status != "found":
                continue
            notices = list(answer.value.retractions)
            follow_up = updates_lookup(ctx, asked)
            updates = known(ctx, follow_up.lookup) if follow_up else None
            if updates is not None and updates.status == "found":
                notices += updates.value
            unique: dict[tuple, object] = {}
            for notice in notices:  # the same notice may be seen from both sides
                unique.setdefault((notice.type, notice.notice_doi, notice.target_doi), notice)
            notices = list(unique.values())
            if not notices:
                continue
            doi = answer.value.doi
            # The gravest notice speaks for the work: a retraction outweighs a concern.
            notice = min(notices, key=lambda n: n.type not in _WITHDRAWN)
            severity = Severity.ERROR if notice.type in _WITHDRAWN else Severity.WARNING
            what = _WITHDRAWN.get(notice.type, "the subject of an expression of concern")
            when = f" on {notice.date}" if notice.date else ""
            source = f", source {notice.source}" if notice.source else ""
            if notice.target_doi == doi:
                message = (
                    f"DOI {asked.lookup.key} was {what}{when} (notice {notice.notice_doi}{source})"
                )
            else:
                message = f"DOI {asked.lookup.key} is a {notice.type.replace('_', ' ')} notice for {notice.target_doi}{when}{source}"
            stale = stale_note(answer) or (stale_note(updates) if updates is not None else "")
            yield self.finding(asked.field.span, message + stale, severity=severity)


# --- GL405 ------------------------------------------------------------------------------


class PaperGeneMismatch(Rule):
    """A related paper's title names other genes and never this one.

    The title of each citation in `## Related Papers` is searched for the names of every gene
    of the reference data: symbols, aliases and previous symbols as whole words, and full names
    and protein names ("brain-derived neurotrophic factor", "catalase", "glucocorticoid
    receptor", "Delta-like 4", "type VII collagen") in one pass over the title's words. When it
    names other genes for sure and never this gene (its symbol, an alias, a previous symbol,
    its full or protein name, or its name as a ligand's receptor: "EGF receptor" is EGFR), the
    paper is probably about another gene. A title naming no gene, or only a family this gene
    may belong to ("RAS", "NF-kappa B"), is fine. The words around a name decide: an alias made
    only of letters, or a name written in title case (`Btk`, `Osterix`), counts beside "gene",
    "protein", "mutation", "expression", "inhibition" and the like; a name before "trial",
    "guideline", "database", "chemotherapy", "mice", "syndrome" or "patients", an acronym the
    title spells out, a cell marker (`CD4+`), a cell line ("C6 glioma cells", "THP-1
    monocytes"), a place ("the CA1 region"), a class of drugs named by a class of targets
    ("kinase inhibitors", "proton pump inhibitors") and common abbreviations (`MS`, `AML`)
    never count; drugs named by their one target ("ACE inhibitors", "COX-2 inhibitors") name
    it.

    Why: generated pages cite real papers about other genes, which makes a wrong claim look
    sourced.

    Bad (on the ALAS2 page):
        - Title: Familial XLMR with deletions involving the amino terminus of the 2.4 kb
          isoform of the UPF3B gene.
    Good:
        - Title: X-linked sideroblastic anemia due to ALAS2 intron 1 enhancer element GATA-binding
          site mutations.
    """

    code = "GL405"
    name = "paper-gene-mismatch"
    severity = Severity.WARNING
    needs = NEEDS
    reads_name_index = True  # paper_mismatch: table.name_index()

    def check(self, doc: GeneDocument, ctx: Context) -> Iterator[Finding]:
        titles = [c.title for c in doc.citations if c.title and c.title.value.strip()]
        if not titles:
            return
        table = ctx.refdata
        gene = page_gene(doc, table)
        if gene is None:
            return
        for title in titles:
            # a title wrapped onto two lines is read with its line break as a space
            found = paper_mismatch(" ".join(title.value.split()), gene, table)
            if found:
                yield self.finding(
                    title.span,
                    f"the paper's title names {found} but never {gene.symbol} "
                    f"(nor an alias, previous symbol or its name)",
                )


def _shown(table, mention) -> list:
    """The genes a name is read as, as a message lists them: the gene whose approved symbol it is
    when there is one ("CYP2D6", not also CYP2D7 and LOC107987479, which have it as an alias),
    else at most three, protein-coding ones and no placeholder when there are others ("OCT4A
    (POU5F1)", not also its pseudogenes)."""
    genes = [g for g in (table.by_entrez_id(e) for e in mention.genes) if g]
    written = mention.text.upper().replace("-", "")
    own = [g for g in genes if g.symbol.upper().replace("-", "") == written]
    if own:
        return own
    kept = [
        g
        for g in genes
        if g.gene_type == "protein-coding" and not PLACEHOLDER_SYMBOL.match(g.symbol)
    ]
    return (kept or genes)[:3]


def paper_mismatch(title: str, gene, table) -> str:
    """The other genes a title names when it never names `gene`, as text; "" when it is fine."""
    if names_gene(title, gene.symbol, (*gene.aliases, *gene.previous_symbols), gene.name):
        return ""
    others = []
    index = table.name_index()
    for mention in other_gene_mentions(title, index):
        if gene.entrez_id in mention.genes:
            return ""
        if mention.kind == "family":
            continue  # one of several genes, maybe none other than the page's
        symbols = symbols_of(_shown(table, mention))
        others.append(mention.text if symbols == mention.text else f"{mention.text} ({symbols})")
    if others and (
        names_family_of(title, gene.entrez_id, index)
        or names_peptide_of(title, gene.entrez_id, index)
    ):
        return ""
    return ", ".join(dict.fromkeys(others))
