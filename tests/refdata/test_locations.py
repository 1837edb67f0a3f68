"""Where the reference index is unpacked, and how a run finds its copy again."""

import lzma
import os
import sqlite3
from pathlib import Path

from genelint.refdata.locations import openable_index, sqlite_damage


def _packed_index(path: Path, table: str) -> Path:
    """A small SQLite file with one table, xz-packed at `path`."""
    plain = path.with_suffix("")
    connection = sqlite3.connect(plain)
    connection.execute(f"CREATE TABLE {table} (x)")
    connection.commit()
    connection.close()
    path.write_bytes(lzma.compress(plain.read_bytes()))
    plain.unlink()
    return path


def _tables(path: Path) -> list[str]:
    connection = sqlite3.connect(path)
    try:
        return [row[0] for row in connection.execute("SELECT name FROM sqlite_master")]
    finally:
        connection.close()


def test_a_run_finds_the_copy_unpacked_before_without_reading_the_packed_file(
    tmp_path, monkeypatch
):
    monkeypatch.setenv("GENELINT_CACHE_DIR", str(tmp_path / "cache"))
    packed = _packed_index(tmp_path / "genes.sqlite.xz", "first")
    unpacked = openable_index(packed)
    assert _tables(unpacked) == ["first"] and sqlite_damage(unpacked) is None
    reads = []
    read_bytes = Path.read_bytes
    monkeypatch.setattr(Path, "read_bytes", lambda self: reads.append(self) or read_bytes(self))
    assert openable_index(packed) == unpacked
    assert packed not in reads


def test_a_packed_file_written_again_is_unpacked_again(tmp_path, monkeypatch):
    monkeypatch.setenv("GENELINT_CACHE_DIR", str(tmp_path / "cache"))
    packed = _packed_index(tmp_path / "genes.sqlite.xz", "first")
    first = openable_index(packed)
    stamp = packed.stat()
    _packed_index(packed, "second")  # (same name; new content, size and change time)
    os.utime(packed, ns=(stamp.st_atime_ns, stamp.st_mtime_ns))  # even with its old mtime
    second = openable_index(packed)
    assert second != first and _tables(second) == ["second"] and _tables(first) == ["first"]


def test_a_copy_noted_but_gone_is_unpacked_again(tmp_path, monkeypatch):
    monkeypatch.setenv("GENELINT_CACHE_DIR", str(tmp_path / "cache"))
    packed = _packed_index(tmp_path / "genes.sqlite.xz", "first")
    unpacked = openable_index(packed)
    unpacked.unlink()
    assert openable_index(packed) == unpacked and _tables(unpacked) == ["first"]


def test_the_index_is_unpacked_where_the_config_keeps_its_caches(tmp_path, monkeypatch, capsys):
    from genelint import cachefolder
    from genelint.cli import main
    from genelint.refdata import load_gene_table

    monkeypatch.delenv("GENELINT_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "user-cache"))
    monkeypatch.setattr(cachefolder, "_configured_root", None)  # this test's config sets it
    monkeypatch.chdir(tmp_path)
    (tmp_path / "genelint.toml").write_text('[services]\ncache-path = ".genelint-cache"\n')
    page = Path(__file__).resolve().parents[2] / "examples" / "ALAS2.md"
    (tmp_path / "ALAS2.md").write_bytes(page.read_bytes())
    load_gene_table.cache_clear()
    try:
        assert main(["check", "--offline", "ALAS2.md"]) == 1
    finally:
        load_gene_table.cache_clear()
    capsys.readouterr()
    assert list((tmp_path / ".genelint-cache" / "refdata").glob("genes-*.sqlite"))
    assert not (tmp_path / "user-cache").exists()  # nothing in the user's cache folder
