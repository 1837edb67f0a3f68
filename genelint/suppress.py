"""Inline suppression comments.

    <!-- genelint-disable GL302, section-order -->   from here on (no codes: every rule)
    <!-- genelint-enable GL302 -->                   until here
    <!-- genelint-disable-next-line GL304 -->        the next non-blank line only
    <!-- genelint-disable-file GL501 -->             the whole file

A directive remembers whether it suppressed anything, so unused ones can be reported.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from genelint.document import HtmlComment, Span
from genelint.findings import Finding

_DIRECTIVE = re.compile(
    r"^<!--\s*genelint-(?P<kind>disable-next-line|disable-file|disable|enable)\b(?P<codes>[^>]*?)\s*-->$",
    re.S,
)
ALL = "*"
_DIRECTIVE_START = re.compile(r"^<!--\s*genelint-(?P<kind>[\w-]*)(?P<rest>[^\n]*)")


@dataclass
class Directive:
    kind: str  # disable, enable, disable-next-line, disable-file
    selectors: tuple[str, ...]  # empty: every rule
    span: Span
    first_line: int = 0  # lines this directive covers (inclusive); 0 = none
    last_line: int = 0
    used: bool = False


@dataclass
class Malformed:
    """A comment that starts as a directive but is not one (it is never closed)."""

    span: Span  # the directive's first line, from `<!--`
    message: str


@dataclass
class Suppressions:
    directives: list[Directive] = field(default_factory=list)
    malformed: list[Malformed] = field(default_factory=list)

    def filter(self, findings: list[Finding], matches) -> list[Finding]:
        """Drop suppressed findings; `matches(finding, selector)` tells if a selector names it."""
        kept = []
        for finding in findings:
            hit = self._covering(finding, matches)
            if hit is None:
                kept.append(finding)
            else:
                hit.used = True
        return kept

    def _covering(self, finding: Finding, matches) -> Directive | None:
        for directive in self.directives:
            if directive.kind == "enable" or not directive.first_line:
                continue
            if not directive.first_line <= finding.line <= directive.last_line:
                continue
            if directive.selectors and not any(matches(finding, s) for s in directive.selectors):
                continue
            if directive.kind == "disable" and self._reenabled(directive, finding, matches):
                continue
            return directive
        return None

    def _reenabled(self, disable: Directive, finding: Finding, matches) -> bool:
        """An `enable` between the disable and the finding that names the finding's rule.

        Checked per finding, because `enable GL105` after `disable GL104, GL105` or
        after `disable unknown-section` re-enables GL105 only, however it is spelt.
        """
        return any(
            other.kind == "enable"
            and disable.span.line < other.span.line < finding.line
            and (not other.selectors or any(matches(finding, s) for s in other.selectors))
            for other in self.directives
        )

    def unused(self) -> list[Directive]:
        return [d for d in self.directives if d.kind != "enable" and not d.used]


def parse_suppressions(
    comments: list[HtmlComment], line_count: int, blank_lines: set[int]
) -> Suppressions:
    directives = []
    malformed = []
    for comment in comments:
        unclosed = _unclosed(comment)
        if unclosed is not None:
            malformed.append(unclosed)
            continue
        match = _DIRECTIVE.match(comment.value.strip())
        if not match:
            continue
        selectors = tuple(s for s in re.split(r"[\s,]+", match.group("codes").strip()) if s)
        directives.append(Directive(match.group("kind"), selectors, comment.span))
    _assign_ranges(directives, line_count, blank_lines)
    return Suppressions(directives, malformed)


def _unclosed(comment: HtmlComment) -> Malformed | None:
    """A directive whose `-->` is missing: the comment runs on to the next comment's `-->`
    (whose `<!--` it takes in) or to the end of the file. Its codes would swallow whatever
    follows, so it is no directive; it is reported at its first line."""
    start = _DIRECTIVE_START.match(comment.value)
    if start is None:
        return None
    nested = comment.value.find("<!--", 4)
    closed = comment.value.endswith("-->")
    if closed and nested == -1:
        return None
    first = comment.value.split("\n", 1)[0].rstrip()
    shown = f"genelint-{start.group('kind')}{start.group('rest').rstrip()}"
    end_line = comment.span.end_line
    if closed:
        where = f"the comment runs on to the --> on line {end_line} and hides the lines between"
    else:
        where = "the comment runs to the end of the file"
    span = Span(
        comment.span.line,
        comment.span.column,
        comment.span.line,
        comment.span.column + len(first),
        comment.span.start,
        comment.span.start + len(first.encode("utf-8", "surrogatepass")),
    )
    return Malformed(span, f"unclosed comment: {shown} has no -->; {where}; it suppresses nothing")


def _assign_ranges(directives: list[Directive], line_count: int, blank_lines: set[int]) -> None:
    for i, directive in enumerate(directives):
        if directive.kind == "disable-file":
            directive.first_line, directive.last_line = 1, max(line_count, 1)
        elif directive.kind == "disable-next-line":
            target = directive.span.end_line + 1
            while target in blank_lines and target < line_count:
                target += 1
            directive.first_line = directive.last_line = target
        elif directive.kind == "disable":
            directive.first_line = directive.span.line
            directive.last_line = _enabled_at(directive, directives[i + 1 :], line_count)


def _enabled_at(disable: Directive, later: list[Directive], line_count: int) -> int:
    """The line before the first later `enable` that re-enables what `disable` disabled."""
    for other in later:
        if other.kind != "enable":
            continue
        if (
            not other.selectors
            or not disable.selectors
            or set(disable.selectors) <= set(other.selectors)
        ):
            return other.span.line
    return max(line_count, 1)
