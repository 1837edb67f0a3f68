"""The cache folder as it is found in the wild: impossible to create, read-only, full, damaged,
or shared by two runs at once. A run degrades (reference data unpacked for that run only,
caches skipped, one warning naming the folder and what is not cached) or repairs (a damaged
file set aside and rebuilt, one warning);
it never stops with exit 2 and never reports differently. Real processes, since the
reference table is opened once per process."""

from __future__ import annotations

import atexit
import errno
import os
import shutil
import socket
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from genelint.cache import CACHE_FILE, ResultCache, cache_dir
from genelint.cli import main
from genelint.refdata.locations import sqlite_damage
from genelint.refdata.table import load_gene_table

PAGE = Path(__file__).resolve().parent.parent / "examples" / "ALAS2.md"
RUN = "import sys\nfrom genelint.cli import main\nsys.exit(main(sys.argv[1:]))\n"
# A full disk, injected: a file written into the cache folder fails at its rename with ENOSPC
# (every file there is written whole and renamed), and an SQLite file there may not grow, so
# SQLite itself says "database or disk is full".
DISK_FULL = (
    """
import errno, os, sqlite3
cache = os.environ["GENELINT_CACHE_DIR"]
replace, connect = os.replace, sqlite3.connect
def full(source, target, *args, **kwargs):
    if str(target).startswith(cache):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(target))
    return replace(source, target, *args, **kwargs)
def cannot_grow(database, *args, **kwargs):
    connection = connect(database, *args, **kwargs)
    if str(database).startswith(cache):
        pages = connection.execute("PRAGMA page_count").fetchone()[0]
        connection.execute(f"PRAGMA max_page_count = {max(pages, 1)}")
    return connection
os.replace, sqlite3.connect = full, cannot_grow
"""
    + RUN
)
# Every service at a loopback port bound but not listening: each lookup is refused at once, so
# a run that is not --offline opens its reply cache and remembers the hosts found down.
_HELD = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
_HELD.bind(("127.0.0.1", 0))
atexit.register(_HELD.close)  # held to the end of the session, then closed (no ResourceWarning)
REFUSED = {
    f"GENELINT_{key.upper()}_URL": f"http://127.0.0.1:{_HELD.getsockname()[1]}/{key}"
    for key in ("crossref", "doi", "eutils", "variation", "uniprot")
}
# What each kind of run keeps in the cache folder, as the warning names it.
OFFLINE_PARTS = ["reference data (unpacked for this run only)", "page results", "gene name index"]
ONLINE_PARTS = [
    *OFFLINE_PARTS,
    "service replies",
    "hosts found down",
    "lookup figures",
]


def _check(
    folder: Path, cache: Path, code: str = RUN, online: bool = False, **popen
) -> subprocess.CompletedProcess:
    environment = {**os.environ, "GENELINT_CACHE_DIR": str(cache), **REFUSED}
    return subprocess.run(
        [sys.executable, "-c", code, "check", *([] if online else ["--offline"]), "ALAS2.md"],
        cwd=folder,
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
        **popen,
    )


@pytest.fixture
def pages(tmp_path):
    folder = tmp_path / "pages"
    folder.mkdir()
    shutil.copy(PAGE, folder / "ALAS2.md")
    return folder


# The reports of runs with a good cache folder, what every degraded run must print too: the
# same for every test (the page is named relative to the folder it is checked in), so each is
# made once, in a folder that already holds the reference data (a run that reads it reports as
# one that builds it; the tests below compare the two).


@pytest.fixture(scope="module")
def good_pages(tmp_path_factory):
    folder = tmp_path_factory.mktemp("good-pages")
    shutil.copy(PAGE, folder / "ALAS2.md")
    return folder


@pytest.fixture(scope="module")
def expected(good_pages, seed_cache, tmp_path_factory):
    good = _check(good_pages, seed_cache(tmp_path_factory.mktemp("good-cache")))
    assert good.returncode == 1 and good.stderr == ""
    return good.stdout


@pytest.fixture(scope="module")
def expected_online(good_pages, seed_cache, tmp_path_factory):
    cache = seed_cache(tmp_path_factory.mktemp("good-online-cache"))
    good = _check(good_pages, cache, online=True)
    assert good.returncode == 1 and "Traceback" not in good.stderr
    return good.stdout


def _warnings(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if "refdata" in line or "reference" in line]


def _cache_warning(stderr: str, cache: Path, reason: str, parts: list[str]) -> None:
    """The run's warnings are one about the cache folder (beside the lookups' own, online),
    naming the folder, why, and `parts` as what is not cached."""
    assert "Traceback" not in stderr
    warnings = [
        line.removeprefix("genelint: warning: ")
        for line in stderr.splitlines()
        if line.startswith("genelint: warning:") and "lookups could be verified" not in line
    ]
    [warning] = warnings
    head = f"the cache folder {cache} cannot be used ({reason}); not cached this run: "
    tail = " (set GENELINT_CACHE_DIR to a writable folder)"
    assert warning.startswith(head) and warning.endswith(tail), warning
    assert warning.removeprefix(head).removesuffix(tail).split(", ") == parts


@pytest.mark.parametrize("online", [False, True], ids=["offline", "online"])
def test_a_cache_folder_that_cannot_be_created(pages, tmp_path, expected, expected_online, online):
    (tmp_path / "a-file").write_text("")
    cache = tmp_path / "a-file" / "cache"
    run = _check(pages, cache, online=online)
    assert (run.returncode, run.stdout) == (1, expected_online if online else expected)
    _cache_warning(run.stderr, cache, "Not a directory", ONLINE_PARTS if online else OFFLINE_PARTS)


@pytest.mark.parametrize("online", [False, True], ids=["offline", "online"])
def test_a_full_disk(pages, tmp_path, expected, expected_online, online):
    cache = tmp_path / "cache"
    run = _check(pages, cache, code=DISK_FULL, online=online)
    assert (run.returncode, run.stdout) == (1, expected_online if online else expected), run.stderr
    _cache_warning(
        run.stderr,
        cache,
        os.strerror(errno.ENOSPC),
        ONLINE_PARTS if online else OFFLINE_PARTS,
    )
    assert not list(cache.rglob("*.tmp"))  # no half-written file left behind


@pytest.mark.skipif(
    not hasattr(os, "seteuid") or os.geteuid() != 0,
    reason="needs root to drop to a user for whom the folder is read-only (root writes anywhere)",
)
@pytest.mark.parametrize("reachable", [True, False])
def test_a_read_only_cache_folder_for_a_user_without_rights(
    pages, tmp_path, monkeypatch, capsys, expected, reachable
):
    # In this process, as nobody (its Python may live where nobody can read): the reference
    # table and the result cache are opened again for the run.
    cache = tmp_path / "cache"
    (cache / "refdata").mkdir(parents=True)
    os.chmod(cache / "refdata", 0o555)
    os.chmod(cache, 0o555)
    for folder in (tmp_path.parent.parent, tmp_path.parent, tmp_path, pages):
        os.chmod(folder, 0o755)
    if not reachable:  # a folder on the way is closed to the user
        os.chmod(cache, 0o700)
    monkeypatch.chdir(pages)
    monkeypatch.setenv("GENELINT_CACHE_DIR", str(cache))
    monkeypatch.setattr(
        ResultCache, "for_settings", classmethod(lambda cls, s: cls(cache_dir(s) / CACHE_FILE))
    )
    # A first run as root imports every module the run needs: nobody may not read them.
    monkeypatch.setenv("GENELINT_CACHE_DIR", str(tmp_path / "warm-cache"))
    assert main(["check", "--offline", "ALAS2.md"]) == 1 and capsys.readouterr().out == expected
    monkeypatch.setenv("GENELINT_CACHE_DIR", str(cache))
    load_gene_table.cache_clear()
    os.seteuid(65534)
    try:
        code = main(["check", "--offline", "ALAS2.md"])
    finally:
        os.seteuid(0)
        load_gene_table.cache_clear()
        for folder in (tmp_path.parent.parent, tmp_path.parent, tmp_path, cache):
            os.chmod(folder, 0o700)
    out, err = capsys.readouterr()
    assert (code, out) == (1, expected), err
    _cache_warning(err, cache, "Permission denied", OFFLINE_PARTS)
    assert list(cache.rglob("*")) == [cache / "refdata"]


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes to a read-only folder anyway")
def test_a_read_only_cache_folder(pages, tmp_path, expected):
    cache = tmp_path / "cache"
    (cache / "refdata").mkdir(parents=True)
    os.chmod(cache / "refdata", 0o555)
    os.chmod(cache, 0o555)
    try:
        run = _check(pages, cache)
    finally:
        os.chmod(cache, 0o755)
        os.chmod(cache / "refdata", 0o755)
    assert (run.returncode, run.stdout) == (1, expected)
    _cache_warning(run.stderr, cache, "Permission denied", OFFLINE_PARTS)


def _unpacked(cache: Path) -> Path:
    [unpacked] = (cache / "refdata").glob("genes-*.sqlite")
    return unpacked


def _truncate(path: Path) -> None:
    with open(path, "r+b") as handle:
        handle.truncate(path.stat().st_size // 2)


def _not_sqlite(path: Path) -> None:
    path.write_bytes(b"<html>a proxy's error page</html>\n" * 100)


def _wrong_version(path: Path) -> None:
    with sqlite3.connect(path) as connection:
        connection.execute(
            """UPDATE meta SET value = json_set(value, '$.format', 99) WHERE key = 'source'"""
        )
    connection.close()


def _own_file(path: Path) -> None:
    """Make a link of a seeded cache folder a copy of what it points at (times kept), so that
    damaging it in place damages this test's folder alone."""
    if path.is_symlink():
        copy = path.with_name(f".{path.name}.copy")
        shutil.copy2(path.resolve(), copy)
        os.replace(copy, path)


# The damage tests start from a folder a first run has filled (seeded with the session's: the
# name index is not what they damage); the repair is then theirs to make.


@pytest.mark.parametrize("damage", [_truncate, _not_sqlite, _wrong_version])
def test_a_damaged_unpacked_index_is_set_aside_and_unpacked_again(
    pages, tmp_path, expected, damage, seed_cache
):
    cache = seed_cache(tmp_path / "cache")
    assert _check(pages, cache).stdout == expected
    unpacked = _unpacked(cache)
    _own_file(unpacked)
    damage(unpacked)
    run = _check(pages, cache)
    assert (run.returncode, run.stdout) == (1, expected)
    [warning] = _warnings(run.stderr)
    assert "is damaged" in warning and "set aside as" in warning
    [aside] = (cache / "refdata").glob("genes-*.sqlite.damaged-*")
    assert aside.name.startswith(unpacked.name)
    assert sqlite_damage(_unpacked(cache)) is None
    again = _check(pages, cache)
    assert (again.stdout, again.stderr) == (expected, "")  # repaired once: no warning the next time


@pytest.mark.parametrize("damage", [_truncate, _not_sqlite, _wrong_version])
def test_a_damaged_updated_index_is_set_aside_for_the_bundled_one(
    pages, tmp_path, expected, damage, seed_cache
):
    cache = seed_cache(tmp_path / "cache")
    assert _check(pages, cache).stdout == expected
    updated = cache / "refdata" / "genes.sqlite"  # where `genelint refdata update` writes
    shutil.copy(_unpacked(cache), updated)
    damage(updated)
    run = _check(pages, cache)
    assert (run.returncode, run.stdout) == (1, expected)
    [warning] = _warnings(run.stderr)
    assert "genes.sqlite is damaged" in warning and "bundled snapshot" in warning
    assert not updated.exists() and list((cache / "refdata").glob("genes.sqlite.damaged-*"))


def test_two_runs_sharing_one_new_cache_folder(tmp_path):
    folder = tmp_path / "pages"
    folder.mkdir()
    for n in range(30):
        (folder / f"GENE{n}.md").write_bytes(
            PAGE.read_bytes().replace(b"ALAS2", f"ALAS{n}".encode())
        )
    cache = tmp_path / "shared-cache"
    environment = {**os.environ, "GENELINT_CACHE_DIR": str(cache)}
    for round_ in range(2):  # a cold folder, then a warm one with a page changed meanwhile
        if round_:
            (folder / "GENE0.md").write_bytes(PAGE.read_bytes())
        runs = [
            subprocess.Popen(
                [sys.executable, "-c", RUN, "check", "--offline", "--jobs", "1", "."],
                cwd=folder,
                env=environment,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            for _ in range(2)
        ]
        outputs = [run.communicate(timeout=300) for run in runs]
        assert [run.returncode for run in runs] == [1, 1]
        assert outputs[0][0] == outputs[1][0] and outputs[0][1] == outputs[1][1] == ""
    assert sqlite_damage(_unpacked(cache)) is None
    for database in (_unpacked(cache), cache / CACHE_FILE):
        with sqlite3.connect(database) as connection:
            assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        connection.close()
    assert not list((cache / "refdata").glob(".*.tmp")) and not list(
        (cache / "refdata").glob("*.damaged-*")
    )
