"""Helpers for rule authors: run rules over pages, compare findings, and run rule cases.

The built-in rule tests use exactly these, as a plugin author would.

Findings of one page::

    from genelint.testing import lint_text, positions
    assert positions(lint_text(page, select=["GL302"])) == [(42, 3, "GL302")]

Rule cases
==========

(docs/rule-cases.md says the same for plugin authors, with examples.)

A rule's cases are data: one YAML file per rule (``GL302.yaml``, ``XY001.yaml``), each case a
named page, the findings it must give and the text ``--fix`` must make of it. A page is a
*base page* with a few lines changed, so a case reads as a small diff. One pytest line runs
every case of a folder::

    # tests/test_rule_cases.py
    from genelint.testing import case_test
    from mypack.rules import PlaceholderText

    test_rule_case = case_test("tests/cases", rules=[PlaceholderText])

and ``pytest --genelint-update-cases`` (the option exists once the conftest.py says
``from genelint.testing import pytest_addoption``, or ``pytest_plugins = ["genelint.testing"]``
at the top level; the environment variable ``GENELINT_UPDATE_CASES=1`` works anywhere) writes what the
rules now say into the failing cases' ``findings``, ``fixed`` and ``unsafe_fixed``, leaving
the rest of the file (comments, order, the other cases) as it was.

A case file::

    # GL302 hgvs-legacy-notation
    rule: GL302              # optional: the file's name (GL302.yaml) says it too
    config: {}               # optional: [tool.genelint] keys every case starts from
    answers: {}              # optional: lookup answers every case starts from
    cases:
      - name: one-letter change gets the three-letter form
        base: HBB            # pages/HBB.md beside the case file
        edits:
          - line: 45                  # the line as the base page numbers it
            replace: "| E7V | Missense | rs334 |"
        findings:
          - "45:3 GL302 legacy notation 'E7V': no 'p.' prefix; write p.Glu7Val"
        fixed: |
          @@ -45 +45 @@
          -| E7V | Missense | rs334 |
          +| p.Glu7Val | Missense | rs334 |

The keys of a case:

``name``
    What the case shows; with the rule's code it is the pytest id (``GL302: one-letter…``).
``base``
    A page in the ``pages/`` folder beside the case file, without ``.md``; or ``page``, the
    whole page as text (``encoding`` names the bytes' encoding, utf-8 unless said; latin-1
    makes a page that is not UTF-8). ``path`` is the page's file name (``page.md``).
``edits``
    Changes to the base page, in order. Each names a place and what happens there. The place:
    ``line: 45`` or ``line: 45-47`` (line numbers of the *base* page, so later edits need no
    renumbering) or ``text: "…"`` (text that occurs exactly once in the page, within a line).
    What happens: ``replace: "…"`` (the whole line(s), or just the matched text; may hold
    newlines), ``delete: true`` (the lines, or the text), ``insert_before: "…"`` or
    ``insert_after: "…"`` (new lines before or after the line or the matched text's line).
``other_pages``
    More pages of the same run, for rules that compare pages: a list of mappings with
    ``path`` and the same ``base``/``page``/``edits`` keys.
``config``
    A ``[tool.genelint]`` table (merged over the file's ``config``): rule options under
    ``rules``, ``select`` (else the case selects only the file's rule), ``sections``, …
    Checked against the config schema, as a run checks it.
``answers``
    What the services say, so network rules run without a network: ``"KIND KEY"`` (the
    Lookup a rule asks, e.g. ``rsid rs334``, ``doi 10.1038/180326a0``) mapped to
    ``{status: found, value: {…}}``, ``not_found``, or ``{status: error, error: "…"}``.
    ``value`` is built as the record the services give for that kind (fields by name;
    omitted optional fields are None, empty tuples or False; builtin_value_types lists the
    built-in kinds); a plugin passes
    ``value_types`` for lookup kinds of its own. A lookup the table does not answer is an
    error answer ("unverified", GL010), never "does not exist".
``findings``
    Every finding of the run, sorted by position: ``"LINE:COLUMN CODE MESSAGE"``; findings
    on another page start with its path (``ALAS1.md:70:12 GL901 …``). The message may be
    left out or given in part (the finding's message must contain it). Omitted: none.
``fixed``
    What ``check --fix`` changes in the case's page, as a diff without context (``@@`` hunks
    of ``-`` and ``+`` lines, as ``diff -U0`` writes). Omitted: ``--fix`` changes nothing.
``unsafe_fixed``
    The same after ``--fix --unsafe-fixes``. Omitted: the same as ``fixed``.
"""

from __future__ import annotations

import dataclasses
import difflib
import os
import re
import types
import typing
import warnings
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from genelint.casefile import CaseFileError, case_nodes, scalar, set_case_key
from genelint.config import SelectorError, Settings, settings_from_table, validate_table
from genelint.engine import Linter
from genelint.findings import Finding
from genelint.parser import parse_bytes
from genelint.registry import Registry, load_registry
from genelint.rule import Answer, Lookup, Rule

UPDATE_OPTION = "--genelint-update-cases"
UPDATE_VARIABLE = "GENELINT_UPDATE_CASES"
CASE_KEYS = {
    "name",
    "base",
    "page",
    "encoding",
    "path",
    "edits",
    "other_pages",
    "config",
    "answers",
    "findings",
    "fixed",
    "unsafe_fixed",
}
PAGE_KEYS = {"path", "base", "page", "encoding", "edits"}
FILE_KEYS = {"rule", "config", "answers", "cases"}
EDIT_PLACES = ("line", "text")
EDIT_ACTIONS = ("replace", "delete", "insert_before", "insert_after")
_EXPECTED = re.compile(
    r"(?:(?P<path>.+?):)?(?P<line>\d+):(?P<column>\d+) (?P<code>\S+)(?: (?P<message>.*))?\Z", re.S
)


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
    if rules is not None and select is None and "select" not in (config or {}):
        # Rules handed over by class are the ones under test, whatever their code prefix
        # (a config that selects by prefix would otherwise leave a plugin's XP001 out).
        select = [rule.code for rule in registry]
    # A misspelt option or selector fails the test as it fails a run (ConfigError).
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


# --- rule cases ------------------------------------------------------------------------------


@dataclass
class CasePage:
    path: str
    raw: bytes


@dataclass
class RuleCase:
    """One case of a case file, read and its pages built (see the module's docstring)."""

    file: Path
    index: int  # its place in the file's `cases` list: where update mode writes
    line: int  # of its `name`, for messages
    rule: str
    name: str
    pages: list[CasePage]  # the case's page first
    config: dict
    answers: dict[Lookup, dict[str, Any]]  # each answer's mapping, built into an Answer when run
    findings: list[str]
    fixed: str
    unsafe_fixed: str | None  # None: the same as fixed

    @property
    def id(self) -> str:
        return f"{self.rule}: {self.name}"


@dataclass
class CaseOutcome:
    """What the rules made of a case, in the case file's own terms."""

    findings: list[str] = field(default_factory=list)
    fixed: str = ""
    unsafe_fixed: str = ""


class CaseFailure(AssertionError):
    """A case whose findings or fixed text are not what it expects."""


def builtin_value_types() -> dict[str, Any]:
    """The record type of each built-in lookup kind's answer value (imported on first use)."""
    from genelint.services.crossref import DoiRecord, UpdateNotice
    from genelint.services.eutils import RsidRecord
    from genelint.services.uniprot import UniProtEntry
    from genelint.services.variation import RefSnpRecord

    return {
        "rsid": RsidRecord,
        "refsnp": RefSnpRecord,
        "doi": DoiRecord,
        "doi-updates": tuple[UpdateNotice, ...],
        "uniprot": UniProtEntry,
    }


def load_cases(*paths: str | Path, pages: str | Path | None = None) -> list[RuleCase]:
    """Every case of the case files given, or of the `*.yaml` files in the folders given.
    Base pages are read from `pages` (default: the `pages/` folder beside each case file)."""
    files: list[Path] = []
    for path in map(Path, paths):
        files += sorted(path.glob("*.yaml")) if path.is_dir() else [path]
    cases = []
    for file in files:
        cases += _read_case_file(file, Path(pages) if pages else file.parent / "pages")
    return cases


def _read_case_file(file: Path, pages: Path) -> list[RuleCase]:
    text = file.read_text(encoding="utf-8")
    nodes = case_nodes(text, str(file))
    data = yaml.safe_load(text)
    _no_unknown_keys(data, FILE_KEYS, f"{file}")
    rule = str(data.get("rule") or file.stem)
    cases = []
    for index, (node, case) in enumerate(zip(nodes, data["cases"])):
        where = f"{file}:{node.start_mark.line + 1}"
        try:
            cases.append(_read_case(file, index, node.start_mark.line + 1, rule, case, data, pages))
        except CaseFileError as err:
            raise CaseFileError(f"{where}: {err}") from None
    names = [case.name for case in cases]
    for name in names:
        if names.count(name) > 1:
            raise CaseFileError(f"{file}: two cases are named {name!r}")
    return cases


def _read_case(
    file: Path, index: int, line: int, rule: str, case: dict, defaults: dict, pages: Path
) -> RuleCase:
    _no_unknown_keys(case, CASE_KEYS, "case")
    if not case.get("name"):
        raise CaseFileError("a case needs a name")
    config = {**(defaults.get("config") or {}), **(case.get("config") or {})}
    validate_table(config, file)
    answers = {**(defaults.get("answers") or {}), **(case.get("answers") or {})}
    page = _page({"path": "page.md", **case}, pages)
    others = []
    for other in case.get("other_pages") or []:
        _no_unknown_keys(other, PAGE_KEYS, "other page")
        if not other.get("path"):
            raise CaseFileError("an other page needs a path")
        others.append(_page(other, pages))
    findings = case.get("findings") or []
    for expected in findings:
        if not isinstance(expected, str) or not _EXPECTED.match(expected):
            raise CaseFileError(f"finding {expected!r}: expected 'LINE:COLUMN CODE [message]'")
    return RuleCase(
        file=file,
        index=index,
        line=line,
        rule=rule,
        name=str(case["name"]),
        pages=[page, *others],
        config=config,
        answers=_answers(answers),
        findings=findings,
        fixed=case.get("fixed") or "",
        unsafe_fixed=case.get("unsafe_fixed"),
    )


def _no_unknown_keys(data, known: set[str], what: str) -> None:
    if not isinstance(data, dict):
        raise CaseFileError(f"{what}: expected a mapping, got {type(data).__name__}")
    unknown = sorted(set(data) - known)
    if unknown:
        raise CaseFileError(f"{what}: unknown key {unknown[0]!r}; expected one of {sorted(known)}")


def _page(spec: dict, pages: Path) -> CasePage:
    if ("base" in spec) == ("page" in spec):
        raise CaseFileError("give the page as `base` (a page in pages/) or as `page` (its text)")
    if "base" in spec:
        base = pages / f"{spec['base']}.md"
        if not base.is_file():
            raise CaseFileError(f"no base page {spec['base']!r} ({base})")
        text = base.read_text(encoding="utf-8")
    else:
        text = spec["page"]
    text = apply_edits(text, spec.get("edits") or [])
    return CasePage(
        str(spec["path"]), text.encode(spec.get("encoding", "utf-8"), "surrogateescape")
    )


def apply_edits(text: str, edits: list[dict]) -> str:
    """`text` with the case's edits made, in order; line numbers are those of `text`."""
    # Each line remembers its number in the base page, so an edit after an insertion or a
    # deletion still names the line as the base page numbers it.
    lines: list[list] = [[number, line] for number, line in enumerate(_lines(text), 1)]
    for edit in edits:
        _no_unknown_keys(edit, set(EDIT_PLACES + EDIT_ACTIONS), "edit")
        places = [key for key in EDIT_PLACES if key in edit]
        actions = [key for key in EDIT_ACTIONS if key in edit]
        if len(places) != 1 or len(actions) != 1:
            raise CaseFileError(
                f"edit {edit!r}: give one place (line or text) and one action {EDIT_ACTIONS}"
            )
        action, value = actions[0], edit[actions[0]]
        if "line" in edit:
            first, last = _line_range(edit["line"], lines)
            matched = None
        else:
            first = last = _line_holding(str(edit["text"]), lines)
            matched = str(edit["text"])
        if action in ("insert_before", "insert_after"):
            new = [[None, line] for line in _lines(_ending(str(value)))]
            at = first if action == "insert_before" else last + 1
            lines[at:at] = new
        elif matched is not None:
            content = "" if action == "delete" else str(value)
            lines[first][1] = lines[first][1].replace(matched, content, 1)
        elif action == "delete":
            del lines[first : last + 1]
        else:
            ending = "\n" if lines[last][1].endswith("\n") else ""
            lines[first : last + 1] = [[lines[first][0], str(value) + ending]]
    return "".join(line for _, line in lines)


def _lines(text: str) -> list[str]:
    """Lines with their endings, split at LF only (as the parser numbers them)."""
    from genelint.fixer import page_lines

    return page_lines(text)


def _ending(text: str) -> str:
    return text if text.endswith("\n") else text + "\n"


def _line_range(place, lines: list[list]) -> tuple[int, int]:
    match = re.fullmatch(r"\s*(\d+)\s*(?:-\s*(\d+)\s*)?", str(place))
    if not match:
        raise CaseFileError(f"line {place!r}: expected a number or a range such as 40-45")
    wanted = range(int(match[1]), int(match[2] or match[1]) + 1)
    found = [index for index, (number, _) in enumerate(lines) if number in wanted]
    if len(found) != len(wanted) or not wanted:
        raise CaseFileError(
            f"line {place}: not a line of the base page (deleted by an earlier edit, or past its end)"
        )
    return found[0], found[-1]


def _line_holding(text: str, lines: list[list]) -> int:
    found = [index for index, (_, line) in enumerate(lines) for _ in range(line.count(text))]
    if len(found) != 1 or not text:
        raise CaseFileError(
            f"text {text!r} occurs {len(found)} times in the page; an edit needs text found once"
        )
    return found[0]


def _answers(table: dict) -> dict[Lookup, dict[str, Any]]:
    """The case's answers as written: Lookup -> its mapping (records are built when run)."""
    answers: dict[Lookup, dict[str, Any]] = {}
    for key, spec in table.items():
        kind, _, lookup_key = str(key).partition(" ")
        if not lookup_key:
            raise CaseFileError(f"answer {key!r}: expected 'KIND KEY', e.g. 'rsid rs334'")
        spec = {"status": spec} if isinstance(spec, str) else dict(spec or {})
        _no_unknown_keys(spec, {"status", "value", "error", "stale"}, f"answer {key!r}")
        spec.setdefault("status", "found" if "value" in spec else "")
        if spec["status"] not in ("found", "not_found", "error"):
            raise CaseFileError(
                f"answer {key!r}: status {spec['status']!r}; expected found, not_found or error"
            )
        answers[Lookup(kind, lookup_key.strip())] = spec
    return answers


def build_answer(lookup: Lookup, spec: dict, types_by_kind: Mapping[str, Any]) -> Answer:
    """An Answer from a case's mapping; its value built as `types_by_kind[lookup.kind]`."""
    value = spec.get("value")
    if value is not None and lookup.kind in types_by_kind:
        try:
            value = build_value(types_by_kind[lookup.kind], value)
        except (TypeError, ValueError) as err:
            raise CaseFileError(f"answer '{lookup.kind} {lookup.key}': {err}") from None
    return Answer(
        spec["status"], value, error=str(spec.get("error", "")), stale=bool(spec.get("stale"))
    )


def build_value(kind: Any, data: Any) -> Any:
    """`data` (YAML) as a value of type `kind`: dataclasses from mappings, tuples from lists."""
    origin, arguments = typing.get_origin(kind), typing.get_args(kind)
    if origin in (typing.Union, types.UnionType):
        if data is None and type(None) in arguments:
            return None
        return build_value(next(a for a in arguments if a is not type(None)), data)
    if origin is tuple:
        if not isinstance(data, list):
            raise TypeError(f"expected a list, got {data!r}")
        if len(arguments) == 2 and arguments[1] is Ellipsis:
            return tuple(build_value(arguments[0], item) for item in data)
        return tuple(build_value(a, item) for a, item in zip(arguments, data))
    if isinstance(kind, type) and dataclasses.is_dataclass(kind):
        if not isinstance(data, dict):
            raise TypeError(f"expected a mapping for {kind.__name__}, got {data!r}")
        hints = typing.get_type_hints(kind)
        fields = {f.name: f for f in dataclasses.fields(kind)}
        unknown = sorted(set(data) - set(fields))
        if unknown:
            raise TypeError(f"{kind.__name__} has no field {unknown[0]!r}")
        values = {}
        for name, spec in fields.items():
            if name in data:
                values[name] = build_value(hints[name], data[name])
            elif (
                spec.default is dataclasses.MISSING and spec.default_factory is dataclasses.MISSING
            ):
                values[name] = _empty(hints[name], kind, name)
        return kind(**values)
    return data


def _empty(kind: Any, owner: type, name: str) -> Any:
    """The value an omitted field takes: None when optional, else an empty tuple or False."""
    origin, arguments = typing.get_origin(kind), typing.get_args(kind)
    if origin in (typing.Union, types.UnionType) and type(None) in arguments:
        return None
    if origin is tuple:
        return ()
    if kind is bool:
        return False
    raise TypeError(f"{owner.__name__} needs {name!r}")


def run_case(
    case: RuleCase,
    rules: Iterable[type[Rule]] | None = None,
    value_types: Mapping[str, Any] | None = None,
) -> CaseOutcome:
    """Run the real engine over the case's pages, with the case's answers for every lookup."""
    from genelint.fixer import fix_bytes

    kinds = {**builtin_value_types(), **(value_types or {})} if case.answers else {}
    answers = {lookup: build_answer(lookup, spec, kinds) for lookup, spec in case.answers.items()}

    def provider(lookups: Iterable[Lookup]) -> dict[Lookup, Answer]:
        unanswered = Answer("error", error="the case gives no answer to this lookup")
        return {lookup: answers.get(lookup, unanswered) for lookup in lookups}

    select = None if "select" in case.config else [case.rule]
    unregistered = f"{case.file}: no rule {case.rule} is registered; a case of it tests nothing"
    try:
        linter = make_linter(
            select, case.config, rules=rules, offline=False, answers_provider=provider
        )
    except SelectorError as err:
        if case.rule in err.unknown:
            raise CaseFailure(unregistered) from None
        raise
    if not any(rule.code == case.rule for rule in linter.registry):
        raise CaseFailure(unregistered)
    options = linter.settings.parser_options()
    docs = [parse_bytes(page.raw, page.path, options) for page in case.pages]
    page = case.pages[0]
    findings = [
        _finding_line(finding, page.path) for finding in linter.run_documents(docs).findings
    ]
    fixed = fix_bytes(page.raw, page.path, linter)[0]
    unsafe = fix_bytes(page.raw, page.path, linter, unsafe=True)[0]
    return CaseOutcome(findings, page_diff(page.raw, fixed), page_diff(page.raw, unsafe))


def _finding_line(finding: Finding, page: str) -> str:
    where = f"{finding.line}:{finding.column}"
    if finding.path != page:
        where = f"{finding.path}:{where}"
    return f"{where} {finding.code} {finding.message}"


def page_diff(before: bytes, after: bytes) -> str:
    """The change as a diff without context lines or file names (`diff -U0`'s hunks)."""
    from genelint.fixer import page_lines

    old = page_lines(before.decode("utf-8", "surrogateescape"))
    new = page_lines(after.decode("utf-8", "surrogateescape"))
    out = []
    for line in list(difflib.unified_diff(old, new, n=0))[2:]:
        out.append(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n")
    return "".join(out)


def expected_code(finding: str) -> str:
    """The code of a finding as a case writes it (`"45:3 GL302 …"` -> "GL302")."""
    match = _EXPECTED.match(finding)
    if match is None:
        raise CaseFileError(f"finding {finding!r}: expected 'LINE:COLUMN CODE [message]'")
    return match["code"]


def findings_match(expected: list[str], actual: list[str]) -> bool:
    """Same findings in the same order; an expected message need only be part of the actual one."""
    if len(expected) != len(actual):
        return False
    for want, got in zip(expected, actual):
        want_match, got_match = _EXPECTED.match(want), _EXPECTED.match(got)
        if want_match is None or got_match is None:
            return False
        for key in ("path", "line", "column", "code"):
            if want_match[key] != got_match[key]:
                return False
        if want_match["message"] and want_match["message"] not in (got_match["message"] or ""):
            return False
    return True


def check_case(
    case: RuleCase,
    rules: Iterable[type[Rule]] | None = None,
    value_types: Mapping[str, Any] | None = None,
    update: bool = False,
) -> CaseOutcome:
    """Run a case and raise CaseFailure unless it gives what it expects; with `update`,
    write what it gave into the case file instead (and warn that it did)."""
    outcome = run_case(case, rules, value_types)
    wrong: list[tuple[str, Any, Any]] = []  # (key, expected, what the case gave)
    if not findings_match(case.findings, outcome.findings):
        wrong.append(("findings", case.findings, outcome.findings))
    if case.fixed != outcome.fixed:
        wrong.append(("fixed", case.fixed, outcome.fixed or None))
    expected_unsafe = case.unsafe_fixed if case.unsafe_fixed is not None else case.fixed
    if expected_unsafe != outcome.unsafe_fixed:
        same = outcome.unsafe_fixed == outcome.fixed
        wrong.append(("unsafe_fixed", expected_unsafe, None if same else outcome.unsafe_fixed))
    elif case.unsafe_fixed is not None and outcome.unsafe_fixed == outcome.fixed:
        wrong.append(("unsafe_fixed", case.unsafe_fixed, None))  # redundant: said by `fixed`
    if not wrong:
        return outcome
    if update:
        _update(case, wrong)
        return outcome
    raise CaseFailure(_describe_failure(case, wrong))


def _update(case: RuleCase, wrong: list) -> None:
    text = case.file.read_text(encoding="utf-8")
    for key, _, actual in wrong:
        text = set_case_key(text, str(case.file), case.index, key, actual)
    case.file.write_text(text, encoding="utf-8")
    warnings.warn(
        f"{case.file}:{case.line}: case {case.name!r} rewritten ({', '.join(k for k, *_ in wrong)})",
        stacklevel=3,
    )


def _describe_failure(case: RuleCase, wrong: list) -> str:
    lines = [f"{case.file}:{case.line}: case {case.name!r} ({case.rule})"]
    for key, expected, actual in wrong:
        if key == "findings":
            lines.append("findings expected:")
            lines += [f"  - {scalar(item)}" for item in expected] or ["  (none)"]
            lines.append("findings given:")
            lines += [f"  - {scalar(item)}" for item in actual] or ["  (none)"]
        else:
            lines.append(f"{key} expected:")
            lines += [f"  {line}" for line in (expected or "(no change)\n").splitlines()]
            lines.append(f"{key} given:")
            lines += [f"  {line}" for line in (actual or "(same as fixed)\n").splitlines()]
    lines.append(f"(pytest {UPDATE_OPTION} or {UPDATE_VARIABLE}=1 writes what was given)")
    return "\n".join(lines)


def case_test(
    *paths: str | Path,
    rules: Iterable[type[Rule]] | None = None,
    value_types: Mapping[str, Any] | None = None,
    pages: str | Path | None = None,
) -> Callable:
    """A pytest test function run once per case of the case files (or folders) given:
    `test_rule_case = case_test("tests/cases", rules=[MyRule])` in a test module."""
    import pytest

    rules = list(rules) if rules is not None else None
    cases = load_cases(*paths, pages=pages)

    @pytest.mark.parametrize("rule_case", [pytest.param(case, id=case.id) for case in cases])
    def test_rule_case(rule_case: RuleCase, request) -> None:
        check_case(rule_case, rules, value_types, update=update_requested(request.config))

    return test_rule_case


def update_requested(config=None) -> bool:
    """Whether this pytest run writes cases (`--genelint-update-cases`, GENELINT_UPDATE_CASES=1)."""
    if os.environ.get(UPDATE_VARIABLE, "") not in ("", "0"):
        return True
    return bool(config is not None and config.getoption(UPDATE_OPTION, default=False))


def pytest_addoption(parser) -> None:
    """The update option, for `pytest_plugins = ["genelint.testing"]` in a conftest.py."""
    parser.addoption(
        UPDATE_OPTION,
        action="store_true",
        help="rewrite the findings and fixed text of failing genelint rule cases",
    )
