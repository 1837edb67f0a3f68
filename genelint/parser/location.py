"""Gene Position: the cytogenetic location, read as written so that GL205 can say what is wrong with it."""

from __future__ import annotations

import re
from collections.abc import Iterator

from genelint.document import Cytoband, LineIndex
from genelint.parser.body import _Line
from genelint.parser.fields import _EMPHASIS, _TOKEN, _strip_markup

_CYTOBAND_LEAD = re.compile(
    r"\b(?:cytoband|cytogenetic\s+(?:band|location)|band|position|location|locus)\b\s*(?:is\s+)?(?::\s*|at\s+|of\s+)?",
    re.I,
)
_CYTOBAND_LOOSE = re.compile(
    r"(?<![\w.])(?:[0-9]{1,2}|X|Y)[pq][0-9A-Za-z.\-]*|(?<![\w.])(?:MT|cen|pter-qter)(?![\w])"
)
# Right after a lead ("at position"), a miscased band (`XP11.21`, `xq28`) is still the
# location, and GL205 says what is wrong with it; searched for anywhere, words such as
# "xpress" would be taken for one.
_CYTOBAND_MISCASED = re.compile(r"(?:[0-9]{1,2}|[XYxy])[pqPQ][0-9][0-9A-Za-z.\-]*")
# Right after a lead, a location written wrongly is still the location, so that GL205 can say
# what is wrong with it: a band with a space inside (`X p11.21`, `Xp 11.21`), a genomic
# coordinate (`chrX:55009055`) or a `chr` prefix (`chrXp11.21`).
_LOCATION_SPACED = re.compile(
    r"(?P<chromosome>[0-9]{1,2}|[XYxy])(?P<gap>[ \t]*)[pqPQ][ \t]*(?P<band>[0-9]+(?:\.[0-9]+)*)"
    r"(?:[ \t]*-[ \t]*(?:[0-9]{1,2}|[XYxy])?[ \t]*[pqPQ][ \t]*[0-9]+(?:\.[0-9]+)*)?(?!\w)"
)
_LOCATION_COORDINATE = re.compile(
    r"(?:chr(?:omosome)?[ \t]*)?(?:[0-9]{1,2}|[XY]|MT|M)[ \t]*:[ \t]*[0-9][0-9,]*"
    r"(?:[ \t]*[-\u2013][ \t]*[0-9][0-9,]*)?(?!\w)",
    re.I,
)
_LOCATION_CHR = re.compile(r"chr[0-9XYM]", re.I)
# Anywhere else in the section only a whole band counts, so words such as `Xpert` or `2pm`
# are not taken for one; a coordinate counts only with its `chr` prefix.
_CYTOBAND_IN_PROSE = re.compile(
    r"(?<![\w.])(?:(?:[0-9]{1,2}|X|Y)(?:[pq](?:[0-9]+(?:\.[0-9]+)*)?|pter|qter|cen)"
    r"(?:-(?:[0-9]{1,2}|X|Y)?(?:[pq](?:[0-9]+(?:\.[0-9]+)*)?|pter|qter|cen))?|MT|cen|pter-qter)(?!\w)"
)
_COORDINATE_IN_PROSE = re.compile(
    r"(?<![\w.])chr(?:[0-9]{1,2}|[XY]|MT|M):[0-9][0-9,]*(?:[-\u2013][0-9][0-9,]*)?(?!\w)"
)


def _parse_cytoband(index: LineIndex, lines: list[_Line]) -> Cytoband | None:
    candidates = [line for line in lines if not line.hidden and line.text.strip()]
    for line in candidates:
        for lead in _CYTOBAND_LEAD.finditer(line.text):
            found = _location_after(index, line, lead.end())
            if found:
                return found
    for line in candidates:
        for at in _stating_leads(line.text):
            found = _malformed_location_after(index, line, at)
            if found:
                return found
    for pattern in (_CYTOBAND_IN_PROSE, _COORDINATE_IN_PROSE):
        for line in candidates:
            match = pattern.search(line.text)
            if match:
                return _cytoband_field(index, line.number, match.start(), match.group(0))
    return None


# Right after a lead (`at position X.`), a chromosome alone is the location NCBI gives genes
# with no mapped band; elsewhere in prose a bare `X` or `11` is never taken for one.
_CHROMOSOME_ALONE = re.compile(r"(?:[1-9]|1[0-9]|2[0-2]|X|Y)")


def _location_after(index: LineIndex, line: _Line, at: int) -> Cytoband | None:
    """The location written right after a lead ending at `at`, or None when none is."""
    text = line.text
    start = len(text) - len(text[at:].lstrip(_EMPHASIS + " \t"))
    coordinate = _LOCATION_COORDINATE.match(text, start)
    if coordinate:
        return _cytoband_field(index, line.number, start, coordinate.group(0))
    spaced = _LOCATION_SPACED.match(text, start)
    # `2 p53` is prose; a numbered chromosome apart from its arm needs a sub-band (`11 p15.4`).
    if (
        spaced
        and any(ch in " \t" for ch in spaced.group(0))
        and not (
            spaced.group("chromosome").isdigit()
            and spaced.group("gap")
            and "." not in spaced.group("band")
        )
    ):
        return _cytoband_field(index, line.number, start, spaced.group(0))
    token = _TOKEN.match(text, at)
    if not token:
        return None
    candidate = token.group(1).strip(_EMPHASIS)
    if (
        _CYTOBAND_LOOSE.match(candidate)
        or _CYTOBAND_MISCASED.match(candidate)
        or _LOCATION_CHR.match(candidate)
    ):
        return _cytoband_field(index, line.number, token.start(1), token.group(1))
    # A chromosome alone ends its clause (`at position X.`); `position of 2 p53 sites` is prose.
    ends_clause = candidate[-1:] in ".,;" or not text[token.end(1) :].strip()
    if ends_clause and _CHROMOSOME_ALONE.fullmatch(candidate.rstrip(".,;:)").strip(_EMPHASIS)):
        return _cytoband_field(index, line.number, token.start(1), token.group(1))
    return None


# A lead that states the location (`located at position`, `located at`, `cytoband:`): what
# follows it is the location even when it is written wrongly (`Xr11.21`, `X11.21`), so GL205
# reports that value instead of "states no location" at the heading. `location at 5 sites` is prose.
_LOCATED_AT = re.compile(r"\blocated\b(?:[ \t]+\w+){0,3}?[ \t]+at[ \t]+", re.I)


def _stating_leads(text: str) -> Iterator[int]:
    """Where the value of each lead that states the location starts, in line order."""
    ends = [m.end() for m in _LOCATED_AT.finditer(text)]
    for lead in _CYTOBAND_LEAD.finditer(text):
        if lead.group(0).rstrip().endswith(":") or any(end == lead.start() for end in ends):
            ends.append(lead.end())
    return iter(sorted(ends))


def _malformed_location_after(index: LineIndex, line: _Line, at: int) -> Cytoband | None:
    """The token after a stating lead, when it has a digit (a word after one is prose) and is more
    than a number (`located at 3 sites`; a chromosome alone is read by _location_after)."""
    token = _TOKEN.match(line.text, at)
    if (
        not token
        or not any(ch.isdigit() for ch in token.group(1))
        or token.group(1).strip(_EMPHASIS + ".,;:)").isdigit()
    ):
        return None
    return _cytoband_field(index, line.number, token.start(1), token.group(1))


def _cytoband_field(index: LineIndex, line: int, start: int, token: str) -> Cytoband:
    # `**Xp11.21**.`: the sentence's full stop outside the emphasis, then inside it.
    value, column = _strip_markup(token.rstrip(".,;:)"), start + 1)
    value = value.rstrip(".,;:)")
    return Cytoband(value, index.span_at(line, column, len(value)))
