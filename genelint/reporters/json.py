"""The JSON report, as described by schemas/report.schema.json."""

from __future__ import annotations

import json
import re

from genelint import __version__
from genelint.findings import Finding
from genelint.reporters import RenderOptions, Report, shown_message

REPORT_VERSION = 1
# json.dumps escapes C0 controls but, keeping non-ASCII text readable, writes DEL and the C1
# controls (0x9b is an 8-bit CSI) as they are; they can only occur inside strings.
_C1 = re.compile("[\x7f-\x9f]")


def render_json(report: Report, statistics: bool = False) -> str:
    summary = report.summary()
    if statistics:  # --statistics: the counts per rule join the summary
        summary["statistics"] = [rule.to_json() for rule in report.statistics()]
    document = {
        "version": REPORT_VERSION,
        "tool": {"name": "genelint", "version": __version__},
        "findings": [_finding(f) for f in report.findings],
        "summary": summary,
    }
    if report.facts is not None:
        document["facts"] = report.facts
    return dump(document)


def dump(document) -> str:
    """JSON as genelint writes it: indented, readable non-ASCII, every control character escaped."""
    pieces: list[str] = []
    try:
        _indented(document, "\n", pieces)
        text = "".join(pieces)
    except _NotPlain:  # what only json's own encoder says (or refuses) the right way
        text = json.dumps(document, indent=2, ensure_ascii=False)
    return _C1.sub(lambda m: f"\\u{ord(m.group()):04x}", text) + "\n"


# The text json.dumps(document, indent=2, ensure_ascii=False) writes, made ~1.5x faster:
# with an indent, json writes through its Python encoder, a generator per container; a
# report of 2,000 pages took ~20 ms. Values are told apart in json's own order (a bool is an
# int, an IntEnum writes its number) and strings are escaped by json's own C function.
_encode_string = json.encoder.encode_basestring  # (ensure_ascii=False's)
_INFINITY = float("inf")


class _NotPlain(Exception):
    """A value json.dumps writes only through `default` (or refuses)."""


def _number(value: float) -> str:
    if value != value:
        return "NaN"
    if value == _INFINITY:
        return "Infinity"
    if value == -_INFINITY:
        return "-Infinity"
    return float.__repr__(value)


def _key(key) -> str:
    if isinstance(key, str):
        return key
    if isinstance(key, float):
        return _number(key)
    if key is True:
        return "true"
    if key is False:
        return "false"
    if key is None:
        return "null"
    if isinstance(key, int):
        return int.__repr__(key)
    raise _NotPlain


def _indented(value, newline: str, pieces: list[str]) -> None:
    """`value` as json.dumps writes it at the depth `newline` (a line break and the indent of
    the lines inside the value's container), appended to `pieces`."""
    if isinstance(value, str):
        pieces.append(_encode_string(value))
    elif value is None:
        pieces.append("null")
    elif value is True:
        pieces.append("true")
    elif value is False:
        pieces.append("false")
    elif isinstance(value, int):
        pieces.append(int.__repr__(value))
    elif isinstance(value, float):
        pieces.append(_number(value))
    elif isinstance(value, (list, tuple)):
        if not value:
            pieces.append("[]")
            return
        inside, opening = newline + "  ", "["
        for item in value:
            pieces.append(opening + inside)
            _indented(item, inside, pieces)
            opening = ","
        pieces.append(newline + "]")
    elif isinstance(value, dict):
        if not value:
            pieces.append("{}")
            return
        inside, opening = newline + "  ", "{"
        for key, item in value.items():
            pieces.append(f"{opening}{inside}{_encode_string(_key(key))}: ")
            _indented(item, inside, pieces)
            opening = ","
        pieces.append(newline + "}")
    else:
        raise _NotPlain


def _finding(finding: Finding) -> dict:
    data = finding.to_json()
    data["message"] = shown_message(data["message"])
    return data


def render(report: Report, options: RenderOptions) -> str:
    return render_json(report, statistics=options.statistics)
