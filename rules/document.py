"""GL0xx document rules: the page as a file and a whole (readable, front matter, one gene
symbol) and the run's own findings about it: lookups that could not be answered (GL010) and
suppression comments that suppress nothing (GL011).
"""

from __future__ import annotations

import datetime
import functools
import re
from collections.abc import Callable, Generator, Iterator
from typing import TYPE_CHECKING

from genelint.document import GeneDocument, Span
from genelint.findings import Finding, Severity
from genelint.parser import title_is_multiline
from genelint.parser.problems import FRONT_MATTER_SYNTAX, UNREADABLE_FILE
from genelint.rule import Context, Lookup, NetworkRule, Rule, SuppressionRule
from genelint.rules._lookups import describe, every_lookup
from genelint.suppress import Suppressions

if TYPE_CHECKING:  # jsonschema is imported only for front matter the quick check doubts
    from jsonschema import Draft202012Validator, ValidationError


class _ParseProblemRule(Rule):
    """Reports the parser's problems that carry this rule's code."""

    def check(self, doc: GeneDocument, ctx: Context) -> Iterator[Finding]:
        for problem in doc.problems:
            if problem.code == self.code:
                yield self.finding(problem.span, problem.message)


class UnreadableFile(_ParseProblemRule):
    """The file cannot be read as a UTF-8 text page.

    Why: a binary file, another encoding (Latin-1), a NUL byte, a file over the
    size limit (`max-file-size`, default 5 MB), a folder named like a page or a
    broken symlink cannot be checked at all; saying so is better than skipping it.
    A page whose lines end in lone CRs (classic Mac OS) is reported too: git,
    diff and genelint see it as one line, so no finding could say where it is.

    Bad: a page saved as Latin-1 (`Gen\\xe9` is byte 0xe9, not UTF-8).
    Good: the same page saved as UTF-8.
    """

    code = UNREADABLE_FILE
    name = "unreadable-file"
    severity = Severity.ERROR
    reads_unreadable = True


class FrontMatterSyntax(_ParseProblemRule):
    """The YAML front matter is missing, unterminated or not valid YAML.

    Why: the front matter names the gene and feeds the site generator; a page
    without it is not published correctly. The finding points at the YAML line,
    or at the value that cannot be read (`reviewed: 2023-02-30`). A key written
    twice in one mapping is reported at the repeat, naming the line of the first:
    YAML wants keys unique, and the loader keeps the last value without a word.

    Bad:
        ---
        title: "ALAS2
        ---
    Good:
        ---
        title: "ALAS2"
        ---
    """

    code = FRONT_MATTER_SYNTAX
    name = "front-matter-syntax"
    severity = Severity.ERROR


class FrontMatterSchema(Rule):
    """The front matter does not match its schema, or its title is not the gene symbol.

    Why: title, date, layout, categories, summary and tags are what the site and
    the curation tools read (schemas/gene-document.schema.json); a wrong type or a
    misspelt key is silently lost. The title is the page's gene symbol: a title of
    several words (`ALAS2 gene`) or one that runs over several lines (an unclosed
    quote that takes in the keys below it) is reported at the title, and the
    symbol is then the word the H1 also names. One finding per violation, at the
    key's line.

    Bad:  `tags: ALAS2` (a string), `tittle: "ALAS2"` or `title: "ALAS2 gene"`
    Good: `tags: ['ALAS2', 'HemeBiosynthesis']` and `title: "ALAS2"`
    """

    code = "GL003"
    name = "front-matter-schema"
    severity = Severity.ERROR

    def check(self, doc: GeneDocument, ctx: Context) -> Iterator[Finding]:
        fm = doc.front_matter
        if fm.span is None or not fm.loaded or not isinstance(fm.data, dict):
            return  # absent, or GL002 says why it could not be read
        swallowed = yield from self._title(doc)
        for error in _schema_errors(fm.data):
            if (
                error.validator == "required"
                and not error.absolute_path
                and _missing_key(error) in swallowed
            ):
                continue  # the title finding names the keys its unclosed quote took in
            path = list(error.absolute_path)
            if error.validator == "additionalProperties":
                # One finding per unknown key, at that key (a nested one at its parent's key).
                # (an object checked against an object schema)
                written = error.instance if isinstance(error.instance, dict) else {}
                declared = (
                    error.schema.get("properties", {}) if isinstance(error.schema, dict) else {}
                )
                for extra in sorted(set(written) - set(declared)):
                    entry = fm.entries.get(str(path[0] if path else extra))
                    yield self.finding(
                        entry.key_span if entry else fm.span,
                        _unknown_key_message(error, path, extra),
                    )
                continue
            entry = fm.entries.get(str(path[0])) if path else None
            span = (entry.value_span or entry.key_span) if entry is not None else fm.span
            yield self.finding(span, _message(error, path))

    def _title(self, doc: GeneDocument) -> Generator[Finding, None, set[str]]:
        """A title that is not one symbol; returns the keys whose lines a multi-line title took in."""
        entry = doc.front_matter.entries.get("title")
        value = doc.front_matter.data.get("title")
        if (
            entry is None
            or entry.value_span is None
            or not isinstance(value, str)
            or not value.strip()
        ):
            return set()
        example = f", e.g. {doc.symbol}" if doc.symbol else " (e.g. ALAS2)"
        span = entry.value_span
        if title_is_multiline(entry, value):
            lines = range(span.line + 1, span.end_line + 1)
            swallowed = [
                m.group(1) for m in (_YAML_KEY.match(doc.lines.line_text(n)) for n in lines) if m
            ]
            taken = (
                f" and takes in the lines of {', '.join(swallowed)} (is its closing quote missing?)"
                if swallowed
                else ""
            )
            yield self.finding(
                span,
                f"title should be the gene symbol{example}; this one runs from line {span.line} to line {span.end_line}{taken}",
            )
            return set(swallowed)
        if len(value.split()) > 1:
            yield self.finding(
                span, f"title should be the gene symbol{example}, not {value.strip()!r}"
            )
        return set()


_YAML_KEY = re.compile(r"^['\"]?([A-Za-z_][\w\-]*)['\"]?[ \t]*:(?:[ \t]|$)")


def _missing_key(error) -> str | None:
    missing = re.findall(r"'([^']+)' is a required property", error.message)
    return missing[0] if missing else None


def _unknown_key_message(error, path: list, extra: str) -> str:
    known = ", ".join(sorted(error.schema.get("properties", {})))
    prefix = "".join(f"{p}." for p in path)
    return f"unknown front matter key '{prefix}{extra}'; expected one of: {known}"


def _message(error, path: list) -> str:
    where = ".".join(str(p) for p in path)
    if error.validator == "required":
        missing = re.findall(r"'([^']+)' is a required property", error.message)
        key = ".".join([*map(str, path), *missing])
        return f"front matter is missing required key '{key}'"
    if error.validator == "type":
        expected = (
            error.validator_value
            if isinstance(error.validator_value, str)
            else " or ".join(error.validator_value)
        )
        return f"front matter key '{where}' must be {_article(expected)}, not {_json_type(error.instance)} {error.instance!r}"
    if (
        error.validator == "pattern"
        and error.validator_value == _schema()["$defs"]["isoDate"]["pattern"]
    ):
        return (
            f"front matter key '{where}' must be an ISO date (YYYY-MM-DD), not {error.instance!r}"
        )
    return f"front matter key '{where}': {error.message}"


def _article(word: str) -> str:
    return f"an {word}" if word[:1] in "aeiou" else f"a {word}"


def _json_type(value: object) -> str:
    return {
        dict: "an object",
        list: "a list",
        str: "a string",
        bool: "a boolean",
        int: "a number",
        float: "a number",
    }.get(type(value), "null")


def _schema_errors(data: object) -> list[ValidationError]:
    """What is wrong with front matter as YAML read it (dates are checked as ISO strings)."""
    if _certainly_valid()(data):  # (it reads a date as its ISO string too)
        return []  # most pages: nothing to report, and jsonschema is not even imported
    return sorted(
        _validator().iter_errors(_json_compatible(data)),
        key=lambda e: [str(p) for p in e.absolute_path],
    )


@functools.cache
def _certainly_valid() -> Callable[[object], bool]:
    """genelint.schema_gate's quick yes, asked before jsonschema (compiled once per process)."""
    from genelint.schema_gate import certainty_check

    return certainty_check(_schema()) or (lambda data: False)


@functools.cache
def _validator() -> Draft202012Validator:
    import jsonschema

    return jsonschema.Draft202012Validator(_schema())


@functools.cache
def _schema() -> dict:
    import json
    import pkgutil

    # pkgutil, not importlib.resources: importing that (with zipfile, tempfile, random)
    # took ~4 ms of every run's first page, in each process of the run.
    schema = pkgutil.get_data("genelint.schemas", "gene-document.schema.json")
    assert schema is not None, "the package's loader reads its files"
    return json.loads(schema)


# Values _json_compatible gives back as they are, tested before calling it: most values are.
_JSON_SCALARS = frozenset({str, int, float, bool, type(None)})


def _json_compatible(value: object) -> object:
    """YAML gives dates and datetimes; the schema speaks JSON, where they are ISO strings."""
    if isinstance(value, dict):
        return {
            str(k): v if type(v) in _JSON_SCALARS else _json_compatible(v) for k, v in value.items()
        }
    if isinstance(value, list):
        return [v if type(v) in _JSON_SCALARS else _json_compatible(v) for v in value]
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    return value


_SYMBOL_LIKE = re.compile(r"^[A-Z][A-Z0-9-]*[A-Z0-9]$|^[A-Z]$")
# "The X gene" where "The" starts a word. The word start is checked in Python (_the_x_gene):
# a pattern starting with \b is tried at every position, one starting with [Tt] only where
# the C scanner finds a T (5x faster over a page's prose).
_THE_X_GENE = re.compile(r"[Tt]he\s+(\**)([A-Za-z0-9-]+)\1\s+gene\b")


def _the_x_gene(text: str) -> Iterator[re.Match]:
    """The matches of \b[Tt]he\\s+(\\**)([A-Za-z0-9-]+)\1\\s+gene\b in `text`, as finditer gives them."""
    at = 0
    while (match := _THE_X_GENE.search(text, at)) is not None:
        start = match.start()
        if start == 0 or not (text[start - 1].isalnum() or text[start - 1] == "_"):
            yield match
            at = match.end()
        else:
            at = start + 1  # not a word start: a match may still begin after it


class SymbolMismatch(Rule):
    """The title, H1, summary, tags and body name different gene symbols.

    Why: a generated page that drifts to another gene (a copied paragraph, a
    wrong H1) mixes facts of two genes. The front matter `title` is taken as the
    page's symbol; each other place that names a different symbol is reported.

    Bad:  `title: "ALAS2"` with `# Gene Information for ALAS1`, or
          "The ALAS1 gene is located on ..." in an ALAS2 page.
    Good: every place names ALAS2.
    """

    code = "GL004"
    name = "symbol-mismatch"
    severity = Severity.ERROR

    def check(self, doc: GeneDocument, ctx: Context) -> Iterator[Finding]:
        symbol = doc.symbol
        if not symbol:
            return
        fm = doc.front_matter
        if doc.title is not None:
            h1_symbol = (
                doc.title.value.split()[-1].strip("*_`.:") if doc.title.value.split() else ""
            )
            if _SYMBOL_LIKE.match(h1_symbol) and h1_symbol != symbol:
                yield self.finding(
                    doc.title.span, f"H1 names {h1_symbol} but the page's title is {symbol}"
                )
        summary = fm.entries.get("summary")
        if summary and isinstance(summary.value, str) and summary.value.split():
            named = summary.value.split()[-1].strip("*_`.:")
            if "gene" in summary.value.lower() and _SYMBOL_LIKE.match(named) and named != symbol:
                yield self.finding(
                    summary.value_span or summary.key_span,
                    f"summary names {named} but the page's title is {symbol}",
                )
        tags = fm.entries.get("tags")
        if tags and isinstance(tags.value, list) and tags.value:
            first = str(tags.value[0])
            if symbol not in map(str, tags.value) and _SYMBOL_LIKE.match(first):
                yield self.finding(
                    tags.value_span or tags.key_span,
                    f"tags name {first} but not the page's gene {symbol}",
                )
        yield from self._body_mentions(doc, symbol)

    def _body_mentions(self, doc: GeneDocument, symbol: str) -> Iterator[Finding]:
        for section in doc.sections:
            if section.key == "related-papers" or not section.body_text:
                continue
            base = doc.lines.starts[section.body.line - 1]
            for match in _the_x_gene(section.body_text):
                named = match.group(2)
                if named != symbol and _SYMBOL_LIKE.match(named) and len(named) > 1:
                    span = doc.lines.span(base + match.start(2), base + match.end(2))
                    yield self.finding(
                        span, f"the text names the {named} gene but the page is about {symbol}"
                    )


# "eutils: HTTP 500": the service that failed, then why. Other errors ("not asked: …") name none.
_SERVICE_ERROR = re.compile(r"([a-z][a-z0-9-]*): (.+)", re.S)
# What a folded line counts (the text report says "291 rsID lookups not verified").
LOOKUP_LABELS = {
    "rsid": "rsID",
    "refsnp": "RefSNP",
    "doi": "DOI",
    "doi-updates": "retraction-notice",
    "uniprot": "UniProtKB",
}


def _place(span: Span) -> tuple[int, ...]:
    return (span.line, span.column, span.end_line, span.end_column, span.start, span.end)


class LookupUnverified(NetworkRule):
    """A value could not be verified because its service did not answer.

    A timeout, a refused connection, a 5xx or 429 reply that outlasted the retries,
    or a malformed body: the network rules (GL305-GL308, GL402-GL404) then say
    nothing about the value, and this finding names it and the service's error,
    so a flaky service never fails a build and never goes unnoticed. With
    `--offline` no lookup is tried; the summary counts the skipped ones instead.

    Why: "could not check" and "checked and wrong" are different facts; an rsID
    is not unknown because dbSNP timed out.

    A host that cannot be reached (its name does not resolve, the connection is
    refused), that sent no reply at all before a request timed out, or that has used up
    its deadline for the run is down for the rest of it: its remaining lookups are
    answered at once with the same reason. The JSON and SARIF
    reports keep one finding per lookup; the text report folds them into one line per
    service and reason, and its summary counts verified and unverified lookups apart
    from the problems. `--fail-on-unverified` makes such a run fail.

    Bad (E-utilities down):
        page.md:42:28: GL010 [info] could not verify rsID rs268: eutils: HTTP 500
    Good: the same run once the service answers, or from a warm cache.
    """

    code = "GL010"
    name = "lookup-unverified"
    severity = Severity.INFO
    # It asks nothing itself: it reports on the lookups the other network rules asked.
    reports_unanswered = True

    def check(self, doc: GeneDocument, ctx: Context) -> Iterator[Finding]:
        return self.check_lookup_facts(self.lookup_facts(doc, ctx), ctx)

    def lookup_facts(self, doc: GeneDocument, ctx: Context) -> tuple:
        """Each lookup the page asks (with the answers in ctx, their follow-ups too) and the
        span of the text that asks it: all this rule reads of the page."""
        return tuple(
            (asked.lookup.kind, asked.lookup.key, *_place(asked.field.span))
            for asked in every_lookup(doc, ctx)
        )

    def check_lookup_facts(self, facts: tuple, ctx: Context) -> Iterator[Finding]:
        for kind, key, *span in facts:
            lookup = Lookup(kind, key)
            answer = ctx.answer(lookup)
            if answer is not None and answer.status == "error":
                error = answer.error or "the service did not answer"
                message = f"could not verify {describe(lookup)}: {error}"
                said = _SERVICE_ERROR.fullmatch(error)
                service, reason = (said.group(1), said.group(2)) if said else ("", error)
                yield self.finding(
                    Span(*span),
                    message,
                    service=service,
                    reason=reason,
                    lookup=LOOKUP_LABELS.get(kind, kind),
                    value=key,
                )


class UnusedSuppression(SuppressionRule):
    """A suppression comment suppresses nothing, names no rule, is not closed, or an enable ends no disable.

    Why: a stale suppression hides the next real problem at that place; remove
    it once the problem it silenced is fixed. Comments that only name rules not
    selected in this run are left alone (they may be used by another run). A
    comment naming no rule genelint knows (`GL999`, a misspelt name; codes are
    written in capitals) suppresses nothing while looking as if it did. A
    `genelint-enable` with no `genelint-disable` of its rules above it ends
    nothing: the disable it was paired with is gone or misspelt.

    Bad:  `<!-- genelint-disable-next-line GL304 -->` above a correct rsID.
          `<!-- genelint-disable alias-unknwn -->`
          `<!-- genelint-enable GL302 -->` with no `genelint-disable GL302` above it.
          `<!-- genelint-disable GL302` with no `-->`: the comment runs on to the
          next `-->`, taking in the lines between; it is no directive.
    Good: no comment, or one above the line it is needed for.

    A suppression of a rule that asks the registries is not called unused when that rule
    could not check the page (`--offline`, or a lookup of the page left unanswered): it may
    be needed as soon as the services answer.
    """

    code = "GL011"
    name = "unused-suppression"
    severity = Severity.WARNING

    def check_suppressions(self, suppressions: Suppressions, ctx: Context) -> Iterator[Finding]:
        for malformed in suppressions.malformed:
            yield self.finding(malformed.span, malformed.message)
        for directive in suppressions.directives:
            unknown = [s for s in directive.selectors if not _names_a_rule(s, ctx.registered)]
            if unknown:
                yield self.finding(
                    directive.span,
                    f"genelint-{directive.kind} names no rule: {', '.join(unknown)} "
                    f"(rule codes are like GL302, names like hgvs-legacy-notation)",
                )
            elif directive.kind == "enable" and not _ends_a_disable(
                directive, suppressions, ctx.registered
            ):
                what = ", ".join(directive.selectors) if directive.selectors else "all rules"
                yield self.finding(
                    directive.span, f"genelint-enable ({what}) ends no genelint-disable"
                )
        for directive in suppressions.unused():
            named = directive.selectors
            if named and not any(
                s in (code, name) or code.startswith(s)
                for s in named
                for code, name in ctx.enabled.items()
            ):
                continue
            if ctx.unchecked and (
                not named
                or any(_selects(named, code, ctx.enabled.get(code, "")) for code in ctx.unchecked)
            ):
                continue  # a rule it names could not check the page (offline, services down)
            what = ", ".join(named) if named else "all rules"
            yield self.finding(
                directive.span, f"genelint-{directive.kind} ({what}) suppresses nothing"
            )


def _ends_a_disable(enable, suppressions: Suppressions, registered: dict) -> bool:
    """Whether a `genelint-disable` above `enable` disables a rule it names (however spelt:
    `disable unknown-section` ... `enable GL105`); a blanket one on either side does."""
    for disable in suppressions.directives:
        if disable.kind != "disable" or disable.span.line >= enable.span.line:
            continue
        if not disable.selectors or not enable.selectors:
            return True
        if set(disable.selectors) & set(enable.selectors):
            return True
        for code, name in registered.items():
            if _selects(disable.selectors, code, name) and _selects(enable.selectors, code, name):
                return True
    return False


def _selects(selectors: tuple[str, ...], code: str, name: str) -> bool:
    return any(s in (code, name) or code.startswith(s) for s in selectors)


def _names_a_rule(selector: str, registered: dict) -> bool:
    """A code, a code prefix (GL3) or a name of some registered rule."""
    return any(
        selector in (code, name) or code.startswith(selector) for code, name in registered.items()
    )
