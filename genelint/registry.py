"""Finds rules: the built-in pack, `genelint.rules` entry points, and local rule paths.

All three give the same kind of object, a `Rule` subclass. Local rule paths are
loaded only because the config names them, so linting a checkout never runs its
code otherwise.
"""

from __future__ import annotations

import importlib
import importlib.machinery
import importlib.util
import inspect
import os
import pkgutil
import re
import sys
from collections.abc import Iterable
from pathlib import Path
from types import ModuleType
from typing import Protocol

from genelint.rule import KIND_BASES, Rule

CODE = re.compile(r"^[A-Z]{2,}[0-9]{3}$")
NAME = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")
ENTRY_POINT_GROUP = "genelint.rules"
ALL = "ALL"


class Named(Protocol):
    """What a selector is matched against: a rule class, or a finding of one."""

    @property
    def code(self) -> str: ...

    @property
    def name(self) -> str: ...


class RegistryError(Exception):
    pass


class Registry:
    def __init__(self, rules: Iterable[type[Rule]]) -> None:
        self.rules: dict[str, type[Rule]] = {}
        by_name: dict[str, str] = {}
        for rule in rules:
            _validate(rule)
            if rule.code in self.rules and self.rules[rule.code] is not rule:
                raise RegistryError(
                    f"rule code {rule.code} is defined twice ({_where(self.rules[rule.code])} and {_where(rule)})"
                )
            if rule.name in by_name and by_name[rule.name] != rule.code:
                raise RegistryError(
                    f"rule name {rule.name} is used by {by_name[rule.name]} and {rule.code}"
                )
            self.rules[rule.code] = rule
            by_name[rule.name] = rule.code
        self._by_name = by_name

    def __iter__(self):
        return iter(sorted(self.rules.values(), key=lambda r: r.code))

    def __len__(self) -> int:
        return len(self.rules)

    def get(self, code_or_name: str) -> type[Rule] | None:
        key = code_or_name.strip()
        if key.upper() in self.rules:
            return self.rules[key.upper()]
        code = self._by_name.get(key.lower())
        return self.rules[code] if code else None

    def matches(self, rule: Named, selector: str) -> bool:
        """A selector is ALL, a code, a code prefix (GL3) or a rule name."""
        selector = selector.strip()
        if selector == ALL:
            return True
        if NAME.match(selector) and not selector.isupper():
            return rule.name == selector
        return rule.code.startswith(selector.upper())

    def unknown_selectors(self, selectors: Iterable[str]) -> list[str]:
        return [s for s in selectors if not any(self.matches(rule, s) for rule in self)]

    def select(self, select: Iterable[str], ignore: Iterable[str]) -> list[type[Rule]]:
        select, ignore = list(select), list(ignore)
        return [
            rule
            for rule in self
            if any(self.matches(rule, s) for s in select)
            and not any(self.matches(rule, s) for s in ignore)
        ]


def _where(rule: type[Rule]) -> str:
    return f"{rule.__module__}.{rule.__qualname__}"


def _validate(rule: type[Rule]) -> None:
    code = getattr(rule, "code", None)
    name = getattr(rule, "name", None)
    if not isinstance(code, str) or not CODE.match(code):
        raise RegistryError(f"{_where(rule)}: rule code {code!r} is not like GL123")
    if not isinstance(name, str) or not NAME.match(name):
        raise RegistryError(f"{_where(rule)}: rule name {name!r} is not kebab-case")
    if not (rule.__doc__ or "").strip():
        raise RegistryError(f"{_where(rule)}: rule {code} has no docstring (its documentation)")
    # The kind comes from the base class and `needs` repeats it: all three must agree.
    kind = next(
        (k for k, base in KIND_BASES.items() if k != "document" and issubclass(rule, base)),
        "document",
    )
    if rule.kind != kind:
        raise RegistryError(
            f"{_where(rule)}: rule {code} sets kind {rule.kind!r}; a rule's kind is its base "
            f"class's ({KIND_BASES[kind].__name__}: {kind!r})"
        )
    for need, needer in (("lookups", "network"), ("corpus", "corpus")):
        if (need in rule.needs) != (kind == needer):
            raise RegistryError(
                f"{_where(rule)}: rule {code} is a {KIND_BASES[kind].__name__}, so its needs "
                f"{'lack' if kind == needer else 'cannot name'} {need!r} "
                f"(a rule that needs {need} derives from genelint.rule.{KIND_BASES[needer].__name__})"
            )
    options = getattr(rule, "options", {})
    if not isinstance(options, dict) or not all(
        isinstance(k, str) and NAME.match(k) and isinstance(v, dict) for k, v in options.items()
    ):
        raise RegistryError(
            f"{_where(rule)}: rule {code}'s options must map kebab-case names to JSON Schemas"
        )


def rules_in_module(module: ModuleType) -> list[type[Rule]]:
    """The concrete rule classes a module defines (not the ones it imports)."""
    found = []
    for _, obj in inspect.getmembers(module, inspect.isclass):
        if issubclass(obj, Rule) and obj.__module__ == module.__name__ and "code" in obj.__dict__:
            found.append(obj)
    return found


def builtin_rules() -> list[type[Rule]]:
    import genelint.rules as pack

    rules = []
    for info in pkgutil.iter_modules(pack.__path__):
        if info.name.startswith("_"):
            continue
        rules.extend(rules_in_module(importlib.import_module(f"{pack.__name__}.{info.name}")))
    return rules


def entry_point_rules() -> list[type[Rule]]:
    # importlib.metadata imported already (by a plugin, a test runner): nothing to save
    if "importlib.metadata" not in sys.modules and not may_declare_entry_points(
        ENTRY_POINT_GROUP, sys.path
    ):
        return []
    from importlib.metadata import entry_points

    rules: list[type[Rule]] = []
    for entry in entry_points(group=ENTRY_POINT_GROUP):
        try:
            loaded = entry.load()
        except Exception as err:  # a broken third-party pack must say so, not crash the run
            raise RegistryError(
                f"rule pack {entry.name!r} ({entry.value}) failed to load: {err}"
            ) from err
        if inspect.ismodule(loaded):
            rules.extend(rules_in_module(loaded))
        elif inspect.isclass(loaded) and issubclass(loaded, Rule):
            rules.append(loaded)
        elif isinstance(loaded, (list, tuple)):
            rules.extend(r for r in loaded if inspect.isclass(r) and issubclass(r, Rule))
        else:
            raise RegistryError(
                f"rule pack {entry.name!r} is not a module, a Rule class or a list of them"
            )
    return rules


def may_declare_entry_points(group: str, paths: Iterable[str]) -> bool:
    """Whether an installed distribution may declare entry points in `group`, told without
    importing importlib.metadata (~10 ms with its imports: most of the time a one-file run
    spends finding rules, when no rule pack is installed). Each folder on sys.path is listed,
    as importlib.metadata lists it, and the entry_points.txt of each `*.dist-info` and
    `*.egg-info` in it is read. What this does not read (a zip file or an egg on sys.path, a
    finder of distributions other than the standard one, a file it cannot read) is a yes:
    importlib.metadata then decides, so no rule pack is ever missed. `paths`: sys.path."""
    if any(
        hasattr(finder, "find_distributions") and finder is not importlib.machinery.PathFinder
        for finder in sys.meta_path
    ):
        return True
    for entry in paths:
        folder = entry or "."
        try:
            names = os.listdir(folder)
        except NotADirectoryError:
            return True  # a zip file (an egg, a zipapp) holds distributions of its own
        except OSError:
            continue  # not there, or not listable: importlib.metadata finds nothing in it either
        if folder.lower().endswith(".egg"):
            return True
        for name in names:
            if name.lower().endswith((".dist-info", ".egg-info")):
                try:
                    with open(os.path.join(folder, name, "entry_points.txt"), "rb") as handle:
                        if group.encode() in handle.read():
                            return True
                except (FileNotFoundError, NotADirectoryError):
                    continue  # declares no entry points (or is a one-file egg-info: none either)
                except OSError:
                    return True
    return False


def path_rules(paths: Iterable[str]) -> list[type[Rule]]:
    rules: list[type[Rule]] = []
    for folder in paths:
        directory = Path(folder)
        if not directory.is_dir():
            raise RegistryError(f"rule-paths: {folder} is not a folder")
        for file in sorted(directory.glob("*.py")):
            if file.name.startswith("_"):
                continue
            module_name = f"genelint_local_rules.{file.stem}"
            spec = importlib.util.spec_from_file_location(module_name, file)
            if spec is None or spec.loader is None:
                continue
            module = importlib.util.module_from_spec(spec)
            sys.modules[module_name] = module
            try:
                spec.loader.exec_module(module)
            except Exception as err:
                raise RegistryError(f"rule module {file} failed to load: {err}") from err
            rules.extend(rules_in_module(module))
    return rules


_CACHE: dict[tuple[str, ...], Registry] = {}


def load_registry(rule_paths: Iterable[str] = (), entry_points: bool = True) -> Registry:
    key = (str(entry_points), *rule_paths)
    if key not in _CACHE:
        rules = builtin_rules()
        if entry_points:
            rules += entry_point_rules()
        rules += path_rules(rule_paths)
        _CACHE[key] = Registry(rules)
    return _CACHE[key]
