"""Checking an open page's text with the CLI's engine, and the findings as LSP diagnostics.

Corpus rules (GL901-GL903) see the workspace folder's pages: their facts are read once with
the result cache (genelint.cache), as `genelint check` reads them, and open pages take part
with the text in the editor instead of the one on disk.
"""

from __future__ import annotations

import os
import traceback
from collections.abc import Sequence
from dataclasses import dataclass, field

from lsprotocol import types

from genelint.engine import FileResult, Linter
from genelint.files import is_template, text_looks_like_gene_page
from genelint.findings import Finding, Severity
from genelint.parser import parse_bytes
from genelint.reporters.sarif import rule_help_uri
from genelint.rule import CorpusRule
from genelint.server.positions import PageText
from genelint.server.profiles import NOT_LOOKED_UP, Profile

SOURCE = "genelint"
SEVERITIES = {
    Severity.ERROR: types.DiagnosticSeverity.Error,
    Severity.WARNING: types.DiagnosticSeverity.Warning,
    Severity.INFO: types.DiagnosticSeverity.Information,
}


@dataclass
class Checked:
    """One check of one version of a page: its findings, and each finding's diagnostic."""

    page: PageText
    findings: list[Finding]
    diagnostics: list[types.Diagnostic] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)  # internal errors (a crashed rule)
    lookups: list = field(default_factory=list)  # what the network rules want answered
    # Where a suppression comment cannot go on the line above a finding (genelint lines).
    front_matter_end: int = 0  # the front matter's closing line, 0 when none
    tables: list[tuple[int, int]] = field(default_factory=list)  # first and last line of each table
    line_count: int = 0


class Corpus:
    """The facts corpus rules collect, of every page in the workspace folders."""

    def __init__(self) -> None:
        self.facts: dict[str, dict] = {}  # absolute path -> rule code -> facts
        self.folders: list[str] = []

    def read(self, profile: Profile) -> None:
        """Collect the facts of every page in the folders, through the result cache."""
        from genelint.cache import ResultCache
        from genelint.files import select_files

        if not self.folders or not any(
            issubclass(rule, CorpusRule) for rule in profile.typing.rules
        ):
            return
        try:
            paths = [os.path.abspath(p) for p in select_files(self.folders, profile.settings).files]
        except Exception:  # a folder gone since: no corpus facts, never a dead server
            return
        cache = ResultCache.for_settings(profile.settings)
        reader = Linter(profile.settings, profile.registry, offline=True, result_cache=cache)
        try:
            run = reader.run(paths)
        finally:
            cache.close()
        self.facts = {result.path: dict(result.facts) for result in run.files if result.facts}

    def others(self, path: str, open_results: dict[str, FileResult]) -> list[FileResult]:
        """Every other page's facts: open pages as in the editor, the rest as on disk."""
        others = {p: FileResult(p, facts=facts) for p, facts in self.facts.items() if p != path}
        others.update(
            {p: FileResult(p, facts=r.facts) for p, r in open_results.items() if p != path}
        )
        return list(others.values())


def is_checked(text: str, path: str, settings) -> bool:
    """Whether `genelint check` would check this file: not excluded, included, and (unless
    `include` names the pages) a gene page by its content, so a README gets no findings."""
    if settings.is_excluded(path) or not settings.is_included(path):
        return False
    if settings.include:
        return True
    return not is_template(path, settings) and text_looks_like_gene_page(text, settings, path)


def check_text(
    text: str, path: str, profile: Profile, linter: Linter, others: Sequence[FileResult] = ()
) -> tuple[Checked, FileResult]:
    """Check one version of a page; a crash anywhere is an internal error, never the server's end."""
    page = PageText(text)
    if not is_checked(text, path, profile.settings):
        return Checked(page, []), FileResult(path)
    try:
        doc = parse_bytes(page.raw, path, profile.settings.parser_options())
        result = linter.check_document(doc)
        lookups = list(result.lookups)
        own = FileResult(path, facts=dict(result.facts))
        run = linter.finish([result, *others])
        findings = [
            f for f in run.findings if f.path == path and f.data.get("reason") != NOT_LOOKED_UP
        ]
        checked = Checked(
            page,
            findings,
            errors=run.internal_errors,
            lookups=lookups,
            line_count=doc.lines.line_count,
        )
        if doc.front_matter.span is not None:
            checked.front_matter_end = doc.front_matter.span.end_line
        if doc.mutation_table is not None:
            checked.tables.append((doc.mutation_table.span.line, doc.mutation_table.span.end_line))
    except Exception:
        return Checked(
            page, [], errors=[f"{path}: checking failed:\n{traceback.format_exc()}"]
        ), FileResult(path)
    checked.diagnostics = [diagnostic(page, finding, profile) for finding in findings]
    return checked, own


def diagnostic(page: PageText, finding: Finding, profile: Profile) -> types.Diagnostic:
    rule = profile.registry.get(finding.code)
    href = rule_help_uri(rule) if rule is not None else None
    return types.Diagnostic(
        range=page.range(finding.line, finding.column, finding.end_line, finding.end_column),
        severity=SEVERITIES[finding.severity],
        code=finding.code,
        code_description=types.CodeDescription(href=href) if href else None,
        source=SOURCE,
        message=f"{finding.message} ({finding.name})",
        data={"code": finding.code},
    )
