"""Helpers for rule authors: run rules over fixture pages and compare findings.

The built-in rule tests use exactly these, as a plugin author would:

    from genelint.testing import lint_text, positions
    assert positions(lint_text(page, select=["GL302"])) == [(42, 3, "GL302")]
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from genelint.config import Settings, check_rule_options, settings_from_table
from genelint.engine import Linter
from genelint.findings import Finding
from genelint.parser import parse_bytes
from genelint.registry import Registry, load_registry
from genelint.rule import Rule


def make_linter(
    select: Iterable[str] | None = None,
    config: dict | None = None,
    rules: Iterable[type[Rule]] | None = None,
    offline: bool = True,
    answers_provider=None,
) -> Linter:
    """A Linter over the built-in rules (or `rules`), configured by a [tool.genelint]-like dict."""
    settings: Settings = settings_from_table(config or {})
    registry = Registry(rules) if rules is not None else load_registry(settings.rule_paths)
    check_rule_options(settings, registry)  # a misspelt option fails the test, as it fails a run
    if rules is not None and select is None and "select" not in (config or {}):
        # Rules handed over by class are the ones under test, whatever their code prefix
        # (a config that selects by prefix would otherwise leave a plugin's XP001 out).
        select = [rule.code for rule in registry]
    return Linter(
        settings,
        registry,
        select=list(select) if select else None,
        offline=offline,
        answers_provider=answers_provider,
    )


def lint_text(
    text: str | bytes,
    select: Iterable[str] | None = None,
    config: dict | None = None,
    path: str = "page.md",
    **kwargs,
) -> list[Finding]:
    """Findings of one page given as text, after suppressions, sorted by position."""
    raw = text.encode("utf-8") if isinstance(text, str) else text
    linter = make_linter(select, config, **kwargs)
    return linter.run_documents([parse_bytes(raw, path, linter.settings.parser_options())]).findings


def lint_file(
    path: str | Path, select: Iterable[str] | None = None, config: dict | None = None, **kwargs
) -> list[Finding]:
    """Findings of one fixture page read from disk; `path` is kept as given, so findings name it."""
    return lint_text(Path(path).read_bytes(), select, config, path=str(path), **kwargs)


def lint_paths(
    paths: Iterable[str | Path],
    select: Iterable[str] | None = None,
    config: dict | None = None,
    jobs: int = 1,
    **kwargs,
) -> list[Finding]:
    """Findings of a whole run over files (corpus rules see all of them)."""
    linter = make_linter(select, config, **kwargs)
    return linter.run([str(p) for p in paths], jobs=jobs).findings


def positions(findings: Iterable[Finding]) -> list[tuple[int, int, str]]:
    """(line, column, code) of each finding: what a rule test asserts."""
    return [(f.line, f.column, f.code) for f in findings]
