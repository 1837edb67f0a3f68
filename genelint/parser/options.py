"""What a run can configure in the parser: the known sections."""

from __future__ import annotations

from dataclasses import dataclass, field

from genelint.sections import REFERENCE_SECTIONS, known_titles, section_key

_TITLES_KEPT = 4096
_UNKNOWN = object()


@dataclass(frozen=True)
class ParserOptions:
    sections: tuple[tuple[str, str], ...] = REFERENCE_SECTIONS
    _compiled: dict = field(default_factory=dict, compare=False, hash=False, repr=False)

    def known(self) -> dict[str, str]:
        if "known" not in self._compiled:
            self._compiled["known"] = known_titles(self.sections)
        return self._compiled["known"]

    def section_key(self, title: str) -> str | None:
        """The key of the known section `title` names, or None: remembered by title, as a run
        reads the same few titles on every page."""
        keys = self._compiled.setdefault("keys", {})
        key = keys.get(title, _UNKNOWN)
        if key is _UNKNOWN:
            if len(keys) >= _TITLES_KEPT:
                keys.clear()  # a run of many different titles: start again, not grow
            key = keys[title] = section_key(title, self.known())
        return key


DEFAULT_OPTIONS = ParserOptions()
