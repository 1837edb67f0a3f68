"""GL101-GL106 on fixture pages, one page per situation, exact (line, column, code)."""

from pathlib import Path

import pytest

from genelint.fixer import fix_bytes
from genelint.testing import lint_file, lint_text, make_linter, positions

FIXTURES = Path(__file__).parent / "fixtures" / "structure"
CUSTOM = {"sections": ["Gene Position", "Summary", "Related Papers"]}


def lint(name: str, select=("GL1",), config=None):
    return lint_file(FIXTURES / name, select=list(select), config=config)


@pytest.mark.parametrize(
    "fixture, expected",
    [
        ("complete_page.md", []),
        # GL101 points at the H1: there is no line of a section that is not there.
        ("section_missing.md", [(10, 3, "GL101")]),
        ("not_a_gene_page.md", [(10, 3, "GL101")]),
        # GL102 at the heading that came too late.
        ("section_out_of_order.md", [(50, 1, "GL102")]),
        ("duplicate_section.md", [(54, 1, "GL103")]),
        ("empty_section.md", [(43, 1, "GL104")]),
        ("empty_section_with_comment.md", [(43, 1, "GL104")]),
        # A misspelt section is both unknown and, as the known one, missing.
        ("unknown_section.md", [(10, 3, "GL101"), (12, 1, "GL105")]),
        ("extra_section.md", [(54, 1, "GL105")]),
        ("table_without_delimiter.md", [(27, 1, "GL106")]),
        ("table_missing_column.md", [(27, 1, "GL106")]),
        ("table_ragged_row.md", [(30, 1, "GL106")]),
        ("table_without_outer_pipes.md", []),
        ("mutation_list_without_table.md", [(25, 1, "GL106")]),
        ("mutation_list_says_none.md", []),
        # A comment line between rows: reported where it breaks the rendered table; the rows
        # below it are still rows (their own GL106 included), a comment after the last is not.
        ("table_comment_before_row.md", [(30, 1, "GL106")]),
        ("table_comment_before_ragged_row.md", [(30, 1, "GL106"), (33, 1, "GL106")]),
        ("table_comment_after_last_row.md", []),
        # A known section at another level than `##`: still the section (nothing missing), at its heading.
        ("section_heading_level_one.md", [(43, 1, "GL105")]),
        ("section_heading_level_three.md", [(43, 1, "GL105")]),
        # A `###` subsection with a title no section has is allowed.
        ("subsection_level_three.md", []),
        # `Drug Response` underlined with `---` is the section (nothing missing), reported at its title line.
        ("section_heading_setext.md", [(43, 1, "GL105")]),
        # `---` after a blank line or under a list item is a thematic break, not a heading.
        ("thematic_breaks_not_headings.md", []),
    ],
)
def test_structure_rules(fixture, expected):
    assert positions(lint(fixture)) == expected


@pytest.mark.parametrize(
    "fixture, message",
    [
        ("section_missing.md", "missing section '## Drug Response'"),
        (
            "not_a_gene_page.md",
            "none of the 9 required sections is present (first: '## Gene Position')",
        ),
        (
            "section_out_of_order.md",
            "section 'Drug Response' should come before 'Related Papers' (line 43)",
        ),
        ("duplicate_section.md", "section 'Drug Response' already appears at line 43"),
        ("empty_section.md", "section 'Drug Response' is empty"),
        (
            "table_without_delimiter.md",
            "mutation table has no delimiter row (| --- | --- | --- |) under its header",
        ),
        (
            "table_missing_column.md",
            "mutation table has no 'dbSNP ID' column (header is | AA Mutation | Type |)",
        ),
        ("table_ragged_row.md", "table row has 2 cells, the header has 3"),
        (
            "mutation_list_without_table.md",
            "the AA Mutation List has no table (expected | AA Mutation | Type | dbSNP ID |)",
        ),
        (
            "section_heading_level_one.md",
            "section 'Drug Response' is a level-1 heading ('# Drug Response'); sections are level 2: write it with '##'",
        ),
        (
            "section_heading_level_three.md",
            "section 'Drug Response' is a level-3 heading ('### Drug Response'); sections are level 2: write it with '##'",
        ),
        (
            "section_heading_setext.md",
            "section 'Drug Response' is a setext heading (underlined on line 44); write the section heading as '## Drug Response'",
        ),
        (
            "table_comment_before_row.md",
            "a comment line inside the mutation table ends it where the page is rendered (its rows on lines 31-34 show as plain text); "
            "put the comment above the table",
        ),
    ],
)
def test_messages_name_the_value_and_what_was_expected(fixture, message):
    assert [f.message for f in lint(fixture)] == [message]


@pytest.mark.parametrize(
    "fixture",
    ["section_heading_level_one.md", "section_heading_level_three.md", "section_heading_setext.md"],
)
def test_a_known_section_at_the_wrong_level_is_fixed_to_level_two(fixture):
    raw = (FIXTURES / fixture).read_bytes()
    fixed = fix_bytes(raw, "page.md", make_linter(["GL1"]))[0]
    assert fixed == (FIXTURES / "complete_page.md").read_bytes()


def test_unknown_section_lists_the_known_ones():
    (finding,) = lint("extra_section.md")
    assert finding.message.startswith(
        "unknown section 'Expression'; known sections: Gene Position, Pathology and Function,"
    )


def test_a_duplicate_is_not_also_out_of_order():
    # The second `## Drug Response` comes after Related Papers; GL103 says it, GL102 need not.
    assert positions(lint("duplicate_section.md", select=["GL102", "GL103"])) == [(54, 1, "GL103")]


# --- configurable sections ----------------------------------------------------------


def test_configured_sections_are_known():
    assert positions(lint("custom_sections.md", config=CUSTOM)) == []


def test_the_same_page_against_the_reference_sections():
    # Without the config, Summary is unknown and the reference sections are missing.
    assert positions(lint("custom_sections.md", select=["GL101", "GL105"])) == [
        (10, 3, "GL101"),
        (10, 3, "GL101"),
        (10, 3, "GL101"),
        (10, 3, "GL101"),
        (10, 3, "GL101"),
        (10, 3, "GL101"),
        (10, 3, "GL101"),
        (16, 1, "GL105"),
    ]


def test_configured_order_is_the_canonical_order():
    assert positions(lint("custom_sections_out_of_order.md", config=CUSTOM)) == [(16, 1, "GL102")]
    (finding,) = lint("custom_sections_out_of_order.md", config=CUSTOM)
    assert finding.message == "section 'Gene Position' should come before 'Summary' (line 12)"


def test_configured_sections_make_the_reference_ones_unknown():
    config = {"sections": ["Gene Position", "Summary", "Related Papers"]}
    assert positions(lint("complete_page.md", select=["GL105"], config=config)) == [
        (16, 1, "GL105"),
        (20, 1, "GL105"),
        (25, 1, "GL105"),
        (31, 1, "GL105"),
        (35, 1, "GL105"),
        (39, 1, "GL105"),
        (43, 1, "GL105"),
    ]


def test_required_sections_narrow_what_must_be_present():
    config = {"required-sections": ["Gene Position", "Related Papers"]}
    assert positions(lint("section_missing.md", config=config)) == []


def test_required_sections_accept_a_section_key():
    config = {"required-sections": ["drug-response"]}
    assert [f.message for f in lint("section_missing.md", config=config)] == [
        "missing section '## Drug Response'"
    ]


def test_required_sections_within_configured_sections():
    config = {**CUSTOM, "required-sections": ["Summary"]}
    page = "custom_sections_out_of_order.md"
    assert positions(lint(page, select=["GL101"], config=config)) == []
    assert positions(lint("section_missing.md", select=["GL101"], config=config)) == [
        (10, 3, "GL101")
    ]


def test_rows_after_a_comment_line_are_still_checked():
    # Once, the comment ended the table for the parser: G139V..L176P were never checked.
    assert positions(lint("table_comment_before_row.md", select=["GL302"])) == [
        (29, 3, "GL302"),
        (31, 3, "GL302"),
        (32, 3, "GL302"),
        (33, 3, "GL302"),
        (34, 3, "GL302"),
    ]


def test_a_comment_line_in_the_table_suppresses_the_row_below_it():
    findings = lint("table_comment_suppresses_row.md", select=["GL302", "GL011"])
    assert positions(findings) == [
        (29, 3, "GL302"),
        (32, 3, "GL302"),
        (33, 3, "GL302"),
        (34, 3, "GL302"),
    ]


def test_rows_after_a_comment_line_keep_their_exact_spans():
    from genelint.parser import parse_bytes

    doc = parse_bytes((FIXTURES / "table_comment_before_row.md").read_bytes(), "page.md")
    assert [
        (r.change.value, r.change.span.line, r.change.span.column, r.rsid.span.column)
        for r in doc.mutations
    ] == [
        ("V122I", 29, 3, 28),
        ("G139V", 31, 3, 22),
        ("R167W", 32, 3, 22),
        ("G170R", 33, 3, 22),
        ("L176P", 34, 3, 22),
    ]
    assert [(c.line, c.column, c.end_line, c.end_column) for c in doc.mutation_table.comments] == [
        (30, 1, 30, 42)
    ]
    assert (doc.mutation_table.span.line, doc.mutation_table.span.end_line) == (27, 34)
    for row in doc.mutations:
        for cell in row.cells:
            assert doc.raw[cell.span.start : cell.span.end].decode() == cell.value


def test_the_level_fix_changes_only_the_opening_marker():
    # A closing `###` is optional Markdown and stays as written; nothing else moves.
    raw = (
        (FIXTURES / "complete_page.md")
        .read_bytes()
        .replace(b"## Drug Response\n", b"###   Drug Response ###\n")
    )
    fixed = fix_bytes(raw, "page.md", make_linter(["GL1"]))[0]
    assert fixed == raw.replace(b"###   Drug Response ###\n", b"##   Drug Response ###\n")
    (finding,) = [f for f in lint_text(raw, select=["GL105"])]
    assert finding.fix.description == "change '###' to '##'"
