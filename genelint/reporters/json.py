"""The JSON report, as described by schemas/report.schema.json."""

from __future__ import annotations

import json
import re

from genelint import __version__
from genelint.findings import Finding
from genelint.reporters import RenderOptions, Report, shown_message

REPORT_VERSION = 1
# json.dumps escapes C0 controls but, keeping non-ASCII text readable, writes DEL and the C1
# controls (0x9b is an 8-bit CSI) as they are; they can only occur inside strings.
_C1 = re.compile("[\x7f-\x9f]")


def render_json(report: Report, statistics: bool = False) -> str:
    summary = report.summary()
    if statistics:  # --statistics: the counts per rule join the summary
        summary["statistics"] = [rule.to_json() for rule in report.statistics()]
    document = {
        "version": REPORT_VERSION,
        "tool": {"name": "genelint", "version": __version__},
        "findings": [_finding(f) for f in report.findings],
        "summary": summary,
    }
    if report.facts is not None:
        document["facts"] = report.facts
    return dump(document)


def dump(document) -> str:
    """JSON as genelint writes it: indented, readable non-ASCII, every control character escaped."""
    text = json.dumps(document, indent=2, ensure_ascii=False)
    return _C1.sub(lambda m: f"\\u{ord(m.group()):04x}", text) + "\n"


def _finding(finding: Finding) -> dict:
    data = finding.to_json()
    data["message"] = shown_message(data["message"])
    return data


def render(report: Report, options: RenderOptions) -> str:
    return render_json(report, statistics=options.statistics)
