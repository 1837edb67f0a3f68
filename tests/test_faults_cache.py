"""The cache folder as it is found in the wild: impossible to create, read-only, full, damaged,
or shared by two runs at once. A run degrades (reference data unpacked for that run only,
caches skipped, a warning) or repairs (a damaged file set aside and rebuilt, one warning);
it never stops with exit 2 and never reports differently. Real processes, since the
reference table is opened once per process."""

from __future__ import annotations

import errno
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from genelint.cache import CACHE_FILE
from genelint.refdata import locations
from genelint.refdata.locations import sqlite_damage
from genelint.refdata.table import GeneTable

PAGE = Path(__file__).resolve().parent.parent / "examples" / "ALAS2.md"
RUN = "import sys\nfrom genelint.cli import main\nsys.exit(main(sys.argv[1:]))\n"
DISK_FULL = (
    """
import errno, os
import genelint.refdata.locations as locations
unpack = locations._unpack
def full(packed, unpacked):
    if str(unpacked).startswith(os.environ["GENELINT_CACHE_DIR"]):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
    return unpack(packed, unpacked)
locations._unpack = full
"""
    + RUN
)


def _check(folder: Path, cache: Path, code: str = RUN, **popen) -> subprocess.CompletedProcess:
    environment = {**os.environ, "GENELINT_CACHE_DIR": str(cache)}
    return subprocess.run(
        [sys.executable, "-c", code, "check", "--offline", "ALAS2.md"],
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


@pytest.fixture
def expected(pages, tmp_path):
    """The report of a run with a good cache folder: what every degraded run must print too."""
    good = _check(pages, tmp_path / "good-cache")
    assert good.returncode == 1 and good.stderr == ""
    return good.stdout


def _warnings(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if "refdata" in line or "reference" in line]


def test_a_cache_folder_that_cannot_be_created(pages, tmp_path, expected):
    (tmp_path / "a-file").write_text("")
    run = _check(pages, tmp_path / "a-file" / "cache")
    assert (run.returncode, run.stdout) == (1, expected)
    [warning] = _warnings(run.stderr)
    assert (
        "cannot be used" in warning
        and "for this run only" in warning
        and "GENELINT_CACHE_DIR" in warning
    )
    assert "Traceback" not in run.stderr


def test_a_full_disk(pages, tmp_path, expected):
    run = _check(pages, tmp_path / "cache", code=DISK_FULL)
    assert (run.returncode, run.stdout) == (1, expected)
    [warning] = _warnings(run.stderr)
    assert os.strerror(errno.ENOSPC) in warning


@pytest.mark.skipif(
    not hasattr(os, "seteuid") or os.geteuid() != 0,
    reason="needs root to drop to a user for whom the folder is read-only (root writes anywhere)",
)
@pytest.mark.parametrize("reachable", [True, False])
def test_a_read_only_cache_folder_for_a_user_without_rights(
    tmp_path, monkeypatch, capsys, reachable
):
    cache = tmp_path / "cache"
    (cache / "refdata").mkdir(parents=True)
    os.chmod(cache / "refdata", 0o555)
    for folder in (
        tmp_path.parent.parent,
        tmp_path.parent,
        tmp_path,
        cache,
    ):  # or a folder on the way is closed to the user
        os.chmod(folder, 0o755 if reachable else 0o700)
    monkeypatch.setenv("GENELINT_CACHE_DIR", str(cache))
    monkeypatch.setattr(locations, "_WARNED", set())
    os.seteuid(65534)
    try:
        unpacked = locations.openable_index(locations.BUNDLED_INDEX)
        table = GeneTable(unpacked, "bundled")
    finally:
        os.seteuid(0)
    assert table.by_symbol("ALAS2") and not unpacked.is_relative_to(cache)
    assert list((cache / "refdata").iterdir()) == []
    [warning] = capsys.readouterr().err.splitlines()
    assert "cannot be used (Permission denied)" in warning and "for this run only" in warning
    for folder in (tmp_path.parent.parent, tmp_path.parent, tmp_path, cache):
        os.chmod(folder, 0o700)


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


@pytest.mark.parametrize("damage", [_truncate, _not_sqlite, _wrong_version])
def test_a_damaged_unpacked_index_is_set_aside_and_unpacked_again(
    pages, tmp_path, expected, damage
):
    cache = tmp_path / "cache"
    assert _check(pages, cache).stdout == expected
    unpacked = _unpacked(cache)
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
    pages, tmp_path, expected, damage
):
    cache = tmp_path / "cache"
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
    assert not list((cache / "refdata").glob(".unpack-*")) and not list(
        (cache / "refdata").glob("*.damaged-*")
    )
