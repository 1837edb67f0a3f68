"""Citation rules: DOI syntax, complete references, no reference cited twice."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass

from genelint.document import Citation, GeneDocument
from genelint.findings import Edit, Finding, Fix, Severity
from genelint.rule import Context, Rule
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
    doi = _strip_trailing(DOI_WRAPPER.sub("", written.strip(), count=1).strip())
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
    family = "citations"
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
    family = "citations"
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
    family = "citations"
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
