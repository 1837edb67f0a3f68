from pathlib import Path

from genelint.testing import lint_text, positions

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def test_reference_page_has_every_section():
    findings = lint_text((EXAMPLES / "ALAS2.md").read_text(), select=["GL1"])
    assert positions(findings) == []


def test_missing_front_matter_is_reported_at_line_one():
    findings = lint_text("# Gene Information for ALAS2\n", select=["GL002"])
    assert positions(findings) == [(1, 1, "GL002")]
