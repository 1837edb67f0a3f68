"""What a run can configure in the parser: the known sections and the AI-footer patterns."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from genelint.sections import REFERENCE_SECTIONS, known_titles

# Footer wording that claims AI authorship; configurable through ParserOptions.
DEFAULT_AI_PATTERNS: tuple[str, ...] = (
    r"\bAI\s+language\s+model\b",
    r"\blarge\s+language\s+model\b",
    r"\b(?:generated|written|analy[sz]ed|produced|created|drafted)\s+(?:\w+\s+){0,3}by\s+(?:an?\s+)?(?:AI|artificial intelligence)\b",
    r"\b(?:Chat)?GPT(?:-?\d(?:\.\d)?)?(?:-?(?:turbo|o))?\b",
    r"\bOpenAI\b",
    r"\bClaude\b",
    r"\bGemini\b",
    r"\bBard\b",
    r"\bLLaMA\b|\bLlama\s*\d",
    r"\bMistral\b",
    r"\bCopilot\b",
)


@dataclass(frozen=True)
class ParserOptions:
    sections: tuple[tuple[str, str], ...] = REFERENCE_SECTIONS
    ai_patterns: tuple[str, ...] = DEFAULT_AI_PATTERNS
    _compiled: dict = field(default_factory=dict, compare=False, hash=False, repr=False)

    def known(self) -> dict[str, str]:
        if "known" not in self._compiled:
            self._compiled["known"] = known_titles(self.sections)
        return self._compiled["known"]

    def ai_regex(self) -> re.Pattern:
        if "ai" not in self._compiled:
            self._compiled["ai"] = re.compile("|".join(f"(?:{p})" for p in self.ai_patterns), re.I)
        return self._compiled["ai"]

    def ai_words(self) -> tuple[str, ...] | None:
        """Words one of which every match of ai_regex holds (genelint.parser.words), or None."""
        if "ai_words" not in self._compiled:
            from genelint.parser.words import necessary_words

            self._compiled["ai_words"] = necessary_words(self.ai_regex().pattern, re.I)
        return self._compiled["ai_words"]


DEFAULT_OPTIONS = ParserOptions()
