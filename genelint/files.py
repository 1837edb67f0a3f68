"""Which files a run checks."""

from __future__ import annotations

import os

from genelint.config import Settings

PAGE_SUFFIX = ".md"


def discover(paths: list[str], settings: Settings) -> list[str]:
    """Files to check, in a stable order.

    A path named explicitly is always checked (pre-commit passes files that way),
    even when `exclude` matches it or it is not a regular file; folders are walked
    for `*.md`, skipping hidden folders and `exclude` matches. A folder whose name
    ends in `.md` is listed too, so the run reports it rather than passing it by.
    """
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
