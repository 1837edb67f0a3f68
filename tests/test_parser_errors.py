"""Each parse error at the text the curator must edit, and no findings that follow from it
(issue 16, part 4). One fixture per situation under fixtures/parser/errors/; whole runs of every
rule, so a follow-on finding of any rule would show."""

from __future__ import annotations

from pathlib import Path

import pytest

from genelint.parser import parse
from genelint.testing import lint_file, lint_text

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "parser" / "errors"
# The fixtures hold a one-section page: the missing sections are not what is tested here.
NOT_MISSING_SECTIONS = {"ignore": ["GL101"]}


def findings(name: str, **kwargs) -> list[tuple[int, int, int, str, str]]:
    return [
        (f.line, f.column, f.end_column, f.code, f.message)
        for f in lint_file(FIXTURES / name, config=NOT_MISSING_SECTIONS, **kwargs)
    ]


def not_closed(kind: str, closer: str, before: str) -> str:
    opener = {"]": "[", "}": "{"}[closer]
    return (
        f"YAML error in front matter: the flow {kind} opened with '{opener}' here is not closed: "
        f"expected ',' or '{closer}' before {before}; close it with '{closer}'"
    )


@pytest.mark.parametrize(
    "fixture, line, column, end_column, message",
    [
        # `tags: ['ALAS2', 'HemeBiosynthesis'` then `provenance:`: at the list, not at provenance.
        ("front_matter_flow_list_unclosed.md", 7, 7, 35, not_closed("list", "]", "line 8")),
        (
            "front_matter_flow_list_unclosed_at_end.md",
            7,
            7,
            35,
            not_closed("list", "]", "the end of the front matter"),
        ),
        # The inner list is closed; the outer one is what is left open.
        ("front_matter_nested_flow_list_unclosed.md", 7, 7, 41, not_closed("list", "]", "line 8")),
        ("front_matter_flow_mapping_unclosed.md", 8, 13, 87, not_closed("mapping", "}", "line 9")),
        # `layout post`: PyYAML stops on the next line; the line without a colon is the one to fix.
        (
            "front_matter_key_without_colon.md",
            4,
            1,
            12,
            "YAML error in front matter: 'layout post' has no ':' after its key (expected 'key: value')",
        ),
    ],
)
def test_yaml_error_is_reported_where_it_is_written_and_nothing_follows_from_it(
    fixture, line, column, end_column, message
):
    # Only GL002: GL501 ("records no human review"), GL502 ("declares no provenance.generated_by")
    # and GL003 stay silent, though the footer claims AI authorship and the keys are written below.
    assert findings(fixture) == [(line, column, end_column, "GL002", message)]


def test_the_provenance_rules_still_speak_when_the_front_matter_is_read():
    text = (FIXTURES / "front_matter_flow_list_unclosed.md").read_text(encoding="utf-8")
    closed = text.replace("'HemeBiosynthesis'\n", "'HemeBiosynthesis']\n", 1).replace(
        '  reviewed_by: "A. Curator"\n', ""
    )
    path = FIXTURES / "closed_list_unreviewed.md"
    found = [
        (f.line, f.code) for f in lint_text(closed, path=str(path), config=NOT_MISSING_SECTIONS)
    ]
    assert found == [(8, "GL501")]  # at provenance: no reviewed_by to point at


@pytest.mark.parametrize(
    "text, context_line",
    [
        ("tags: [a, b\nlayout: post\n", 2),
        ("title: x\ntags: [a, b\n\n\nlayout: post\n", 3),
        ("p: {a: 1\nq: 2\n", 2),
    ],
)
def test_flow_collection_left_open_is_reported_at_its_opening_line(text, context_line):
    doc = parse("---\n" + text + "---\n")
    assert [(p.code, p.span.line) for p in doc.problems] == [("GL002", context_line)]
    assert doc.front_matter.unreadable


def test_an_error_on_its_own_line_stays_where_pyyaml_found_it():
    # A key indented wrongly is the line to fix: that is PyYAML's problem mark already.
    doc = parse("---\nprovenance:\n  generated_by: x\n reviewed_by: y\n---\n")
    assert [(p.code, p.span.line, p.span.column) for p in doc.problems] == [("GL002", 4, 2)]


def test_a_missing_front_matter_is_not_unreadable_front_matter():
    # Nothing is written to be read: GL501 may say the review is not recorded.
    assert not parse("# Gene Information for ALAS2\n").front_matter.unreadable


@pytest.mark.parametrize(
    "fixture, expected",
    [
        # A malformed location after `located ... at position` is the location, reported as malformed.
        (
            "location_malformed_after_lead.md",
            [
                (
                    9,
                    39,
                    46,
                    "GL205",
                    "cytoband 'Xr11.21': expected the arm p or q at character 2, found 'r'",
                )
            ],
        ),
        (
            "location_without_arm.md",
            [
                (
                    9,
                    30,
                    36,
                    "GL205",
                    "cytoband 'X11.21': expected the arm p or q at character 2, found '1'",
                )
            ],
        ),
        # A number in prose after `located at` is no location: the section states none.
        (
            "location_number_in_prose.md",
            [
                (
                    7,
                    1,
                    17,
                    "GL205",
                    "section 'Gene Position' states no cytogenetic location (e.g. 'located at position Xp11.21')",
                )
            ],
        ),
    ],
)
def test_location_after_a_stating_lead(fixture, expected):
    assert findings(fixture, select=["GL205", "GL206"]) == expected


@pytest.mark.parametrize(
    "sentence, value",
    [
        ("The ALAS2 gene is located at position Xr11.21.", "Xr11.21"),
        ("The ALAS2 gene is located at position **Xr11**.", "Xr11"),
        ("Cytoband: 23q11", "23q11"),
        ("It is located on chromosome X at position 55,009,055.", "55,009,055"),
        ("The location at 5 sites is uncertain.", None),
        ("The gene is located at position unknown.", None),
        ("The position of 3 mutations is known.", None),
    ],
)
def test_which_value_after_a_lead_is_the_location(sentence, value):
    doc = parse(f"---\ntitle: x\n---\n## Gene Position\n\n{sentence}\n")
    assert (doc.cytoband.value if doc.cytoband else None) == value
    if doc.cytoband:
        assert doc.raw[doc.cytoband.span.start : doc.cytoband.span.end].decode() == value
