"""Inline suppression comments and GL011 unused-suppression, on fixture pages.

Most pages add two unknown sections (`## Expression`, `## Regulation`, GL105) to a
clean page and silence some of them; the expected tuples are what is left.
"""

from pathlib import Path

import pytest

from genelint.testing import lint_file, positions

FIXTURES = Path(__file__).parent / "fixtures" / "suppression"


def lint(name: str, select=("GL1", "GL011"), config=None):
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
    assert positions(lint(fixture)) == expected


def test_enable_by_code_ends_a_disable_by_name():
    # `disable unknown-section` ... `enable GL105`: the same rule, spelt two ways.
    assert positions(lint("disable_name_enable_code.md")) == [(62, 1, "GL105")]


def test_enable_of_one_code_keeps_the_other_disabled():
    # disable GL104, GL105 (line 54) ... enable GL105 (line 58): the empty `## Regulation`
    # (60) is reported as unknown but not as empty; `## Isoforms` (62) as unknown.
    assert positions(lint("disable_two_enable_one.md")) == [(60, 1, "GL105"), (62, 1, "GL105")]


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
    findings = lint(fixture)
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
    findings = lint(fixture)
    assert positions(findings) == [(54, 1, "GL011"), *below]
    assert (findings[0].message, findings[0].end_column) == (message, 28)


def test_used_suppressions_are_not_reported():
    for name in (
        "disable_enable_range.md",
        "disable_next_line.md",
        "disable_file_at_the_end.md",
        "blanket_disable_range.md",
    ):
        assert "GL011" not in [f.code for f in lint(name)], name


def test_a_suppression_of_a_rule_not_selected_is_left_alone():
    # Another run (with GL105 selected) may need it.
    assert positions(lint("unused_disable_next_line.md", select=["GL104", "GL011"])) == []


def test_a_suppression_of_a_rule_this_install_lacks_is_left_alone():
    # GL302 belongs to a rule pack not loaded here; the comment may serve a fuller install.
    assert positions(lint("disable_unselected_rule.md", select=["GL1", "GL011"])) == []


def test_unused_suppression_can_be_ignored_by_config():
    assert (
        positions(lint("unused_disable_next_line.md", config={"ignore": ["unused-suppression"]}))
        == []
    )


def test_unused_suppression_can_be_ignored_per_file():
    config = {"per-file-ignores": {"unused_*.md": ["GL011"]}}
    assert positions(lint("unused_disable_next_line.md", config=config)) == []


@pytest.mark.parametrize(
    "fixture, named",
    [
        ("disable_misspelt_name.md", "unknown-sectoin"),
        ("disable_unknown_code.md", "GL999"),
        ("disable_lowercase_code.md", "gl105"),
    ],
)
def test_a_comment_naming_no_rule_is_reported_and_suppresses_nothing(fixture, named):
    findings = lint(fixture)
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
        assert "GL011" not in [f.code for f in lint(name)], name
