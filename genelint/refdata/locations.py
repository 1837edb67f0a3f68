"""Where reference indexes live: the bundled snapshot, the cache, the updated copy."""

from __future__ import annotations

import hashlib
import lzma
import os
import tempfile
from pathlib import Path

BUNDLED_INDEX = Path(__file__).parent / "data" / "genes.sqlite.xz"
UPDATED_INDEX_NAME = "genes.sqlite"
CACHE_ENV = "GENELINT_CACHE_DIR"


def cache_dir() -> Path:
    """`$GENELINT_CACHE_DIR/refdata`, else the user cache dir's `refdata` folder."""
    root = os.environ.get(CACHE_ENV)
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
    then renamed, so concurrent first runs never see half a file.
    """
    if path.suffix != ".xz":
        return path
    packed = path.read_bytes()
    unpacked = cache_dir() / f"{path.stem.removesuffix('.sqlite')}-{hashlib.sha256(packed).hexdigest()[:16]}.sqlite"
    if unpacked.exists():
        return unpacked
    try:
        unpacked.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=unpacked.parent, prefix=".unpack-", delete=False) as scratch:
            scratch.write(lzma.decompress(packed))
        os.replace(scratch.name, unpacked)
    except OSError as error:
        raise OSError(
            f"cannot unpack the gene reference index into {unpacked.parent} ({error}); "
            f"set {CACHE_ENV} to a writable folder"
        ) from error
    return unpacked
