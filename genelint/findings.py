"""What a rule reports: findings, their severity, and fixes as data."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field, fields, replace
from typing import Literal


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


@dataclass(frozen=True)
class Edit:
    """Replace bytes [start, end) of the file with `content` (UTF-8 encoded on apply).

    Offsets are byte offsets into the file as read, so applying an edit never
    re-encodes, re-wraps or normalises anything outside it.
    """

    start: int
    end: int
    content: str


Applicability = Literal["safe", "unsafe"]  # --fix applies safe ones, --unsafe-fixes both


@dataclass(frozen=True)
class Fix:
    edits: tuple[Edit, ...]
    applicability: Applicability = "safe"
    description: str = ""

    def to_json(self) -> dict:
        return {
            "applicability": self.applicability,
            "description": self.description,
            "edits": [{"start": e.start, "end": e.end, "content": e.content} for e in self.edits],
        }


@dataclass(frozen=True)
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
    data: dict = field(default_factory=dict, compare=False, hash=False)

    def sort_key(self) -> tuple:
        return (self.path, self.line, self.column, self.code, self.message)

    def with_(self, **changes) -> Finding:
        """The finding with some fields changed. The engine sets the path (and maybe the
        severity) of every finding a rule yields: copied field by field here, ~3x faster than
        dataclasses.replace, which sets each through object.__setattr__ (the class is frozen)."""
        if type(self) is not Finding or not changes.keys() <= _FINDING_FIELDS:
            return replace(self, **changes)  # (a subclass's own init, or its error for a typo)
        changed = object.__new__(Finding)
        changed.__dict__.update(self.__dict__, **changes)
        return changed

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


_FINDING_FIELDS = frozenset(each.name for each in fields(Finding))
