"""Inputs the long fuzzing run (benchmarks/fuzz.py) found crashing or slow, minimised and kept
under tests/regressions/: each goes through the whole offline check, parser and fixer again.
How long one takes is measured by the fuzzer, not asserted here."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from genelint.parser import parse_bytes

sys.path.insert(
    0, str(Path(__file__).parent)
)  # the suite imports in importlib mode: tests/ is not on the path
import fuzzing  # noqa: E402

SAVED = sorted(fuzzing.REGRESSIONS.glob("*.md"))


@pytest.mark.parametrize("page", SAVED, ids=[p.name for p in SAVED])
def test_saved_input_is_checked_and_fixed_without_error(page):
    raw = page.read_bytes()
    linter = fuzzing.offline_linter()
    doc = parse_bytes(raw, fuzzing.PATH, linter.settings.parser_options())
    run = linter.finish([linter.check_document(doc)])
    assert not run.internal_errors
    fuzzing.check_findings(doc, run.findings)
    if doc.readable:
        fuzzing.check_hgvs(doc)
        fuzzing.check_fixes(raw, linter)
