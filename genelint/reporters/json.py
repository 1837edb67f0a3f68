"""The JSON report, as described by schemas/report.schema.json."""

from __future__ import annotations

import json

from genelint import __version__
from genelint.findings import Finding
from genelint.reporters import Report, shown_message

REPORT_VERSION = 1


def render_json(report: Report) -> str:
    document = {
        "version": REPORT_VERSION,
        "tool": {"name": "genelint", "version": __version__},
        "findings": [_finding(f) for f in report.findings],
        "summary": report.summary(),
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def _finding(finding: Finding) -> dict:
    data = finding.to_json()
    data["message"] = shown_message(data["message"])
    return data
