"""A cache folder the run cannot use, said once.

The cache folder holds the unpacked reference index, the gene name index, the page results,
the service replies and what the last run found (hosts down, lookup figures). When the folder
cannot be created or entered, is read-only or full, each of them goes on without it and says
here what it skipped; the command prints one warning at its end naming the folder, the reason
and all that was skipped, however many parts (or worker processes) ran into it.
"""

from __future__ import annotations

import os
import sys
import threading
from collections.abc import Callable
from pathlib import Path

CACHE_ENV = "GENELINT_CACHE_DIR"

# What SQLite says when the folder, not the file, is at fault (its other errors are a damaged
# file, which the file's owner handles).
_SQLITE_FOLDER_FAULTS = (
    "unable to open database",
    "readonly database",
    "disk is full",
    "disk i/o error",
    "locking protocol",
    "could not be written",
)

# The config's services.cache-path, for the parts that are not handed the settings (the
# reference data's copies): the page results and service replies read it from the settings.
_configured_root: Path | None = None


def use_config(settings) -> None:
    """Keep every cache in the folder the config names (services.cache-path); a process that
    loads a config calls this (the CLI, a worker's Linter, the language server)."""
    global _configured_root
    configured = settings.services.get("cache-path")
    _configured_root = Path(configured) if configured else None


def configured_root() -> Path | None:
    return _configured_root


_LOCK = threading.Lock()
_UNUSABLE: dict[Path, tuple[str, list[str]]] = {}  # folder -> (first reason, what was skipped)


def is_folder_fault(error: BaseException) -> bool:
    """An OSError, or an SQLite error that comes from the folder or disk rather than the file."""
    import sqlite3  # only asked once a cache has failed

    if isinstance(error, OSError):
        return True
    message = str(error).lower()
    return isinstance(error, sqlite3.Error) and any(
        fault in message for fault in _SQLITE_FOLDER_FAULTS
    )


def _reason(error: BaseException | str) -> str:
    if isinstance(error, OSError) and error.strerror:
        return error.strerror
    return str(error)


def unusable(folder: Path, error: BaseException | str, skipped: str) -> None:
    """Note that `skipped` (what it holds, named for the warning) is not cached in `folder`
    this run because of `error`."""
    with _LOCK:
        _reason_kept, parts = _UNUSABLE.setdefault(Path(folder), (_reason(error), []))
        if skipped not in parts:
            parts.append(skipped)


def warnings() -> list[str]:
    """One message per unusable folder (normally one), and forget them: each is said once."""
    with _LOCK:
        noted = list(_UNUSABLE.items())
        _UNUSABLE.clear()
    return [
        f"the cache folder {folder} cannot be used ({reason}); not cached this run: "
        f"{', '.join(skipped)} (set {CACHE_ENV} to a writable folder)"
        for folder, (reason, skipped) in noted
    ]


def warn() -> None:
    for message in warnings():
        print(f"genelint: warning: {message}", file=sys.stderr)


# What a command does when a part is about to fill the cache for the first time and it takes
# long (the gene name index: ~10 s): the command decides whether and where to say so (the CLI
# a line on stderr, the language server nothing); the part itself prints nothing.
_first_build: Callable[[], None] | None = None


def on_first_build(callback: Callable[[], None] | None) -> None:
    global _first_build
    _first_build = callback


def first_build() -> None:
    if _first_build is not None:
        _first_build()


def _ignored_by_git(path: Path) -> None:
    """A cache folder the user named ($GENELINT_CACHE_DIR, services.cache-path) often lies in the
    project (CI caches only folders inside it): a `.gitignore` of `*` in it keeps `git add -A`
    from committing the cache. Written into that folder when it has none, when a file is written
    under it; never into a repository's own top folder or the folder the run started in (the
    project itself, named as the cache folder), whose files it would hide."""
    named = os.environ.get(CACHE_ENV) or _configured_root
    if not named:
        return
    root = Path(named)
    ignore = root / ".gitignore"
    try:
        here = Path.cwd().resolve()
        top = root.resolve()
        if (
            top in path.resolve().parents
            and not ignore.exists()
            and not (root / ".git").exists()
            and top != here
            and top not in here.parents
        ):
            ignore.write_text("# genelint's cache: not the project's\n*\n", encoding="utf-8")
    except OSError:
        pass  # a folder that cannot take it is reported by the write that follows


def write_whole(path: Path, data: bytes) -> None:
    """Write `data` to a temporary file beside `path` and rename it into place: a reader (or
    another run) never sees half a file, and a full disk leaves the last whole one and no
    temporary behind."""
    import tempfile  # (only when something is written: ~5 ms a run that writes nothing)

    path.parent.mkdir(parents=True, exist_ok=True)
    _ignored_by_git(path)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
