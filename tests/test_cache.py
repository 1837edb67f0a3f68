"""The result cache: a page checked before is not checked again, every input of its findings
invalidates it, suppressions stay right over cached findings, and two processes share it."""

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

import genelint.cache
from genelint.cache import CACHE_FILE, ResultCache, record_of, result_from_record, run_key
from genelint.cli import main
from genelint.config import settings_from_table
from genelint.engine import Linter
from genelint.registry import load_registry
from genelint.rule import Lookup

FIXTURES = Path(__file__).parent / "rules" / "fixtures"
EXAMPLES = Path(__file__).parents[1] / "examples"
CORPUS = FIXTURES / "corpus"
FOR_SETTINGS = ResultCache.__dict__["for_settings"]
STRUCTURE = FIXTURES / "structure"


@pytest.fixture
def tree(tmp_path, monkeypatch):
    """A folder of pages as the current folder, with its own cache folder."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("GENELINT_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(
        ResultCache, "for_settings", FOR_SETTINGS
    )  # conftest gives other tests their own
    pages = tmp_path / "pages"
    pages.mkdir()
    for name in ("ALAS2.md", "ALAS2_copy.md"):  # two pages for one gene: GL903, a corpus rule
        (pages / name).write_bytes((CORPUS / "duplicate_gene_page" / name).read_bytes())
    (pages / "HBB.md").write_bytes(
        (STRUCTURE / "empty_section.md").read_bytes().replace(b"ALAS2", b"HBB")
    )
    (pages / "broken.md").write_bytes(b"---\ntitle: \xe9\n---\n")
    return tmp_path


class CountingChecks:
    """Counts the pages the engine parses and checks (not those taken from the cache)."""

    def __init__(self, monkeypatch):
        self.paths: list[str] = []
        original = Linter.check_document

        def counting(linter, doc):
            self.paths.append(doc.path)
            return original(linter, doc)

        monkeypatch.setattr(Linter, "check_document", counting)


def check(capsys, *args) -> tuple[int, str]:
    code = main(["check", "--offline", "--format", "json", *args])
    return code, capsys.readouterr().out


def test_a_warm_run_checks_no_page_and_reports_the_same(tree, capsys, monkeypatch):
    counted = CountingChecks(monkeypatch)
    cold = check(capsys, "pages")
    assert sorted(Path(p).name for p in counted.paths) == [
        "ALAS2.md",
        "ALAS2_copy.md",
        "HBB.md",
        "broken.md",
    ]
    assert (tree / "cache" / CACHE_FILE).exists()
    counted.paths.clear()
    warm = check(capsys, "pages")
    assert warm == cold
    assert counted.paths == []  # the undecodable page too: its GL001 depends on its bytes alone
    codes = {f["code"] for f in json.loads(warm[1])["findings"]}
    assert {"GL903", "GL104", "GL001"} <= codes  # the corpus rule ran over cached facts


def test_a_changed_page_alone_is_checked_again(tree, capsys, monkeypatch):
    check(capsys, "pages")
    counted = CountingChecks(monkeypatch)
    page = tree / "pages" / "ALAS2_copy.md"
    page.write_text(
        page.read_text()
        .replace('title: "ALAS2"', 'title: "ALAS1"')
        .replace("for ALAS2", "for ALAS1")
    )
    _, out = check(capsys, "pages")
    assert [Path(p).name for p in counted.paths] == ["ALAS2_copy.md"]
    fresh = check(capsys, "--no-cache", "pages")[1]
    assert out == fresh
    assert "GL903" not in {
        f["code"] for f in json.loads(out)["findings"]
    }  # no longer two pages for ALAS2


class CountingCorpusPhases:
    """Counts the runs in which the corpus rules compared the pages' facts."""

    def __init__(self, monkeypatch):
        self.runs = 0
        original = Linter._corpus_rules

        def counting(linter, path):
            self.runs += 1
            return original(linter, path)

        monkeypatch.setattr(Linter, "_corpus_rules", counting)


def test_a_warm_run_with_nothing_changed_reads_the_corpus_findings_back(tree, capsys, monkeypatch):
    cold = check(capsys, "pages")
    phases = CountingCorpusPhases(monkeypatch)
    warm = check(capsys, "pages")
    assert phases.runs == 0
    assert warm == cold
    assert "GL903" in {f["code"] for f in json.loads(warm[1])["findings"]}


@pytest.mark.parametrize("edit", ["change", "rename", "remove"])
def test_the_corpus_rules_run_again_when_a_page_changes_moves_or_goes(
    tree, capsys, monkeypatch, edit
):
    check(capsys, "pages")
    page = tree / "pages" / "HBB.md"
    if edit == "change":
        page.write_bytes(page.read_bytes() + b"\n")
    elif edit == "rename":
        page.rename(tree / "pages" / "HBB2.md")
    else:
        page.unlink()
    phases = CountingCorpusPhases(monkeypatch)
    _, out = check(capsys, "pages")
    assert phases.runs == 1
    assert out == check(capsys, "--no-cache", "pages")[1]


@pytest.mark.parametrize(
    "change",
    [
        ["--select", "GL1,GL9"],
        ["--ignore", "GL104"],
        ["--config", "other.toml"],
    ],
)
def test_selection_and_config_are_part_of_the_key(tree, capsys, monkeypatch, change):
    (tree / "other.toml").write_text('[severity]\nGL104 = "error"\n')
    check(capsys, "pages")
    counted = CountingChecks(monkeypatch)
    _, out = check(capsys, *change, "pages")
    assert len(counted.paths) == 4
    assert out == check(capsys, "--no-cache", *change, "pages")[1]


def test_rule_options_and_per_file_ignores_in_the_config_are_part_of_the_key(
    tree, capsys, monkeypatch
):
    config = tree / "genelint.toml"
    config.write_text('select = ["GL1", "GL9"]\n')
    _, first = check(capsys, "pages")
    assert "GL104" in first
    config.write_text('select = ["GL1", "GL9"]\n[per-file-ignores]\n"pages/HBB.md" = ["GL104"]\n')
    counted = CountingChecks(monkeypatch)
    _, second = check(capsys, "pages")
    assert len(counted.paths) == 4
    assert "GL104" in second and not any(
        f["code"] == "GL104" and f["path"] == "pages/HBB.md" for f in json.loads(second)["findings"]
    )
    assert second == check(capsys, "--no-cache", "pages")[1]


def test_the_run_key_changes_with_every_input():
    settings = settings_from_table({})
    rules = list(load_registry())
    base = dict(
        settings=settings,
        rules=rules,
        options={},
        severities={},
        offline=True,
        refdata_version="2022-09",
    )
    key = run_key(**base)
    assert run_key(**base) == key  # stable
    changed = [
        {**base, "settings": settings_from_table({"fail-on": "error"})},
        {**base, "rules": rules[:-1]},
        {**base, "options": {"GL403": {"title-threshold": 0.5}}},
        {**base, "severities": {"GL104": "info"}},
        {**base, "offline": False},
        {**base, "refdata_version": "2024-01"},
    ]
    assert len({run_key(**c) for c in changed} | {key}) == len(changed) + 1


def test_a_new_genelint_version_is_another_key(monkeypatch):
    settings = settings_from_table({})
    args = (settings, list(load_registry()), {}, {}, True, "")
    before = run_key(*args)
    monkeypatch.setattr(genelint.cache, "__version__", "99.0")
    assert run_key(*args) != before


def test_a_changed_plugin_rule_module_is_another_key(tree):
    """A rule module edited in place, with genelint's version the same (new processes: one
    process loads a rule module once)."""
    (tree / "local").mkdir()
    module = tree / "local" / "shout.py"
    module.write_text(PLUGIN.replace("MESSAGE", "first"))
    (tree / "genelint.toml").write_text('select = ["XC"]\nrule-paths = ["local"]\n')
    command = [sys.executable, "-m", "genelint.cli", "check", "--offline", "pages"]
    assert "first" in subprocess.run(command, cwd=tree, capture_output=True, text=True).stdout
    module.write_text(PLUGIN.replace("MESSAGE", "second version"))
    assert (
        "second version" in subprocess.run(command, cwd=tree, capture_output=True, text=True).stdout
    )


PLUGIN = '''
from genelint.findings import Severity
from genelint.rule import Rule


class EveryPage(Rule):
    """Reports every page.

    Bad: any page. Good: none.
    """

    code = "XC001"
    name = "every-page"
    severity = Severity.WARNING

    def check(self, doc, ctx):
        yield self.finding(doc.lines.span(0, 0), "MESSAGE")
'''


def test_no_cache_neither_reads_nor_writes_it(tree, capsys, monkeypatch):
    check(capsys, "--no-cache", "pages")
    assert not (tree / "cache" / CACHE_FILE).exists()
    check(capsys, "pages")
    counted = CountingChecks(monkeypatch)
    check(capsys, "--no-cache", "pages")
    assert len(counted.paths) == 4


SUPPRESSED_COPY = b"<!-- genelint-disable-file GL903 -->\n"


def test_suppressions_over_cached_findings_stay_right(tree, capsys, monkeypatch):
    """The copy suppresses GL903; once the other page is about another gene, the copy is
    unchanged (taken from the cache) but its suppression is now unused: GL011."""
    (tree / "genelint.toml").write_text('select = ["GL0", "GL9"]\n')
    copy = tree / "pages" / "ALAS2_copy.md"
    copy.write_bytes(copy.read_bytes() + SUPPRESSED_COPY)
    _, first = check(capsys, "pages")
    found = {(Path(f["path"]).name, f["code"]) for f in json.loads(first)["findings"]}
    assert ("ALAS2.md", "GL903") in found and ("ALAS2_copy.md", "GL903") not in found
    assert ("ALAS2_copy.md", "GL011") not in found
    assert check(capsys, "pages")[1] == first
    other = tree / "pages" / "ALAS2.md"
    other.write_text(other.read_text().replace("ALAS2", "ALAS1"))
    counted = CountingChecks(monkeypatch)
    _, after = check(capsys, "pages")
    assert "ALAS2_copy.md" not in {Path(p).name for p in counted.paths}
    found = {(Path(f["path"]).name, f["code"]) for f in json.loads(after)["findings"]}
    assert ("ALAS2_copy.md", "GL011") in found and not any(code == "GL903" for _, code in found)
    assert after == check(capsys, "--no-cache", "pages")[1]


def test_a_record_gives_back_what_was_checked():
    settings = settings_from_table({})
    linter = Linter(settings, load_registry(), offline=True)
    page = FIXTURES / "document" / "disable_enable_range.md"
    result = linter.check_path(str(page))
    assert result.findings and result.suppressions.directives and result.facts
    again = result_from_record(result.path, record_of(result))
    assert again.findings == result.findings
    assert [f.fix for f in again.findings] == [f.fix for f in result.findings]
    assert again.facts == result.facts
    assert again.suppressions == result.suppressions
    assert again.lookups == result.lookups
    assert {type(lookup) for lookup in again.lookups} == {Lookup}
    assert again.lookups[0].kind == result.lookups[0].kind


def test_a_record_with_a_lookup_of_the_wrong_shape_is_refused():
    findings, facts, suppressions, lookups = [], {}, None, [["rsid", "rs334", "extra"]]
    with pytest.raises(TypeError):
        result_from_record("a.md", json.dumps([findings, facts, suppressions, lookups]))


def test_a_record_keeps_where_each_lookup_is_asked():
    # Online, GL010's lookup facts go into the record, so that a page none of whose lookups
    # is answered need not be parsed again (tests/services/test_unverified_runs.py).
    linter = Linter(
        settings_from_table({}), load_registry(), select=["GL010", "GL305"], offline=False
    )
    result = linter.check_path(str(EXAMPLES / "HBB.md"))
    assert result.lookups and result.lookup_facts["GL010"][0][:4] == ("rsid", "rs334", 45, 26)
    again = result_from_record(result.path, record_of(result))
    assert again.lookup_facts == result.lookup_facts


def test_a_crashing_rule_leaves_no_record(tree, capsys, monkeypatch):
    (tree / "local").mkdir()
    (tree / "local" / "crash.py").write_text(
        PLUGIN.replace(
            'yield self.finding(doc.lines.span(0, 0), "MESSAGE")', 'raise RuntimeError("boom")'
        )
    )
    (tree / "genelint.toml").write_text('select = ["XC"]\nrule-paths = ["local"]\n')
    assert check(capsys, "pages")[0] == 2
    assert check(capsys, "pages")[0] == 2  # said again, not hidden by a cached empty result


def test_a_damaged_cache_file_is_set_aside_and_started_again_with_one_warning(tree, capsys):
    (tree / "cache").mkdir()
    (tree / "cache" / CACHE_FILE).write_bytes(b"this is not a database" * 100)
    code = main(["check", "--offline", "--format", "json", "pages"])
    out, err = capsys.readouterr()
    assert code == 1 and json.loads(out)["findings"]
    [warning] = err.splitlines()
    assert f"{tree / 'cache' / CACHE_FILE} is damaged (not an SQLite file); set aside as" in warning
    assert warning.endswith("started again")
    assert list((tree / "cache").glob(f"{CACHE_FILE}.damaged-*"))
    again = main(["check", "--offline", "--format", "json", "pages"])
    assert (again, capsys.readouterr()) == (code, (out, ""))  # the new cache answers, silently
    assert out == check(capsys, "--no-cache", "pages")[1]


def test_cache_info_and_clear(tree, capsys):
    check(capsys, "pages")
    assert main(["cache", "info"]) == 0
    out = capsys.readouterr().out
    assert f"page results: {tree / 'cache' / CACHE_FILE}" in out
    assert "entries: 4" in out
    assert "service lookups:" in out
    assert main(["cache", "clear"]) == 0
    assert "cleared 4 cached page results" in capsys.readouterr().out
    assert main(["cache", "info"]) == 0
    assert "entries: 0" in capsys.readouterr().out


def cache_info_sections(out: str) -> dict[str, list[str]]:
    """`cache info` as {heading line: the keys of the lines indented below it}; a line
    indented otherwise, or one before any heading, fails."""
    sections: dict[str, list[str]] = {}
    for line in out.splitlines():
        if line.startswith("  "):
            assert line[2] != " ", f"indented more deeply than its section: {line!r}"
            sections[list(sections)[-1]].append(line[2:].split(":")[0])
        else:
            sections[line] = []
    return sections


def test_cache_info_lays_out_each_cache_alike(tree, capsys):
    socket_ = __import__("socket").create_server(("127.0.0.1", 0))
    refused = f"http://127.0.0.1:{socket_.getsockname()[1]}/uniprot"
    socket_.close()  # nothing listens there now: the run finds uniprot down
    (tree / "genelint.toml").write_text(f'[services]\nuniprot = "{refused}"\nconnect-timeout = 1\n')
    assert main(["cache", "info"]) == 0
    assert cache_info_sections(capsys.readouterr().out) == {
        f"page results: {tree / 'cache' / CACHE_FILE}": ["entries"],
        f"service lookups: {tree / 'cache' / 'services-v2.sqlite'}": ["entries", "last run"],
    }
    main(["check", "--config", "genelint.toml", "--select", "GL308", str(EXAMPLES / "HBB.md")])
    capsys.readouterr()
    assert main(["cache", "info"]) == 0
    out = capsys.readouterr().out
    assert cache_info_sections(out) == {
        f"page results: {tree / 'cache' / CACHE_FILE}": ["entries", "size"],
        f"service lookups: {tree / 'cache' / 'services-v2.sqlite'}": [
            "entries",
            "size",
            "last run",
            "down",
        ],
    }
    sizes = [line.split(": ")[1] for line in out.splitlines() if line.startswith("  size: ")]
    assert [size.split(" ")[1] for size in sizes] == ["KiB", "KiB"]  # one way to write a size


WRITER = """
import sys
from genelint.cli import main
for _ in range(int(sys.argv[2])):
    code = main(["check", "--offline", "--format", "json", "--output", sys.argv[1], "pages"])
    assert code in (0, 1), code
"""


def test_two_processes_sharing_the_cache_never_corrupt_it(tree, seed_cache):
    """Two processes check the same tree at once, again and again, each page changing between
    rounds so that both write records while the other reads and writes. The folder holds the
    reference data already: the page results are what they share here."""
    environment = {**os.environ, "GENELINT_CACHE_DIR": str(seed_cache(tree / "cache"))}
    pages = tree / "pages"
    for n in range(30):
        (pages / f"G{n}.md").write_bytes(
            (STRUCTURE / "complete_page.md").read_bytes().replace(b"ALAS2", f"G{n}".encode())
        )
    for round_number in range(3):
        for n in range(0, 30, 3):
            page = pages / f"G{n}.md"
            page.write_text(page.read_text() + f"\nround {round_number}\n")
        writers = [
            subprocess.Popen(
                [sys.executable, "-c", WRITER, str(tree / f"out{i}.json"), "3"],
                cwd=tree,
                env=environment,
                stderr=subprocess.PIPE,
            )
            for i in range(2)
        ]
        for writer in writers:
            _, err = writer.communicate(timeout=300)
            assert writer.returncode == 0, err.decode()
            assert b"result cache" not in err  # never unusable, never unwritten
    connection = sqlite3.connect(tree / "cache" / CACHE_FILE)
    assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    connection.close()
    uncached = subprocess.run(
        [
            sys.executable,
            "-m",
            "genelint.cli",
            "check",
            "--offline",
            "--format",
            "json",
            "--no-cache",
            "pages",
        ],
        cwd=tree,
        env=environment,
        capture_output=True,
    )
    assert (tree / "out0.json").read_bytes() == (tree / "out1.json").read_bytes() == uncached.stdout


def test_a_cache_folder_the_user_names_is_ignored_by_git(tmp_path, monkeypatch):
    # A CI setup keeps the cache inside the project ($CI_PROJECT_DIR/.genelint-cache): the first
    # file written there brings a .gitignore of `*`, so `git add -A` leaves the cache out; a
    # .gitignore already there is the user's and stays as it is.
    from genelint.cachefolder import CACHE_ENV, write_whole

    root = tmp_path / ".genelint-cache"
    monkeypatch.setenv(CACHE_ENV, str(root))
    write_whole(root / "refdata" / "names-x.marshal", b"index")
    assert (root / ".gitignore").read_text(encoding="utf-8").splitlines()[-1] == "*"
    (root / ".gitignore").write_text("mine\n", encoding="utf-8")
    write_whole(root / "refdata" / "names-y.marshal", b"index")
    assert (root / ".gitignore").read_text(encoding="utf-8") == "mine\n"
    # a file written outside the named folder brings none
    write_whole(tmp_path / "elsewhere" / "file", b"x")
    assert not (tmp_path / "elsewhere" / ".gitignore").exists()


def test_the_project_named_as_the_cache_folder_gets_no_gitignore(tmp_path, monkeypatch):
    # A .gitignore of `*` in a repository's top folder, or in the folder the run started in,
    # would hide the project's own pages from git.
    from genelint.cachefolder import CACHE_ENV, write_whole

    project = tmp_path / "curation"
    (project / ".git").mkdir(parents=True)
    monkeypatch.setenv(CACHE_ENV, str(project))
    write_whole(project / "refdata" / "names-x.marshal", b"index")
    assert not (project / ".gitignore").exists()
    started = tmp_path / "started"
    started.mkdir()
    monkeypatch.chdir(started)
    monkeypatch.setenv(CACHE_ENV, str(tmp_path))
    write_whole(tmp_path / "refdata" / "names-x.marshal", b"index")
    assert not (tmp_path / ".gitignore").exists()
