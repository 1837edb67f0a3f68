"""Where reference indexes live: the bundled snapshot, the cache, the updated copy."""

from __future__ import annotations

import atexit
import hashlib
import lzma
import os
import sys
import time
from pathlib import Path

from genelint import cachefolder
from genelint.cachefolder import CACHE_ENV

BUNDLED_INDEX = Path(__file__).parent / "data" / "genes.sqlite.xz"
UPDATED_INDEX_NAME = "genes.sqlite"


def cache_dir() -> Path:
    """`$GENELINT_CACHE_DIR/refdata`, else the config's services.cache-path's `refdata`
    folder, else the user cache dir's."""
    root = os.environ.get(CACHE_ENV) or cachefolder.configured_root()
    if not root:
        import platformdirs  # only needed when no override is set

        root = platformdirs.user_cache_dir("genelint")
    return Path(root) / "refdata"


def updated_index() -> Path:
    """The index `genelint refdata update` writes; it may not exist."""
    return cache_dir() / UPDATED_INDEX_NAME


def openable_index(path: Path) -> Path:
    """A plain SQLite file for `path`: itself, or its xz content unpacked once into the cache.

    The unpacked copy is named by the packed file's digest, so a new snapshot (a genelint
    upgrade, a team's new copy) never reuses an old one, and is written to a temporary file
    then renamed, so concurrent first runs never see half a file. A copy that is not whole
    (truncated, not SQLite) is set aside and unpacked again; a cache folder that cannot be
    written (missing parent, read-only, disk full) gets the copy unpacked for this run only.
    """
    if path.suffix != ".xz":
        return path
    identity, note = _identity(path), _note_of(path)
    known = _unpacked_before(note, identity)
    if known is not None and sqlite_damage(known) is None:
        return known
    packed = path.read_bytes()
    unpacked = (
        cache_dir()
        / f"{path.stem.removesuffix('.sqlite')}-{hashlib.sha256(packed).hexdigest()[:16]}.sqlite"
    )
    try:
        present = unpacked.exists()
    except OSError as error:  # a folder on the way that this user may not enter
        return _unpack_for_this_run(packed, unpacked.name, error)
    if present:
        damage = sqlite_damage(unpacked)
        if damage is None:
            _remember_unpacked(note, identity, unpacked)
            return unpacked
        set_aside(unpacked, damage)
    try:
        _unpack(packed, unpacked)
    except OSError as error:
        return _unpack_for_this_run(packed, unpacked.name, error)
    _remember_unpacked(note, identity, unpacked)
    return unpacked


# Which copy a packed file was unpacked to, noted beside the copies: a run then finds its copy
# without reading the packed file (3.4 MB) and taking its digest (~6 ms of every run, a
# twentieth of a one-file run). The note names the packed file by its inode, size and times;
# a file written again (a genelint upgrade, a team's new copy) has a new change time, so its
# copy is looked for by its digest again.


def _identity(path: Path) -> str | None:
    try:
        status = path.stat()
    except OSError:
        return None
    return f"{status.st_dev} {status.st_ino} {status.st_size} {status.st_mtime_ns} {status.st_ctime_ns}"


def _note_of(path: Path) -> Path:
    where = hashlib.sha256(os.fsencode(path.absolute())).hexdigest()[:12]
    return cache_dir() / f"{path.name}-{where}.unpacked"


def _unpacked_before(note: Path, identity: str | None) -> Path | None:
    if identity is None:
        return None
    try:
        noted_identity, _, name = note.read_text(encoding="utf-8").rpartition("\n")
    except (OSError, ValueError):
        return None
    return note.with_name(name) if noted_identity == identity and name else None


def _remember_unpacked(note: Path, identity: str | None, unpacked: Path) -> None:
    if identity is None:
        return
    try:
        cachefolder.write_whole(note, f"{identity}\n{unpacked.name}".encode())
    except OSError:
        pass  # only the next run's few milliseconds: no warning


def _unpack(packed: bytes, unpacked: Path) -> None:
    cachefolder.write_whole(unpacked, lzma.decompress(packed))


def _unpack_for_this_run(packed: bytes, name: str, error: OSError) -> Path:
    """The index unpacked into a temporary folder removed at exit (the run warns once)."""
    import shutil  # (tempfile and shutil: only when the cache folder cannot be written)
    import tempfile

    try:
        folder = tempfile.mkdtemp(prefix="genelint-refdata-")
    except OSError:
        raise OSError(
            f"cannot unpack the gene reference index into {cache_dir()} ({error}); "
            f"set {CACHE_ENV} to a writable folder"
        ) from error
    atexit.register(shutil.rmtree, folder, True)
    _unpack(packed, Path(folder) / name)
    cachefolder.unusable(cache_dir().parent, error, "reference data (unpacked for this run only)")
    return Path(folder) / name


def sqlite_damage(path: Path) -> str | None:
    """Why `path` is not a whole SQLite database, read from its 100-byte header; None when whole.
    The header holds the page size and count, so a truncated copy is caught without reading it."""
    try:
        with open(path, "rb") as handle:
            header, size = handle.read(100), os.fstat(handle.fileno()).st_size
    except OSError as error:
        return f"unreadable ({error.strerror or error})"
    if len(header) < 100 or not header.startswith(b"SQLite format 3\x00"):
        return "not an SQLite file"
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    expected = page_size * int.from_bytes(header[28:32], "big")
    if size < expected:
        return f"truncated ({size} of {expected} bytes)"
    return None


def set_aside(path: Path, reason: str, then: str = "unpacked again") -> None:
    """Rename a damaged file out of the way (kept for a look, never read again), with one warning."""
    aside = path.with_name(f"{path.name}.damaged-{int(time.time())}")
    try:
        os.replace(path, aside)
        kept = f"set aside as {aside.name}"
    except FileNotFoundError:
        return  # another run set it aside first
    except OSError:
        kept = "left in place"
    warn_once(f"{path} is damaged ({reason}); {kept}, {then}")


_WARNED: set[str] = set()


def warn_once(message: str) -> None:
    if message not in _WARNED:
        _WARNED.add(message)
        print(f"genelint: warning: {message}", file=sys.stderr)
