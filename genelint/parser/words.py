"""Words a regex cannot match without: a cheap test that rules lines out before the regex runs.

The AI-footer regex (rules/provenance.claims_regex) is an alternation of case-insensitive patterns each
starting at a word boundary; the regex engine tries every branch at every position, ~1 us
per line. Every match of it contains one of a few literal words (`gpt`, `claude`,
`language`, ...): a line holding none of them, in any case, cannot match, and finding those
words in a page's lower-cased text is a few scans in C. `necessary_words` reads the words
from the pattern's own parse tree (what `re` itself compiles), so they follow the configured
patterns; a pattern it cannot read that way gets None, and every line is searched as before.
"""

from __future__ import annotations

import importlib
import re

try:  # the parser `re` compiles with (sre_parse before Python 3.11; private: no stubs)
    _ops = importlib.import_module("re._constants")
    _regex_parser = importlib.import_module("re._parser")
except ImportError:  # pragma: no cover - Python 3.10
    _ops = importlib.import_module("sre_constants")
    _regex_parser = importlib.import_module("sre_parse")


def necessary_words(pattern: str, flags: int = 0) -> tuple[str, ...] | None:
    """Lower-case ASCII words one of which every match of `pattern` contains, or None."""
    try:
        words = _necessary(list(_regex_parser.parse(pattern, flags)))
    except Exception:  # a construct this reading does not know: no words, no shortcut
        return None
    if not words or not all(word.isascii() for word in words):
        return None
    return tuple(sorted({word.lower() for word in words}))


def _necessary(items: list) -> list[str] | None:
    """Words one of which every match of the sequence `items` contains: the best of a run
    of literal characters, a group, a repeat done at least once, an alternation whose every
    branch has words; None when no item gives any."""
    options: list[list[str]] = []
    run: list[str] = []
    for op, argument in [*items, (None, None)]:
        if op is _ops.LITERAL:
            run.append(chr(argument))
            continue
        if run:
            options.append(["".join(run)])
            run = []
        found = None
        if op is _ops.BRANCH:
            branches = [_necessary(list(branch)) for branch in argument[1]]
            with_words = [words for words in branches if words]
            if len(with_words) == len(branches):
                found = sorted({word for words in with_words for word in words})
        elif op is _ops.SUBPATTERN:
            found = _necessary(list(argument[-1]))
        elif op in (_ops.MAX_REPEAT, _ops.MIN_REPEAT) and argument[0] >= 1:
            found = _necessary(list(argument[2]))
        if found:
            options.append(found)
    # The rarest test: the longest shortest word, then the fewest words.
    return max(options, key=lambda words: (min(map(len, words)), -len(words))) if options else None


_NOT_ASCII = re.compile(r"[^\x00-\x7f]")


def lines_holding(text: str, first: int, words: tuple[str, ...], index) -> set[int]:
    """The numbers of the lines of `text` (which starts at offset `first` of `index`'s text)
    that may hold one of `words` in any case: each line an occurrence touches, and every line
    with a character outside ASCII (where a regex's case folding is not ASCII's)."""
    lowered = text.lower()
    if len(lowered) != len(text):  # a character that lower-cases to two: offsets would drift
        return set(range(index.line_of(first), index.line_count + 1))
    lines: set[int] = set()
    for word in words:
        at = lowered.find(word)
        while at != -1:
            lines.update(
                range(index.line_of(first + at), index.line_of(first + at + len(word)) + 1)
            )
            at = lowered.find(word, at + 1)
    if not text.isascii():
        lines.update(index.line_of(first + match.start()) for match in _NOT_ASCII.finditer(text))
    return lines
