"""Registry rules for references: the DOI exists, names the cited paper, and was not retracted."""

from __future__ import annotations

import difflib
import functools
import html
import re
import unicodedata
from collections.abc import Iterator

from genelint.document import Field, GeneDocument
from genelint.findings import Edit, Finding, Fix, Severity
from genelint.rule import Context, Lookup, Rule
from genelint.rules._lookups import doi_lookups, known, stale_note, updates_lookup
from genelint.rules._repairs import written

_TAG = re.compile(r"<[^>]+>")  # Crossref titles may carry JATS/MathML markup
_NOT_WORD = re.compile(r"[^a-z0-9]+")
_JOURNAL_FILLER = {"of", "the", "and", "in", "for", "on", "de", "la"}
_INITIALS = re.compile(r"^(?:[A-Z]{1,3}|(?:[A-Z]\.-?)+)$")
# Notices that say the work must not be cited as it stands; an expression of concern only warns.
_WITHDRAWN = {
    "retraction": "retracted",
    "partial_retraction": "partly retracted",
    "withdrawal": "withdrawn",
    "removal": "removed",
}


class _RegistryRule(Rule):
    family = "citations"
    needs = frozenset({"lookups"})

    def lookups(self, doc: GeneDocument, ctx: Context) -> Iterator[Lookup]:
        return (asked.lookup for _, asked in doi_lookups(doc))


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
        for _, asked in doi_lookups(doc):
            answer = known(ctx, asked.lookup)
            if answer is not None and answer.status == "not_found":
                message = answer.error or f"DOI {asked.lookup.key} is not registered"
                yield self.finding(asked.field.span, message + stale_note(answer))


def normalise(text: str) -> str:
    """Lower case, accents, markup and punctuation removed, `&` read as `and`."""
    text = unicodedata.normalize("NFKD", _TAG.sub("", text).replace("&", " and "))
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    return " ".join(_NOT_WORD.sub(" ", text).split())


def title_similarity(page: str, registry: str) -> float:
    return round(difflib.SequenceMatcher(None, normalise(page), normalise(registry)).ratio(), 2)


# Crossref marks up titles with JATS face markup (<i>, <sub>, <scp>, …); a title with any other
# markup (MathML) has no plain form to write on a page.
_FACE_TAG = re.compile(r"</?(?:i|b|u|em|strong|sub|sup|scp|italic|bold|sc)>", re.I)
# What Markdown would read as markup in a title, or a table would read as a cell boundary.
_MARKDOWN_SIGNIFICANT = re.compile(r"[*_`\\<>\[\]|]")
_FOLDED = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u2013": "-",
        "\u2014": "-",
        "\u2010": "-",
        "\u2011": "-",
        "\u00a0": " ",
    }
)
_TOKEN = re.compile(r"\w+|[^\w\s]")


def plain_title(registry: str) -> str | None:
    """The registry's title as text to write on a page: face markup and entities resolved,
    spaces collapsed; None when it holds other markup or characters Markdown would read."""
    text = _FACE_TAG.sub("", registry)
    if "<" in text:
        return None
    text = " ".join(unicodedata.normalize("NFC", html.unescape(text)).split())
    return text if text and not _MARKDOWN_SIGNIFICANT.search(text) else None


def _plain_case(word: str) -> bool:
    """`exposure` and `Exposure` are one word in sentence and title case; `DNA`, `mRNA` and
    `ALAS2` are written one way only."""
    return word == word.lower() or word == word.capitalize()


def same_title(page: str, registry: str) -> bool:
    """The same title as written: sentence or title case, curly or straight quotes, spacing and
    a final full stop aside (PubMed ends titles with one, Crossref does not)."""
    words = [
        _TOKEN.findall(unicodedata.normalize("NFC", text).translate(_FOLDED))
        for text in (page, registry)
    ]
    for tokens in words:
        if tokens[-1:] == ["."]:
            tokens.pop()
    if len(words[0]) != len(words[1]):
        return False
    all_capitals = not any(ch.islower() for ch in registry)  # old records are written in capitals
    return all(
        a == b
        or (a.casefold() == b.casefold() and (all_capitals or (_plain_case(a) and _plain_case(b))))
        for a, b in zip(*words)
    )


# A near miss differs from the registry's title by at most a typo and a missing word; a title
# that differs in more words, or in a number (`chromosome 8` for `chromosome 6`, `ALAS3`,
# `Part II`), may be another paper of a series or about another gene.
MAX_WORDS_CHANGED = 2
_NUMBER = re.compile(r"[0-9]+|\b[IVX]+\b")


def words_changed(page: str, registry: str) -> int:
    """How many words (normalised) one title must change, add or drop to read as the other."""
    a, b = normalise(page).split(), normalise(registry).split()
    return sum(
        max(i2 - i1, j2 - j1)
        for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes()
        if tag != "equal"
    )


def numbers_differ(page: str, registry: str) -> bool:
    return sorted(_NUMBER.findall(page)) != sorted(_NUMBER.findall(_FACE_TAG.sub("", registry)))


def adds_subtitle(page: str, registry: str) -> bool:
    """The page's title is the registry's followed by a subtitle (`…: a case report`), which
    Crossref records apart from the title."""
    head, tail = page[: len(registry)], page[len(registry) :].lstrip()
    return bool(tail) and tail[0] in ":.?!-" and same_title(head, registry)


def first_surname(authors: str) -> str | None:
    """`Cazzola M, May A` -> `Cazzola`; `M. Cazzola; A. May` -> `Cazzola`."""
    first = re.split(r"[;,]| and ", authors.strip(), maxsplit=1)[0]
    words = [w for w in first.split() if not _INITIALS.match(w.strip())]
    return " ".join(words) or None


def _abbreviates(short: str, word: str) -> bool:
    """`neurobiol` of `neurobiology`, `natl` of `national`: same first letter, letters in order."""
    if short == word:
        return True
    if not short or short[0] != word[0] or len(short) >= len(word):
        return False
    letters = iter(word)
    return all(ch in letters for ch in short)


def journals_match(page: str, registry: str, threshold: float) -> bool:
    a, b = normalise(page), normalise(registry)
    if a == b or difflib.SequenceMatcher(None, a, b).ratio() >= threshold:
        return True
    words_a = [w for w in a.split() if w not in _JOURNAL_FILLER]
    words_b = [w for w in b.split() if w not in _JOURNAL_FILLER]
    return _abbreviation_of(words_a, words_b) or _abbreviation_of(words_b, words_a)


def _abbreviation_of(short: list[str], full: list[str]) -> bool:
    """Every word of `full` is abbreviated, in order, by a word of `short`; `short` may
    add words of up to three letters (`Proc Natl Acad Sci U S A`)."""

    @functools.cache
    def match(i: int, j: int) -> bool:
        if i == len(full):
            return all(len(w) <= 3 for w in short[j:])
        if j == len(short):
            return False
        if _abbreviates(short[j], full[i]) and match(i + 1, j + 1):
            return True
        return len(short[j]) <= 3 and match(i, j + 1)

    return bool(full) and match(0, 0)


class CitationMismatch(_RegistryRule):
    """The registry's title, first author or journal for a DOI differs from the page's.

    Titles are compared after normalising case, accents, markup and punctuation;
    the message shows both titles and their similarity (0 to 1). The first author's
    surname must be the registry's first author; the journal must match the
    registry's, spelt out or abbreviated (`Neurobiol Aging`). One finding per part,
    at that part. A title of the same paper written otherwise than the registry's is
    a near miss: a typo or a missing word is a warning, case or punctuation alone
    (`dna` for `DNA`, a hyphen left out) is info; sentence or title case, curly
    quotes and a final full stop are no difference, nor a subtitle after the
    registry's title (Crossref keeps subtitles apart). A close title that differs
    in more than two words or in a number (`chromosome 8` for `chromosome 6`,
    `ALAS3` for `ALAS2`) is reported as possibly another paper. Options in
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
        for citation, asked in doi_lookups(doc):
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
                    f"{'its numbers' if changed <= MAX_WORDS_CHANGED else f'{changed} words'}: the DOI or the title "
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
    shown = plain_title(registered) or registered
    if adds_subtitle(page, shown):
        return "", 1.0, 0
    score = title_similarity(page, registered)
    if score < title_threshold:
        return "another paper", score, 0
    if score < near_miss_threshold or same_title(page, shown):
        return "", score, 0
    changed = words_changed(page, shown)
    if changed > MAX_WORDS_CHANGED or numbers_differ(page, shown):
        return "maybe another paper", score, changed
    return (
        ("written otherwise" if normalise(page) == normalise(shown) else "near miss"),
        score,
        changed,
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


def _present(field: Field | None) -> bool:
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
        for _, asked in doi_lookups(doc):
            yield asked.lookup
            follow_up = updates_lookup(ctx, asked)
            if follow_up:
                yield follow_up.lookup

    def check(self, doc: GeneDocument, ctx: Context) -> Iterator[Finding]:
        for _, asked in doi_lookups(doc):
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
