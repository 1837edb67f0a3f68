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

    @property
    def counts(self) -> dict[str, int]:
        counts = {str(s): 0 for s in sorted(Severity, reverse=True)}
        for finding in self.findings:
            counts[str(finding.severity)] += 1
        return counts

    @property
    def failed(self) -> bool:
        return any(f.severity >= self.fail_on for f in self.findings)

    def summary(self) -> dict:
        return {
            "files": self.files_checked,
            "files_with_findings": len({f.path for f in self.findings}),
            "findings": len(self.findings),
            "by_severity": self.counts,
            "fixable": sum(1 for f in self.findings if f.fix),
            "fixed": self.fixed,
            "lookups_skipped": self.lookups_skipped,
            "fail_on": str(self.fail_on),
            "failed": self.failed,
            **self.extra,  # e.g. "lookups": requests made and cache hits of the network phase
        }


FORMATS = ("text", "json")


def render(report: Report, fmt: str, color: bool = False, statistics: bool = False, quiet: bool = False) -> str:
    if fmt == "json":
        from genelint.reporters.json import render_json

        return render_json(report)
    from genelint.reporters.text import render_text

    return render_text(report, color=color, statistics=statistics, quiet=quiet)
