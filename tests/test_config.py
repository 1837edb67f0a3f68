"""Configuration through the CLI: discovery, selection, per-file ignores, severities, errors.

Each test builds a small tree in tmp_path and runs `genelint check` in-process from
inside it, so paths in the output are the relative ones a user sees.
"""

from pathlib import Path

import pytest

from genelint.cli import main

PAGES = Path(__file__).parent / "rules" / "fixtures" / "structure"
# empty_section.md has one finding: GL104 [warning] at 43:1.
EMPTY_SECTION = PAGES / "empty_section.md"
CLEAN = PAGES / "complete_page.md"
# Other rule families (IDs, variants, corpus) would have their say on these pages too;
# these tests are about configuration, so each config keeps to the document and
# structure rules unless the test is about `select` itself.
SCOPE = 'select = ["GL0", "GL1"]\n'


@pytest.fixture
def tree(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("NO_COLOR", raising=False)
    return tmp_path


def put(path: Path, source: Path = EMPTY_SECTION) -> Path:
    """A copy of `source` about the gene named by the file (two pages, two genes)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(source.read_text().replace("ALAS2", path.stem))
    return path


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return path


def check(capsys, *args):
    code = main(["check", *map(str, args)])
    out, err = capsys.readouterr()
    return code, out, err


def codes(out: str) -> list[str]:
    """`path:line:col: CODE` of each finding line."""
    return [line.split(" [")[0] for line in out.splitlines() if ": GL" in line]


# --- discovery -----------------------------------------------------------------------


def test_genelint_toml_is_found_upward_from_the_checked_path(tree, capsys):
    write(tree / "genelint.toml", SCOPE + 'ignore = ["GL104"]\n')
    put(tree / "genes" / "x" / "ALAS2.md")
    assert check(capsys, "genes/x/ALAS2.md")[0] == 0


def test_pyproject_tool_genelint_is_found_upward(tree, capsys):
    write(
        tree / "pyproject.toml",
        '[project]\nname = "pages"\n\n[tool.genelint]\n' + SCOPE + 'ignore = ["empty-section"]\n',
    )
    put(tree / "genes" / "ALAS2.md")
    assert check(capsys, "genes")[:2] == (0, "No problems in 1 file.\n")


def test_pyproject_without_tool_genelint_is_passed_over(tree, capsys):
    # The nearer pyproject.toml belongs to something else; the search goes on upward.
    write(tree / "genelint.toml", SCOPE + 'ignore = ["GL104"]\n')
    write(tree / "genes" / "pyproject.toml", '[project]\nname = "other"\n')
    put(tree / "genes" / "ALAS2.md")
    assert check(capsys, "genes/ALAS2.md")[0] == 0


@pytest.mark.parametrize(
    "name, text, place, message",
    [
        (
            "genelint.toml",
            'select = ["GL1"]\nfail-on = warning\n',
            "2:11",
            "invalid TOML: Invalid value",
        ),
        (
            "pyproject.toml",
            '[project]\nname = "pages"\n[tool.genelint]\nselect = ["GL1"\n',
            "5:1",
            "invalid TOML: Unclosed array",
        ),
        # Broken before [tool.genelint] is reached: whether it holds genelint's table is unknowable.
        (
            "pyproject.toml",
            '[project\nname = "pages"\n',
            "1:9",
            "invalid TOML: Expected ']' at the end of a table declaration",
        ),
    ],
)
def test_a_config_that_is_not_toml_is_exit_2_naming_file_line_and_column(
    tree, capsys, name, text, place, message
):
    config = write(tree / name, text)
    put(tree / "genes" / "ALAS2.md")
    for args in (["genes/ALAS2.md"], ["--config", name, "genes/ALAS2.md"]):  # found, or named
        code, out, err = check(capsys, *args)
        assert (code, out) == (2, "")
        shown = config if args[0] != "--config" else name
        assert err == f"genelint: {shown}:{place}: {message}\n"


def test_a_pyproject_that_cannot_be_read_is_not_passed_over(tree, capsys):
    write(tree / "genelint.toml", SCOPE)  # further up: today's run would have used it silently
    config = tree / "genes" / "pyproject.toml"
    put(tree / "genes" / "ALAS2.md")
    config.write_bytes(b'[tool.genelint]\nselect = ["GL1"]  # \xe9t\xe9\n')
    code, _, err = check(capsys, "genes/ALAS2.md")
    assert (code, err) == (2, f"genelint: {config}: config is not UTF-8 (byte 0xe9 at offset 36)\n")


def test_nearest_config_wins(tree, capsys):
    write(tree / "genelint.toml", SCOPE + 'ignore = ["GL104"]\n')
    write(tree / "genes" / "genelint.toml", SCOPE + 'fail-on = "error"\n')
    put(tree / "genes" / "ALAS2.md")
    code, out, _ = check(capsys, "genes")
    # The outer ignore does not apply (configs do not merge); the inner fail-on does.
    assert (code, codes(out)) == (0, ["genes/ALAS2.md:43:1: GL104"])


def test_genelint_toml_wins_over_pyproject_in_the_same_folder(tree, capsys):
    write(tree / "pyproject.toml", '[tool.genelint]\nfail-on = "info"\n')
    write(tree / "genelint.toml", SCOPE + 'ignore = ["GL104"]\n')
    put(tree / "ALAS2.md")
    assert check(capsys, "ALAS2.md")[0] == 0


def test_explicit_config_is_used_instead_of_discovery(tree, capsys):
    write(tree / "genelint.toml", 'select = ["GL0"]\n')
    write(tree / "strict.toml", 'select = ["GL1"]\n')
    put(tree / "ALAS2.md")
    assert check(capsys, "ALAS2.md")[0] == 0
    code, out, _ = check(capsys, "--config", "strict.toml", "ALAS2.md")
    assert (code, codes(out)) == (1, ["ALAS2.md:43:1: GL104"])


def test_missing_explicit_config_is_a_usage_error(tree, capsys):
    put(tree / "ALAS2.md")
    code, out, err = check(capsys, "--config", "nowhere.toml", "ALAS2.md")
    assert (code, out) == (2, "")
    assert "nowhere.toml" in err


# --- selection -----------------------------------------------------------------------


@pytest.mark.parametrize("selector", ["GL104", "empty-section", "GL10", "GL1"])
def test_ignore_by_code_name_or_prefix(tree, capsys, selector):
    write(tree / "genelint.toml", SCOPE + f'ignore = ["{selector}"]\n')
    put(tree / "ALAS2.md")
    assert check(capsys, "ALAS2.md")[:2] == (0, "No problems in 1 file.\n")


@pytest.mark.parametrize(
    "selector, expected", [("GL104", 1), ("empty-section", 1), ("GL1", 1), ("GL0", 0), ("GL101", 0)]
)
def test_select_by_code_name_or_prefix(tree, capsys, selector, expected):
    write(tree / "genelint.toml", f'select = ["{selector}"]\n')
    put(tree / "ALAS2.md")
    assert check(capsys, "ALAS2.md")[0] == expected


def test_select_then_ignore(tree, capsys):
    # `select` opens the family, `ignore` closes one rule of it.
    write(tree / "genelint.toml", 'select = ["GL1"]\nignore = ["empty-section"]\n')
    put(tree / "ALAS2.md", PAGES / "duplicate_section.md")
    code, out, _ = check(capsys, "ALAS2.md")
    assert (code, codes(out)) == (1, ["ALAS2.md:54:1: GL103"])


def test_cli_select_replaces_config_select_and_cli_ignore_adds(tree, capsys):
    write(tree / "genelint.toml", 'select = ["GL0"]\n')
    put(tree / "ALAS2.md")
    assert codes(check(capsys, "--select", "GL104", "ALAS2.md")[1]) == ["ALAS2.md:43:1: GL104"]
    assert check(capsys, "--select", "GL104", "--ignore", "GL1", "ALAS2.md")[0] == 0


# --- per-file ignores ----------------------------------------------------------------


def test_per_file_ignores_glob_relative_to_the_config(tree, capsys):
    write(tree / "genelint.toml", SCOPE + '[per-file-ignores]\n"drafts/*.md" = ["GL104"]\n')
    put(tree / "drafts" / "ALAS2.md")
    put(tree / "genes" / "ALAS2.md")
    code, out, _ = check(capsys, ".")
    # A walk from "." reports paths without a leading "./".
    assert (code, codes(out)) == (1, ["genes/ALAS2.md:43:1: GL104"])


def test_per_file_ignores_apply_when_run_from_another_folder(tree, capsys, monkeypatch):
    write(tree / "genelint.toml", SCOPE + '[per-file-ignores]\n"drafts/**" = ["empty-section"]\n')
    put(tree / "drafts" / "old" / "ALAS2.md")
    monkeypatch.chdir(tree / "drafts")
    assert check(capsys, "old/ALAS2.md")[0] == 0


def test_per_file_ignores_by_prefix_and_basename(tree, capsys):
    write(tree / "genelint.toml", SCOPE + '[per-file-ignores]\n"ALAS*.md" = ["GL1"]\n')
    put(tree / "genes" / "ALAS2.md")
    put(tree / "genes" / "HBB.md")
    code, out, _ = check(capsys, "genes")
    assert (code, codes(out)) == (1, ["genes/HBB.md:43:1: GL104"])


# --- severities and fail-on --------------------------------------------------------------


def test_severity_override_changes_the_reported_severity(tree, capsys):
    write(tree / "genelint.toml", SCOPE + '[severity]\nGL104 = "error"\n')
    put(tree / "ALAS2.md")
    out = check(capsys, "ALAS2.md")[1]
    assert (
        out.splitlines()[0]
        == "ALAS2.md:43:1: GL104 [error] section 'Drug Response' is empty (empty-section)"
    )


def test_info_severity_does_not_fail_the_run(tree, capsys):
    write(tree / "genelint.toml", SCOPE + '[severity]\nempty-section = "info"\n')
    put(tree / "ALAS2.md")
    code, out, _ = check(capsys, "ALAS2.md")
    assert code == 0
    assert "GL104 [info]" in out.splitlines()[0]


def test_most_specific_severity_override_wins(tree, capsys):
    write(
        tree / "genelint.toml",
        SCOPE + '[severity]\nGL1 = "error"\nempty-section = "info"\nGL10 = "warning"\n',
    )
    put(tree / "ALAS2.md", PAGES / "duplicate_section.md")
    write(
        tree / "ALAS2.md",
        (tree / "ALAS2.md")
        .read_text()
        .replace("There is currently no known drug response specific to this gene.\n", ""),
    )
    out = check(capsys, "ALAS2.md")[1]
    # GL104 named by name beats GL10 and GL1; GL103 gets the longer prefix GL10.
    assert [line.split(" ")[1:3] for line in out.splitlines()[:2]] == [
        ["GL104", "[info]"],
        ["GL103", "[warning]"],
    ]


@pytest.mark.parametrize("fail_on, expected", [("error", 0), ("warning", 1), ("info", 1)])
def test_fail_on_in_config(tree, capsys, fail_on, expected):
    write(tree / "genelint.toml", SCOPE + f'fail-on = "{fail_on}"\n')
    put(tree / "ALAS2.md")
    assert check(capsys, "ALAS2.md")[0] == expected


def test_cli_fail_on_overrides_config(tree, capsys):
    write(tree / "genelint.toml", SCOPE + 'fail-on = "error"\n')
    put(tree / "ALAS2.md")
    assert check(capsys, "--fail-on", "warning", "ALAS2.md")[0] == 1


# --- exclude -------------------------------------------------------------------------------


def test_exclude_skips_files_found_by_walking_and_named_files_alike(tree, capsys):
    write(tree / "genelint.toml", SCOPE + 'exclude = ["legacy", "*.draft.md"]\n')
    put(tree / "legacy" / "OLD.md")
    put(tree / "genes" / "NEW.draft.md")
    put(tree / "genes" / "ALAS2.md", CLEAN)
    assert check(capsys, ".")[:2] == (0, "No problems in 1 file.\n")
    # Named on the command line (as pre-commit does), an excluded file is skipped too, as
    # ruff's force-exclude does, and the summary names it.
    code, out, err = check(capsys, "legacy/OLD.md", "genes/NEW.draft.md", "genes/ALAS2.md")
    assert (code, out, err) == (
        0,
        "No problems in 1 file. Skipped 2 named files that exclude or include leaves out (legacy/OLD.md, genes/NEW.draft.md).\n",
        "",
    )


def test_include_names_the_pages_walked_or_named(tree, capsys):
    write(
        tree / "genelint.toml",
        SCOPE + 'include = ["content/**/*.md"]\nexclude = ["content/drafts"]\n',
    )
    put(tree / "content" / "ALAS2.md")  # content/**/*.md takes in content/ itself
    put(tree / "content" / "genes" / "HBB.md")
    put(tree / "content" / "drafts" / "TP53.md")
    put(tree / "docs" / "KRAS.md")
    write(tree / "content" / "empty.md", "")  # a page genelint owns, however empty
    code, out, _ = check(capsys, ".")
    assert (code, codes(out)) == (
        1,
        [
            "content/ALAS2.md:43:1: GL104",
            "content/empty.md:1:1: GL002",
            "content/empty.md:1:1: GL101",
            "content/genes/HBB.md:43:1: GL104",
        ],
    )
    assert out.splitlines()[-1] == "Found 4 problems (1 error, 3 warnings) in 3 of 3 files."
    code, out, _ = check(capsys, "content/genes/HBB.md", "docs/KRAS.md", "content/drafts/TP53.md")
    assert out.splitlines()[-1] == (
        "Found 1 problem (1 warning) in 1 of 1 file. "
        "Skipped 2 named files that exclude or include leaves out (docs/KRAS.md, content/drafts/TP53.md)."
    )


# --- max-file-size -----------------------------------------------------------------------


def test_max_file_size(tree, capsys):
    write(tree / "genelint.toml", SCOPE + "max-file-size = 100\n")
    put(tree / "ALAS2.md", CLEAN)
    code, out, _ = check(capsys, "ALAS2.md")
    size = CLEAN.stat().st_size
    assert (code, out.splitlines()[0]) == (
        1,
        f"ALAS2.md:1:1: GL001 [error] file is {size:,} bytes, over the limit of 100 (max-file-size) (unreadable-file)",
    )


# --- bad config: exit 2 with the file, the key and what was expected ------------------------


@pytest.mark.parametrize(
    "text, message",
    [
        (
            'selectt = ["GL1"]\n',
            "unknown key selectt; expected one of: ai-patterns, allow-external-rule-paths, exclude, fail-on,",
        ),
        ('fail-on = "sometimes"\n', "key fail-on: 'sometimes' is not one of error, warning, info"),
        ('select = "GL1"\n', "key select: expected array, got str 'GL1'"),
        (
            '[severity]\nGL104 = "fatal"\n',
            "key severity.GL104: 'fatal' is not one of error, warning, info",
        ),
        ("max-file-size = -1\n", "key max-file-size: -1 is less than the minimum of 1"),
        (
            '[per-file-ignores]\n"*.md" = "GL104"\n',
            "key per-file-ignores.*.md: expected array, got str 'GL104'",
        ),
        ("[rules.hgvs]\nunknown = 1\n[services]\n[bogus]\n", "unknown key bogus; expected one of:"),
        (
            'select = ["GL999"]\n',
            "key select: unknown rule selector(s) GL999; expected a rule code, name or code prefix",
        ),
        (
            'select = ["GL5O1"]\n',
            "key select: unknown rule selector(s) GL5O1 (did you mean GL501?); expected a rule code, name or code prefix",
        ),
        (
            'select = ["gl501", "GL1"]\n',
            "key select: unknown rule selector(s) gl501 (did you mean GL501?);",
        ),
        (
            'ignore = ["section-ordr"]\n',
            "key ignore: unknown rule selector(s) section-ordr (did you mean section-order?);",
        ),
        (
            'select = ["GL3_02"]\n',
            "key select: unknown rule selector(s) GL3_02 (did you mean GL302?);",
        ),
        ('ignore = ["no-such-rule"]\n', "key ignore: unknown rule selector(s) no-such-rule;"),
        ('[severity]\nGL999 = "info"\n', "key severity.GL999: unknown rule selector(s) GL999;"),
        (
            '[severity]\nalias-unknwn = "info"\n',
            "key severity.alias-unknwn: unknown rule selector(s) alias-unknwn (did you mean alias-unknown?);",
        ),
        (
            '[severity]\nGL5O1 = "info"\n',
            "key severity.GL5O1: unknown rule selector(s) GL5O1 (did you mean GL501?);",
        ),
        (
            '[per-file-ignores]\n"*.md" = ["GL1", "nope-rule"]\n',
            "key per-file-ignores.*.md: unknown rule selector(s) nope-rule;",
        ),
        (
            '[per-file-ignores]\n"*.md" = ["GL1", "GL1O4"]\n',
            "key per-file-ignores.*.md: unknown rule selector(s) GL1O4 (did you mean GL104?);",
        ),
        (
            'required-sections = ["Expression"]\n',
            "key required-sections: 'Expression' is not a known section; expected one of: Gene Position,",
        ),
        # rule options: each rule declares what it takes
        (
            "[rules.citation-mismatch]\ntitle-treshold = 0.9\n",
            "unknown key rules.citation-mismatch.title-treshold; expected one of: check-author, check-journal,"
            " journal-threshold, near-miss-threshold, title-threshold",
        ),
        (
            "[rules.citation-mismatch]\ntitle-threshold = 1.5\n",
            "key rules.citation-mismatch.title-threshold: 1.5 is greater than the maximum of 1",
        ),
        (
            '[rules.duplicate-variant]\nmatch = "rsid"\n',
            "key rules.duplicate-variant.match: 'rsid' is not one of ['change-or-rsid', 'change-and-rsid']",
        ),
        (
            '[rules.citation-incomplete]\nrequired = ["doi", "year"]\n',
            "key rules.citation-incomplete.required: 'year' is not one of ['authors', 'title', 'journal', 'doi']",
        ),
        (
            '[rules.rsid-format]\nallow-missing = "no"\n',
            "key rules.rsid-format.allow-missing: 'no' is not of type 'boolean'",
        ),
        (
            "[rules.id-mismatch]\nstrict = true\n",
            "unknown key rules.id-mismatch.strict; expected one of: nothing: id-mismatch has no options",
        ),
        (
            "[rules.GL403]\ntitle-threshold = 0.9\n",
            "key rules.GL403: no rule is named 'GL403' (the rule GL403 is named citation-mismatch)",
        ),
        (
            "[rules.hgvs]\nstrict = true\n",
            "key rules.hgvs: no rule is named 'hgvs' (see `genelint rules`)",
        ),
        (
            '[rules.variant-type-mismatch.synonyms]\nPTC = "Truncating"\n',
            "key rules.variant-type-mismatch.synonyms.PTC: 'Truncating' names no Type; expected one of Missense,",
        ),
    ],
)
def test_bad_config_is_exit_2_naming_file_key_and_expectation(tree, capsys, text, message):
    config = write(tree / "genelint.toml", text)
    put(tree / "ALAS2.md")
    code, out, err = check(capsys, "ALAS2.md")
    assert (code, out) == (2, "")
    assert err.startswith(f"genelint: {config}: ")
    assert message in err
    assert "Traceback" not in err


def test_rule_options_from_config_reach_the_rule_and_the_rest_keep_their_defaults(tree, capsys):
    write(
        tree / "ALAS2.md", CLEAN.read_text().replace("| rs137852769 |", "| - |")
    )  # a variant without rsID
    write(tree / "genelint.toml", 'select = ["GL304"]\n')
    assert check(capsys, "ALAS2.md")[0] == 0  # allow-missing defaults to true
    write(
        tree / "genelint.toml", 'select = ["GL304"]\n[rules.rsid-format]\nallow-missing = false\n'
    )
    code, out, _ = check(capsys, "ALAS2.md")
    assert (
        code,
        [line.split(": ", 1)[1].split(" [")[0] for line in out.splitlines() if ": GL" in line],
    ) == (1, ["GL304"])


@pytest.mark.parametrize(
    "content, message",
    [
        (None, "does not exist"),
        (b"not an SQLite file at all", "not a genelint gene index"),
    ],
)
def test_unusable_refdata_path_is_one_config_error(tree, capsys, content, message):
    index = tree / "genes.sqlite"
    if content is not None:
        index.write_bytes(content)
    config = write(tree / "genelint.toml", f'[refdata]\npath = "{index}"\n')
    put(tree / "ALAS2.md")
    put(tree / "HBB.md")
    code, out, err = check(capsys, "ALAS2.md", "HBB.md")
    assert (code, out) == (2, "")
    assert err.startswith(f"genelint: {config}: key refdata.path: ") and message in err
    assert "Traceback" not in err and err.count("\n") == 1


def test_bad_pyproject_table_names_the_pyproject(tree, capsys):
    config = write(tree / "pyproject.toml", '[tool.genelint]\nfail_on = "error"\n')
    put(tree / "ALAS2.md")
    code, _, err = check(capsys, "ALAS2.md")
    assert code == 2
    assert err.startswith(f"genelint: {config}: unknown key fail_on; expected one of:")


def test_every_bad_key_is_listed_at_once(tree, capsys):
    write(tree / "genelint.toml", 'fail-on = "never"\nselectt = []\n')
    put(tree / "ALAS2.md")
    err = check(capsys, "ALAS2.md")[2]
    assert "selectt" in err and "fail-on" in err
