"""JUnit XML, for CI systems that show test results (GitLab, Jenkins, Azure, CircleCI).

One test suite per run and one test case per file checked: a file passes when it has no
finding at or above fail-on; each such finding is a <failure> of its case, and the findings
below fail-on are listed in the case's <system-out>, so they are seen without failing it.
An internal error is an <error> of the file it happened on (or of a case for the run).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from genelint import __version__
from genelint.findings import Finding
from genelint.reporters import RenderOptions, Report, shown_message
from genelint.reporters.text import format_finding, printable

RUN_CASE = "genelint run"
# Characters XML 1.0 cannot carry even as references; printable() has written out the controls.
_NOT_XML = re.compile("[\ud800-\udfff\ufffe\uffff]")


def render(report: Report, options: RenderOptions) -> str:
    suite = ET.Element("testsuite", name="genelint")
    ET.SubElement(
        ET.SubElement(suite, "properties"), "property", name="fail-on", value=str(report.fail_on)
    )
    cases = {path: _case(suite, report, path) for path in _paths(report)}
    below: dict[str, list[str]] = {}
    failing = set()
    for finding in report.findings:
        if finding.severity >= report.fail_on:
            failure = ET.SubElement(
                cases[finding.path],
                "failure",
                type=finding.code,
                message=_xml(shown_message(finding.message)),
            )
            failure.text = _xml(_finding_line(report, finding))
            failing.add(finding.path)
        else:
            below.setdefault(finding.path, []).append(_xml(_finding_line(report, finding)))
    for path, lines in below.items():
        ET.SubElement(cases[path], "system-out").text = "\n".join(lines) + "\n"
    errors = _attach_errors(suite, report, cases)
    counts = {"tests": str(len(cases)), "failures": str(len(failing)), "errors": str(len(errors))}
    for key, count in counts.items():
        suite.set(key, count)
    suite.set("skipped", "0")
    root = ET.Element(
        "testsuites",
        name=f"genelint {__version__}",
        tests=counts["tests"],
        failures=counts["failures"],
        errors=counts["errors"],
    )
    root.append(suite)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def _paths(report: Report) -> list[str]:
    """Every file checked, and any other a finding names, in run order."""
    seen = dict.fromkeys(report.files)
    seen.update(dict.fromkeys(f.path for f in report.findings))
    return list(seen)


def _case(suite: ET.Element, report: Report, path: str) -> ET.Element:
    shown = _xml(report.relative_path(path) or path)
    return ET.SubElement(suite, "testcase", classname="genelint", name=shown, file=shown)


def _finding_line(report: Report, finding: Finding) -> str:
    return format_finding(
        finding.with_(path=report.relative_path(finding.path) or finding.path), fixable=False
    )


def _attach_errors(suite: ET.Element, report: Report, cases: dict[str, ET.Element]) -> set[str]:
    """Each internal error as an <error> of the file it names first, else of a case for
    the run; returns the cases that got one."""
    erred = set()
    for error in report.internal_errors:
        path = next((p for p in cases if error.startswith(f"{p}: ")), RUN_CASE)
        if path == RUN_CASE and RUN_CASE not in cases:
            cases[RUN_CASE] = ET.SubElement(suite, "testcase", classname="genelint", name=RUN_CASE)
        first_line = error.splitlines()[0] if error else "internal error"
        traceback = "\n".join(_xml(line) for line in error.splitlines())
        ET.SubElement(
            cases[path], "error", type="internal-error", message=_xml(first_line)
        ).text = traceback
        erred.add(path)
    return erred


def _xml(text: str) -> str:
    """Page text as XML 1.0 can carry it: controls written out (\\x1b), on one line."""
    return _NOT_XML.sub(lambda m: f"\\u{ord(m.group()):04x}", printable(text))
