"""A first run (a cold cache folder) says once, on a terminal's standard error, that it is
building GL405's gene name index: never on standard output, never with --quiet, never in a log
(stderr not a terminal), never from a worker, and not on a warm cache. One real cold run (~10 s,
in a process of its own, its output captured as a CI log's is); the other tests stand a fast
fake in for the build, as they are about the note, not the index."""

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from genelint import cachefolder
from genelint.cli import FIRST_BUILD_NOTE, _note_first_build, main
from genelint.refdata.nameindex import NameIndex
from genelint.refdata.table import GeneTable

# A page citing a paper whose title names another gene: GL405 needs the name index for it.
PAGE = Path(__file__).parent / "rules" / "fixtures" / "citations" / "paper_about_other_gene.md"
CHECK = ["check", "--select", "GL405", "--offline", "--no-cache"]


@pytest.fixture(scope="module")
def cold_then_warm(tmp_path_factory) -> list[subprocess.CompletedProcess]:
    """Two runs of `genelint check --jobs 2 --format json` over two pages in one fresh cache
    folder: the first builds the name index (the main process, before its worker), the second reads it."""
    folder = tmp_path_factory.mktemp("first-run")
    for name in ("ALAS2.md", "ALAS2-copy.md"):
        (folder / "pages" / name).parent.mkdir(exist_ok=True)
        (folder / "pages" / name).write_text(PAGE.read_text())
    environment = {**os.environ, cachefolder.CACHE_ENV: str(folder / "cache")}
    command = [sys.executable, "-m", "genelint.cli", *CHECK, "--jobs", "2", "--format", "json"]
    return [
        subprocess.run(
            [*command, "pages"], cwd=folder, env=environment, capture_output=True, text=True
        )
        for _ in ("cold", "warm")
    ]


def test_a_cold_run_in_a_log_builds_and_reports_without_a_note(cold_then_warm):
    cold = cold_then_warm[0]
    assert FIRST_BUILD_NOTE not in cold.stderr  # a log's stderr is as a warm run's
    report = json.loads(cold.stdout)  # the report on stdout is whole JSON
    assert [finding["code"] for finding in report["findings"]] == ["GL405", "GL405"]


def test_a_warm_cache_says_nothing_of_it(cold_then_warm):
    warm = cold_then_warm[1]
    assert FIRST_BUILD_NOTE not in warm.stderr
    assert json.loads(warm.stdout) == json.loads(cold_then_warm[0].stdout)


@pytest.fixture
def cold_build(monkeypatch, tmp_path):
    """Every name index load is a first build, done at once: it says so as a real one does,
    then gives an empty index."""
    monkeypatch.setattr(
        GeneTable,
        "name_index",
        lambda table: cachefolder.first_build() or NameIndex({}, {}, frozenset()),
    )
    for name in ("ALAS2.md", "ALAS2-copy.md"):
        (tmp_path / name).write_text(PAGE.read_text())
    return tmp_path


class Terminal(io.StringIO):
    """Standard error as a terminal, or not."""

    def __init__(self, tty: bool) -> None:
        super().__init__()
        self.tty = tty

    def isatty(self) -> bool:
        return self.tty


def test_the_note_goes_to_a_terminal_once(cold_build, monkeypatch, capsys):
    terminal = Terminal(tty=True)
    monkeypatch.setattr("sys.stderr", terminal)
    main([*CHECK, str(cold_build)])
    assert terminal.getvalue().count(FIRST_BUILD_NOTE) == 1  # two pages, two loads: one note
    assert FIRST_BUILD_NOTE not in capsys.readouterr().out


def test_a_log_has_no_note(cold_build, monkeypatch):
    log = Terminal(tty=False)
    monkeypatch.setattr("sys.stderr", log)
    main([*CHECK, str(cold_build)])
    assert FIRST_BUILD_NOTE not in log.getvalue()


def test_quiet_has_no_note(cold_build, monkeypatch):
    terminal = Terminal(tty=True)
    monkeypatch.setattr("sys.stderr", terminal)
    main([*CHECK, "--quiet", str(cold_build)])
    assert FIRST_BUILD_NOTE not in terminal.getvalue()


def test_a_forked_worker_does_not_say_it(capfd):
    _note_first_build(show=True)
    try:
        child = os.fork()
        if child == 0:  # a worker forked by the command inherits its callback
            cachefolder.first_build()
            sys.stderr.flush()
            os._exit(0)
        os.waitpid(child, 0)
        assert FIRST_BUILD_NOTE not in capfd.readouterr().err
        cachefolder.first_build()  # the command's own process does
        assert capfd.readouterr().err == FIRST_BUILD_NOTE + "\n"
    finally:
        cachefolder.on_first_build(None)


def test_with_jobs_a_cold_index_is_built_once_by_the_command_before_its_workers(
    tmp_path, monkeypatch, seed_cache
):
    # A cache folder holding the reference data but no name index: the command's own process
    # builds it before forking its workers, which inherit it; no worker builds one.
    from genelint.refdata import load_gene_table, nameindex

    cache = seed_cache(tmp_path / "cache")
    for names in (cache / "refdata").glob("names-*.marshal"):
        names.unlink()
    monkeypatch.setenv(cachefolder.CACHE_ENV, str(cache))
    builders = tmp_path / "builders"

    def build(table):
        with builders.open("a") as log:  # appended to by whichever process builds
            log.write(f"{os.getpid()}\n")
        return NameIndex({}, {}, frozenset())

    monkeypatch.setattr(nameindex, "build_name_index", build)
    pages = tmp_path / "pages"
    pages.mkdir()
    for name in ("ALAS2.md", "ALAS2-copy.md", "ALAS2-again.md"):
        (pages / name).write_text(PAGE.read_text())
    load_gene_table.cache_clear()  # a table of this cache folder, its index not yet loaded
    try:
        main([*CHECK, "--jobs", "2", "--quiet", str(pages)])
    finally:
        load_gene_table.cache_clear()
    assert builders.read_text().split() == [str(os.getpid())]
