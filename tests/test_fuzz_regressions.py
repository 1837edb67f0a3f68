"""Inputs the long fuzzing run (benchmarks/fuzz.py) found crashing or slow, minimised and kept
under tests/regressions/: each goes through the parser (spans checked), the whole offline check and the fixer again.
How long one takes is measured by the fuzzer, not asserted here."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(
    0, str(Path(__file__).parent)
)  # the suite imports in importlib mode: tests/ is not on the path
import fuzzing  # noqa: E402

SAVED = sorted(fuzzing.REGRESSIONS.glob("*.md"))


@pytest.mark.parametrize("page", SAVED, ids=[p.name for p in SAVED])
def test_saved_input_keeps_every_promise(page):
    """Every promise the fuzzer checks (fuzzing.check_page): no exception or internal error,
    every field's span on the text it names, findings inside the page, fixes idempotent."""
    fuzzing.check_page(page.read_bytes())
