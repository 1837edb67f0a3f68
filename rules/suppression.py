"""Rules about the suppression comments themselves."""

from __future__ import annotations

from collections.abc import Iterator

from genelint.findings import Finding, Severity
from genelint.rule import Context, Rule
from genelint.suppress import Suppressions


class UnusedSuppression(Rule):
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
    """

    code = "GL011"
    name = "unused-suppression"
    family = "document"
    severity = Severity.WARNING
    phase = "suppressions"

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
