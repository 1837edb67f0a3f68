"""The `genelint` command: mostly in-process through `genelint.cli.main`, a few runs of the
installed console script as a real process (exit status, TTY colour, `--version`)."""

import json
import os
import shutil
import subprocess
import sys
from importlib.metadata import version
from pathlib import Path

import pytest

import genelint
from genelint.cli import main
from genelint.reporters import shown_message
from genelint.testing import lint_text

PAGES = Path(__file__).parent / "rules" / "fixtures" / "structure"
EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
# Other rule families would have their say on these pages too; these tests are about
# the command, so the tree's config keeps to the document and structure rules.
SCOPE = 'select = ["GL0", "GL1"]\n'
EMPTY = "section 'Drug Response' is empty (empty-section)"


def genelint_script() -> str:
    beside = Path(sys.executable).with_name("genelint")
    found = str(beside) if beside.exists() else shutil.which("genelint")
    assert found, "the genelint console script is not installed"
    return found


@pytest.fixture
def tree(tmp_path, monkeypatch):
    """A folder of pages with a scoped config, as the current folder."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("GENELINT_OFFLINE", raising=False)
    (tmp_path / "genelint.toml").write_text(SCOPE)
    return tmp_path


def put(path: Path, fixture: str) -> Path:
    """A copy of a fixture page about the gene named by the file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text((PAGES / fixture).read_text().replace("ALAS2", path.stem))
    return path


def run(capsys, *args):
    code = main([*map(str, args)])
    out, err = capsys.readouterr()
    return code, out, err


def finding_lines(out: str) -> list[str]:
    return [line for line in out.splitlines() if ": GL" in line]


# --- which files ---------------------------------------------------------------------


def test_check_defaults_to_the_current_folder(tree, capsys):
    put(tree / "genes" / "HBB.md", "empty_section.md")
    code, out, err = run(capsys, "check")
    assert (code, err) == (1, "")
    assert (
        out
        == f"genes/HBB.md:43:1: GL104 [warning] {EMPTY}\nFound 1 problem (1 warning) in 1 of 1 file.\n"
    )


def test_folders_are_walked_for_md_files_only(tree, capsys):
    put(tree / "genes" / "deep" / "er" / "HBB.md", "empty_section.md")
    put(tree / "genes" / "ALAS2.md", "complete_page.md")
    (tree / "genes" / "notes.txt").write_text("not a page")
    (tree / "genes" / "README.rst").write_text("not a page")
    code, out, _ = run(capsys, "check", "genes")
    assert code == 1
    assert out.splitlines() == [
        f"genes/deep/er/HBB.md:43:1: GL104 [warning] {EMPTY}",
        "Found 1 problem (1 warning) in 1 of 2 files.",
    ]


def test_hidden_folders_and_excluded_folders_are_skipped(tree, capsys):
    (tree / "genelint.toml").write_text(SCOPE + 'exclude = ["vendor"]\n')
    put(tree / ".git" / "HBB.md", "empty_section.md")
    put(tree / "genes" / ".cache" / "HBB.md", "empty_section.md")
    put(tree / "vendor" / "HBB.md", "empty_section.md")
    put(tree / "genes" / "ALAS2.md", "complete_page.md")
    assert run(capsys, "check")[:2] == (0, "No problems in 1 file.\n")


def test_files_named_explicitly_are_checked_unless_excluded(tree, capsys):
    # As pre-commit passes them: hidden or not named *.md, they are checked; `exclude`
    # leaves a named file out as it does a found one, and the summary says so.
    (tree / "genelint.toml").write_text(SCOPE + 'exclude = ["vendor"]\n')
    hidden = put(tree / ".drafts" / "HBB.md", "empty_section.md")
    excluded = put(tree / "vendor" / "TP53.md", "empty_section.md")
    other = put(tree / "notes" / "KRAS.markdown", "empty_section.md")
    code, out, _ = run(capsys, "check", ".drafts/HBB.md", "vendor/TP53.md", "notes/KRAS.markdown")
    assert code == 1
    assert [line.split(" ")[0] for line in finding_lines(out)] == [
        ".drafts/HBB.md:43:1:",
        "notes/KRAS.markdown:43:1:",
    ]
    assert out.splitlines()[-1] == (
        "Found 2 problems (2 warnings) in 2 of 2 files. "
        "Skipped 1 named file that exclude or include leaves out (vendor/TP53.md)."
    )
    assert hidden.exists() and excluded.exists() and other.exists()


def test_a_named_path_that_does_not_exist_is_a_usage_error(tree, capsys):
    put(tree / "HBB.md", "empty_section.md")
    code, out, err = run(capsys, "check", "nowhere.md")
    assert (code, out, err) == (2, "", "genelint: no such file or folder: nowhere.md\n")
    code, out, err = run(capsys, "check", "HBB.md", "nowhere.md", "no/folder")
    assert (code, out, err) == (2, "", "genelint: no such file or folder: nowhere.md, no/folder\n")


def test_a_named_broken_symlink_is_a_finding(tree, capsys):
    (tree / "gone.md").symlink_to(tree / "nowhere.md")
    code, out, err = run(capsys, "check", "gone.md")
    assert (code, err) == (1, "")
    assert finding_lines(out) == ["gone.md:1:1: GL001 [error] broken symlink (unreadable-file)"]


# --- text output -----------------------------------------------------------------------


def test_text_lines_are_sorted_by_path_then_position(tree, capsys):
    put(tree / "b" / "HBB.md", "unknown_section.md")  # 10:3 GL101, 12:1 GL105
    put(tree / "a" / "TP53.md", "duplicate_section.md")  # 54:1 GL103
    put(tree / "a" / "KRAS.md", "empty_section.md")  # 43:1 GL104
    code, out, _ = run(capsys, "check", "b", "a")
    assert code == 1
    assert [line.split(" [")[0] for line in finding_lines(out)] == [
        "a/KRAS.md:43:1: GL104",
        "a/TP53.md:54:1: GL103",
        "b/HBB.md:10:3: GL101",
        "b/HBB.md:12:1: GL105",
    ]
    assert out.splitlines()[-1] == "Found 4 problems (4 warnings) in 3 of 3 files."


def test_text_line_format(tree, capsys):
    put(tree / "HBB.md", "table_ragged_row.md")
    out = run(capsys, "check", "HBB.md")[1]
    assert out.splitlines() == [
        "HBB.md:30:1: GL106 [error] table row has 2 cells, the header has 3 (malformed-table)",
        "Found 1 problem (1 error) in 1 of 1 file.",
    ]


def test_statistics_count_findings_per_rule(tree, capsys):
    put(tree / "HBB.md", "unknown_section.md")
    put(tree / "KRAS.md", "empty_section.md")
    put(tree / "TP53.md", "empty_section.md")
    out = run(capsys, "check", "--statistics", ".")[1]
    assert out.splitlines() == [  # the table in place of the findings, as ruff prints it
        "     2  GL104  empty-section",
        "     1  GL101  missing-section",
        "     1  GL105  unknown-section",
        "Found 4 problems (4 warnings) in 3 of 3 files.",
    ]


def test_quiet_prints_only_the_summary(tree, capsys):
    put(tree / "HBB.md", "empty_section.md")
    assert run(capsys, "check", "--quiet", "HBB.md")[:2] == (
        1,
        "Found 1 problem (1 warning) in 1 of 1 file.\n",
    )


def test_a_long_message_is_cut_in_the_middle_saying_how_much(tree, capsys):
    # A 500 KB mutation cell: its GL301 message repeats the cell, and a report line of
    # a megabyte would flood a CI log. The line keeps the message's beginning and end.
    page = (
        (EXAMPLES / "ALAS2.md").read_text().replace("| L176P |", "| " + "L176P" * 100_000 + " |", 1)
    )
    (tree / "ALAS2.md").write_text(page)
    full = next(f.message for f in lint_text(page.encode(), select=["GL301"]) if f.line == 46)
    assert len(full) > 1_000_000
    code, out, _ = run(capsys, "check", "--select", "GL301", "ALAS2.md")
    [line] = finding_lines(out)
    head = "ALAS2.md:46:8: GL301 [error] 'L176PL176P"
    tail = "L176PL176P' after the description; expected the end (hgvs-syntax)"
    assert line.startswith(head) and line.endswith(tail)
    assert f" … [{len(full) - 450} characters left out] … " in line
    assert len(line) < 600
    code, out, _ = run(capsys, "check", "--select", "GL301", "--format", "json", "ALAS2.md")
    [finding] = json.loads(out)["findings"]
    assert finding["message"] in line and len(finding["message"]) <= 500  # the schema's maxLength


def test_a_message_of_500_characters_is_whole():
    assert shown_message("x" * 500) == "x" * 500
    assert shown_message("x" * 501) == "x" * 300 + " … [51 characters left out] … " + "x" * 150


# --- colour --------------------------------------------------------------------------------


def _tty(monkeypatch):
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)


def test_colour_on_a_tty(tree, capsys, monkeypatch):
    put(tree / "HBB.md", "empty_section.md")
    _tty(monkeypatch)
    out = run(capsys, "check", "HBB.md")[1]
    assert (
        out.splitlines()[0] == f"\033[1mHBB.md:43:1:\033[0m \033[33mGL104 [warning]\033[0m {EMPTY}"
    )


def test_no_colour_with_no_color_even_on_a_tty(tree, capsys, monkeypatch):
    put(tree / "HBB.md", "empty_section.md")
    _tty(monkeypatch)
    monkeypatch.setenv("NO_COLOR", "")  # present at all means no colour, even empty
    assert "\033" not in run(capsys, "check", "HBB.md")[1]


def test_no_colour_when_not_a_tty(tree, capsys):
    put(tree / "HBB.md", "empty_section.md")
    assert "\033" not in run(capsys, "check", "HBB.md")[1]


def test_no_colour_in_json_or_output_files_on_a_tty(tree, capsys, monkeypatch):
    put(tree / "HBB.md", "empty_section.md")
    _tty(monkeypatch)
    assert "\033" not in run(capsys, "check", "--format", "json", "HBB.md")[1]
    run(capsys, "check", "--output", "report.txt", "HBB.md")
    assert "\033" not in (tree / "report.txt").read_text()


def test_colour_on_a_real_terminal(tree):
    pty = pytest.importorskip("pty")
    put(tree / "HBB.md", "empty_section.md")
    env = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
    for no_color, expect_colour in ((False, True), (True, False)):
        if no_color:
            env["NO_COLOR"] = "1"
        master, slave = pty.openpty()
        proc = subprocess.run(
            [genelint_script(), "check", "HBB.md"],
            stdout=slave,
            stderr=subprocess.PIPE,
            env=env,
            cwd=tree,
            timeout=60,
        )
        os.close(slave)
        output = b""
        while True:
            try:
                chunk = os.read(master, 4096)
            except OSError:  # EIO once the terminal has nothing more
                break
            if not chunk:
                break
            output += chunk
        os.close(master)
        assert proc.returncode == 1
        assert (b"\033[33mGL104 [warning]" in output) is expect_colour, output


# --- formats and output ------------------------------------------------------------------


def test_json_format(tree, capsys):
    put(tree / "HBB.md", "empty_section.md")
    code, out, _ = run(capsys, "check", "--format", "json", "HBB.md")
    report = json.loads(out)
    assert code == 1
    assert report["findings"] == [
        {
            "path": "HBB.md",
            "line": 43,
            "column": 1,
            "end_line": 43,
            "end_column": 17,
            "code": "GL104",
            "name": "empty-section",
            "severity": "warning",
            "message": "section 'Drug Response' is empty",
            "fix": None,
        }
    ]
    assert report["version"] == 1
    assert report["summary"]["findings"] == 1 and report["summary"]["failed"] is True


def test_output_writes_the_report_to_a_file(tree, capsys):
    put(tree / "HBB.md", "empty_section.md")
    (tree / "out").mkdir()
    code, out, err = run(
        capsys, "check", "--format", "json", "--output", "out/report.json", "HBB.md"
    )
    # The summary line still reaches the console, so a failing CI step never has an empty log.
    assert (code, out, err) == (1, "", "Found 1 problem (1 warning) in 1 of 1 file.\n")
    assert [
        f["code"] for f in json.loads((tree / "out" / "report.json").read_text())["findings"]
    ] == ["GL104"]


def test_output_to_an_unwritable_place_is_exit_2(tree, capsys):
    put(tree / "HBB.md", "empty_section.md")
    code, out, err = run(capsys, "check", "--output", "no/such/folder/report.txt", "HBB.md")
    assert (code, out) == (2, "")
    assert err.startswith("genelint: --output no/such/folder/report.txt: ")


# --- selection and exit codes ---------------------------------------------------------------


def test_select_and_ignore_flags_take_codes_names_and_prefixes(tree, capsys):
    put(tree / "HBB.md", "unknown_section.md")  # GL101 and GL105

    def only(*args):
        return [
            line.split(" ")[1] for line in finding_lines(run(capsys, "check", *args, "HBB.md")[1])
        ]

    assert only("--select", "GL105") == ["GL105"]
    assert only("--select", "missing-section") == ["GL101"]
    assert only("--select", "GL10") == ["GL101", "GL105"]
    assert only("--select", "GL101,unknown-section") == ["GL101", "GL105"]
    assert only("--ignore", "GL105") == ["GL101"]
    assert only("--ignore", "missing-section", "--ignore", "GL105") == []


def test_unknown_selector_flag_is_exit_2(tree, capsys):
    put(tree / "HBB.md", "empty_section.md")
    code, out, err = run(capsys, "check", "--select", "GL999", "HBB.md")
    assert (code, out, err) == (
        2,
        "",
        "genelint: unknown rule selector(s): GL999 (see `genelint rules`)\n",
    )


@pytest.mark.parametrize(
    "fixture, fail_on, expected",
    [
        ("complete_page.md", None, 0),
        ("empty_section.md", None, 1),  # warning
        ("table_ragged_row.md", None, 1),  # error
        ("empty_section.md", "error", 0),
        ("table_ragged_row.md", "error", 1),
        ("empty_section.md", "warning", 1),
        ("complete_page.md", "info", 0),
    ],
)
def test_exit_codes_and_fail_on(tree, capsys, fixture, fail_on, expected):
    put(tree / "HBB.md", fixture)
    args = ["--fail-on", fail_on] if fail_on else []
    assert run(capsys, "check", *args, "HBB.md")[0] == expected


def test_info_findings_never_fail_by_default(tree, capsys):
    (tree / "genelint.toml").write_text(SCOPE + '[severity]\nGL104 = "info"\n')
    put(tree / "HBB.md", "empty_section.md")
    code, out, _ = run(capsys, "check", "HBB.md")
    assert (code, out.splitlines()[-1]) == (0, "Found 1 problem (1 info) in 1 of 1 file.")
    assert run(capsys, "check", "--fail-on", "info", "HBB.md")[0] == 1


def test_usage_errors_are_exit_2(tree, capsys):
    assert run(capsys, "check", "--jobs", "0", ".")[:2] == (2, "")
    with pytest.raises(SystemExit) as exit_:
        main(["check", "--format", "yaml"])
    assert exit_.value.code == 2
    with pytest.raises(SystemExit) as exit_:
        main(["check", "--no-such-flag"])
    assert exit_.value.code == 2
    assert main([]) == 2  # no command: help on stderr


def test_config_flag(tree, capsys):
    (tree / "strict.toml").write_text('select = ["GL1"]\nfail-on = "error"\n')
    put(tree / "HBB.md", "empty_section.md")
    assert run(capsys, "check", "HBB.md")[0] == 1
    assert run(capsys, "check", "--config", "strict.toml", "HBB.md")[0] == 0


# --- jobs --------------------------------------------------------------------------------


def test_jobs_2_gives_the_same_report_as_jobs_1(tmp_path, capsys, monkeypatch):
    # Every rule, corpus rules included (two pages share a gene), offline.
    monkeypatch.chdir(tmp_path)
    names = [
        "empty_section.md",
        "unknown_section.md",
        "table_ragged_row.md",
        "duplicate_section.md",
        "complete_page.md",
        "section_out_of_order.md",
    ]
    for i, name in enumerate(names):
        put(tmp_path / "genes" / f"G{i}" / "ALAS2.md", name)
    put(tmp_path / "genes" / "HBB.md", "not_a_gene_page.md")
    (tmp_path / "genes" / "broken.md").write_bytes(b"---\ntitle: \xe9\n---\n")
    one = run(capsys, "check", "--offline", "--jobs", "1", "--format", "json", "genes")
    two = run(capsys, "check", "--offline", "--jobs", "2", "--format", "json", "genes")
    assert one[0] == two[0] == 1
    assert json.loads(one[1]) == json.loads(two[1])
    assert len(json.loads(one[1])["findings"]) >= 8  # every page but one has a finding


# --- offline ---------------------------------------------------------------------------------

LOOKUP_RULE = '''
from genelint.findings import Severity
from genelint.rule import Lookup, NetworkRule


class DoiExists(NetworkRule):
    """Asks a service about every DOI (a stand-in for the network rules).

    Bad: a DOI that does not exist. Good: one that does.
    """

    code = "XT001"
    name = "doi-exists-test"
    severity = Severity.ERROR

    def lookups(self, doc, ctx):
        return [Lookup("doi", c.doi.value) for c in doc.citations if c.doi]

    def check(self, doc, ctx):
        raise AssertionError("a network rule ran offline")
'''


@pytest.mark.parametrize("how", ["flag", "environment", "config"])
def test_offline_skips_network_rules_and_counts_the_lookups(tree, capsys, monkeypatch, how):
    (tree / "local").mkdir()
    (tree / "local" / "doi_rule.py").write_text(LOOKUP_RULE)
    config = 'select = ["GL1", "XT"]\nrule-paths = ["local"]\n'
    args = ["check", "HBB.md", "KRAS.md"]
    if how == "flag":
        args.insert(1, "--offline")
    elif how == "environment":
        monkeypatch.setenv("GENELINT_OFFLINE", "1")
    else:
        config += "offline = true\n"
    (tree / "genelint.toml").write_text(config)
    put(tree / "HBB.md", "complete_page.md")
    put(tree / "KRAS.md", "complete_page.md")  # the same DOI: one lookup for the run
    assert run(capsys, *args) == (0, "No problems in 2 files. 1 lookup skipped (offline).\n", "")


# --- rules, explain, version ---------------------------------------------------------------


def test_rules_lists_every_rule_with_its_declaration(capsys):
    code, out, _ = run(capsys, "rules")
    lines = out.splitlines()
    assert code == 0
    assert lines[0].split() == ["CODE", "NAME", "SEVERITY", "FIXABLE", "NEEDS"]
    rows = {line.split()[0]: line.split()[1:] for line in lines[1:]}
    assert rows["GL001"] == ["unreadable-file", "error", "-"]
    assert rows["GL102"] == ["section-order", "warning", "-"]
    assert rows["GL011"] == ["unused-suppression", "warning", "-"]
    codes = [line.split()[0] for line in lines[1:]]
    assert codes == sorted(codes)


def test_explain_by_code_and_by_name(capsys):
    by_code = run(capsys, "explain", "GL102")
    by_name = run(capsys, "explain", "section-order")
    assert by_code == by_name
    code, out, _ = by_code
    assert code == 0
    lines = out.splitlines()
    assert lines[:5] == [
        "GL102 section-order",
        "family: structure; default severity: warning; fixable: no; needs: nothing",
        "defined in: rules/structure.py",
        "",
        "Sections are out of the canonical order.",
    ]
    assert any(line.startswith("Bad:") for line in lines) and any(
        line.startswith("Good:") for line in lines
    )


def test_explain_accepts_lower_case_code(capsys):
    assert run(capsys, "explain", "gl102")[1].startswith("GL102 section-order\n")


def test_explain_unknown_rule_is_exit_2(capsys):
    assert run(capsys, "explain", "GL999") == (
        2,
        "",
        "genelint: no rule 'GL999' (see `genelint rules`)\n",
    )


def test_version(capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["--version"])
    assert exit_.value.code == 0
    assert capsys.readouterr().out == f"genelint {genelint.__version__}\n"
    assert genelint.__version__ == version("genelint")


# --- the installed console script ----------------------------------------------------------


def test_console_script_exit_codes(tree):
    put(tree / "HBB.md", "empty_section.md")
    put(tree / "KRAS.md", "complete_page.md")
    script = genelint_script()
    clean = subprocess.run(
        [script, "check", "KRAS.md"], capture_output=True, text=True, cwd=tree, timeout=60
    )
    dirty = subprocess.run(
        [script, "check", "HBB.md"], capture_output=True, text=True, cwd=tree, timeout=60
    )
    usage = subprocess.run(
        [script, "check", "--fail-on", "never", "HBB.md"],
        capture_output=True,
        text=True,
        cwd=tree,
        timeout=60,
    )
    assert (clean.returncode, clean.stdout) == (0, "No problems in 1 file.\n")
    assert (dirty.returncode, dirty.stdout.splitlines()[0]) == (
        1,
        f"HBB.md:43:1: GL104 [warning] {EMPTY}",
    )
    assert usage.returncode == 2 and "--fail-on" in usage.stderr


def test_console_script_version_and_rules(tree):
    script = genelint_script()
    out = subprocess.run([script, "--version"], capture_output=True, text=True, timeout=60)
    assert (out.returncode, out.stdout) == (0, f"genelint {genelint.__version__}\n")
    rules = subprocess.run([script, "rules"], capture_output=True, text=True, timeout=60)
    assert rules.returncode == 0 and "GL102  section-order" in rules.stdout


def test_console_script_writes_a_long_report_whole_before_it_exits(tree):
    # The script ends without tearing the interpreter down (cli.run): what it wrote to a pipe,
    # more than the pipe holds at once, must still all arrive, and the exit code with it.
    for number in range(300):
        put(tree / f"HBB{number}.md", "empty_section.md")
    done = subprocess.run(
        [genelint_script(), "check", "--format", "json", "--jobs", "1", "."],
        capture_output=True,
        text=True,
        cwd=tree,
        timeout=120,
    )
    assert len(done.stdout) > 65536
    report = json.loads(done.stdout)
    assert done.returncode == 1
    assert len({finding["path"] for finding in report["findings"]}) == 300
