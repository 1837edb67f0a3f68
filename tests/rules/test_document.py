"""GL001-GL004 on fixture pages, one page per situation, exact (line, column, code)."""

from pathlib import Path

import pytest

from genelint.testing import lint_file, lint_text, positions

FIXTURES = Path(__file__).parent / "fixtures" / "document"


def lint(name: str, select=("GL0",), **kwargs):
    # GL011 is left out: these pages carry no suppression comments.
    return lint_file(FIXTURES / name, select=list(select), config={"ignore": ["GL011"]}, **kwargs)


@pytest.mark.parametrize(
    "fixture, expected",
    [
        ("clean_page.md", []),
        ("provenance_declared.md", []),
        # GL001: the line of the first bad byte, and nothing else runs on the page.
        ("latin1_bytes.md", [(18, 29, "GL001")]),  # at the bad byte
        ("nul_byte.md", [(14, 67, "GL001")]),
        # GL002
        ("no_front_matter.md", [(1, 1, "GL002")]),
        ("unterminated_front_matter.md", [(1, 1, "GL002")]),
        ("yaml_syntax_error.md", [(4, 13, "GL002")]),  # the second colon of `layout: post: x`
        ("front_matter_is_list.md", [(2, 1, "GL002")]),
        ("front_matter_is_scalar.md", [(2, 1, "GL002")]),
        # A value that reads as a date but is none: at that value, not at the first YAML line.
        ("date_out_of_range.md", [(8, 11, "GL002")]),
        ("date_day_out_of_range.md", [(3, 7, "GL002")]),
        ("provenance_date_out_of_range.md", [(10, 16, "GL002")]),
        # A repeated key: at the repeat; the schema is still checked, on the value YAML kept.
        ("duplicate_key.md", [(8, 1, "GL002")]),
        ("duplicate_nested_key.md", [(11, 3, "GL002")]),
        ("duplicate_key_wrong_type.md", [(8, 1, "GL002"), (8, 7, "GL003")]),
        # GL003: at the value when the value is wrong, at the key when the key is.
        ("tags_not_a_list.md", [(7, 7, "GL003")]),
        ("date_not_a_date.md", [(3, 7, "GL003")]),
        ("misspelt_title_key.md", [(1, 1, "GL003"), (2, 1, "GL003")]),
        ("provenance_unknown_key.md", [(8, 1, "GL003")]),
        # GL003 on a title that is not one symbol: at the title's value, and nothing else.
        ("title_with_words.md", [(2, 8, "GL003")]),
        ("title_with_gene_name.md", [(2, 8, "GL003")]),
        ("title_without_symbol.md", [(2, 8, "GL003")]),
        ("title_unclosed_quote.md", [(2, 8, "GL003")]),  # not also 'missing date, layout, ...'
        ("title_block_scalar.md", []),  # `title: |` then one word: valid YAML for "ALAS2"
        ("title_block_scalar_two_lines.md", [(2, 8, "GL003")]),
        # GL004
        ("h1_names_other_gene.md", [(10, 3, "GL004")]),
        ("summary_names_other_gene.md", [(6, 10, "GL004")]),
        ("tags_name_other_gene.md", [(7, 7, "GL004")]),
        ("body_names_other_gene.md", [(14, 5, "GL004")]),
    ],
)
def test_document_rules(fixture, expected):
    assert positions(lint(fixture)) == expected


def test_unreadable_file_message_names_the_byte_and_line():
    (finding,) = lint("latin1_bytes.md")
    assert finding.message == "not valid UTF-8: byte 0xe8 at line 18 (save the file as UTF-8)"
    assert finding.path.endswith("latin1_bytes.md")


def test_unreadable_page_runs_no_other_rule():
    # Every rule, not only GL0: a page that cannot be decoded has no sections to miss.
    assert positions(lint("nul_byte.md", select=["GL"])) == [(14, 67, "GL001")]


def test_yaml_error_message_names_the_problem():
    (finding,) = lint("yaml_syntax_error.md")
    assert (
        finding.message
        == "YAML error in front matter: mapping values are not allowed in this context"
    )


@pytest.mark.parametrize(
    "fixture, message",
    [
        (
            "date_out_of_range.md",
            "YAML error in front matter: 'reviewed: 2023-02-30' is not a valid date (day is out of range for month)",
        ),
        (
            "date_day_out_of_range.md",
            "YAML error in front matter: 'date: 2023-02-30 00:00:00' is not a valid date (day is out of range for month)",
        ),
        (
            "provenance_date_out_of_range.md",
            "YAML error in front matter: 'provenance.reviewed_on: 2024-02-31' is not a valid date (day is out of range for month)",
        ),
    ],
)
def test_yaml_value_error_names_the_key_and_the_value(fixture, message):
    (finding,) = lint(fixture)
    assert finding.message == message


@pytest.mark.parametrize(
    "fixture, message",
    [
        (
            "duplicate_key.md",
            "front matter key 'layout' appears again (first at line 4); YAML keeps only this last value",
        ),
        (
            "duplicate_nested_key.md",
            "front matter key 'provenance.reviewed_by' appears again (first at line 10); YAML keeps only this last value",
        ),
    ],
)
def test_repeated_key_names_the_line_of_the_first(fixture, message):
    assert [f.message for f in lint(fixture, select=["GL002"])] == [message]


def test_broken_front_matter_is_not_also_a_schema_violation():
    # GL003 stays silent where GL002 already said the YAML cannot be read.
    for name in ("yaml_syntax_error.md", "front_matter_is_list.md", "unterminated_front_matter.md"):
        assert [f.code for f in lint(name)] == ["GL002"], name


def test_unknown_key_message_names_the_key_and_the_known_ones():
    findings = lint("misspelt_title_key.md")
    assert [f.message for f in findings] == [
        "front matter is missing required key 'title'",
        "unknown front matter key 'tittle'; expected one of: categories, date, layout, provenance, summary, tags, title",
    ]


def test_each_unknown_key_is_its_own_finding():
    page = (
        (FIXTURES / "clean_page.md")
        .read_text()
        .replace("layout: post\n", "layout: post\ncolour: red\nsize: big\n")
    )
    findings = lint_text(page, select=["GL003"])
    assert positions(findings) == [(5, 1, "GL003"), (6, 1, "GL003")]
    assert ["'colour'" in findings[0].message, "'size'" in findings[1].message] == [True, True]


def test_malformed_date_message_asks_for_an_iso_date_not_the_pattern():
    (finding,) = lint("date_not_a_date.md", select=["GL003"])
    assert (
        finding.message
        == "front matter key 'date' must be an ISO date (YYYY-MM-DD), not 'last spring'"
    )


def test_type_error_message_names_value_and_expected_type():
    (finding,) = lint("tags_not_a_list.md")
    assert finding.message == "front matter key 'tags' must be an array, not a string 'ALAS2'"


@pytest.mark.parametrize(
    "fixture, message",
    [
        ("h1_names_other_gene.md", "H1 names ALAS1 but the page's title is ALAS2"),
        ("summary_names_other_gene.md", "summary names ALAS1 but the page's title is ALAS2"),
        ("tags_name_other_gene.md", "tags name ALAS1 but not the page's gene ALAS2"),
        ("body_names_other_gene.md", "the text names the ALAS1 gene but the page is about ALAS2"),
    ],
)
def test_symbol_mismatch_names_both_genes(fixture, message):
    assert [f.message for f in lint(fixture, select=["GL004"])] == [message]


def test_symbol_mismatch_ignores_other_genes_named_in_related_papers():
    # A cited title may well be about another gene; that is GL405's business, not GL004's.
    page = (
        (FIXTURES / "clean_page.md")
        .read_text()
        .replace("Title: X-linked sideroblastic anemia.", "Title: The ALAS1 gene in liver.")
    )
    assert positions(lint_text(page, select=["GL004"])) == []


def test_reference_page_is_clean_for_document_rules():
    page = Path(__file__).parents[2] / "examples" / "ALAS2.md"
    assert positions(lint_file(page, select=["GL0"])) == []


@pytest.mark.parametrize(
    "fixture, message",
    [
        ("title_with_words.md", "title should be the gene symbol, e.g. ALAS2, not 'ALAS2 gene'"),
        (
            "title_with_gene_name.md",
            "title should be the gene symbol, e.g. ALAS2, not 'ALAS2 (delta-aminolevulinate synthase 2)'",
        ),
        (
            "title_without_symbol.md",
            "title should be the gene symbol (e.g. ALAS2), not 'the gene page'",
        ),
        (
            "title_unclosed_quote.md",
            "title should be the gene symbol, e.g. ALAS2; this one runs from line 2 to line 6 and takes in "
            "the lines of date, layout, categories, summary (is its closing quote missing?)",
        ),
        (
            "title_block_scalar_two_lines.md",
            "title should be the gene symbol, e.g. ALAS2; this one runs from line 2 to line 4",
        ),
    ],
)
def test_title_that_is_not_one_symbol_says_so_once(fixture, message):
    assert [f.message for f in lint(fixture, select=["GL003"])] == [message]


@pytest.mark.parametrize(
    "fixture",
    [
        "title_with_words.md",
        "title_with_gene_name.md",
        "title_without_symbol.md",
        "title_unclosed_quote.md",
        "title_block_scalar_two_lines.md",
    ],
)
def test_title_that_is_not_one_symbol_does_not_cascade(fixture):
    # Once the symbol was the title's last word ('gene', '2)'): GL004 and GL203 on every line.
    assert positions(lint(fixture, select=["GL0", "GL203"])) == [(2, 8, "GL003")]
