"""Rules about the suppression comments themselves."""

from __future__ import annotations

from typing import Iterator

from genelint.findings import Finding, Severity
from genelint.rule import Context, Rule
from genelint.suppress import Suppressions


class UnusedSuppression(Rule):
    """A `genelint-disable` comment suppresses nothing, or names no rule.

    Why: a stale suppression hides the next real problem at that place; remove
    it once the problem it silenced is fixed. Comments that only name rules not
    selected in this run are left alone (they may be used by another run). A
    comment naming no rule genelint knows (`GL999`, a misspelt name; codes are
    written in capitals) suppresses nothing while looking as if it did.

    Bad:  `<!-- genelint-disable-next-line GL304 -->` above a correct rsID.
          `<!-- genelint-disable alias-unknwn -->`
    Good: no comment, or one above the line it is needed for.
    """

    code = "GL011"
    name = "unused-suppression"
    family = "document"
    severity = Severity.WARNING
    phase = "suppressions"

    def check_suppressions(self, suppressions: Suppressions, ctx: Context) -> Iterator[Finding]:
        for directive in suppressions.directives:
            unknown = [s for s in directive.selectors if not _names_a_rule(s, ctx.registered)]
            if unknown:
                yield self.finding(directive.span, f"genelint-{directive.kind} names no rule: {', '.join(unknown)} "
                                                   f"(rule codes are like GL302, names like hgvs-legacy-notation)")
        for directive in suppressions.unused():
            named = directive.selectors
            if named and not any(s in (code, name) or code.startswith(s) for s in named for code, name in ctx.enabled.items()):
                continue
            what = ", ".join(named) if named else "all rules"
            yield self.finding(directive.span, f"genelint-{directive.kind} ({what}) suppresses nothing")


def _names_a_rule(selector: str, registered: dict) -> bool:
    """A code, a code prefix (GL3) or a name of some registered rule."""
    return any(selector in (code, name) or code.startswith(selector) for code, name in registered.items())
