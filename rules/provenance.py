"""GL5xx provenance rules: AI authorship is declared, disclosed on the page, and reviewed.

The page claims AI authorship in text lines the AI patterns match (`ai_claims`: the footer,
usually; the patterns are `ai-patterns` of the config, else DEFAULT_AI_PATTERNS); the front
matter may declare `provenance: {generated_by, reviewed_by, reviewed_on}`.
"""

from __future__ import annotations

import datetime
import functools
import json
import re
from collections.abc import Callable, Iterator
from typing import Any

from genelint.document import FrontMatterEntry, GeneDocument, ProvenanceMarker, Span
from genelint.findings import Applicability, Edit, Finding, Fix, Severity
from genelint.parser.problems import FRONT_MATTER_SYNTAX
from genelint.parser.words import lines_holding, necessary_words
from genelint.rule import Context, Rule

# The AI models pages name, as they write them ("GPT-3", "ChatGPT", "Claude 3 Opus", "Llama 2"),
# listed once: naming one claims AI authorship, GL502's fix copies one into generated_by, and a
# reviewer named so is no person (GL501). Matched ignoring case, but PaLM only as written:
# "palm" is a word of anatomy (and a surname).
MODEL_NAMES: tuple[str, ...] = (
    r"(?:Chat)?GPT(?:-?[0-9](?:\.[0-9])?)?(?:-?(?:turbo|o))?",
    r"Claude(?:[ -]?[0-9](?:\.[0-9])?)?(?:[ -](?:Opus|Sonnet|Haiku|Instant))?",
    r"Gemini(?:[ -](?:Pro|Ultra|Flash|Nano))?",
    r"Bard",
    r"(?-i:PaLM)(?: ?2)?",
    r"LLaMA(?:[ -]?[0-9](?:\.[0-9])?)?",
    r"Mistral",
    r"Mixtral",
    r"Copilot",
)
_MODEL_NAME = re.compile(r"\b(?:" + "|".join(MODEL_NAMES) + r")\b", re.I)
# Wording that claims AI authorship (matched ignoring case); `ai-patterns` replaces it.
DEFAULT_AI_PATTERNS: tuple[str, ...] = (
    r"\bAI\s+language\s+model\b",
    r"\blarge\s+language\s+model\b",
    r"\b(?:generated|written|analy[sz]ed|produced|created|drafted)\s+(?:\w+\s+){0,3}by\s+(?:an?\s+)?(?:AI|artificial intelligence)\b",
    r"\bOpenAI\b",
    _MODEL_NAME.pattern,
)
_ISO_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}(?:[T ].*)?$")
_NESTED_KEY = {
    key: re.compile(rf"(?:^|[{{,\s]){key}\s*:")
    for key in ("generated_by", "reviewed_by", "reviewed_on")
}
_COMMENT = re.compile(r"<!--.*?-->", re.S)
GENERIC_GENERATOR = "AI language model"


def _provenance(doc: GeneDocument) -> dict:
    value = doc.front_matter.data.get("provenance") if doc.front_matter.data else None
    return value if isinstance(value, dict) else {}


def _text(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""


def _nested_span(doc: GeneDocument, key: str) -> Span | None:
    """Where `provenance.<key>` is written, else the `provenance` key, else None."""
    entry: FrontMatterEntry | None = doc.front_matter.entries.get("provenance")
    if entry is None:
        return None
    last = entry.value_span.end_line if entry.value_span else entry.key_span.line
    for line in range(entry.key_span.line, last + 1):
        text = doc.lines.line_text(line)
        skip = entry.key_span.column + len("provenance") if line == entry.key_span.line else 0
        found = _NESTED_KEY[key].search(text, skip)
        if found:
            start = text.index(key, found.start())
            return doc.lines.span_at(line, start + 1, len(key))
    return entry.key_span


def valid_date(value: Any) -> bool:
    if isinstance(value, (datetime.date, datetime.datetime)):
        return True
    if not isinstance(value, str) or not _ISO_DATE.match(value.strip()):
        return False
    try:
        datetime.date.fromisoformat(value.strip()[:10])
    except ValueError:
        return False
    return True


def ai_claims(doc: GeneDocument, ctx: Context) -> list[ProvenanceMarker]:
    """The page's text lines that claim AI authorship, markup stripped, with exact spans."""
    return _ai_claims(doc, *_claims(ctx))


def _ai_claims(
    doc: GeneDocument, claims: re.Pattern, words: tuple[str, ...] | None
) -> list[ProvenanceMarker]:
    found = []
    for number in _lines_to_search(doc, words):
        if claims.search(doc.lines.line_text(number)):
            line = doc.line_field(number)
            found.append(ProvenanceMarker(line.value, line.span))
    return found


# How many of the last non-blank text lines `claims_ai` asks the regex about first.
FOOTER_LINES = 3


def claims_ai(doc: GeneDocument, ctx: Context) -> bool:
    """Whether any text line claims AI authorship; read from the end, where footers are."""
    return _claims_ai(doc, *_claims(ctx))


def _claims_ai(doc: GeneDocument, claims: re.Pattern, words: tuple[str, ...] | None) -> bool:
    line_text = doc.lines.line_text
    # A claiming page nearly always claims in its footer, among its last lines: asking the
    # regex about those few (~1 us each) answers it without first finding, over the whole
    # page, the lines that hold one of the claims' words (~30 us). Only a page whose last
    # lines claim nothing is searched whole.
    asked = 0
    for number in reversed(doc.text_lines):
        line = line_text(number)
        if not line or line.isspace():
            continue
        if claims.search(line):
            return True
        asked += 1
        if asked == FOOTER_LINES:
            break
    lines = _lines_to_search(doc, words)
    return any(claims.search(line_text(n)) for n in reversed(lines))


def _lines_to_search(doc: GeneDocument, words: tuple[str, ...] | None) -> list[int]:
    """The text lines holding one of the words every match of the claims regex holds, in page
    order: the regex (~1 us a line) is asked only about them (genelint.parser.words)."""
    lines = doc.text_lines
    if not lines or words is None:
        return list(lines)
    start = doc.lines.starts[lines[0] - 1]
    holding = lines_holding(doc.text[start:], start, words, doc.lines)
    return [number for number in lines if number in holding]


def _claims(ctx: Context) -> tuple[re.Pattern, tuple[str, ...] | None]:
    return claims_regex(_patterns(ctx))


def _patterns(ctx: Context) -> tuple[str, ...]:
    return getattr(ctx.settings, "ai_patterns", None) or DEFAULT_AI_PATTERNS


PageClaims = Callable[[GeneDocument], Any]


def _page_claims(ctx: Context) -> tuple[PageClaims, PageClaims]:
    """(whether a page claims AI authorship, its claiming lines) as functions of the page, for
    `ctx.page_value`: GL501-GL503 ask the same of a page, and its lines are searched once."""
    return _claims_of_pages(_patterns(ctx))


@functools.lru_cache(maxsize=8)
def _claims_of_pages(patterns: tuple[str, ...]) -> tuple[PageClaims, PageClaims]:
    """One pair of functions per set of patterns: they are the keys of a page's values."""
    claims, words = claims_regex(patterns)
    return (
        lambda doc: _claims_ai(doc, claims, words),
        lambda doc: _ai_claims(doc, claims, words),
    )


@functools.lru_cache(maxsize=8)
def claims_regex(patterns: tuple[str, ...]) -> tuple[re.Pattern, tuple[str, ...] | None]:
    """The AI patterns as one regex (ignoring case), and the words one of which its every
    match holds (None: no such words; every line is searched)."""
    regex = re.compile("|".join(f"(?:{p})" for p in patterns), re.I)
    return regex, necessary_words(regex.pattern, re.I)


def models_named(text: str) -> list[str]:
    """The distinct model names in a text, in order of appearance."""
    names: list[str] = []
    for match in _MODEL_NAME.finditer(text):
        if match.group(0).casefold() not in (n.casefold() for n in names):
            names.append(match.group(0))
    return names


class AiUnreviewed(Rule):
    """The page claims AI authorship but records no human review.

    AI authorship is claimed by a footer the AI patterns match (e.g. "written by
    OpenAI's GPT-3") or by `provenance.generated_by` in the front matter. A page
    is reviewed when `provenance.reviewed_by` names a person and
    `provenance.reviewed_on` is a valid date; a reviewer equal to the generator,
    or one that is itself a model name, is not a human review.

    Why: generated gene pages mix real and invented facts (wrong IDs, papers
    about other genes); only a recorded review says someone checked them.

    Bad:
        **_This information is analyzed by AI language model and written by OpenAI's GPT-3._**
        (and no provenance in the front matter)
    Good:
        provenance:
          generated_by: "GPT-3"
          reviewed_by: "Jane Curator"
          reviewed_on: 2024-02-01
    """

    code = "GL501"
    name = "ai-unreviewed"
    severity = Severity.WARNING

    def check(self, doc: GeneDocument, ctx: Context) -> Iterator[Finding]:
        if doc.front_matter.unreadable:
            return  # the review may be recorded in what GL002 could not read
        provenance = _provenance(doc)
        generator = _text(provenance.get("generated_by"))
        if not generator and not ctx.page_value(doc, _page_claims(ctx)[0]):
            return
        problem = _review_problem(provenance, generator)
        if problem is None:
            return  # the common case: no span to look for
        message, key = problem
        where = _nested_span(doc, key) if key else None
        yield self.finding(where or _review_anchor(doc, ctx), message)


def _review_problem(provenance: dict, generator: str) -> tuple[str, str | None] | None:
    """What is wrong with the recorded review, and the provenance key to point at (None: the anchor)."""
    reviewer = _text(provenance.get("reviewed_by"))
    if not reviewer:
        claim = f"'{generator}'" if generator else "its footer"
        return (
            f"page is AI-generated ({claim}) but records no human review (provenance.reviewed_by and reviewed_on)",
            None,
        )
    if generator and reviewer.casefold() == generator.casefold():
        return f"reviewer '{reviewer}' is the generator itself, not a human review", None
    if _names_a_model(reviewer):
        return f"reviewer '{reviewer}' names an AI model, not a person", None
    reviewed_on = provenance.get("reviewed_on")
    if reviewed_on is None or reviewed_on == "":
        return f"review by '{reviewer}' has no date (provenance.reviewed_on, e.g. 2024-02-01)", None
    if not valid_date(reviewed_on):
        return (
            f"provenance.reviewed_on '{reviewed_on}' is not a valid date (YYYY-MM-DD)",
            "reviewed_on",
        )
    return None


@functools.lru_cache(maxsize=256)
def _names_a_model(reviewer: str) -> bool:
    """Whether a reviewer's name names an AI model (a page's reviewer is one of a few people:
    asked once per name, not per page)."""
    return bool(models_named(reviewer))


def _review_anchor(doc: GeneDocument, ctx: Context) -> Span:
    """Where a missing or bad review is reported: reviewed_by, else the footer, else
    generated_by, else (a provenance this parser could not place) the first line."""
    claims = ctx.page_value(doc, _page_claims(ctx)[1])
    anchor = _nested_span(doc, "reviewed_by") or (claims[0].span if claims else None)
    return anchor or _nested_span(doc, "generated_by") or doc.span_of_line(1)


class AiProvenanceUndeclared(Rule):
    """The page's text claims AI authorship but the front matter does not declare it.

    Reported at the claiming text (usually the footer). The fix adds
    `provenance: {generated_by: …}` to the front matter, with the model the
    footer names (`GPT-3` for "written by OpenAI's GPT-3").

    The fix is safe when the footer names exactly one model: it then only
    restates, in the front matter, what the page already says, touches nothing
    else and records no review (GL501 still asks for one). When the footer names
    no model (`generated_by: "AI language model"`) or several (the first is
    taken), the value is a guess, so the fix is unsafe (`--unsafe-fixes`).

    Why: tools filter and audit generated pages by the front matter; a footer is
    prose they cannot read reliably.

    Bad:
        ---
        title: "ALAS2"
        ---
        ...
        **_This information is ... written by OpenAI's GPT-3._**
    Good:
        ---
        title: "ALAS2"
        provenance:
          generated_by: "GPT-3"
        ---
    """

    code = "GL502"
    name = "ai-provenance-undeclared"
    severity = Severity.WARNING
    fixable = True

    def check(self, doc: GeneDocument, ctx: Context) -> Iterator[Finding]:
        if doc.front_matter.unreadable or _text(_provenance(doc).get("generated_by")):
            return  # unreadable: generated_by may be written in what GL002 could not read
        claims_ai_of, claims_of = _page_claims(ctx)
        if not ctx.page_value(doc, claims_ai_of):  # (GL501 asked it: no line is searched again)
            return
        claims = ctx.page_value(doc, claims_of)
        if not claims:
            return
        marker = claims[0]
        names = models_named(" ".join(m.value for m in claims))
        generator = names[0] if names else GENERIC_GENERATOR
        fix = _declare(doc, generator, "safe" if len(names) == 1 else "unsafe")
        said = f"names {' and '.join(names)}" if names else "claims AI authorship"
        yield self.finding(
            marker.span,
            f"the page {said} but the front matter declares no provenance.generated_by",
            fix=fix,
        )


def _newline(doc: GeneDocument) -> str:
    first = doc.text.find("\n")
    return "\r\n" if first > 0 and doc.text[first - 1] == "\r" else "\n"


def _declare(doc: GeneDocument, generator: str, applicability: Applicability) -> Fix | None:
    """An edit adding generated_by to the front matter, or None where that is not clear-cut."""
    fm = doc.front_matter
    if (
        fm.span is None
        or fm.span.line == fm.span.end_line
        or any(p.code == FRONT_MATTER_SYNTAX for p in doc.problems)
    ):
        return None
    newline, value = (
        _newline(doc),
        json.dumps(generator),
    )  # a JSON string is a YAML double-quoted scalar
    entry = fm.entries.get("provenance")
    if entry is None:
        if not isinstance(fm.data, dict) or (
            fm.data and not fm.entries
        ):  # a flow mapping: no line to add
            return None
        # Top-level keys may be indented (` title: x`): a new key must line up with them.
        keys = [
            doc.lines.line_text(e.key_span.line)
            for e in fm.entries.values()
            if e.key_span is not None
        ]
        indent = keys[0][: len(keys[0]) - len(keys[0].lstrip())] if keys else ""
        at = doc.lines.to_byte(doc.lines.starts[fm.span.end_line - 1])
        content = f"{indent}provenance:{newline}{indent}  generated_by: {value}{newline}"
    elif (
        entry.value_span is not None
        and entry.value_span.line > entry.key_span.line
        and isinstance(fm.data.get("provenance"), dict)
    ):
        # A block mapping: add the key above its first key, with that line's indent (a blank
        # or comment line above it says nothing of the mapping's indent).
        first = _first_key_line(doc, entry.value_span)
        if first is None:
            return None
        text = doc.lines.line_text(first)
        indent = text[: len(text) - len(text.lstrip())]
        at = doc.lines.to_byte(doc.lines.starts[first - 1])
        content = f"{indent}generated_by: {value}{newline}"
    else:
        return None
    return Fix((Edit(at, at, content),), applicability, f"declare provenance.generated_by: {value}")


def _first_key_line(doc: GeneDocument, span: Span) -> int | None:
    for number in range(span.line, span.end_line + 1):
        text = doc.lines.line_text(number).strip()
        if text and not text.startswith("#"):
            return number
    return None


class AiDisclosureMissing(Rule):
    """The front matter declares AI authorship but the page does not say so to its readers.

    The page discloses it when a line matches the AI patterns (`ai-patterns`)
    or names the declared generator (outside HTML comments, which readers do
    not see).

    Why: readers see the rendered page, not its front matter; a generated page
    must say it is generated where they read it.

    Bad:
        provenance:
          generated_by: "GPT-4"
        (and no footer)
    Good: the same front matter and a footer
        *This page was generated by GPT-4 and reviewed by Jane Curator.*
    """

    code = "GL503"
    name = "ai-disclosure-missing"
    severity = Severity.WARNING

    def check(self, doc: GeneDocument, ctx: Context) -> Iterator[Finding]:
        generator = _text(_provenance(doc).get("generated_by"))
        if not generator or ctx.page_value(doc, _page_claims(ctx)[0]):
            return
        body = _COMMENT.sub("", _body(doc))
        if generator.casefold() in body.casefold():
            return
        span = _nested_span(doc, "generated_by") or doc.lines.span(0, 0)
        yield self.finding(
            span,
            f"front matter declares generated_by '{generator}' but the page shows readers no AI disclosure",
        )


def _body(doc: GeneDocument) -> str:
    fm = doc.front_matter.span
    if fm is None:
        return doc.text
    return doc.text[
        doc.lines.starts[fm.end_line] if fm.end_line < doc.lines.line_count else len(doc.text) :
    ]
