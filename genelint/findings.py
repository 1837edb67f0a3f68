"""What a rule reports: findings, their severity, and fixes as data."""

from __future__ import annotations

import copyreg
import enum
import operator
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from types import MappingProxyType
from typing import Any, Literal


class Severity(enum.IntEnum):
    """Ordered so that `severity >= fail_on` decides a failing run."""

    INFO = 1
    WARNING = 2
    ERROR = 3

    @classmethod
    def parse(cls, text: str) -> Severity:
        try:
            return cls[text.strip().upper()]
        except KeyError:
            raise ValueError(
                f"unknown severity {text!r}; expected error, warning or info"
            ) from None

    def __str__(self) -> str:
        return self.name.lower()


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace bytes [start, end) of the file with `content` (UTF-8 encoded on apply).

    Offsets are byte offsets into the file as read, so applying an edit never
    re-encodes, re-wraps or normalises anything outside it.
    """

    start: int
    end: int
    content: str

    def __reduce__(self):  # made again by __init__, not dataclasses' __setstate__ (~3x slower)
        return Edit, (self.start, self.end, self.content)


Applicability = Literal["safe", "unsafe"]  # --fix applies safe ones, --unsafe-fixes both


@dataclass(frozen=True, slots=True)
class Fix:
    edits: tuple[Edit, ...]
    applicability: Applicability = "safe"
    description: str = ""

    def __reduce__(self):
        return Fix, (self.edits, self.applicability, self.description)

    def to_json(self) -> dict:
        return {
            "applicability": self.applicability,
            "description": self.description,
            "edits": [{"start": e.start, "end": e.end, "content": e.content} for e in self.edits],
        }


NO_DATA: Mapping[str, Any] = MappingProxyType({})  # a finding's data when it has none: shared


# A run keeps every finding until its report (100,000 pages: ~170,000 of them): with slots and
# no empty dict of its own for `data`, one is ~200 bytes smaller.
@dataclass(frozen=True, slots=True)
class Finding:
    code: str
    name: str
    severity: Severity
    message: str
    line: int
    column: int
    end_line: int
    end_column: int
    path: str = ""
    fix: Fix | None = None
    # Extra machine-readable facts (e.g. "stale": True for answers served from cache).
    data: Mapping[str, Any] = field(default_factory=dict, compare=False, hash=False)

    def sort_key(self) -> tuple:
        return (self.path, self.line, self.column, self.code, self.message)

    def with_(self, **changes) -> Finding:
        """The finding with some fields changed. The engine sets the path (and maybe the
        severity) of every finding a rule yields: copied field by field here, ~3x faster than
        dataclasses.replace, which sets each through object.__setattr__ (the class is frozen)."""
        if type(self) is not Finding or not changes.keys() <= _FINDING_FIELDS:
            return replace(self, **changes)  # (a subclass's own init, or its error for a typo)
        values = list(_values_of(self))
        for name, value in changes.items():
            values[_FINDING_INDEX[name]] = value
        return _made(*values)

    def __reduce__(self):
        """Pickled (a worker's findings) as its values; made again without dataclasses'
        __setstate__ (~3x slower), and with the shared NO_DATA again when it has none."""
        if type(self) is not Finding:  # a subclass's fields may be more: dataclasses' way
            return copyreg.__newobj__, (type(self),), self.__getstate__()
        values = list(_values_of(self))
        if not values[-1]:
            values[-1] = None
        return _made, tuple(values)

    def to_json(self) -> dict:
        return {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "code": self.code,
            "name": self.name,
            "severity": str(self.severity),
            "message": self.message,
            "fix": self.fix.to_json() if self.fix else None,
        }


_FINDING_FIELD_NAMES = tuple(each.name for each in fields(Finding))
_FINDING_FIELDS = frozenset(_FINDING_FIELD_NAMES)
_FINDING_INDEX = {name: at for at, name in enumerate(_FINDING_FIELD_NAMES)}
_values_of = operator.attrgetter(*_FINDING_FIELD_NAMES)  # a finding's values, in field order
# Each slot's own setter: a frozen dataclass refuses setattr, not its slots' descriptors.
_FINDING_SETTERS = tuple(getattr(Finding, name).__set__ for name in _FINDING_FIELD_NAMES)


def _made(*values: Any) -> Finding:
    """A Finding of these field values (in field order; data None for NO_DATA), set slot by
    slot: the engine sets the path of every finding a rule yields."""
    finding = object.__new__(Finding)
    for set_value, value in zip(_FINDING_SETTERS, values):
        set_value(finding, value)
    if values[-1] is None:
        _FINDING_SETTERS[-1](finding, NO_DATA)
    return finding
