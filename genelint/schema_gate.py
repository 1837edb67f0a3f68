"""A quick "certainly valid" for a JSON Schema, asked before jsonschema.

jsonschema walks the schema through a validator object per keyword and value: ~150 us for
a page's front matter, the largest cost of the offline rules, though most pages match and a
match has nothing to report. `certainty_check(schema)` compiles the schema once into one
Python function (its source written from the schema, as `dataclasses` writes an __init__) for
the few keywords it knows; it answers True only when the instance certainly matches, and every
False is handed to jsonschema, which says what is wrong. A schema with a keyword the checks do
not know gets no gate (None): it is left to jsonschema alone, so the gate can never let
through what jsonschema would reject. tests/test_schema_gate.py checks that both agree on the
front matter of every fixture and on generated data.

The instance may be YAML's data as it is: a date or datetime is read as its ISO string
(`isoformat()`), as the schema speaks JSON, wherever a string may stand.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable

Check = Callable[[object], bool]

# Keywords that say nothing about validity.
_ANNOTATIONS = frozenset(
    {"$schema", "$id", "$defs", "$comment", "title", "description", "examples", "default"}
)
# Each JSON type the checks know: the Python test of a value (a name the source may use).
_TYPES = {
    "object": "isinstance({v}, dict)",
    "array": "isinstance({v}, list)",
    "string": "isinstance({v}, str)",
    "boolean": "isinstance({v}, bool)",
    "null": "{v} is None",
}
# Keywords whose check is about one type of value, and that type.
_ABOUT = {
    "required": "object",
    "properties": "object",
    "additionalProperties": "object",
    "items": "array",
    "minItems": "array",
    "minLength": "string",
    "pattern": "string",
}
_DATES = (datetime.date, datetime.datetime)
_ABSENT = object()  # what `.get` gives for a property the instance does not have


class _Unknown(Exception):
    """The schema uses something the gate does not check."""


def certainty_check(schema: dict | bool) -> Check | None:
    """A function saying whether an instance certainly matches `schema`; None when the
    schema uses a keyword, type or reference this module does not know."""
    try:
        return _Compiler(schema).compile()
    except _Unknown:
        return None


class _Compiler:
    """Writes one function per schema node that needs its own (the root, each `oneOf` option,
    each referenced schema); the others are written inline, in their parent's function."""

    def __init__(self, root: dict | bool):
        self.root = root
        self.names: dict[str, object] = {"_DATES": _DATES, "_ABSENT": _ABSENT}
        self.functions: list[str] = []
        self.references: dict[str, str] = {}  # pointer -> the name of its function

    def compile(self) -> Check:
        name = self.function(self.root)
        exec("\n\n".join(self.functions), self.names)  # noqa: S102 - source written above
        return self.names[name]  # type: ignore[return-value]

    def constant(self, value: object) -> str:
        name = f"_c{len(self.names)}"
        self.names[name] = value
        return name

    def function(self, node: dict | bool) -> str:
        """The name of a new function checking `node` (True: certainly matches)."""
        name = f"_check{len(self.functions)}"
        self.functions.append("")  # its place: functions it calls are written meanwhile
        place = len(self.functions) - 1
        body = self.checks(node, "value", 1)
        self.functions[place] = "\n".join([f"def {name}(value):", *body, "    return True"])
        return name

    def checks(self, node: dict | bool, v: str, depth: int) -> list[str]:
        """Lines returning False unless `v` certainly matches `node`, indented `depth` levels."""
        pad = "    " * depth
        if node is True:
            return []
        if node is False or not isinstance(node, dict):
            if node is False:
                return [f"{pad}return False"]
            raise _Unknown
        keywords = {key: argument for key, argument in node.items() if key not in _ANNOTATIONS}
        types = keywords.pop("type", None)
        names = [types] if isinstance(types, str) else list(types) if types is not None else None
        if names is not None and any(name not in _TYPES for name in names):
            raise _Unknown
        lines = []
        if names is None or "string" in names:  # a YAML date where a string may stand
            lines.append(f"{pad}if isinstance({v}, _DATES):\n{pad}    {v} = {v}.isoformat()")
        if names is not None:
            test = " or ".join(_TYPES[name].format(v=v) for name in names)
            lines.append(f"{pad}if not ({test}):\n{pad}    return False")
        for key, argument in keywords.items():
            about = _ABOUT.get(key)
            # Known to be that type already: no test of it again.
            sure = names is not None and names == [about]
            lines.extend(self.keyword(key, argument, keywords, v, depth, about, sure))
        return lines

    def keyword(
        self, key: str, argument, node: dict, v: str, depth: int, about: str | None, sure: bool
    ) -> list[str]:
        pad = "    " * depth
        inner = f"v{depth}"  # the variable of a value one level down
        guard = "" if sure or about is None else _TYPES[about].format(v=v) + " and "
        if key == "required":
            present = " and ".join(f"{key!r} in {v}" for key in argument) or "True"
            return [f"{pad}if {guard}not ({present}):\n{pad}    return False"]
        if key == "minItems" or key == "minLength":
            return [f"{pad}if {guard}len({v}) < {int(argument)}:\n{pad}    return False"]
        if key == "pattern":
            pattern = self.constant(re.compile(argument))
            return [f"{pad}if {guard}{pattern}.search({v}) is None:\n{pad}    return False"]
        if key == "oneOf":
            options = " + ".join(f"{self.function(option)}({v})" for option in argument)
            return [f"{pad}if ({options}) != 1:\n{pad}    return False"]
        if key == "$ref":
            return [f"{pad}if not {self.reference(argument)}({v}):\n{pad}    return False"]
        if key == "properties":
            lines = []
            for name, schema in argument.items():
                checks = self.checks(schema, inner, depth + 2)
                if checks:
                    lines.append(
                        f"{pad}    {inner} = {v}.get({name!r}, _ABSENT)\n"
                        f"{pad}    if {inner} is not _ABSENT:"
                    )
                    lines.extend(checks)
            return self.within(lines, pad, sure, about, v)
        if key == "additionalProperties":
            if "patternProperties" in node:
                raise _Unknown
            known = self.constant(frozenset(node.get("properties", {})))
            if argument is False:  # nearly always: no key but the known ones
                return [f"{pad}if {guard}not {known}.issuperset({v}):\n{pad}    return False"]
            checks = self.checks(argument, inner, depth + 3)
            lines = [
                f"{pad}    for key, {inner} in {v}.items():",
                f"{pad}        if key not in {known}:",
            ]
            return self.within([*lines, *checks] if checks else [], pad, sure, about, v)
        if key == "items":
            checks = self.checks(argument, inner, depth + 2)
            lines = [f"{pad}    for {inner} in {v}:", *checks] if checks else []
            return self.within(lines, pad, sure, about, v)
        raise _Unknown

    @staticmethod
    def within(lines: list[str], pad: str, sure: bool, about: str | None, v: str) -> list[str]:
        """`lines` (indented one level more than `pad`) under a test of the value's type."""
        if not lines:
            return []
        test = "True" if sure or about is None else _TYPES[about].format(v=v)
        return [f"{pad}if {test}:", *lines]

    def reference(self, pointer: str) -> str:
        """The function of a reference within the schema (`#/$defs/isoDate`), written once
        however often used (a recursive schema calls its own)."""
        if not pointer.startswith("#"):
            raise _Unknown
        if pointer not in self.references:
            target = self.root
            for part in filter(None, pointer[1:].split("/")):
                part = part.replace("~1", "/").replace("~0", "~")
                if not isinstance(target, dict) or part not in target:
                    raise _Unknown
                target = target[part]
            # Named before its body is written, so that a reference to itself finds it.
            self.references[pointer] = f"_check{len(self.functions)}"
            self.function(target)
        return self.references[pointer]
