"""GL501-GL503: their situations (positions and messages) are rule cases (tests/rules/cases/GL50*.yaml);
here GL502's fix, the reference page and how AI claims and model names are read."""

import re
from pathlib import Path

import pytest

from genelint.fixer import apply_fixes
from genelint.parser import parse_bytes
from genelint.rule import Context
from genelint.rules.provenance import (
    DEFAULT_AI_PATTERNS,
    FOOTER_LINES,
    ai_claims,
    claims_ai,
    models_named,
)
from genelint.testing import lint_file, lint_text, positions

FIXTURES = Path(__file__).parent / "fixtures" / "provenance"
EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
PARSER_VARIATIONS = Path(__file__).resolve().parents[1] / "fixtures" / "parser"
PROVENANCE = ["GL501", "GL502", "GL503"]


def lint(name: str, select=PROVENANCE, config=None):
    return lint_file(FIXTURES / name, select=list(select), config=config)


def _fixed(name: str, finding) -> bytes:
    fixed, applied = apply_fixes((FIXTURES / name).read_bytes(), [finding.fix])
    assert applied == [finding.fix]
    return fixed


def test_declare_fix_copies_the_model_from_the_footer():
    raw = (FIXTURES / "footer_without_provenance.md").read_bytes()
    [finding] = lint("footer_without_provenance.md", select=["GL502"])
    assert (
        finding.message
        == "the page names GPT-3 but the front matter declares no provenance.generated_by"
    )
    assert finding.fix.applicability == "safe"
    fixed = _fixed("footer_without_provenance.md", finding)
    assert fixed == raw.replace(
        b"tags: ['ALAS2']\n---\n", b"tags: ['ALAS2']\nprovenance:\n  generated_by: \"GPT-3\"\n---\n"
    )
    # Declared now: GL502 is gone, GL501 moves to the provenance key and waits for a review.
    assert positions(lint_text(fixed, select=PROVENANCE)) == [(8, 1, "GL501")]


@pytest.mark.parametrize(
    "fixture, generator",
    [("generic_ai_footer.md", "AI language model"), ("two_models_in_footer.md", "ChatGPT")],
)
def test_declare_fix_is_unsafe_when_the_model_is_a_guess(fixture, generator):
    [finding] = lint(fixture, select=["GL502"])
    assert finding.fix.applicability == "unsafe"
    assert f'generated_by: "{generator}"'.encode() in _fixed(fixture, finding)


def test_declare_fix_writes_the_model_the_footer_names_as_written():
    [finding] = lint("footer_names_palm.md", select=["GL502"])
    assert finding.fix.applicability == "safe"
    assert b'generated_by: "PaLM 2"' in _fixed("footer_names_palm.md", finding)


@pytest.mark.parametrize(
    "text, names",
    [
        ("written by OpenAI's GPT-3 and ChatGPT", ["GPT-3", "ChatGPT"]),
        ("drafted with Claude 3 Opus, checked with gpt-4o", ["Claude 3 Opus", "gpt-4o"]),
        ("Llama 2 and Mixtral", ["Llama 2", "Mixtral"]),
        ("Gemini Pro, then gemini pro again", ["Gemini Pro"]),
        ("PaLM 2 wrote it; the palm of the hand; Jane Palm", ["PaLM 2"]),
        ("Bardet-Biedl syndrome; OpenAI alone names no model", []),
    ],
)
def test_model_names_are_listed_once(text, names):
    assert models_named(text) == names


def test_every_model_name_claims_ai_authorship():
    claims = re.compile("|".join(f"(?:{p})" for p in DEFAULT_AI_PATTERNS), re.I)
    for written in ("GPT-3", "ChatGPT", "Claude 3 Opus", "Gemini", "Bard", "PaLM 2", "Llama 2"):
        assert claims.search(f"*Written by {written}.*"), written
        assert models_named(written) == [written]
    for word in ("palm", "Bardet-Biedl", "claudin", "geminin"):
        assert not claims.search(f"Seen in the {word} of patients."), word


@pytest.mark.parametrize(
    "name",
    sorted(
        p.name for p in PARSER_VARIATIONS.glob("*.md") if p.name != "non_ascii_before_fields.md"
    ),
)
def test_every_variation_of_the_reference_page_claims_as_it_does(name):
    def claims(path):
        doc = parse_bytes(path.read_bytes(), path.name)
        return [marker.value for marker in ai_claims(doc, Context())]

    assert (
        claims(PARSER_VARIATIONS / name)
        == claims(EXAMPLES / "ALAS2.md")
        == ["This information is analyzed by AI language model and written by OpenAI's GPT-3."]
    )


def test_declare_fix_adds_to_an_existing_provenance_block():
    raw = (FIXTURES / "provenance_block_without_generator.md").read_bytes()
    [finding] = lint("provenance_block_without_generator.md", select=["GL502"])
    fixed = _fixed("provenance_block_without_generator.md", finding)
    assert fixed == raw.replace(b"provenance:\n", b'provenance:\n  generated_by: "GPT-3"\n')
    assert lint_text(fixed, select=PROVENANCE + ["GL003"]) == []


@pytest.mark.parametrize("above", ["\n", "  # who reviewed it\n", "\n   \n"])
def test_declare_fix_lines_up_with_the_first_key_below_blank_and_comment_lines(above):
    # A blank or comment line first in the block says nothing of its indent (found by fuzzing:
    # the key went in at column 1 above ` reviewed_by:` and the YAML broke).
    page = f"---\ntitle: ALAS2\nprovenance:\n{above} reviewed_by: x\n---\n*Written by GPT-4.*\n"
    [finding] = lint_text(page, select=["GL502"])
    fixed, _ = apply_fixes(page.encode(), [finding.fix])
    assert fixed.decode() == page.replace(
        f"{above} reviewed_by", f'{above} generated_by: "GPT-4"\n reviewed_by'
    )
    assert lint_text(fixed, select=["GL002", "GL502"]) == []


def test_declare_fix_keeps_crlf_line_endings():
    raw = (FIXTURES / "footer_without_provenance.md").read_bytes().replace(b"\n", b"\r\n")
    [finding] = lint_text(raw, select=["GL502"])
    fixed, _ = apply_fixes(raw, [finding.fix])
    assert fixed == raw.replace(
        b"tags: ['ALAS2']\r\n---\r\n",
        b"tags: ['ALAS2']\r\nprovenance:\r\n  generated_by: \"GPT-3\"\r\n---\r\n",
    )


def test_no_fix_without_front_matter():
    page = "# Gene Information for ALAS2\n\n*Written by ChatGPT.*\n"
    [finding] = lint_text(page, select=["GL502"])
    assert (finding.line, finding.column, finding.fix) == (3, 2, None)


def test_reference_page():
    """examples/ALAS2.md: its footer claims GPT-3 authorship with nothing declared or reviewed;
    its IDs, cytoband and citations are well formed (HGNC `398` under an HGNC label is valid)."""
    ours = ["GL201", "GL205", "GL401", "GL406", "GL407", *PROVENANCE]
    findings = lint_file(EXAMPLES / "ALAS2.md", select=ours)
    assert positions(findings) == [(76, 4, "GL501"), (76, 4, "GL502")]
    assert findings[1].fix.applicability == "safe"


def test_unreviewed_with_provenance_after_a_lone_cr_is_reported_at_the_key():
    # After a lone CR YAML reads `provenance:` as a key on a line of its own, inside the
    # page's line 2 (found by fuzzing: GL501 crashed with no place to report at).
    page = "---\n\rprovenance: {generated_by: GPT-4}\n---\n# Gene Information for ALAS2\n"
    assert positions(lint_text(page, select=["GL501"])) == [(2, 2, "GL501")]


PAGES = sorted(
    path
    for folder in (Path(__file__).resolve().parents[1] / "fixtures", FIXTURES.parent, EXAMPLES)
    for path in folder.rglob("*.md")
)


@pytest.mark.parametrize("path", PAGES, ids=lambda path: path.name)
def test_claims_ai_says_whether_any_line_claims(path):
    # claims_ai asks the footer's lines first; its answer is still about every text line.
    doc = parse_bytes(path.read_bytes(), path.name)
    assert claims_ai(doc, Context()) == bool(ai_claims(doc, Context()))


@pytest.mark.parametrize(
    "tail, claims",
    [
        ("*Written by GPT-4.*\n", True),
        ("*Written by GPT-4.*\n\n\n   \n\n", True),  # blank lines after the footer
        ("*Written by GPT-4.*\n" + "Seen in many patients.\n" * FOOTER_LINES, True),
        ("<!-- Written by GPT-4. -->\n" + "Seen in many patients.\n" * FOOTER_LINES, False),
        ("Seen in many patients.\n" * (FOOTER_LINES + 2), False),
        ("## Written by GPT-4\n\nSeen in many patients.\n", False),  # a heading is no text
    ],
)
def test_claims_ai_finds_a_claim_above_the_last_lines(tail, claims):
    page = f"---\ntitle: ALAS2\n---\n# Gene Information for ALAS2\n\n## Gene Position\n\n{tail}"
    doc = parse_bytes(page.encode(), "page.md")
    assert claims_ai(doc, Context()) is claims
    assert bool(ai_claims(doc, Context())) is claims
