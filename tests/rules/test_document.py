"""GL0xx on fixture pages, one page per situation, exact (line, column, code): GL001-GL004; GL010
in whole runs against the loopback fake of the registries (tests/conftest.py); inline
suppression comments and GL011.

The suppression pages add two unknown sections (`## Expression`, `## Regulation`, GL105) to a
clean page and silence some of them; the expected tuples are what is left.
"""

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from genelint.rule import Lookup
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


# --- suppression comments and GL011 ---------------------------------------------------------


def lint_suppressed(name: str, select=("GL1", "GL011"), config=None):
    # The structure rules make the findings to suppress; other families stay out of it.
    return lint_file(FIXTURES / name, select=list(select), config=config)


@pytest.mark.parametrize(
    "fixture, expected",
    [
        ("unsuppressed_unknown_sections.md", [(54, 1, "GL105"), (58, 1, "GL105")]),
        # disable ... enable: Expression (58) inside, Regulation (62) after.
        ("disable_enable_range.md", [(62, 1, "GL105")]),
        ("disable_without_enable.md", []),  # runs to the end of the file
        # disable-next-line skips blank lines to the next line with text.
        ("disable_next_line.md", [(60, 1, "GL105")]),
        ("disable_file_at_the_end.md", []),  # covers lines above it too
        ("disable_by_name.md", [(59, 1, "GL105")]),
        ("disable_by_prefix.md", [(59, 1, "GL105")]),
        # `GL104, GL105` above an empty unknown section silences both findings on that heading.
        ("disable_two_codes.md", [(57, 1, "GL105")]),
        ("blanket_disable_next_line.md", [(57, 1, "GL105")]),
        ("blanket_disable_range.md", [(60, 1, "GL105")]),
        # A directive inside a fenced code block is an example, not a directive.
        ("directive_in_code_block.md", [(54, 1, "GL105"), (58, 1, "GL105")]),
        # An enable with no disable above it ends nothing (GL011 at the enable).
        ("enable_without_disable.md", [(43, 1, "GL011")]),
    ],
)
def test_suppressions(fixture, expected):
    assert positions(lint_suppressed(fixture)) == expected


def test_enable_by_code_ends_a_disable_by_name():
    # `disable unknown-section` ... `enable GL105`: the same rule, spelt two ways.
    assert positions(lint_suppressed("disable_name_enable_code.md")) == [(62, 1, "GL105")]


def test_enable_of_one_code_keeps_the_other_disabled():
    # disable GL104, GL105 (line 54) ... enable GL105 (line 58): the empty `## Regulation`
    # (60) is reported as unknown but not as empty; `## Isoforms` (62) as unknown.
    assert positions(lint_suppressed("disable_two_enable_one.md")) == [
        (60, 1, "GL105"),
        (62, 1, "GL105"),
    ]


# --- GL011 unused-suppression ---------------------------------------------------------


@pytest.mark.parametrize(
    "fixture, expected, message",
    [
        (
            "unused_disable_next_line.md",
            [(43, 1, "GL011")],
            "genelint-disable-next-line (GL105) suppresses nothing",
        ),
        (
            "unused_disable_range.md",
            [(43, 1, "GL011")],
            "genelint-disable (GL104) suppresses nothing",
        ),
        (
            "unused_blanket_disable_file.md",
            [(54, 1, "GL011")],
            "genelint-disable-file (all rules) suppresses nothing",
        ),
        (
            "enable_without_disable.md",
            [(43, 1, "GL011")],
            "genelint-enable (GL105) ends no genelint-disable",
        ),
    ],
)
def test_unused_suppression(fixture, expected, message):
    findings = lint_suppressed(fixture)
    assert positions(findings) == expected
    assert [f.message for f in findings] == [message]


# An unclosed directive is no directive: its codes do not take in the comment below it, and
# the sections it meant to silence are reported.
@pytest.mark.parametrize(
    "fixture, message, below",
    [
        (
            "unclosed_disable_before_enable.md",
            "unclosed comment: genelint-disable GL105 has no -->; the comment runs on to the --> on line 60 "
            "and hides the lines between; it suppresses nothing",
            [(62, 1, "GL105")],
        ),
        (
            "unclosed_disable_to_end.md",
            "unclosed comment: genelint-disable GL105 has no -->; the comment runs to the end of the file; it suppresses nothing",
            [],
        ),
    ],
)
def test_an_unclosed_directive_is_reported_at_its_line(fixture, message, below):
    # The headings the comment hides (## Expression on line 56) render as nothing, so they are
    # no sections; a heading after the comment's --> still is.
    findings = lint_suppressed(fixture)
    assert positions(findings) == [(54, 1, "GL011"), *below]
    assert (findings[0].message, findings[0].end_column) == (message, 28)


def test_used_suppressions_are_not_reported():
    for name in (
        "disable_enable_range.md",
        "disable_next_line.md",
        "disable_file_at_the_end.md",
        "blanket_disable_range.md",
    ):
        assert "GL011" not in [f.code for f in lint_suppressed(name)], name


def test_a_suppression_of_a_rule_not_selected_is_left_alone():
    # Another run (with GL105 selected) may need it.
    assert (
        positions(lint_suppressed("unused_disable_next_line.md", select=["GL104", "GL011"])) == []
    )


def test_a_suppression_of_a_rule_this_install_lacks_is_left_alone():
    # GL302 belongs to a rule pack not loaded here; the comment may serve a fuller install.
    assert positions(lint_suppressed("disable_unselected_rule.md", select=["GL1", "GL011"])) == []


def test_unused_suppression_can_be_ignored_by_config():
    assert (
        positions(
            lint_suppressed(
                "unused_disable_next_line.md", config={"ignore": ["unused-suppression"]}
            )
        )
        == []
    )


def test_unused_suppression_can_be_ignored_per_file():
    config = {"per-file-ignores": {"unused_*.md": ["GL011"]}}
    assert positions(lint_suppressed("unused_disable_next_line.md", config=config)) == []


@pytest.mark.parametrize(
    "fixture, named",
    [
        ("disable_misspelt_name.md", "unknown-sectoin"),
        ("disable_unknown_code.md", "GL999"),
        ("disable_lowercase_code.md", "gl105"),
    ],
)
def test_a_comment_naming_no_rule_is_reported_and_suppresses_nothing(fixture, named):
    findings = lint_suppressed(fixture)
    assert positions(findings) == [(54, 1, "GL011"), (55, 1, "GL105"), (59, 1, "GL105")]
    assert findings[0].message == (
        f"genelint-disable-next-line names no rule: {named} "
        "(rule codes are like GL302, names like hgvs-legacy-notation)"
    )


def test_a_rule_known_but_not_selected_is_not_reported():
    # Another run (with GL2 selected) may need it: naming a real rule is never "no rule".
    text = (FIXTURES / "disable_by_name.md").read_text().replace("unknown-section", "alias-unknown")
    from genelint.testing import lint_text

    assert [f.code for f in lint_text(text, select=["GL1", "GL011"])] == ["GL105", "GL105"]


def test_an_enable_after_its_disable_is_not_reported():
    # By code, by name then code, blanket, and one of two codes.
    for name in (
        "disable_enable_range.md",
        "disable_name_enable_code.md",
        "blanket_disable_range.md",
        "disable_two_enable_one.md",
    ):
        assert "GL011" not in [f.code for f in lint_suppressed(name)], name


# --- GL010: a failed lookup is said, never "does not exist" --------------------------------


def test_every_lookup_kind_maps_to_its_page_part(page_lookups):
    text = (FIXTURES / "every_lookup_kind.md").read_text()
    assert page_lookups(text) == [
        (Lookup("rsid", "rs386571803"), 16, 28),
        (Lookup("doi", "10.1371/journal.pone.0033693"), 23, 10),
        (Lookup("uniprot", "P0A183"), 10, 25),
    ]


# --- failures are GL010, never "does not exist" ------------------------------------------------


@pytest.mark.parametrize("fault", ["500", "timeout"])
def test_service_failures_give_gl010_and_nothing_else(check_online, fake, fault):
    fake.faults = {service: fault for service in fake.services}
    code, report = check_online("every_lookup_kind.md", "doi_unregistered.md", "rsid_absent.md")
    assert {f["code"] for f in report["findings"]} == {"GL010"}
    assert [(f["path"].rsplit("/", 1)[-1], f["line"], f["column"]) for f in report["findings"]] == [
        ("doi_unregistered.md", 17, 10),
        ("every_lookup_kind.md", 10, 25),
        ("every_lookup_kind.md", 16, 28),
        ("every_lookup_kind.md", 23, 10),
        ("rsid_absent.md", 16, 28),
    ]
    assert all(f["severity"] == "info" for f in report["findings"])
    assert code == 0  # info does not fail the run: a service hiccup never breaks a build


def test_gl010_names_the_value_and_the_service_error(check_online, fake):
    fake.faults = {"eutils": "500"}
    _, report = check_online("rsid_absent.md")
    # The service's own words follow the value (today "malformed JSON from …" for an HTML 500 body).
    assert check_online.messages(report)[0].startswith("could not verify rsID rs999999999: ")
    assert "eutils" in check_online.messages(report)[0]


def test_timeout_message_says_so(check_online, fake):
    fake.faults = {"uniprot": "timeout"}
    _, report = check_online("residue_other_than_uniprot.md")
    assert [f["code"] for f in report["findings"]] == ["GL010"]
    # the host sent no reply to any request of the run: down, and said so
    assert check_online.messages(report)[0].startswith(
        "could not verify UniProtKB entry P0A183: uniprot: sent no reply within"
    )


def test_one_failing_service_does_not_silence_the_others(check_online, fake):
    fake.faults = {"crossref": "500"}
    _, report = check_online("every_lookup_kind.md")
    assert check_online.positions(report) == [
        (16, 3, "GL308"),
        (16, 28, "GL305"),
        (23, 10, "GL010"),
    ]


_THE_X_GENE_WITH_BOUNDARY = re.compile(r"\b[Tt]he\s+(\**)([A-Za-z0-9-]+)\1\s+gene\b")


@settings(max_examples=300, derandomize=True)
@given(
    st.lists(
        st.sampled_from(
            [
                "The",
                "the",
                "xThe",
                "_the",
                "éThe",
                "1the",
                " ",
                "\n",
                "**",
                "ALAS1",
                "the-x",
                "gene",
                "genes",
                "ü",
            ]
        ),
        max_size=12,
    ).map("".join)
)
def test_the_x_gene_matches_as_the_pattern_with_a_word_boundary(text):
    from genelint.rules.document import _the_x_gene

    assert [(m.span(), m.groups()) for m in _the_x_gene(text)] == [
        (m.span(), m.groups()) for m in _THE_X_GENE_WITH_BOUNDARY.finditer(text)
    ]
