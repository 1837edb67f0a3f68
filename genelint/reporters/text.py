"""Human output: `path:line:col: CODE [severity] message (name)`, then one summary line."""

from __future__ import annotations

import re

from genelint.findings import Finding, Severity
from genelint.reporters import RenderOptions, Report, fix_applicability, shown_message

_COLOURS = {Severity.ERROR: "\033[31m", Severity.WARNING: "\033[33m", Severity.INFO: "\033[36m"}
_BOLD, _RESET = "\033[1m", "\033[0m"


# C0 and C1 control characters (ESC, CR, the 8-bit CSI…): a page's text repeated in a
# message must not move the cursor, recolour or rewrite a terminal or a CI log.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def printable(text: str) -> str:
    """`text` with each control character written as an escape (`\x1b`), one line."""
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


def format_finding(finding: Finding, color: bool = False, fixable: bool | None = None) -> str:
    """One line; `[*]` at the end when `fixable` (default: the finding has a safe fix)."""
    where = f"{printable(finding.path)}:{finding.line}:{finding.column}:"
    code = f"{finding.code} [{finding.severity}]"
    if color:
        where = f"{_BOLD}{where}{_RESET}"
        code = f"{_COLOURS[finding.severity]}{code}{_RESET}"
    if fixable is None:
        fixable = fix_applicability(finding) == "safe"
    marker = " [*]" if fixable else ""
    return f"{where} {code} {printable(shown_message(finding.message))} ({finding.name}){marker}"


def render_text(report: Report, color: bool = False, statistics: bool = False, quiet: bool = False) -> str:
    """The findings, or with `statistics` the count per rule in their place (as ruff does),
    then the summary line; with `quiet` the summary line alone."""
    if quiet:
        lines = []
    elif statistics:
        lines = statistics_lines(report)
    else:
        lines = [format_finding(f, color, report.fixable_now(f)) for f in report.findings]
    lines.append(summary_line(report))
    return "\n".join(lines) + "\n"


def statistics_lines(report: Report) -> list[str]:
    """`count  code  name`, most frequent first; `[*]` after a rule whose findings `--fix` fixes."""
    return [f"{n:6d}  {code}  {name}{' [*]' if fixable else ''}" for code, name, n, fixable in report.statistics()]


def summary_line(report: Report) -> str:
    files = _plural(report.files_checked, "file")
    baseline = report.extra.get("baseline")
    new = "new " if baseline else ""  # the others are the baseline's
    parts = []
    if report.findings:
        counts = report.counts
        detail = ", ".join(_plural(n, s) if s != "info" else f"{n} info" for s, n in counts.items() if n)
        touched = len({f.path for f in report.findings})
        parts.append(f"Found {_plural(len(report.findings), new + 'problem')} ({detail}) in {touched} of {files}.")
        parts.extend(_fixable(report))
    else:
        parts.append(f"No {new}problems in {files}.")
    if baseline:
        from genelint.baseline import summary_sentences

        parts.extend(summary_sentences(baseline))
    if report.fixed:
        parts.append(f"Fixed {_plural(report.fixed, 'problem')}.")
    if report.lookups_skipped:
        parts.append(f"{_plural(report.lookups_skipped, 'lookup')} skipped (offline).")
    return " ".join(parts)


def _fixable(report: Report) -> list[str]:
    """What `--fix` would do, in ruff's manner: unsafe fixes are counted apart unless this run
    was given --unsafe-fixes, and the hint names the options that apply them."""
    safe, unsafe = report.fixable_safe, report.fixable_unsafe
    if report.unsafe_fixes:
        return [f"{safe + unsafe} fixable with --fix --unsafe-fixes."] if safe + unsafe else []
    if safe and unsafe:
        return [f"{safe} fixable with --fix ({unsafe} more with --unsafe-fixes)."]
    if safe:
        return [f"{safe} fixable with --fix."]
    if unsafe:
        return [f"{unsafe} fixable with --fix --unsafe-fixes."]
    return []


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def render(report: Report, options: RenderOptions) -> str:
    return render_text(report, color=options.color, statistics=options.statistics, quiet=options.quiet)
