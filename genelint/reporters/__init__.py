"""Reporters turn findings into text; they never run rules or touch files other than their output."""

from __future__ import annotations

import dataclasses
import importlib
import os
import re
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from genelint.findings import Finding, Severity
from genelint.fingerprint import fingerprints, numbered, read_lines
from genelint.rule import Rule


@dataclass
class Report:
    """Everything a reporter may show about one run."""

    findings: list[Finding]
    files_checked: int
    fail_on: Severity
    lookups_skipped: int = 0  # --offline: network lookups not asked
    fixed: int = 0
    extra: dict = field(default_factory=dict)
    unsafe_fixes: bool = (
        False  # the run was given --unsafe-fixes: unsafe fixes count as fixable by --fix
    )
    files: list[str] = field(default_factory=list)  # every file checked, as named or found
    rules: dict[str, type[Rule]] = field(
        default_factory=dict
    )  # code -> rule class, of every rule genelint knows
    root: str = ""  # the repository's root: machine formats give paths relative to it
    lines_of: Callable[[str], Sequence[str]] = (
        read_lines  # a page's lines, read when a format asks for them
    )
    internal_errors: list[str] = field(
        default_factory=list
    )  # rules that crashed, fixes that failed
    interrupted: bool = (
        False  # stopped (Ctrl-C) during the lookups: the findings are what was found so far
    )
    environ: dict[str, str] = field(
        default_factory=dict
    )  # the CI_ENVIRONMENT variables that are set
    facts: dict | None = (
        None  # a shard's (check --shard): what merge-reports needs, in the JSON report
    )
    # A page read and parsed again, as the run's settings parse it (None: no page can be shown);
    # the html format shows its sections and the diff each fix makes.
    document_of: Callable[[str], Any] | None = None
    lookups_verified: int = 0  # lookups a service answered (the value exists or does not)
    lookups_unverified: int = 0  # lookups asked but not answered: one or more GL010 each
    _lines: dict[str, Sequence[str]] = field(default_factory=dict, init=False, repr=False)

    def page_lines(self, path: str) -> Sequence[str]:
        """The lines of a page (none when it cannot be read), each page read once."""
        if path not in self._lines:
            self._lines[path] = self.lines_of(path)
        return self._lines[path]

    @cached_property
    def fingerprints(self) -> list[str]:
        """Each finding's fingerprint (genelint.fingerprint), numbered so that no two in
        one file are alike: what SARIF and GitLab key their results by."""
        return numbered(
            fingerprints(self.findings, self.page_lines), [f.path for f in self.findings]
        )

    def relative_path(self, path: str) -> str | None:
        """`path` relative to `root`, with / separators; None when it lies outside root."""
        full, root = Path(os.path.abspath(path)), Path(os.path.abspath(self.root or "."))
        return full.relative_to(root).as_posix() if full.is_relative_to(root) else None

    def statistics(self) -> list[RuleCount]:
        """Findings per rule, most frequent first (then by code): `--statistics`."""
        counts = Counter((f.code, f.name) for f in self.findings)
        fixable = Counter(f.code for f in self.findings if self.fixable_now(f))
        return [
            RuleCount(code, name, n, fixable[code])
            for (code, name), n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
        ]

    @property
    def counts(self) -> dict[str, int]:
        counts = {str(s): 0 for s in sorted(Severity, reverse=True)}
        for finding in self.findings:
            counts[str(finding.severity)] += 1
        return counts

    @property
    def fixable_safe(self) -> int:
        """Findings whose fix `--fix` applies."""
        return sum(1 for f in self.findings if fix_applicability(f) == "safe")

    @property
    def fixable_unsafe(self) -> int:
        """Findings whose fix only `--fix --unsafe-fixes` applies."""
        return sum(1 for f in self.findings if fix_applicability(f) == "unsafe")

    def fixable_now(self, finding: Finding) -> bool:
        """Would `--fix`, with this run's --unsafe-fixes or not, apply this finding's fix? (`[*]`)"""
        applicability = fix_applicability(finding)
        return applicability == "safe" or (applicability == "unsafe" and self.unsafe_fixes)

    @property
    def failed(self) -> bool:
        return any(f.severity >= self.fail_on for f in self.findings)

    def summary(self) -> dict:
        return {
            "files": self.files_checked,
            "files_with_findings": len({f.path for f in self.findings}),
            "findings": len(self.findings),
            "by_severity": self.counts,
            "fixable": self.fixable_safe,
            "fixable_unsafe": self.fixable_unsafe,
            "fixed": self.fixed,
            "lookups_skipped": self.lookups_skipped,
            "lookups_verified": self.lookups_verified,
            "lookups_unverified": self.lookups_unverified,
            "fail_on": str(self.fail_on),
            "failed": self.failed,
            **self.extra,  # e.g. "lookups": requests made and cache hits of the network phase
        }


def fix_applicability(finding: Finding) -> str | None:
    """ "safe" or "unsafe" for a finding with a fix that changes something, else None."""
    if finding.fix is None or not finding.fix.edits:
        return None
    return "safe" if finding.fix.applicability == "safe" else "unsafe"


# A message repeats values from the page, which may be of any length (a 500 KB table cell);
# the reports show at most this many characters of it: its beginning and its end, which
# says what is wrong, around a note of how much was left out. Findings keep the whole message.
MAX_MESSAGE = 500
_HEAD, _TAIL = 300, 150


def shown_message(message: str) -> str:
    """The message as a report shows it: whole, or cut in the middle when over MAX_MESSAGE."""
    if len(message) <= MAX_MESSAGE:
        return message
    left_out = len(message) - _HEAD - _TAIL
    return f"{message[:_HEAD]} … [{left_out} characters left out] … {message[-_TAIL:]}"


# What a format may read of the environment, and nothing more (no token reaches a report).
CI_ENVIRONMENT = ("GITHUB_SERVER_URL", "GITHUB_REPOSITORY", "GITHUB_SHA")
# On a pull request's run GITHUB_SHA is the merge commit GitHub made for that run, which no
# branch keeps (a link to it breaks once the pull request moves on); the event's payload
# (GITHUB_EVENT_PATH) names the pull request's head commit, kept in Report.environ under this key.
PULL_REQUEST_EVENTS = ("pull_request", "pull_request_target")
PULL_REQUEST_HEAD = "pull_request.head.sha"
_EVENT_LIMIT = 16 << 20  # bytes of the payload read: a pull request's text is in it
_COMMIT = re.compile(r"[0-9a-f]{40}|[0-9a-f]{64}")


def ci_environment(environ: Mapping[str, str] | None = None) -> dict[str, str]:
    """CI_ENVIRONMENT's variables that are set, and on a pull request's run its head commit."""
    environ = os.environ if environ is None else environ
    found = {key: environ[key] for key in CI_ENVIRONMENT if key in environ}
    if environ.get("GITHUB_EVENT_NAME") in PULL_REQUEST_EVENTS and environ.get("GITHUB_EVENT_PATH"):
        head = _pull_request_head(environ["GITHUB_EVENT_PATH"])
        if head:
            found[PULL_REQUEST_HEAD] = head
    return found


def _pull_request_head(event_path: str) -> str | None:
    """pull_request.head.sha of an event payload; None when it cannot be read or has none."""
    import json  # here: in this package's namespace `json` is the reporter module

    from genelint.files import read_regular

    try:
        event = json.loads(read_regular(event_path, _EVENT_LIMIT))
        sha = event["pull_request"]["head"]["sha"]
    except (OSError, ValueError, LookupError, TypeError):
        return None
    return sha if isinstance(sha, str) and _COMMIT.fullmatch(sha) else None


@dataclass(frozen=True)
class RuleCount:
    code: str
    name: str
    count: int
    fixable: int  # of them, how many `--fix` (with this run's --unsafe-fixes) would fix

    def to_json(self) -> dict[str, Any]:
        return dataclasses.asdict(self)


@dataclass(frozen=True)
class RenderOptions:
    color: bool = False  # ANSI colour (text on a terminal only)
    statistics: bool = (
        False  # --statistics: counts per rule (in place of the findings, for console formats)
    )
    quiet: bool = False  # --quiet: console formats print only the summary line


@dataclass(frozen=True)
class Format:
    """A report format `--format` offers. Its module is imported only when the format is
    used, and renders the whole report with `render(report: Report, options: RenderOptions) -> str`."""

    name: str
    module: str
    help: str
    # Lines for a console or CI log (text, github), thinned by --quiet and --statistics, or a
    # whole document for tools (json, sarif, …), which those options never cut short.
    console: bool = False


# Every format, in the order `--help` lists them. A format is added here, in one line.
FORMATS: dict[str, Format] = {
    fmt.name: fmt
    for fmt in (
        Format(
            "text", "genelint.reporters.text", "one line per finding, then a summary", console=True
        ),
        Format(
            "json", "genelint.reporters.json", "genelint's JSON report (schemas/report.schema.json)"
        ),
        Format(
            "sarif",
            "genelint.reporters.sarif",
            "SARIF 2.1.0, for GitHub code scanning and other SARIF viewers",
        ),
        Format(
            "github",
            "genelint.reporters.github",
            "GitHub Actions annotations, and a step summary in GITHUB_STEP_SUMMARY",
            console=True,
        ),
        Format(
            "gitlab",
            "genelint.reporters.gitlab",
            "GitLab Code Quality report (artifacts: reports: codequality)",
        ),
        Format(
            "junit",
            "genelint.reporters.junit",
            "JUnit XML: a test case per file, a failure per finding at or above fail-on",
        ),
        Format(
            "html",
            "genelint.reporters.html",
            "one self-contained page for a browser (use with --output report.html)",
        ),
    )
}


def renderer(fmt: str) -> Callable[[Report, RenderOptions], str]:
    return importlib.import_module(FORMATS[fmt].module).render


def render(
    report: Report, fmt: str, color: bool = False, statistics: bool = False, quiet: bool = False
) -> str:
    return renderer(fmt)(report, RenderOptions(color=color, statistics=statistics, quiet=quiet))


# A CI job's checkout, where its flag variable says the job runs there: code scanning (the
# SARIF upload) and Code Quality resolve a report's paths against it.
CI_CHECKOUTS = (("GITHUB_ACTIONS", "GITHUB_WORKSPACE"), ("GITLAB_CI", "CI_PROJECT_DIR"))


def find_repository_root(start: str = ".", environ: Mapping[str, str] | None = None) -> str:
    """The folder a report's paths are relative to, for pages at `start` (the first path
    checked): the CI job's checkout when `start` lies inside it (a submodule's pages too), else
    the repository holding `start` (config.repository_root), whatever folder genelint was
    started from; outside any repository, the current folder."""
    from genelint.config import repository_root

    environ = os.environ if environ is None else environ
    where = Path(os.path.abspath(start))
    for flag, variable in CI_CHECKOUTS:
        checkout = environ.get(variable, "")
        if environ.get(flag) == "true" and checkout:
            checkout = os.path.abspath(checkout)
            if where.is_relative_to(checkout):
                return checkout
    found = repository_root(start)
    return found if os.path.lexists(os.path.join(found, ".git")) else repository_root(".")
