"""GitLab Code Quality: the report a CI job declares as `artifacts: reports: codequality`.

GitLab compares the issues of a merge request's pipeline with those of its target branch by
`fingerprint`, so each is genelint's fingerprint (stable while unrelated lines move) bound
to the page's path: one value per issue, the same value for the same issue in both.
"""

from __future__ import annotations

import hashlib

from genelint.findings import Finding, Severity
from genelint.parser.problems import UNREADABLE_FILE
from genelint.reporters import RenderOptions, Report, shown_message
from genelint.reporters.json import dump

# GitLab's scale is info, minor, major, critical, blocker. A page that could not be read at
# all (GL001) had no check done: critical; a finding at error level is major.
SEVERITIES = {Severity.INFO: "info", Severity.WARNING: "minor", Severity.ERROR: "major"}


def render(report: Report, options: RenderOptions) -> str:
    return dump(
        [
            _issue(report, finding, fingerprint)
            for finding, fingerprint in zip(report.findings, report.fingerprints)
        ]
    )


def _issue(report: Report, finding: Finding, fingerprint: str) -> dict:
    path = report.relative_path(finding.path) or finding.path
    return {
        "description": shown_message(finding.message),
        "check_name": finding.code,
        "fingerprint": hashlib.sha256(
            f"{path}\0{fingerprint}".encode("utf-8", "surrogatepass")
        ).hexdigest()[:32],
        "severity": "critical" if finding.code == UNREADABLE_FILE else SEVERITIES[finding.severity],
        "location": {
            "path": path,
            "lines": {"begin": finding.line, "end": max(finding.end_line, finding.line)},
        },
    }
