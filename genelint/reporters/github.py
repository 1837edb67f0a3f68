"""GitHub Actions: workflow-command annotations, and the Markdown of the step summary.

An annotation is one line, `::warning file=…,line=…,col=…,endLine=…,endColumn=…,title=GL302
hgvs-legacy-notation::message`, which the runner turns into a note on the pull request's
diff. A message or file name is page text: it is escaped as GitHub's runner unescapes
(`%`, CR and LF; also `:` and `,` in properties), after control characters are written out,
so no page can end the line and issue a workflow command of its own.
"""

from __future__ import annotations

import dataclasses
import re
from urllib.parse import quote

from genelint.findings import Finding, Severity
from genelint.reporters import PULL_REQUEST_HEAD, RenderOptions, Report, shown_message
from genelint.reporters.text import printable, statistics_lines, summary_line
from genelint.reporters.unverified import UnverifiedGroup, fold

COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}
# GitHub shows this many annotations of each level per step, and drops the rest.
ANNOTATIONS_SHOWN = 10
# Findings listed in the step summary; past them, a note says how many were left out.
SUMMARY_ROWS = 200


def render(report: Report, options: RenderOptions) -> str:
    if options.quiet:
        lines = []
    elif options.statistics:
        lines = statistics_lines(report)
    else:
        # Lookups that could not be verified are said once per service and reason, as the
        # text report says them: one notice per lookup would fill the step's ten notices
        # (and, with a service down, the log) with the same sentence.
        problems, unverified = fold(report.findings)
        lines = [annotation(report, finding) for finding in problems]
        lines += [unverified_annotation(group) for group in unverified]
    lines.append(summary_line(report))
    return "\n".join(lines) + "\n"


def unverified_annotation(group: UnverifiedGroup) -> str:
    """A notice of the run, at no file: `eutils unreachable (…): 9 rsID lookups not verified`."""
    title = _escape_property(f"{group.findings[0].code} {group.findings[0].name}")
    return f"::{COMMANDS[Severity.INFO]} title={title}::{_escape_data(shown_message(group.sentence()))}"


def annotation(report: Report, finding: Finding) -> str:
    properties = {
        "file": _shown_path(report, finding.path),
        "line": finding.line,
        "col": finding.column,
        "endLine": max(finding.end_line, finding.line),
        "endColumn": finding.end_column,
        "title": f"{finding.code} {finding.name}",
    }
    listed = ",".join(f"{key}={_escape_property(str(value))}" for key, value in properties.items())
    return (
        f"::{COMMANDS[finding.severity]} {listed}::{_escape_data(shown_message(finding.message))}"
    )


def _shown_path(report: Report, path: str) -> str:
    """Relative to the repository root, as the runner resolves it against the checkout."""
    return report.relative_path(path) or path


def _escape_data(text: str) -> str:
    return printable(text).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


# --- the step summary ----------------------------------------------------------------------


def step_summary(report: Report) -> str:
    """Markdown for GITHUB_STEP_SUMMARY: the summary, counts by severity and by rule, then the
    findings as a table (file:line linked to the commit when the run's repository is known)."""
    lines = ["## genelint", "", f"**{markdown_text(summary_line(report))}**", ""]
    # The problems are counted and listed; lookups that could not be verified are said once
    # per service and reason below them, so that they never take the listed problems' rows.
    problems, unverified = fold(report.findings)
    if problems:
        shown = dataclasses.replace(report, findings=problems)
        lines += ["| severity | findings |", "|---|---:|"]
        lines += [f"| {severity} | {n} |" for severity, n in shown.counts.items() if n]
        lines += ["", "| rule | findings |", "|---|---:|"]
        lines += [
            f"| {rule.code} {markdown_text(rule.name)} | {rule.count} |"
            for rule in shown.statistics()
        ]
        lines += ["", "| file | rule | severity | message |", "|---|---|---|---|"]
        lines += [_row(report, finding) for finding in problems[:SUMMARY_ROWS]]
        left_out = len(problems) - SUMMARY_ROWS
        if left_out > 0:
            lines += ["", f"{left_out} more findings are not listed here."]
    if unverified:
        lines += ["", "Lookups that could not be verified:", ""]
        lines += [f"- {markdown_text(group.sentence())}" for group in unverified]
    if problems:
        lines += ["", _annotation_note(problems, len(unverified))]
    return "\n".join(lines).rstrip("\n") + "\n\n"


def _annotation_note(problems: list[Finding], unverified_notices: int) -> str:
    annotations = {
        severity: sum(1 for f in problems if f.severity == severity) for severity in COMMANDS
    }
    annotations[Severity.INFO] += unverified_notices
    over = [
        level for severity, level in COMMANDS.items() if annotations[severity] > ANNOTATIONS_SHOWN
    ]
    note = (
        f"GitHub shows only the first {ANNOTATIONS_SHOWN} annotations of each level (error, warning, notice) "
        "per step on the pull request"
    )
    if over:
        note += f"; this run had more {' and '.join(over)} findings than that"
    return (
        f"> {note}. To see every finding on the pull request, upload the SARIF report "
        "(`genelint check --format sarif --output genelint.sarif`) with `github/codeql-action/upload-sarif`."
    )


def _row(report: Report, finding: Finding) -> str:
    where = markdown_text(f"{_shown_path(report, finding.path)}:{finding.line}")
    url = _source_url(report, finding)
    if url:
        where = f"[{where}]({url})"
    return (
        f"| {where} | {finding.code} {markdown_text(finding.name)} | {finding.severity} "
        f"| {markdown_text(shown_message(finding.message))} |"
    )


def _source_url(report: Report, finding: Finding) -> str | None:
    """The line on GitHub at the commit checked, when the run says which (GITHUB_SERVER_URL,
    GITHUB_REPOSITORY, and the pull request's head commit or else GITHUB_SHA) and the page
    lies inside the repository."""
    env = report.environ
    server, repository = (
        env.get(k, "").strip() for k in ("GITHUB_SERVER_URL", "GITHUB_REPOSITORY")
    )
    sha = (env.get(PULL_REQUEST_HEAD) or env.get("GITHUB_SHA", "")).strip()
    relative = report.relative_path(finding.path)
    if not (server.startswith(("https://", "http://")) and repository and sha and relative):
        return None
    return (
        f"{server.rstrip('/')}/{quote(repository, safe='/')}/blob/{quote(sha, safe='')}/"
        f"{quote(relative, safe='/')}#L{finding.line}"
    )


# CommonMark lets any ASCII punctuation be backslash-escaped; only what could start markup in
# the summary's inline text is: emphasis, code, links and images, raw HTML and entities, table
# cells, strikethrough, math, mentions and issue references; and the autolinks GFM makes of
# bare URLs (`https\://`, `www\.`) and e-mail addresses (`\@`). The rest of a message
# (parentheses, dots, dashes, quotes) stays as it reads, in the summary file as on the page.
# An underscore inside a word (`reviewed_by`) starts no emphasis.
_MARKUP = re.compile(
    r"[\\`*\[\]<>&|~$!#@]|(?<![A-Za-z0-9])_|_(?![A-Za-z0-9])|(?<=[A-Za-z]):(?=//)|(?<=\bwww)\.",
    re.IGNORECASE,
)


def markdown_text(text: str) -> str:
    """Text shown as itself in GitHub Markdown, on one line."""
    return _MARKUP.sub(lambda m: "\\" + m.group(0), printable(text))
