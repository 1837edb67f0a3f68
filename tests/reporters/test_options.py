"""--output, --statistics and --quiet with every format; --format's choices."""

import json

import jsonschema
import pytest

from genelint.cli import build_parser
from genelint.reporters import FORMATS

from .conftest import ROOT, run

SUMMARY = "Found 13 problems (2 errors, 11 warnings) in 1 of 2 files. 6 fixable with --fix (5 more with --unsafe-fixes). 16 lookups skipped (offline)."
STATISTICS = [
    "     5  GL302  hgvs-legacy-notation [*]",
    "     3  GL204  alias-unknown",
    "     2  GL202  id-mismatch",
    "     1  GL405  paper-gene-mismatch",
    "     1  GL501  ai-unreviewed",
    "     1  GL502  ai-provenance-undeclared [*]",
]


def test_output_keeps_the_summary_line_on_standard_error(repo, capsys):
    code, out, err = run(capsys, "--output", "report.txt", "content")
    assert (code, out, err) == (1, "", SUMMARY + "\n")
    lines = (repo / "report.txt").read_text().splitlines()
    assert (
        len(lines) == 14
        and lines[0].startswith("content/ALAS2.md:24:3: GL204 [warning]")
        and lines[-1] == SUMMARY
    )


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_every_format_writes_to_output_and_summarises_on_standard_error(repo, capsys, fmt):
    code, out, err = run(capsys, "--format", fmt, "--output", f"report.{fmt}", "content")
    assert (code, out, err) == (1, "", SUMMARY + "\n")
    written = (repo / f"report.{fmt}").read_text(encoding="utf-8")
    code, out, err = run(capsys, "--format", fmt, "content")
    assert (code, out) == (1, written)


def test_statistics_with_text_prints_the_table_instead_of_the_findings(repo, capsys):
    code, out, err = run(capsys, "--statistics", "content")
    assert (code, out.splitlines(), err) == (1, [*STATISTICS, SUMMARY], "")


def test_statistics_with_json_adds_the_counts_to_the_summary(repo, capsys):
    code, out, err = run(capsys, "--format", "json", "--statistics", "content")
    report = json.loads(out)
    schema = json.loads((ROOT / "schemas" / "report.schema.json").read_text())
    jsonschema.Draft202012Validator(schema).validate(report)
    assert [
        (s["count"], s["code"], s["name"], s["fixable"]) for s in report["summary"]["statistics"]
    ] == [
        (5, "GL302", "hgvs-legacy-notation", 5),
        (3, "GL204", "alias-unknown", 0),
        (2, "GL202", "id-mismatch", 0),
        (1, "GL405", "paper-gene-mismatch", 0),
        (1, "GL501", "ai-unreviewed", 0),
        (1, "GL502", "ai-provenance-undeclared", 1),
    ]
    assert len(report["findings"]) == 13 and err == ""
    assert "statistics" not in json.loads(run(capsys, "--format", "json", "content")[1])["summary"]


@pytest.mark.parametrize(
    "fmt", sorted(name for name, fmt in FORMATS.items() if not fmt.console and name != "json")
)
def test_statistics_of_a_document_format_go_to_the_console(repo, capsys, fmt):
    code, out, err = run(capsys, "--format", fmt, "--statistics", "content")
    assert out == run(capsys, "--format", fmt, "content")[1]  # the document is whole
    assert err.splitlines() == [*STATISTICS, SUMMARY]


def test_quiet_with_text_prints_the_summary_line(repo, capsys):
    assert run(capsys, "--quiet", "content") == (1, SUMMARY + "\n", "")


@pytest.mark.parametrize("fmt", sorted(name for name, fmt in FORMATS.items() if not fmt.console))
def test_quiet_with_a_document_on_standard_output_is_refused(repo, capsys, fmt):
    code, out, err = run(capsys, "--format", fmt, "--quiet", "content")
    assert (code, out) == (2, "")
    assert err == (
        f"genelint: --quiet prints only the summary line, but --format {fmt} writes its whole report to "
        "standard output: add --output FILE (the summary line then goes to standard error)\n"
    )
    # With --output the console gets the summary line alone, and the file the whole report.
    assert run(capsys, "--format", fmt, "--quiet", "--output", "report", "content") == (
        1,
        "",
        SUMMARY + "\n",
    )
    assert (repo / "report").read_text(encoding="utf-8") == run(capsys, "--format", fmt, "content")[
        1
    ]


def test_quiet_and_statistics_together_are_refused(repo, capsys):
    code, out, err = run(capsys, "--quiet", "--statistics", "content")
    assert (code, out) == (2, "")
    assert (
        err
        == "genelint: --quiet prints only the summary line and --statistics a count per rule: choose one\n"
    )


def test_help_and_readme_list_every_format():
    help_text = build_parser(["check"])._subparsers._group_actions[0].choices["check"].format_help()
    assert "--format {" + ",".join(FORMATS) + "}" in " ".join(help_text.split())
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    usage = readme[readme.index("## Usage") :]
    assert f"--format {'|'.join(FORMATS)}" in usage
    for name in FORMATS:
        assert f"`--format {name}`" in readme, name


@pytest.mark.parametrize("fmt", sorted(set(FORMATS) - {"text", "json"}))
def test_diff_is_refused_with_a_report_format(repo, capsys, fmt):
    before = (repo / "content" / "ALAS2.md").read_bytes()
    assert run(capsys, "--diff", "--format", fmt, "content") == (
        2,
        "",
        f"genelint: --diff prints a unified diff, not a report: it cannot be combined with --format {fmt}\n",
    )
    assert (repo / "content" / "ALAS2.md").read_bytes() == before


def test_diff_inside_github_actions_prints_the_diff(repo, capsys, monkeypatch):
    monkeypatch.setenv(
        "GITHUB_ACTIONS", "true"
    )  # github is only the default report, --diff asks no report
    code, out, err = run(capsys, "--diff", "content")
    assert code == 1 and out.startswith("--- a/content/ALAS2.md") and "+| p.Val122Ile" in out
