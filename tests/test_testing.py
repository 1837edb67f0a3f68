"""The rule case runner (genelint.testing): it fails when a case expects what the rules do not
say, builds pages from base pages and edits, answers lookups from the case, and its update
mode rewrites only the expectations of the cases that failed."""

from pathlib import Path

import pytest

from genelint.casefile import CaseFileError
from genelint.testing import CaseFailure, apply_edits, check_case, load_cases, run_case

PAGES = Path(__file__).parent / "rules" / "cases" / "pages"
BASE = "one\ntwo\nthree\nfour\n"

LEGACY_CASE = """\
# GL302 cases for the runner's own tests
cases:
  - name: legacy change   # the case under test
    base: HBB
    edits:
      - line: 46
        replace: "| E7K | Missense | rs33930165 |"
{expectations}
  - name: clean page
    base: HBB
"""
RIGHT = """\
    findings:
      - "46:3 GL302 legacy notation 'E7K': no 'p.' prefix; write p.Glu7Lys"
    fixed: |
      @@ -46 +46 @@
      -| E7K | Missense | rs33930165 |
      +| p.Glu7Lys | Missense | rs33930165 |
"""


def case_file(tmp_path: Path, text: str, name: str = "GL302.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text)
    return path


def cases_of(path: Path):
    return load_cases(path, pages=PAGES)


def test_a_case_that_expects_what_the_rule_says_passes(tmp_path):
    first, second = cases_of(case_file(tmp_path, LEGACY_CASE.format(expectations=RIGHT)))
    assert check_case(first).findings == [
        "46:3 GL302 legacy notation 'E7K': no 'p.' prefix; write p.Glu7Lys"
    ]
    assert check_case(second).findings == []


@pytest.mark.parametrize(
    "wrong, says",
    [
        (RIGHT.replace("46:3 GL302", "45:4 GL302"), "findings given:"),  # column
        (RIGHT.replace("46:3 GL302", "45:3 GL301"), "findings given:"),  # code
        (RIGHT.replace("write p.Glu7Lys", "write p.Glu7Ile"), "findings given:"),  # message
        (RIGHT.replace("    fixed: |\n", "    unsafe_fixed: |\n"), "fixed given:"),  # no safe fix
        (RIGHT.replace("+| p.Glu7Lys", "+| p.Glu7Ile"), "fixed given:"),  # another fix
        (RIGHT.split("    fixed:")[0], "fixed given:"),  # the fix not expected
        ("    findings: []\n", "findings given:"),  # a finding not expected
    ],
)
def test_a_case_expecting_anything_else_fails(tmp_path, wrong, says):
    first, _ = cases_of(case_file(tmp_path, LEGACY_CASE.format(expectations=wrong)))
    with pytest.raises(CaseFailure, match=says) as failure:
        check_case(first)
    assert "GL302.yaml:3: case 'legacy change'" in str(failure.value)


def test_a_case_of_a_clean_page_fails_when_the_rule_fires(tmp_path):
    text = (
        LEGACY_CASE.format(expectations="")
        + "    edits: [{line: 47, replace: '| E27K | Missense | |'}]\n"
    )
    _, second = cases_of(case_file(tmp_path, text))
    with pytest.raises(CaseFailure, match="47:3 GL302"):
        check_case(second)


def test_part_of_the_message_is_enough(tmp_path):
    partial = RIGHT.replace("legacy notation 'E7K': no 'p.' prefix; ", "")
    first, _ = cases_of(case_file(tmp_path, LEGACY_CASE.format(expectations=partial)))
    check_case(first)


def test_a_case_of_an_unregistered_rule_fails_instead_of_passing_empty(tmp_path):
    (case,) = cases_of(case_file(tmp_path, "cases:\n  - {name: x, base: HBB}\n", "GL999.yaml"))
    with pytest.raises(CaseFailure, match="no rule GL999"):
        check_case(case)


def test_update_rewrites_only_the_failing_expectations(tmp_path):
    wrong = RIGHT.replace("46:3 GL302 legacy", "46:9 GL302 legacy").replace("Glu7Lys |", "X |")
    path = case_file(tmp_path, LEGACY_CASE.format(expectations=wrong))
    first, second = cases_of(path)
    with pytest.warns(UserWarning, match="rewritten"):
        check_case(first, update=True)
    check_case(second, update=True)  # passes: nothing written
    assert path.read_text() == LEGACY_CASE.format(expectations=RIGHT)
    for case in cases_of(path):
        check_case(case)


def test_update_adds_missing_keys_and_keeps_comments_and_hand_written_parts(tmp_path):
    text = LEGACY_CASE.format(expectations="    # expectations follow\n")
    text = text.replace(
        "  - name: clean page", '  - name: clean page  # stays\n    findings: ["1:1 GL302"]'
    )
    path = case_file(tmp_path, text)
    with pytest.warns(UserWarning):
        for case in cases_of(path):
            check_case(case, update=True)
    written = path.read_text()
    assert written == LEGACY_CASE.format(
        expectations=RIGHT + "    # expectations follow\n"
    ).replace("  - name: clean page", "  - name: clean page  # stays\n    findings: []")
    for case in cases_of(path):
        check_case(case)


def test_unsafe_fixed_is_written_only_where_it_differs_from_fixed(tmp_path):
    # GL202's fix of a wrong ID is unsafe: --fix leaves it, --unsafe-fixes writes the right ID.
    path = case_file(
        tmp_path,
        "cases:\n  - name: wrong HGNC ID\n    base: HBB\n    edits: [{text: 'HGNC: 4827', replace: 'HGNC: 398'}]\n",
        "GL202.yaml",
    )
    with pytest.warns(UserWarning):
        check_case(cases_of(path)[0], update=True)
    (case,) = cases_of(path)
    assert case.fixed == ""
    assert case.unsafe_fixed == "@@ -33 +33 @@\n-- HGNC: 398\n+- HGNC: 4827\n"
    check_case(case)


@pytest.mark.parametrize(
    "edits, page",
    [
        ([{"line": 2, "replace": "TWO"}], "one\nTWO\nthree\nfour\n"),
        ([{"line": "2-3", "replace": "x\ny"}], "one\nx\ny\nfour\n"),
        ([{"line": "2-3", "delete": True}], "one\nfour\n"),
        ([{"line": 1, "insert_before": "zero"}], "zero\none\ntwo\nthree\nfour\n"),
        ([{"text": "hre", "insert_after": "3.5\n"}], "one\ntwo\nthree\n3.5\nfour\n"),
        ([{"text": "hre", "replace": "HRE"}], "one\ntwo\ntHREe\nfour\n"),
        ([{"text": "tw", "delete": True}, {"text": "hree", "delete": True}], "one\no\nt\nfour\n"),
        # line numbers stay those of the base page after an insertion or a deletion
        ([{"line": 1, "delete": True}, {"line": 3, "replace": "3"}], "two\n3\nfour\n"),
        (
            [{"line": 2, "insert_before": "a\nb"}, {"line": 2, "replace": "2"}],
            "one\na\nb\n2\nthree\nfour\n",
        ),
    ],
)
def test_edits(edits, page):
    assert apply_edits(BASE, edits) == page


@pytest.mark.parametrize(
    "edits, says",
    [
        ([{"text": "o", "delete": True}], "occurs 3 times"),
        ([{"text": "five", "delete": True}], "occurs 0 times"),
        ([{"line": 5, "delete": True}], "not a line of the base page"),
        ([{"line": 1, "delete": True}, {"line": 1, "replace": "x"}], "not a line of the base page"),
        ([{"line": 1}], "one place"),
        ([{"line": 1, "text": "one", "delete": True}], "one place"),
        ([{"line": 1, "remove": True}], "unknown key 'remove'"),
    ],
)
def test_edit_mistakes_are_said(edits, says):
    with pytest.raises(CaseFileError, match=says):
        apply_edits(BASE, edits)


def test_a_malformed_case_file_names_the_file_and_line(tmp_path):
    path = case_file(tmp_path, "cases:\n  - name: a\n    base: HBB\n    finding: []\n")
    with pytest.raises(CaseFileError, match=r"GL302.yaml:2: case: unknown key 'finding'"):
        cases_of(path)
    path = case_file(tmp_path, "cases:\n  - name: a\n    base: HBB\n    findings: ['GL302 at 3']\n")
    with pytest.raises(CaseFileError, match="expected 'LINE:COLUMN CODE"):
        cases_of(path)
    path = case_file(tmp_path, "cases:\n  - name: a\n    base: HBB\n    config: {selekt: [GL3]}\n")
    with pytest.raises(Exception, match="selekt"):
        cases_of(path)


def test_network_rules_get_the_answers_the_case_gives(tmp_path):
    path = case_file(
        tmp_path,
        """\
cases:
  - name: withdrawn
    base: HBB
    answers:
      rsid rs334: not_found
    config: {select: [GL305, GL010]}
""",
        "GL305.yaml",
    )
    outcome = run_case(cases_of(path)[0])
    # rs334 is unknown to dbSNP; the other lookups the case does not answer are unverified.
    assert [line.split(" ", 2)[:2] for line in outcome.findings if "GL305" in line] == [
        ["45:26", "GL305"]
    ]
    assert {line.split(" ", 2)[1] for line in outcome.findings} == {"GL305", "GL010"}
    assert any("the case gives no answer" in line for line in outcome.findings)


def test_answer_values_are_built_as_the_service_records(tmp_path):
    path = case_file(
        tmp_path,
        """\
cases:
  - name: merged
    base: HBB
    answers:
      rsid rs334: {value: {rsid: rs334, current_rsid: rs999, merged: true}}
      rsid rs33930165: {value: {rsid: rs33930165, colour: red}}
""",
        "GL305.yaml",
    )
    with pytest.raises(CaseFileError, match="RsidRecord has no field 'colour'"):
        run_case(cases_of(path)[0])


def test_the_case_file_the_docstring_shows_passes(tmp_path):
    import textwrap

    import genelint.testing

    shown = genelint.testing.__doc__.split("A case file::\n")[1].split("\nThe keys of a case:")[0]
    path = case_file(tmp_path, textwrap.dedent(shown))
    (case,) = cases_of(path)
    assert check_case(case).findings == [
        "45:3 GL302 legacy notation 'E7V': no 'p.' prefix; write p.Glu7Val"
    ]
