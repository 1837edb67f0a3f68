"""SARIF 2.1.0, as GitHub code scanning ingests it (`github/codeql-action/upload-sarif`).

One run: the driver lists the rules that fired, each with its documentation; each result
points at its file relative to the repository root (%SRCROOT%), carries a fingerprint that
survives unrelated edits, and a fix when the finding has one; the invocation says whether
the run succeeded and lists unreadable files and internal errors as notifications.
"""

from __future__ import annotations

import os
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from typing import Any
from urllib.parse import quote

from genelint import __version__
from genelint.docs import documentation_markdown
from genelint.findings import Finding, Severity
from genelint.parser.problems import UNREADABLE_FILE
from genelint.reporters import RenderOptions, Report, shown_message
from genelint.reporters.json import dump

SCHEMA = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)
SRCROOT = "%SRCROOT%"
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
# genelint.fingerprint's value under a versioned key: a new way of fingerprinting gets a new
# key, so code scanning does not match old alerts to new results by accident.
FINGERPRINT_KEY = "genelint/v2"  # v1 hashed the whole message


def render(report: Report, options: RenderOptions) -> str:
    return dump(sarif_log(report))


def sarif_log(report: Report) -> dict:
    fired = sorted({f.code: f for f in report.findings}.values(), key=lambda f: f.code)
    rule_index = {f.code: i for i, f in enumerate(fired)}
    run = {
        "tool": {"driver": _driver([_rule(report.rules.get(f.code), f) for f in fired])},
        "invocations": [_invocation(report)],
        "originalUriBaseIds": {SRCROOT: {"uri": Path(report.root or ".").resolve().as_uri() + "/"}},
        "columnKind": "unicodeCodePoints",  # genelint counts columns in code points
        "results": [
            _result(report, f, rule_index[f.code], fingerprint)
            for f, fingerprint in zip(report.findings, report.fingerprints)
        ],
    }
    return {"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}


def _driver(rules: list[dict]) -> dict:
    driver: dict[str, Any] = {
        "name": "genelint",
        "version": __version__,
        "semanticVersion": __version__,
    }
    if _urls().get("homepage"):
        driver["informationUri"] = _urls()["homepage"]
    driver["rules"] = rules
    return driver


def _rule(rule, finding: Finding) -> dict:
    """The rule's entry; a finding whose rule genelint no longer knows gets its code and name."""
    if rule is None:
        return {
            "id": finding.code,
            "name": finding.name,
            "shortDescription": {"text": finding.name},
        }
    documentation = rule.documentation()
    entry = {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary() or rule.name},
        "fullDescription": {"text": _description(documentation) or rule.summary() or rule.name},
        "help": {
            "text": documentation or rule.name,
            "markdown": documentation_markdown(rule) or rule.name,
        },
        "defaultConfiguration": {"level": LEVELS[rule.severity]},
        "properties": {"tags": [rule.family, *sorted(rule.needs - {rule.family})]},
    }
    help_uri = rule_help_uri(rule)
    if help_uri:
        entry["helpUri"] = help_uri
    return entry


def rule_help_uri(rule) -> str | None:
    """The rule's section of the rule reference (docs/rules.md), which has the built-in rules only."""
    reference = _urls().get("rule reference")
    if reference and rule.__module__.startswith("genelint.rules."):
        return f"{reference}#{rule.code.lower()}"
    return None


def _description(documentation: str) -> str:
    """What the rule checks: the docstring's prose before its reasons and examples."""
    prose = []
    for paragraph in documentation.split("\n\n"):
        if paragraph.startswith(("Why:", "Bad", "Good")):
            break
        prose.append(" ".join(paragraph.split()))
    return "\n\n".join(prose)


def _result(report: Report, finding: Finding, index: int, fingerprint: str) -> dict:
    location = _artifact(report, finding.path)
    result = {
        "ruleId": finding.code,
        "ruleIndex": index,
        "level": LEVELS[finding.severity],
        "message": {"text": shown_message(finding.message)},
        "locations": [
            {"physicalLocation": {"artifactLocation": location, "region": _region(finding)}}
        ],
        "partialFingerprints": {FINGERPRINT_KEY: fingerprint},
    }
    if finding.fix is not None and finding.fix.edits:
        result["fixes"] = [
            {
                "description": {"text": finding.fix.description or f"fix {finding.code}"},
                "artifactChanges": [
                    {
                        "artifactLocation": location,
                        "replacements": [
                            {
                                "deletedRegion": {
                                    "byteOffset": edit.start,
                                    "byteLength": edit.end - edit.start,
                                },
                                "insertedContent": {"text": edit.content},
                            }
                            for edit in finding.fix.edits
                        ],
                    }
                ],
                "properties": {"applicability": finding.fix.applicability},
            }
        ]
    return result


def _region(finding: Finding) -> dict:
    end_line = max(finding.end_line, finding.line)
    end_column = (
        finding.end_column if end_line > finding.line else max(finding.end_column, finding.column)
    )
    return {
        "startLine": finding.line,
        "startColumn": finding.column,
        "endLine": end_line,
        "endColumn": end_column,
    }


def _artifact(report: Report, path: str) -> dict:
    """Relative to %SRCROOT% (what code scanning resolves against the checkout), or an
    absolute file URI for a page outside the repository."""
    relative = report.relative_path(path)
    if relative is None:
        return {"uri": Path(path).resolve().as_uri()}
    # the name's own bytes, percent-encoded: a name that is not UTF-8 is still that file
    return {"uri": quote(os.fsencode(relative), safe="/"), "uriBaseId": SRCROOT}


def _invocation(report: Report) -> dict:
    notifications = [
        {
            "level": "warning",
            "message": {"text": f"{f.path}: {shown_message(f.message)}"},
            "descriptor": {"id": UNREADABLE_FILE},
            "locations": [{"physicalLocation": {"artifactLocation": _artifact(report, f.path)}}],
        }
        for f in report.findings
        if f.code == UNREADABLE_FILE
    ]
    notifications += [
        {
            "level": "error",
            "message": {"text": shown_message(error)},
            "descriptor": {"id": "internal-error"},
        }
        for error in report.internal_errors
    ]
    if report.interrupted:
        notifications.append(
            {
                "level": "error",
                "descriptor": {"id": "interrupted"},
                "message": {
                    "text": "interrupted during the lookups: the results are what was found so far"
                },
            }
        )
    invocation: dict[str, Any] = {
        "executionSuccessful": not (report.internal_errors or report.interrupted)
    }
    if notifications:
        invocation["toolExecutionNotifications"] = notifications
    return invocation


@lru_cache(maxsize=1)
def _urls() -> dict[str, str]:
    """[project.urls] of the installed package, by lower-case label."""
    try:
        entries = metadata.metadata("genelint").get_all("Project-URL") or []
    except metadata.PackageNotFoundError:
        return {}
    return {
        label.strip().lower(): url.strip()
        for label, _, url in (entry.partition(",") for entry in entries)
    }
