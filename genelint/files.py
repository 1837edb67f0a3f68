"""Which files a run checks."""

from __future__ import annotations

import os

from genelint.config import Settings

PAGE_SUFFIX = ".md"


class NoSuchPath(Exception):
    """Paths named on the command line that do not exist (a usage error, not a finding)."""

    def __init__(self, paths: list[str]):
        super().__init__(f"no such file or folder: {', '.join(paths)}")
        self.paths = paths


def discover(paths: list[str], settings: Settings) -> list[str]:
    """Files to check, in a stable order.

    A path named explicitly is always checked (pre-commit passes files that way),
    even when `exclude` matches it or it is not a regular file; folders are walked
    for `*.md`, skipping hidden folders and `exclude` matches. A folder whose name
    ends in `.md` is listed too, so the run reports it rather than passing it by.
    A named path that does not exist at all raises NoSuchPath (a mistyped name);
    a broken symlink does exist, and is checked (GL001).
    """
    missing = [path for path in paths if not os.path.lexists(path)]
    if missing:
        raise NoSuchPath(missing)
    found: list[str] = []
    seen: set[str] = set()

    def add(path: str) -> None:
        key = os.path.normpath(path)
        if key not in seen:
            seen.add(key)
            found.append(path)

    for path in paths:
        if os.path.isdir(path) and not path.endswith(PAGE_SUFFIX):
            for file in _walk(path, settings):
                add(file)
        else:
            add(path)
    return found


def _walk(root: str, settings: Settings) -> list[str]:
    files = []
    for folder, dirnames, filenames in os.walk(root):
        kept = []
        for name in sorted(dirnames):
            full = os.path.join(folder, name)
            if name.startswith(".") or settings.is_excluded(full):
                continue
            if name.endswith(PAGE_SUFFIX):
                files.append(os.path.normpath(full))
            kept.append(name)
        dirnames[:] = kept
        for name in sorted(filenames):
            full = os.path.join(folder, name)
            if name.endswith(PAGE_SUFFIX) and not name.startswith(".") and not settings.is_excluded(full):
                files.append(os.path.normpath(full))  # `genes/x.md`, not `./genes/x.md`
    return sorted(files)
