"""A finding's fingerprint: what stays the same about it while unrelated lines move.

A baseline (genelint/baseline.py) matches recorded findings by path, code and this
fingerprint, and SARIF's partialFingerprints and GitLab's Code Quality fingerprint come
from it too, so the three agree on what "the same finding" is.

The fingerprint hashes the rule's code, the flagged text, the text of the line(s) the finding
is on and the values its message quotes ('## Drug Response' of "missing section '## Drug
Response'", which tells apart the findings of one rule at one place), never the line number nor
the rest of the message: adding or removing lines above a finding keeps it, and so do a
re-worded message, a number in it, or the aliases of a gene it lists changing with the
reference data; editing the finding's own line makes it a new finding. Whitespace is collapsed,
so re-indenting or a CRLF checkout changes nothing.

Baselines written before (version 1) hold `message_fingerprint`s, which hashed the whole
message (without the positions it names nor when a host was found down); genelint/baseline.py
still matches them.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Iterable, Sequence

from genelint.files import read_regular
from genelint.findings import Finding

# "line 12", "lines 3-5", "column 7": places that move with unrelated edits.
_POSITIONS = re.compile(
    r"\b(lines?|columns?)\s+\d+(?:\s*(?:-|–|to|and)\s*(?:line\s+)?\d+)?", re.IGNORECASE
)
# Another page named in a message (corpus rules: "also has a page: content/ALAS2.md:40"): its
# folder depends on where the run started and its line moves, so only its file name counts.
_PAGE_PLACE = re.compile(r"(?:[^\s,;'\"()]*[/\\])?([^\s/\\,;'\"()]+\.(?:md|markdown))(?::\d+)?")
# A lookup's host remembered down (genelint.services.downhosts): how long ago it was found
# down changes with every run, and the first run says nothing of it; the lookup stays the same.
_REMEMBERED_DOWN = re.compile(r", found by a run [^(]*? ago \(`genelint cache clear` forgets it\)")
# A value the message quotes: 'V122I', '## AA Mutation List' (an apostrophe inside a word, as in
# "ALAS2's aliases", opens no quote).
_QUOTED = re.compile(r"(?<![\w'])'([^'\n]+)'(?![\w'])")
_SPACE = re.compile(r"\s+")
LENGTH = 16  # hex digits: 64 bits, far from any collision among one repository's findings


def _squeeze(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


def stable_message(message: str) -> str:
    """The message without the positions it names nor when a host was found down, whitespace
    collapsed."""
    message = _REMEMBERED_DOWN.sub("", message)
    message = _POSITIONS.sub(lambda m: m.group(1) + " #", message)
    return _squeeze(_PAGE_PLACE.sub(lambda m: m.group(1), message))


def context_of(finding: Finding, lines: Sequence[str]) -> tuple[str, str]:
    """The flagged text (when on one line) and the text of the finding's first and last line."""

    def line(number: int) -> str:
        return lines[number - 1] if 1 <= number <= len(lines) else ""

    first, last = line(finding.line), line(finding.end_line)
    flagged = (
        first[finding.column - 1 : finding.end_column - 1]
        if finding.line == finding.end_line
        else ""
    )
    where = first if finding.end_line == finding.line else f"{first}\n{last}"
    return _squeeze(flagged), "\n".join(_squeeze(part) for part in where.split("\n"))


def quoted_values(message: str) -> str:
    """The values the message quotes, whitespace collapsed, one after another."""
    return "\x1e".join(_squeeze(value) for value in _QUOTED.findall(message))


def fingerprint(finding: Finding, lines: Sequence[str]) -> str:
    """The finding's fingerprint, given the lines (without line endings) of its file as read;
    an unreadable or vanished file gives no lines, and the code and quoted values still count."""
    flagged, context = context_of(finding, lines)
    parts = (finding.code, quoted_values(finding.message), flagged, context)
    return _digest(parts)


def message_fingerprint(finding: Finding, lines: Sequence[str]) -> str:
    """The fingerprint of baselines of version 1: the whole message stood for what it quotes."""
    flagged, context = context_of(finding, lines)
    return _digest((finding.code, stable_message(finding.message), flagged, context))


def _digest(parts: tuple[str, ...]) -> str:
    return hashlib.sha256("\x1f".join(parts).encode("utf-8", "surrogatepass")).hexdigest()[:LENGTH]


def read_lines(path: str) -> list[str]:
    """A page's lines as the parser numbers them: split at LF, a CR before it dropped, bytes
    that are not UTF-8 replaced (the finding on such a file is GL001, at the bad byte)."""
    try:
        text = read_regular(path).decode("utf-8", "replace")
    except OSError:
        return []
    return [line.rstrip("\r") for line in text.split("\n")]


def fingerprints(findings: Iterable[Finding], lines_of=read_lines, scheme=fingerprint) -> list[str]:
    """Each finding's fingerprint (`scheme`: or its message_fingerprint), in order; every file
    is read once."""
    cache: dict[str, Sequence[str]] = {}
    out = []
    for finding in findings:
        if finding.path not in cache:
            cache[finding.path] = lines_of(finding.path)
        out.append(scheme(finding, cache[finding.path]))
    return out


def numbered(prints: Iterable[str], paths: Iterable[str]) -> list[str]:
    """Fingerprints made unique within a run: the second identical finding in one file is
    `<fingerprint>:2`, as SARIF's partialFingerprints and GitLab's fingerprint want one
    result per value (the first keeps `:1`, so adding a copy never renames the first)."""
    seen: Counter = Counter()
    out = []
    for value, path in zip(prints, paths):
        seen[path, value] += 1
        out.append(f"{value}:{seen[path, value]}")
    return out
