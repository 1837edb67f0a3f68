"""Reporters turn findings into text; they never run rules or touch files other than their output."""

from __future__ import annotations

from dataclasses import dataclass, field

from genelint.findings import Finding, Severity


@dataclass
class Report:
    """Everything a reporter may show about one run."""

    findings: list[Finding]
    files_checked: int
    fail_on: Severity
    lookups_skipped: int = 0
    fixed: int = 0
    extra: dict = field(default_factory=dict)
    unsafe_fixes: bool = False  # the run was given --unsafe-fixes: unsafe fixes count as fixable by --fix

    @property
    def counts(self) -> dict[str, int]:
        counts = {str(s): 0 for s in sorted(Severity, reverse=True)}
        for finding in self.findings:
            counts[str(finding.severity)] += 1
        return counts

    @property
    def fixable_safe(self) -> int:
        """Findings whose fix `--fix` applies."""
        return sum(1 for f in self.findings if fix_applicability(f) == "safe")

    @property
    def fixable_unsafe(self) -> int:
        """Findings whose fix only `--fix --unsafe-fixes` applies."""
        return sum(1 for f in self.findings if fix_applicability(f) == "unsafe")

    def fixable_now(self, finding: Finding) -> bool:
        """Would `--fix`, with this run's --unsafe-fixes or not, apply this finding's fix? (`[*]`)"""
        applicability = fix_applicability(finding)
        return applicability == "safe" or (applicability == "unsafe" and self.unsafe_fixes)

    @property
    def failed(self) -> bool:
        return any(f.severity >= self.fail_on for f in self.findings)

    def summary(self) -> dict:
        return {
            "files": self.files_checked,
            "files_with_findings": len({f.path for f in self.findings}),
            "findings": len(self.findings),
            "by_severity": self.counts,
            "fixable": self.fixable_safe,
            "fixable_unsafe": self.fixable_unsafe,
            "fixed": self.fixed,
            "lookups_skipped": self.lookups_skipped,
            "fail_on": str(self.fail_on),
            "failed": self.failed,
            **self.extra,  # e.g. "lookups": requests made and cache hits of the network phase
        }


def fix_applicability(finding: Finding) -> str | None:
    """"safe" or "unsafe" for a finding with a fix that changes something, else None."""
    if finding.fix is None or not finding.fix.edits:
        return None
    return "safe" if finding.fix.applicability == "safe" else "unsafe"


# A message repeats values from the page, which may be of any length (a 500 KB table cell);
# the reports show at most this many characters of it: its beginning and its end, which
# says what is wrong, around a note of how much was left out. Findings keep the whole message.
MAX_MESSAGE = 500
_HEAD, _TAIL = 300, 150


def shown_message(message: str) -> str:
    """The message as a report shows it: whole, or cut in the middle when over MAX_MESSAGE."""
    if len(message) <= MAX_MESSAGE:
        return message
    left_out = len(message) - _HEAD - _TAIL
    return f"{message[:_HEAD]} … [{left_out} characters left out] … {message[-_TAIL:]}"


FORMATS = ("text", "json")


def render(report: Report, fmt: str, color: bool = False, statistics: bool = False, quiet: bool = False) -> str:
    if fmt == "json":
        from genelint.reporters.json import render_json

        return render_json(report)
    from genelint.reporters.text import render_text

    return render_text(report, color=color, statistics=statistics, quiet=quiet)
