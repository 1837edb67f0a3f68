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
