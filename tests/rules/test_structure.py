"""GL101-GL106 beyond their rule cases (tests/rules/cases/GL1*.yaml, where each situation of
these rules is a case): a page of other sections against the reference ones, the spans of rows
below a comment, and the description of the level fix."""

from pathlib import Path

from genelint.testing import lint_file, lint_text, positions

FIXTURES = Path(__file__).parent / "fixtures" / "structure"


def lint(name: str, select=("GL1",), config=None):
    return lint_file(FIXTURES / name, select=list(select), config=config)


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


def test_the_level_fix_says_what_it_changes():
    raw = (
        (FIXTURES / "complete_page.md")
        .read_bytes()
        .replace(b"## Drug Response\n", b"###   Drug Response ###\n")
    )
    (finding,) = lint_text(raw, select=["GL105"])
    assert finding.fix.description == "change '###' to '##'"
