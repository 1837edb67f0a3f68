"""What the fuzzers check, shared by the bounded property tests (tests/test_fuzz.py), the
replayed regressions (tests/test_fuzz_regressions.py) and the long run (benchmarks/fuzz.py).

`check_page` runs one page through every target — the parser, the HGVS parser on each
change cell, the whole offline check, the fixer — and raises on any broken promise: an
exception, a span outside the file or off the text it names, an internal error, a fix that
is not idempotent or that leaves front matter YAML that no longer parses.
`mutate` is the structure-aware mutator: it damages a real page the way editors, models and
merges do (lines and table cells swapped, cut and duplicated; bytes inserted into IDs,
changes, DOIs and the YAML) from a `random.Random`, so a seed replays a mutation.
"""

from __future__ import annotations

import random
import re
import time
from functools import lru_cache
from pathlib import Path

from test_parser_properties import assert_spans_exact

from genelint.fixer import fix_bytes
from genelint.hgvs import HgvsSyntaxError, parse_description, parse_legacy
from genelint.parser import parse_bytes

ROOT = Path(__file__).resolve().parent.parent
REGRESSIONS = ROOT / "tests" / "regressions"
PATH = "page.md"


def seed_pages() -> list[bytes]:
    """Real pages to mutate: the examples and every rule and parser fixture page."""
    folders = [
        ROOT / "examples",
        ROOT / "tests" / "rules" / "fixtures",
        ROOT / "tests" / "fixtures",
    ]
    pages = sorted({p for folder in folders for p in folder.rglob("*.md")})
    return [p.read_bytes() for p in pages]


@lru_cache(maxsize=1)
def offline_linter():
    from genelint.testing import make_linter

    return make_linter()


# --- the properties ---------------------------------------------------------------------


check_spans = assert_spans_exact  # the parser's own property: every field's span holds its value


def check_hgvs(doc) -> None:
    """Every change cell is either a description or a syntax error with a place, never a crash."""
    for row in doc.mutations:
        if row.change is None:
            continue
        text = row.change.value
        try:
            parse_description(text)
        except HgvsSyntaxError:
            pass
        parse_legacy(text)


def check_findings(doc, findings) -> None:
    lines = max(doc.lines.line_count, 1) if doc.readable else None
    for finding in findings:
        where = f"{finding.code} at {finding.line}:{finding.column}"
        assert 1 <= finding.line <= finding.end_line, where
        if lines is not None:
            assert finding.end_line <= lines + 1, where
        if finding.fix is not None:
            for edit in finding.fix.edits:
                assert 0 <= edit.start <= edit.end <= len(doc.raw), where


def front_matter_parses(raw: bytes) -> bool:
    doc = parse_bytes(raw, PATH)
    return doc.readable and not any(p.code == "GL002" for p in doc.problems)


def check_fixes(raw: bytes, linter) -> None:
    fixed, _ = fix_bytes(raw, PATH, linter, unsafe=True)
    if fixed == raw:
        return
    again, _ = fix_bytes(fixed, PATH, linter, unsafe=True)
    assert again == fixed, "a second --fix changed the page again"
    if front_matter_parses(raw):
        assert front_matter_parses(fixed), "the fix left front matter that does not parse"


def check_page(raw: bytes) -> None:
    """Every target on one page; raises AssertionError (or the crash itself) when a promise breaks."""
    linter = offline_linter()
    doc = parse_bytes(raw, PATH, linter.settings.parser_options())
    if doc.readable:
        check_spans(doc)
        check_hgvs(doc)
    run = linter.finish([linter.check_document(doc)])
    assert not run.internal_errors, run.internal_errors
    check_findings(doc, run.findings)
    if doc.readable:
        check_fixes(raw, linter)


# --- structure-aware mutations ----------------------------------------------------------

# Values the rules read closely: IDs, HGVS changes, rsIDs, DOIs, cytobands.
VALUE = re.compile(
    rb"HGNC:\d+|ENS[GTP]\d+|\b\d{6}\b|\b[OPQ]\d[A-Z0-9]{3}\d\b|p\.[A-Za-z*=()?\d_^\[\];]+|rs\d+|10\.\d{4,}/\S+|\b\d{1,2}[pq]\d+(?:\.\d+)?"
)
NOISE = [
    b"|",
    b"\n",
    b"\r",
    b"---\n",
    b":",
    b"- ",
    b"  ",
    b"\t",
    b"'",
    b'"',
    b"[",
    b"]",
    b"{",
    b"*",
    b"&a",
    b"!!",
    b"#",
    b"`",
    b"<!--",
    b"-->",
    b"\xc3",
    b"\xe2\x80\xae",
    b"\x00",
    b"\xef\xbb\xbf",
    "é".encode(),
    b"0",
    b"9",
    b"Ter",
    b"fs",
    b"del",
    b"ins",
    b"_",
    b"?",
    b"^",
    b"=",
    b"rs",
    b"p.",
    b"doi:",
    b"https://doi.org/",
    b"%",
]


def _lines(raw: bytes) -> list[bytes]:
    return raw.splitlines(keepends=True) or [b""]


def _line_op(raw: bytes, rng: random.Random) -> bytes:
    lines = _lines(raw)
    i, j = rng.randrange(len(lines)), rng.randrange(len(lines))
    op = rng.choice(("swap", "cut", "duplicate"))
    if op == "swap":
        lines[i], lines[j] = lines[j], lines[i]
    elif op == "cut":
        del lines[i]
    else:
        lines.insert(i, lines[j])
    return b"".join(lines)


def _cell_op(raw: bytes, rng: random.Random) -> bytes:
    lines = _lines(raw)
    rows = [n for n, line in enumerate(lines) if line.count(b"|") >= 2]
    if not rows:
        return _line_op(raw, rng)
    n = rng.choice(rows)
    body = lines[n].rstrip(b"\r\n")
    ending = lines[n][len(body) :]
    cells = body.split(b"|")
    i, j = rng.randrange(len(cells)), rng.randrange(len(cells))
    op = rng.choice(("swap", "cut", "duplicate", "borrow"))
    if op == "swap":
        cells[i], cells[j] = cells[j], cells[i]
    elif op == "cut" and len(cells) > 1:
        del cells[i]
    elif op == "duplicate":
        cells.insert(i, cells[j])
    else:  # a cell from another row
        other = lines[rng.choice(rows)].rstrip(b"\r\n").split(b"|")
        cells[i] = rng.choice(other)
    lines[n] = b"|".join(cells) + ending
    return b"".join(lines)


def _insert(raw: bytes, at: int, rng: random.Random) -> bytes:
    piece = (
        rng.choice(NOISE)
        if rng.random() < 0.7
        else bytes(rng.randrange(256) for _ in range(rng.randint(1, 3)))
    )
    return raw[:at] + piece + raw[at:]


def _value_op(raw: bytes, rng: random.Random) -> bytes:
    values = list(VALUE.finditer(raw))
    if not values:
        return _insert(raw, rng.randint(0, len(raw)), rng)
    value = rng.choice(values)
    at = rng.randint(value.start(), value.end())
    if rng.random() < 0.3:  # cut part of the value instead
        return raw[:at] + raw[min(value.end(), at + rng.randint(1, 4)) :]
    return _insert(raw, at, rng)


def _yaml_op(raw: bytes, rng: random.Random) -> bytes:
    end = raw.find(b"\n---", 3) if raw.startswith(b"---") else -1
    if end < 0:
        return _insert(raw, rng.randint(0, len(raw)), rng)
    at = rng.randint(0, end + 4)
    if rng.random() < 0.3:
        head, tail = raw[: end + 4], raw[end + 4 :]
        return _line_op(head, rng) + tail
    return _insert(raw, at, rng)


def _truncate(raw: bytes, rng: random.Random) -> bytes:
    return raw[: rng.randint(0, len(raw))]


OPERATIONS = (
    _line_op,
    _line_op,
    _cell_op,
    _cell_op,
    _value_op,
    _value_op,
    _value_op,
    _yaml_op,
    _yaml_op,
    _truncate,
)


def mutate(raw: bytes, rng: random.Random, steps: int | None = None) -> bytes:
    for _ in range(rng.randint(1, 6) if steps is None else steps):
        raw = rng.choice(OPERATIONS)(raw, rng)
    if rng.random() < 0.1:
        raw = raw.replace(b"\n", b"\r\n")
    return raw


# --- minimising -------------------------------------------------------------------------


def minimise(raw: bytes, still_fails, deadline: float | None = None) -> bytes:
    """A smaller input on which `still_fails` holds: whole lines dropped, then chunks of bytes
    (ddmin-like); past `deadline` (time.monotonic()) the smallest found so far."""
    if deadline is not None:
        fails = still_fails

        def still_fails(candidate: bytes) -> bool:
            return time.monotonic() < deadline and fails(candidate)

    lines = _lines(raw)
    chunk = max(len(lines) // 2, 1)
    while chunk >= 1:
        i, changed = 0, False
        while i < len(lines):
            candidate = lines[:i] + lines[i + chunk :]
            if candidate and still_fails(b"".join(candidate)):
                lines, changed = candidate, True
            else:
                i += chunk
        if not changed:
            chunk //= 2
    raw = b"".join(lines)
    chunk = max(len(raw) // 4, 1)
    while chunk >= 1:
        i = 0
        while i < len(raw):
            candidate = raw[:i] + raw[i + chunk :]
            if candidate and still_fails(candidate):
                raw = candidate
            else:
                i += chunk
        chunk //= 2
    return raw
