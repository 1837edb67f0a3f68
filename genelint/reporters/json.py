"""The JSON report, as described by schemas/report.schema.json."""

from __future__ import annotations

import json

from genelint import __version__
from genelint.reporters import Report

REPORT_VERSION = 1


def render_json(report: Report) -> str:
    document = {
        "version": REPORT_VERSION,
        "tool": {"name": "genelint", "version": __version__},
        "findings": [f.to_json() for f in report.findings],
        "summary": report.summary(),
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"
