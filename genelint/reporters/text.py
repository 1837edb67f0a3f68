"""Human output: `path:line:col: CODE [severity] message (name)`, then one line per service
and reason for the lookups that could not be verified, then one summary line."""

from __future__ import annotations

import re
from collections import Counter

from genelint.findings import Finding, Severity
from genelint.reporters import RenderOptions, Report, fix_applicability, shown_message
from genelint.reporters.unverified import fold

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


def render_text(
    report: Report, color: bool = False, statistics: bool = False, quiet: bool = False
) -> str:
    """The findings, or with `statistics` the count per rule in their place (as ruff does),
    then the summary line; with `quiet` the summary line alone."""
    if quiet:
        lines = []
    elif statistics:
        lines = statistics_lines(report)
    else:
        problems, unverified = fold(report.findings)
        lines = [format_finding(f, color, report.fixable_now(f)) for f in problems]
        lines.extend(_unverified_line(group.sentence(), color) for group in unverified)
    lines.append(summary_line(report))
    return "\n".join(lines) + "\n"


def statistics_lines(report: Report) -> list[str]:
    """`count  code  name`, most frequent first; `[*]` after a rule whose findings `--fix` fixes."""
    return [
        f"{rule.count:6d}  {rule.code}  {rule.name}{' [*]' if rule.fixable else ''}"
        for rule in report.statistics()
    ]


def _unverified_line(sentence: str, color: bool) -> str:
    code = f"GL010 [{Severity.INFO}]"
    if color:
        code = f"{_COLOURS[Severity.INFO]}{code}{_RESET}"
    return f"{code} {printable(shown_message(sentence))}"


def summary_line(report: Report) -> str:
    files = _plural(report.files_checked, "file")
    baseline = report.extra.get("baseline")
    new = "new " if baseline else ""  # the others are the baseline's
    parts = []
    problems, _ = fold(
        report.findings
    )  # an unverified lookup is counted as a lookup, not a problem
    if problems:
        # Counted by member, named once each: a severity's name is a property of its enum.
        by_severity = Counter(finding.severity for finding in problems)
        counts = {str(s): by_severity[s] for s in sorted(Severity, reverse=True)}
        detail = ", ".join(
            _plural(n, s) if s != "info" else f"{n} info" for s, n in counts.items() if n
        )
        touched = len({f.path for f in problems})
        parts.append(
            f"Found {_plural(len(problems), new + 'problem')} ({detail}) in {touched} of {files}."
        )
        parts.extend(_fixable(report))
    else:
        parts.append(f"No {new}problems in {files}.")
    if report.extra.get("skipped"):
        from genelint.files import skipped_sentences

        parts.extend(printable(sentence) for sentence in skipped_sentences(report.extra["skipped"]))
    if baseline:
        from genelint.baseline import summary_sentences

        parts.extend(summary_sentences(baseline))
    if report.fixed:
        parts.append(f"Fixed {_plural(report.fixed, 'problem')}.")
    parts.extend(lookup_sentences(report))
    return " ".join(parts)


def lookup_sentences(report: Report) -> list[str]:
    """What became of the lookups: verified, not verified (GL010), skipped (--offline)."""
    verified, unverified = report.lookups_verified, report.lookups_unverified
    sentences = []
    if unverified and not verified:
        sentences.append(
            f"Nothing could be verified: {_plural(unverified, 'lookup')} not verified."
        )
    elif unverified:
        sentences.append(
            f"{_plural(verified + unverified, 'lookup')}: {verified} verified, {unverified} not verified."
        )
    elif verified:
        sentences.append(f"{_plural(verified, 'lookup')} verified.")
    if report.lookups_skipped:
        sentences.append(f"{_plural(report.lookups_skipped, 'lookup')} skipped (offline).")
    return sentences


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
    return render_text(
        report, color=options.color, statistics=options.statistics, quiet=options.quiet
    )
