"""A quick "certainly valid" for a JSON Schema, asked before jsonschema.

jsonschema walks the schema through a validator object per keyword and value: ~150 us for
a page's front matter, the largest cost of the offline rules, though most pages match and a
match has nothing to report. `certainty_check(schema)` compiles the schema once into nested
Python checks for the few keywords it knows; it answers True only when the instance certainly
matches, and every False is handed to jsonschema, which says what is wrong. A schema with a
keyword the checks do not know gets no gate (None): it is left to jsonschema alone, so the
gate can never let through what jsonschema would reject. tests/test_schema_gate.py checks
that both agree on the front matter of every fixture and on generated data.
"""

from __future__ import annotations

import re
from collections.abc import Callable

Check = Callable[[object], bool]

# Keywords that say nothing about validity.
_ANNOTATIONS = frozenset(
    {"$schema", "$id", "$defs", "$comment", "title", "description", "examples", "default"}
)
_TYPES: dict[str, Check] = {
    "object": lambda value: isinstance(value, dict),
    "array": lambda value: isinstance(value, list),
    "string": lambda value: isinstance(value, str),
    "boolean": lambda value: isinstance(value, bool),
    "null": lambda value: value is None,
}


def _all_of(checks: list[Check]) -> Check:
    """One check that all of `checks` pass (a loop: ~30 of them run per page)."""
    if len(checks) == 1:
        return checks[0]

    def check(value) -> bool:
        for one in checks:
            if not one(value):
                return False
        return True

    return check


class _Unknown(Exception):
    """The schema uses something the gate does not check."""


def certainty_check(schema: dict | bool) -> Check | None:
    """A function saying whether an instance certainly matches `schema`; None when the
    schema uses a keyword, type or reference this module does not know."""
    try:
        return _Compiler(schema).build(schema)
    except _Unknown:
        return None


class _Compiler:
    def __init__(self, root: dict | bool):
        self.root = root
        self.references: dict[str, list[Check]] = {}  # pointer -> [its check], once built

    def build(self, node: dict | bool) -> Check:
        if node is True:
            return lambda value: True
        if node is False:
            return lambda value: False
        if not isinstance(node, dict):
            raise _Unknown
        keywords = (
            self._keyword(key, argument, node)
            for key, argument in node.items()
            if key not in _ANNOTATIONS
        )
        return _all_of([check for check in keywords if check is not None])

    def _keyword(self, key: str, argument, node: dict) -> Check | None:
        if key == "type":
            names = [argument] if isinstance(argument, str) else list(argument)
            if any(name not in _TYPES for name in names):
                raise _Unknown
            if len(names) == 1:
                return _TYPES[names[0]]
            kinds = [_TYPES[name] for name in names]
            return lambda value: any(kind(value) for kind in kinds)
        if key == "required":
            keys = tuple(argument)
            return lambda value: not isinstance(value, dict) or all(k in value for k in keys)
        if key == "properties":
            return self._properties(argument)
        if key == "additionalProperties":
            return self._additional(argument, node)
        if key == "items":
            item = self.build(argument)
            return lambda value: not isinstance(value, list) or all(map(item, value))
        if key == "minItems":
            return lambda value: not isinstance(value, list) or len(value) >= argument
        if key == "minLength":
            return lambda value: not isinstance(value, str) or len(value) >= argument
        if key == "pattern":
            pattern = re.compile(argument)
            return lambda value: not isinstance(value, str) or pattern.search(value) is not None
        if key == "oneOf":
            options = [self.build(option) for option in argument]
            return lambda value: sum(1 for option in options if option(value)) == 1
        if key == "$ref":
            return self._reference(argument)
        raise _Unknown

    def _properties(self, properties: dict) -> Check:
        checks = {name: self.build(schema) for name, schema in properties.items()}

        def check(value) -> bool:
            if isinstance(value, dict):
                for key, item in value.items():
                    one = checks.get(key)
                    if one is not None and not one(item):
                        return False
            return True

        return check

    def _additional(self, argument, node: dict) -> Check:
        if "patternProperties" in node:
            raise _Unknown
        known = frozenset(node.get("properties", {}))
        extra = self.build(argument)

        def check(value) -> bool:
            if not isinstance(value, dict):
                return True
            return all(extra(v) for k, v in value.items() if k not in known)

        return check

    def _reference(self, pointer: str) -> Check:
        """A reference within the schema (`#/$defs/isoDate`), built once however often used."""
        if not pointer.startswith("#"):
            raise _Unknown
        if pointer not in self.references:
            self.references[pointer] = built = []  # filled below; a recursive schema finds it
            target = self.root
            for part in filter(None, pointer[1:].split("/")):
                part = part.replace("~1", "/").replace("~0", "~")
                if not isinstance(target, dict) or part not in target:
                    raise _Unknown
                target = target[part]
            built.append(self.build(target))
        holder = self.references[pointer]
        return lambda value: holder[0](value)
