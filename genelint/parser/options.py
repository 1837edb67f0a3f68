"""What a run can configure in the parser: the known sections."""

from __future__ import annotations

from dataclasses import dataclass, field

from genelint.sections import REFERENCE_SECTIONS, known_titles


@dataclass(frozen=True)
class ParserOptions:
    sections: tuple[tuple[str, str], ...] = REFERENCE_SECTIONS
    _compiled: dict = field(default_factory=dict, compare=False, hash=False, repr=False)

    def known(self) -> dict[str, str]:
        if "known" not in self._compiled:
            self._compiled["known"] = known_titles(self.sections)
        return self._compiled["known"]


DEFAULT_OPTIONS = ParserOptions()
