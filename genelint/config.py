"""Configuration: discovery, validation against schemas/config.schema.json, and Settings.

Config lives in `[tool.genelint]` of the nearest `pyproject.toml` or in a
`genelint.toml` (top-level keys), found upward from the first checked path.
"""

from __future__ import annotations

import fnmatch
import functools
import hashlib
import json
import os
import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from genelint.findings import Severity
from genelint.sections import REFERENCE_SECTIONS, known_titles, slug

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on 3.10 only
    import tomli as tomllib

DEFAULT_MAX_FILE_SIZE = 5 * 1024 * 1024
CONFIG_NAMES = ("genelint.toml", "pyproject.toml")


class ConfigError(Exception):
    """A config file that cannot be used; the CLI exits 2 with this message."""


class SelectorError(ConfigError):
    """Rule selectors that name no rule (`unknown`, as written)."""

    def __init__(self, message: str, unknown: list[str]) -> None:
        super().__init__(message)
        self.unknown = unknown


@dataclass(frozen=True)
class Settings:
    select: tuple[str, ...] = ("ALL",)  # every registered rule, plugins included
    ignore: tuple[str, ...] = ()
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    severity: tuple[tuple[str, Severity], ...] = ()
    fail_on: Severity = Severity.WARNING
    exclude: tuple[str, ...] = ()
    include: tuple[
        str, ...
    ] = ()  # globs of the pages genelint owns; none: every *.md that looks like a gene page
    sections: tuple[tuple[str, str], ...] = REFERENCE_SECTIONS
    required_sections: tuple[str, ...] = tuple(key for key, _ in REFERENCE_SECTIONS)
    ai_patterns: tuple[str, ...] | None = None  # None: rules/provenance.py's defaults
    max_file_size: int = DEFAULT_MAX_FILE_SIZE
    rule_paths: tuple[str, ...] = ()
    rules: dict = field(default_factory=dict)  # rule name -> options table
    services: dict = field(default_factory=dict)
    refdata: dict = field(default_factory=dict)
    offline: bool = False
    fail_on_unverified: bool = False  # lookups that could not be verified fail the run (exit 1)
    root: str = "."  # the folder globs are relative to (the config file's folder)
    source: str | None = None  # the config file, if any

    def rule_options(self, name: str) -> dict:
        return dict(self.rules.get(name, {}))

    def parser_options(self):
        return _parser_options(tuple(map(tuple, self.sections)))

    def is_excluded(self, path: str) -> bool:
        return any(_glob_match(path, pattern, self.root) for pattern in self.exclude)

    def is_included(self, path: str) -> bool:
        """Is the file one of the pages `include` names (any file, when it names none)?"""
        return not self.include or any(
            _glob_match(path, pattern, self.root) for pattern in self.include
        )

    def ignored_for(self, path: str) -> tuple[str, ...]:
        codes: list[str] = []
        for pattern, selectors in self.per_file_ignores:
            if _glob_match(path, pattern, self.root):
                codes.extend(selectors)
        return tuple(codes)


@functools.lru_cache(maxsize=8)
def _parser_options(sections: tuple):
    """One ParserOptions per run, not per page: it keeps what it compiles (the known section
    titles) for every page after the first."""
    from genelint.parser import ParserOptions

    return ParserOptions(sections=sections)


def _glob_match(path: str, pattern: str, root: str) -> bool:
    candidates = {path.replace(os.sep, "/")}
    try:
        candidates.add(
            os.path.relpath(os.path.abspath(path), os.path.abspath(root)).replace(os.sep, "/")
        )
    except ValueError:  # another drive on Windows
        pass
    # `content/**/*.md` names content/ALAS2.md too, as in .gitignore and pre-commit's globs.
    patterns = {pattern, pattern.replace("**/", "")}
    for candidate in candidates:
        for each in patterns:
            if fnmatch.fnmatch(candidate, each) or fnmatch.fnmatch(
                os.path.basename(candidate), each
            ):
                return True
        # `legacy/` and `legacy/**` exclude everything below that folder.
        stem = pattern.rstrip("/*")
        if stem and (candidate == stem or candidate.startswith(stem + "/")):
            return True
    return False


def find_config(start: Path) -> Path | None:
    """The nearest genelint.toml, or pyproject.toml with [tool.genelint], at or above start."""
    start = start.resolve()
    folder = start if _is(start, Path.is_dir) else start.parent
    for candidate_dir in (folder, *folder.parents):
        for name in CONFIG_NAMES:
            candidate = candidate_dir / name
            # A folder this user may not search holds no config it could read; the pages in
            # it get GL001 for the same reason.
            if not _is(candidate, Path.is_file):
                continue
            if name == "genelint.toml":
                return candidate
            # A pyproject.toml that cannot be read might hold [tool.genelint]: running with the
            # defaults instead would change a gate's policy without a word.
            data = _read_toml(candidate)
            if isinstance(data.get("tool"), dict) and "genelint" in data["tool"]:
                return candidate
    return None


def _is(path: Path, kind) -> bool:
    """`kind(path)` (Path.is_dir, Path.is_file), False where a folder on the way is closed."""
    try:
        return kind(path)
    except OSError:
        return False


_TOML_PLACE = re.compile(r"\s*\(at line (\d+), column (\d+)\)\s*$")


def _read_toml(path: Path) -> dict:
    """A TOML file's table; ConfigError naming the file (and the line and column of a syntax error)."""
    from genelint.files import read_regular_text  # files imports this module

    try:
        text = read_regular_text(path)
    except OSError as err:
        raise ConfigError(f"{path}: cannot read config: {err.strerror or err}") from None
    except UnicodeDecodeError as err:
        raise ConfigError(
            f"{path}: config is not UTF-8 (byte 0x{err.object[err.start]:02x} at offset {err.start})"
        ) from None
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        message, line, column = _toml_error_place(str(err), text)
        # path:line:col, as editors and CI logs link it
        raise ConfigError(f"{path}:{line}:{column}: invalid TOML: {message}") from None


def _toml_error_place(message: str, text: str) -> tuple[str, int, int]:
    """The message of a TOML error without its place, and the place as line and column."""
    place = _TOML_PLACE.search(message)
    if place:
        return message[: place.start()], int(place.group(1)), int(place.group(2))
    ending = message.rfind(" (at end of document)")
    if ending >= 0:
        lines = text.split("\n")
        return message[:ending], len(lines), len(lines[-1]) + 1
    return message, 1, 1


def read_table(path: Path) -> dict:
    data = _read_toml(path)
    if path.name == "pyproject.toml":
        tool = data.get("tool", {})
        return tool.get("genelint", {}) if isinstance(tool, dict) else {}
    return data


def load_settings(config_path: Path | None, start: Path | None = None) -> Settings:
    """Settings from an explicit config file, or the one found upward from `start`."""
    if config_path is None and start is not None:
        config_path = find_config(start)
    if config_path is None:
        return Settings()
    table = read_table(config_path)
    validate_table(table, config_path)
    return settings_from_table(table, root=str(config_path.parent), source=str(config_path))


def validate_table(table: dict, path: Path) -> None:
    """Raise ConfigError naming the file, the key and what was expected."""
    digest = hashlib.sha256(json.dumps(table, sort_keys=True, default=str).encode()).hexdigest()
    if digest in _VALIDATED:
        return
    import jsonschema

    validator = jsonschema.Draft202012Validator(_config_schema())
    errors = sorted(validator.iter_errors(table), key=lambda e: list(e.absolute_path))
    if errors:
        lines = [f"{path}: {_describe(error)}" for error in errors]
        raise ConfigError("\n".join(lines))
    _VALIDATED.add(digest)


_VALIDATED: set[str] = set()


def check_rule_options(settings: Settings, registry) -> None:
    """Raise ConfigError for a [rules.<name>] table of no known rule, an option the rule does
    not declare, or a value its declared schema (or its own check) refuses; each line names
    the file and key."""
    if not settings.rules:
        return
    import jsonschema

    where = f"{settings.source}: " if settings.source else ""
    lines = []
    for name, table in sorted(settings.rules.items()):
        rule = registry.get(name)
        if rule is None or name != rule.name:
            hint = (
                f" (the rule {rule.code} is named {rule.name})"
                if rule
                else " (see `genelint rules`)"
            )
            lines.append(f"{where}key rules.{name}: no rule is named {name!r}{hint}")
            continue
        problems = []
        for key, value in sorted(table.items()):
            schema = rule.options.get(key)
            if schema is None:
                known = ", ".join(sorted(rule.options)) or f"nothing: {rule.name} has no options"
                lines.append(f"{where}unknown key rules.{name}.{key}; expected one of: {known}")
                continue
            try:
                jsonschema.Draft202012Validator.check_schema(schema)
            except jsonschema.SchemaError as err:  # a plugin's mistake, said as such
                problems.append(
                    f"{key}: the rule {rule.code} declares this option with an invalid schema "
                    f"({err.message}); report it to the rule's authors"
                )
                continue
            problems += [
                f"{key}: {error.message}"
                for error in jsonschema.Draft202012Validator(schema).iter_errors(value)
            ]
        if not problems and all(key in rule.options for key in table):
            problems = list(
                rule.check_options(dict(table))
            )  # only on values of the declared shapes
        lines += [f"{where}key rules.{name}.{problem}" for problem in problems]
    if lines:
        raise ConfigError("\n".join(lines))


def check_selectors(settings: Settings, registry, given: Iterable[str] = ()) -> None:
    """Raise ConfigError for a rule selector in select, ignore, severity or per-file-ignores,
    or among those `given` beside the config (the CLI's --select and --ignore), that names no
    rule: a misspelt code would otherwise select nothing and pass silently."""
    where = f"{settings.source}: " if settings.source else ""
    configured = [
        ("select", settings.select),
        ("ignore", settings.ignore),
        *((f"severity.{selector}", (selector,)) for selector, _ in settings.severity),
        *(
            (f"per-file-ignores.{pattern}", selectors)
            for pattern, selectors in settings.per_file_ignores
        ),
    ]
    lines, unknown_anywhere = [], []
    for key, selectors in configured:
        unknown = registry.unknown_selectors(selectors)
        unknown_anywhere += unknown
        if unknown:
            lines.append(
                f"{where}key {key}: unknown rule selector(s) {name_unknown(unknown, registry)}; "
                "expected a rule code, name or code prefix (see `genelint rules`)"
            )
    if lines:
        raise SelectorError("\n".join(lines), unknown_anywhere)
    unknown = registry.unknown_selectors(given)
    if unknown:
        raise SelectorError(
            f"unknown rule selector(s): {name_unknown(unknown, registry)} (see `genelint rules`)",
            unknown,
        )


def name_unknown(selectors: list[str], registry) -> str:
    """The unknown selectors, each with the rule it most likely meant: `GL5O1 (did you mean GL501?)`."""
    return ", ".join(_with_suggestion(selector, registry) for selector in selectors)


def _with_suggestion(selector: str, registry) -> str:
    import difflib

    codes = {rule.code for rule in registry}
    names = {rule.name for rule in registry}
    candidates = {code: code for code in codes} | {name: name for name in names}
    # A code is compared in upper case (gl501 is GL501), a name in lower case (Section-Order).
    wanted = [selector.strip().upper(), selector.strip().lower().replace("_", "-")]
    for each in wanted:
        close = difflib.get_close_matches(each, candidates, n=1, cutoff=0.75)
        if close:
            return f"{selector} (did you mean {candidates[close[0]]}?)"
    return selector


def _describe(error) -> str:
    where = ".".join(str(p) for p in error.absolute_path) or "(top level)"
    if error.validator == "additionalProperties":
        extra = sorted(set(error.instance) - set(error.schema.get("properties", {})))
        known = ", ".join(sorted(error.schema.get("properties", {})))
        prefix = f"{where}." if error.absolute_path else ""
        return f"unknown key {prefix}{extra[0] if extra else '?'}; expected one of: {known}"
    if error.validator == "enum":
        return f"key {where}: {error.instance!r} is not one of {', '.join(map(str, error.validator_value))}"
    if error.validator == "type":
        return f"key {where}: expected {error.validator_value}, got {type(error.instance).__name__} {error.instance!r}"
    return f"key {where}: {error.message}"


def _config_schema() -> dict:
    from importlib import resources

    return json.loads(
        resources.files("genelint.schemas")
        .joinpath("config.schema.json")
        .read_text(encoding="utf-8")
    )


def settings_from_table(table: dict, root: str = ".", source: str | None = None) -> Settings:
    sections = REFERENCE_SECTIONS
    if "sections" in table:
        reference = known_titles(REFERENCE_SECTIONS)
        # A reference section keeps its key (the parser reads typed parts by key).
        sections = tuple(
            (reference.get(slug(title)) or slug_key(title), title) for title in table["sections"]
        )
    known = known_titles(sections)
    required = tuple(key for key, _ in sections)
    if "required-sections" in table:
        unknown = [title for title in table["required-sections"] if slug(title) not in known]
        if unknown:
            # A required section no page could satisfy (it would also be GL105 wherever it appears).
            where = f"{source}: " if source else ""
            titles = ", ".join(title for _, title in sections)
            raise ConfigError(
                f"{where}key required-sections: {unknown[0]!r} is not a known section; expected one of: {titles}"
            )
        required = tuple(known[slug(title)] for title in table["required-sections"])
    return Settings(
        select=tuple(table.get("select", ("ALL",))),
        ignore=tuple(table.get("ignore", ())),
        per_file_ignores=tuple(
            (glob, tuple(codes)) for glob, codes in table.get("per-file-ignores", {}).items()
        ),
        severity=tuple(
            (key, Severity.parse(value)) for key, value in table.get("severity", {}).items()
        ),
        fail_on=Severity.parse(table.get("fail-on", "warning")),
        exclude=tuple(table.get("exclude", ())),
        include=tuple(table.get("include", ())),
        sections=sections,
        required_sections=required,
        ai_patterns=tuple(table["ai-patterns"]) if "ai-patterns" in table else None,
        max_file_size=int(table.get("max-file-size", DEFAULT_MAX_FILE_SIZE)),
        rule_paths=_rule_paths(table, root, source),
        rules=dict(table.get("rules", {})),
        services=_resolve_path_key(table.get("services", {}), "cache-path", root),
        refdata=_resolve_path_key(table.get("refdata", {}), "path", root),
        offline=bool(table.get("offline", False)),
        fail_on_unverified=bool(table.get("fail-on-unverified", False)),
        root=root,
        source=source,
    )


def _rule_paths(table: dict, root: str, source: str | None) -> tuple[str, ...]:
    """rule-paths, relative to the config's folder. Their modules run as code, so a folder outside
    the repository (a shared home folder, /tmp, a symlink out) needs allow-external-rule-paths."""
    paths = tuple(str(Path(root, p)) for p in table.get("rule-paths", ()))
    if source is None or table.get(
        "allow-external-rule-paths", False
    ):  # a table given in code is its caller's choice
        return paths
    repository = _repository_of(root)
    for written, path in zip(table.get("rule-paths", ()), paths):
        real = os.path.realpath(path)
        if os.path.commonpath([real, repository]) != repository:
            where = f"{source}: " if source else ""
            raise ConfigError(
                f"{where}key rule-paths: {written!r} is outside the repository ({repository}); its modules "
                f"would run as code: set allow-external-rule-paths = true to load rules from there"
            )
    return paths


def repository_root(start: str | os.PathLike, follow_links: bool = False) -> str:
    """The nearest folder at or above `start` holding `.git` (a folder, or a file in a
    worktree or submodule); `start` itself when there is none. A folder that cannot be
    looked into (a parent closed to this user) holds no `.git` as far as we can tell."""
    folder = Path(os.path.realpath(start) if follow_links else os.path.abspath(start))
    for candidate in (folder, *folder.parents):
        try:
            os.stat(candidate / ".git")
        except OSError:  # not there, or not ours to see: look further up
            continue
        return str(candidate)
    return str(folder)


def _repository_of(root: str) -> str:
    """The git work tree holding the config's folder, else that folder itself."""
    return repository_root(root, follow_links=True)


def _resolve_path_key(table: dict, key: str, root: str) -> dict:
    """A relative path in the config means relative to the config file's folder."""
    table = dict(table)
    if isinstance(table.get(key), str):
        table[key] = str(Path(root, os.path.expanduser(table[key])))
    return table


def slug_key(title: str) -> str:
    """A stable key for a configured section title: its words joined by dashes."""
    import re

    words = [w for w in re.split(r"[^a-z0-9]+", title.lower()) if w and w != "and"]
    return "-".join(words)
