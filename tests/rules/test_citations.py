"""GL401, GL406 and GL407 on fixture pages, exact (line, column, code), and GL401's fix."""

from pathlib import Path

import pytest

from genelint.fixer import apply_fixes
from genelint.rules.citations import check_doi
from genelint.testing import lint_file, positions

FIXTURES = Path(__file__).parent / "fixtures" / "citations"


def lint(name: str, select=("GL401", "GL406", "GL407"), config=None):
    return lint_file(FIXTURES / name, select=list(select), config=config)


@pytest.mark.parametrize(
    "fixture, expected",
    [
        ("complete_citations.md", []),
        ("doi_url_prefix.md", [(17, 10, "GL401")]),
        ("doi_prefixes.md", [(17, 10, "GL401"), (22, 10, "GL401")]),
        ("doi_short_registrant.md", [(17, 10, "GL401")]),
        ("doi_space_inside.md", [(17, 10, "GL401")]),
        ("doi_empty_suffix.md", [(17, 10, "GL401")]),
        ("doi_prefix_and_malformed.md", [(17, 10, "GL401")]),
        # GL406 at the first line of the reference.
        ("citation_missing_journal_and_doi.md", [(14, 1, "GL406")]),
        ("citation_missing_author.md", [(14, 1, "GL406")]),
        # GL407 at the later DOI; case and wrappers do not make a DOI another one.
        ("duplicate_doi_other_case.md", [(22, 10, "GL407")]),
        ("same_doi_different_wrapping.md", [(22, 10, "GL401"), (22, 10, "GL407")]),
    ],
)
def test_citation_rules(fixture, expected):
    assert positions(lint(fixture)) == expected


@pytest.mark.parametrize(
    "fixture, message",
    [
        (
            "doi_short_registrant.md",
            "DOI '10.310/10428199209057385' has the prefix '10.310'; expected '10.' followed by 4 to 9 digits",
        ),
        (
            "doi_space_inside.md",
            "DOI '10.1111/j.1399 -0004.2010.01411.x' has a space at character 15; a DOI contains no spaces",
        ),
        ("doi_empty_suffix.md", "DOI '10.1111/' has an empty suffix after '10.1111/'"),
        ("citation_missing_journal_and_doi.md", "citation has no journal and DOI"),
        ("citation_missing_author.md", "citation has no author"),
        (
            "duplicate_doi_other_case.md",
            "DOI 10.1111/J.1399-0004.2010.01411.X is already cited at line 17",
        ),
    ],
)
def test_messages(fixture, message):
    assert [f.message for f in lint(fixture)] == [message]


def test_malformed_doi_has_no_fix():
    for name in (
        "doi_short_registrant.md",
        "doi_space_inside.md",
        "doi_empty_suffix.md",
        "doi_prefix_and_malformed.md",
    ):
        assert [f.fix for f in lint(name, select=["GL401"])] == [None]


@pytest.mark.parametrize("fixture", ["doi_url_prefix.md", "doi_prefixes.md"])
def test_doi_fix_is_safe_and_writes_the_bare_doi(fixture):
    raw = (FIXTURES / fixture).read_bytes()
    findings = lint(fixture, select=["GL401"])
    assert all(f.fix.applicability == "safe" for f in findings)
    fixed, applied = apply_fixes(raw, [f.fix for f in findings])
    assert len(applied) == len(findings)
    expected = (
        raw.replace(b"https://doi.org/10.3109/10428199209057385.", b"10.3109/10428199209057385")
        .replace(b"doi:10.3109/10428199209057385", b"10.3109/10428199209057385")
        .replace(
            b"http://dx.doi.org/10.1111/j.1399-0004.2010.01411.x;",
            b"10.1111/j.1399-0004.2010.01411.x",
        )
    )
    assert fixed == expected


def test_required_fields_are_configurable():
    config = {"rules": {"citation-incomplete": {"required": ["title", "doi"]}}}
    assert positions(
        lint("citation_missing_journal_and_doi.md", select=["GL406"], config=config)
    ) == [(14, 1, "GL406")]
    assert [
        f.message
        for f in lint("citation_missing_journal_and_doi.md", select=["GL406"], config=config)
    ] == ["citation has no DOI"]
    assert lint("citation_missing_author.md", select=["GL406"], config=config) == []


@pytest.mark.parametrize(
    "written, bare",
    [
        ("doi:10.1234/abc", "10.1234/abc"),
        ("DOI: 10.1234/abc", "10.1234/abc"),
        ("https://doi.org/10.1234/abc", "10.1234/abc"),
        ("http://dx.doi.org/10.1234/abc.", "10.1234/abc"),
        ("10.1234/abc),", "10.1234/abc"),
        ("10.1002/(SICI)1097-4636(199812)", "10.1002/(SICI)1097-4636(199812)"),
    ],
)
def test_check_doi_strips_only_wrappers(written, bare):
    result = check_doi(written)
    assert (result.doi, result.problem) == (bare, None)


def test_required_fields_from_a_config_file(tmp_path, capsys):
    from genelint.cli import main

    (tmp_path / "genelint.toml").write_text(
        'select = ["GL406"]\n[rules.citation-incomplete]\nrequired = ["title"]\n'
    )
    page = tmp_path / "page.md"
    page.write_bytes((FIXTURES / "citation_missing_journal_and_doi.md").read_bytes())
    assert main(["check", str(page)]) == 0
    assert "No problems" in capsys.readouterr().out
