"""Applies fixes: the byte-range edits that findings carry as data.

A pass applies every chosen fix whose edits overlap no edit already taken in
that pass (the others wait for the next pass, when they are recomputed on the
new text); the page is then re-parsed and re-checked, until no fix applies or
MAX_PASSES is reached. Only the bytes inside the edits change. Writing is
atomic: a temporary file beside the page, fsync, rename, the page's mode kept.
"""

from __future__ import annotations

import difflib
import os
import signal
import stat
import tempfile
import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass, field

from genelint.files import read_regular
from genelint.findings import Edit, Finding, Fix
from genelint.parser import parse_bytes

MAX_PASSES = 10
TEMPORARY_SUFFIX = ".genelint-tmp"  # hidden and not *.md: discovery never takes one for a page
STALE_AFTER_SECONDS = 60  # a temporary file this old was left by a run killed mid-write

# Called with the temporary file's path once it is complete, before the rename; tests set it
# to kill the process at the one moment a crash could leave two versions of a page on disk.
before_rename = None


@dataclass
class FileFix:
    path: str
    before: bytes
    after: bytes
    fixed: int = 0  # findings whose fix was applied

    @property
    def changed(self) -> bool:
        return self.after != self.before


@dataclass
class FixOutcome:
    files: list[FileFix] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    @property
    def fixed(self) -> int:
        return sum(f.fixed for f in self.files)

    @property
    def changed(self) -> list[FileFix]:
        return [f for f in self.files if f.changed]

    def diff(self) -> str:
        return "".join(unified_diff(f.path, f.before, f.after) for f in self.changed)


def wanted(finding: Finding, unsafe: bool) -> bool:
    return (
        finding.fix is not None
        and bool(finding.fix.edits)
        and (unsafe or finding.fix.applicability == "safe")
    )


def _overlaps(edit: Edit, taken: list[Edit]) -> bool:
    for other in taken:
        if edit.start < other.end and other.start < edit.end:
            return True
        if (
            edit.start == other.start
        ):  # two insertions (or an insertion and an edit) at one point: order unclear
            return True
        if edit.start == edit.end and other.start < edit.start < other.end:
            return True
    return False


def apply_fixes(raw: bytes, fixes: Iterable[Fix]) -> tuple[bytes, list[Fix]]:
    """`raw` with the non-overlapping fixes applied (each whole or not at all), and those applied."""
    taken: list[Edit] = []
    applied: list[Fix] = []
    for fix in fixes:
        if fix in applied:
            continue
        edits = sorted(fix.edits, key=lambda e: (e.start, e.end))
        if any(e.start < 0 or e.end < e.start or e.end > len(raw) for e in edits):
            continue
        if any(
            _overlaps(e, taken) or _overlaps(e, [o for o in edits if o is not e]) for e in edits
        ):
            continue
        taken.extend(edits)
        applied.append(fix)
    out, position = [], 0
    for edit in sorted(taken, key=lambda e: e.start):
        out.append(raw[position : edit.start])
        out.append(edit.content.encode("utf-8"))
        position = edit.end
    out.append(raw[position:])
    return b"".join(out), applied


def fix_bytes(
    raw: bytes, path: str, linter, unsafe: bool = False, max_passes: int = MAX_PASSES
) -> tuple[bytes, int]:
    """Fix one page's bytes in memory: (fixed bytes, number of findings fixed)."""
    fixed, seen = 0, {raw}
    for _ in range(max_passes):
        doc = parse_bytes(raw, path, linter.settings.parser_options())
        if not doc.readable:
            break
        findings = [
            f
            for f in linter.finish([linter.check_document(doc)]).findings
            if f.path == path and wanted(f, unsafe)
        ]
        findings.sort(key=Finding.sort_key)
        new, applied = apply_fixes(raw, (f.fix for f in findings))
        if not applied or new in seen:  # nothing left, or fixes undoing each other
            break
        fixed += sum(1 for f in findings if f.fix in applied)
        raw = new
        seen.add(raw)
    return raw, fixed


class FixInterrupted(KeyboardInterrupt):
    """Ctrl-C during `--fix`, saying how many pages were already written (each whole)."""

    def __init__(self, written: int):
        super().__init__(written)
        self.written = written


def fix_paths(paths: Iterable[str], linter, unsafe: bool = False, write: bool = True) -> FixOutcome:
    outcome = FixOutcome()
    try:
        _fix_each(paths, linter, unsafe, write, outcome)
    except KeyboardInterrupt:
        if not write:
            raise
        raise FixInterrupted(sum(1 for fix in outcome.files if fix.changed)) from None
    return outcome


def _fix_each(paths: Iterable[str], linter, unsafe: bool, write: bool, outcome: FixOutcome) -> None:
    for path in paths:
        try:
            before = read_regular(path)
        except OSError as err:
            outcome.errors.append(f"{path}: cannot read for fixing: {err.strerror or err}")
            continue
        after, fixed = fix_bytes(before, path, linter, unsafe)
        result = FileFix(path, before, after, fixed)
        if result.changed and write:
            try:
                write_atomic(path, after)
            except KeyboardInterrupt:
                # Ctrl-C is held back while the page is written and surfaces after: the page
                # counts as written when it holds the new text.
                if _holds(path, after):
                    outcome.files.append(result)
                raise
            except OSError as err:
                outcome.errors.append(f"{path}: cannot write the fixed page: {err.strerror or err}")
                result = FileFix(path, before, before, 0)
        outcome.files.append(result)


def _holds(path: str, data: bytes) -> bool:
    try:
        return read_regular(path) == data
    except OSError:
        return False


def write_atomic(path: str, data: bytes) -> None:
    """Replace the file's contents at once: never a half-written page, mode kept. Ctrl-C is
    held back until the page is written (between creating the temporary file and entering the
    clean-up below, an interrupt would leave the file behind)."""
    holding = threading.current_thread() is threading.main_thread() and hasattr(
        signal, "pthread_sigmask"
    )
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT}) if holding else set()
    try:
        _write_atomic(path, data)
    finally:
        if holding:
            signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def _write_atomic(path: str, data: bytes) -> None:
    target = os.path.realpath(path)  # write through a symlink, not over it
    mode = stat.S_IMODE(os.stat(target).st_mode)
    folder = os.path.dirname(target) or "."
    prefix = "." + os.path.basename(target) + "."
    _remove_stale_temporaries(folder, prefix)
    handle, temporary = tempfile.mkstemp(dir=folder, prefix=prefix, suffix=TEMPORARY_SUFFIX)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temporary, mode)
        if before_rename is not None:
            before_rename(temporary)
        os.replace(temporary, target)
    except BaseException:
        try:
            os.unlink(temporary)
        except OSError:
            pass
        raise
    _fsync_folder(folder)


def _remove_stale_temporaries(folder: str, prefix: str) -> None:
    """Temporary files of this page left by a run that was killed between writing and renaming
    (SIGKILL, power loss). A recent one may be another run's write in progress: left alone."""
    try:
        names = [
            name
            for name in os.listdir(folder)
            if name.startswith(prefix) and name.endswith(TEMPORARY_SUFFIX)
        ]
    except OSError:
        return
    now = time.time()
    for name in names:
        path = os.path.join(folder, name)
        try:
            if now - os.lstat(path).st_mtime > STALE_AFTER_SECONDS:
                os.unlink(path)
        except OSError:
            pass


def _fsync_folder(folder: str) -> None:
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:  # not possible on every platform; the rename is done either way
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)


def page_lines(text: str) -> list[str]:
    """The page's lines as the parser numbers them, each with its ending: split at LF only.
    str.splitlines would also split at U+2028, U+0085, form feeds and lone CRs, which a page
    may hold inside a line, and the patch would then not apply to the page."""
    lines = text.split("\n")
    last = lines.pop()
    return [line + "\n" for line in lines] + ([last] if last else [])


def unified_diff(path: str, before: bytes, after: bytes) -> str:
    old = page_lines(before.decode("utf-8", "surrogateescape"))
    new = page_lines(after.decode("utf-8", "surrogateescape"))
    old_name, new_name = (path, path) if os.path.isabs(path) else (f"a/{path}", f"b/{path}")
    lines = difflib.unified_diff(old, new, fromfile=old_name, tofile=new_name)
    return "".join(
        line if line.endswith("\n") else line + "\n\\ No newline at end of file\n" for line in lines
    )
