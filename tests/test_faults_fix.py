"""--fix interrupted by the worst moments: SIGKILL between writing a page's new version and
renaming it over the page, and SIGINT (Ctrl-C) in the middle of a run fixing many pages.
Real processes: every page ends wholly old or wholly new, and no temporary file is left
behind or taken for a page."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from genelint.fixer import STALE_AFTER_SECONDS, TEMPORARY_SUFFIX, fix_bytes
from genelint.testing import make_linter

PAGE = (Path(__file__).parent / "rules" / "fixtures" / "citations" / "doi_prefixes.md").read_bytes()

RUN = "import sys\nfrom genelint.cli import main\nsys.exit(main(sys.argv[1:]))\n"
KILLED_BEFORE_RENAME = (
    """
import os, signal
import genelint.fixer
genelint.fixer.before_rename = lambda temporary: os.kill(os.getpid(), signal.SIGKILL)
"""
    + RUN
)


def _fixed(raw: bytes) -> bytes:
    fixed, count = fix_bytes(raw, "page.md", make_linter(), unsafe=False)
    assert count and fixed != raw  # the page has safe fixes to apply, or the test proves nothing
    return fixed


def _genelint(folder: Path, *args: str, code: str = RUN) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", code, *args], cwd=folder, capture_output=True, text=True, timeout=120
    )


def _temporaries(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if p.name.endswith(TEMPORARY_SUFFIX)]


def test_killed_between_write_and_rename_leaves_the_old_page_and_a_hidden_temporary(tmp_path):
    page = tmp_path / "ALAS2.md"
    page.write_bytes(PAGE)
    killed = _genelint(
        tmp_path, "check", "--offline", "--no-cache", "--fix", "ALAS2.md", code=KILLED_BEFORE_RENAME
    )
    assert killed.returncode == -signal.SIGKILL
    assert page.read_bytes() == PAGE  # wholly old
    [temporary] = _temporaries(tmp_path)
    assert temporary.name.startswith(".ALAS2.md.") and temporary.read_bytes() == _fixed(PAGE)

    checked = _genelint(tmp_path, "check", "--offline", "--no-cache", "--format", "json", ".")
    assert (
        checked.returncode == 1 and temporary.name not in checked.stdout
    )  # never taken for a page
    assert json.loads(checked.stdout)["summary"]["files"] == 1

    # The next --fix of that page removes a temporary left by a killed run...
    old = time.time() - STALE_AFTER_SECONDS - 1
    os.utime(temporary, (old, old))
    fixed = _genelint(tmp_path, "check", "--offline", "--no-cache", "--fix", "ALAS2.md")
    assert fixed.returncode in (0, 1), fixed.stderr
    assert page.read_bytes() == _fixed(PAGE)  # wholly new
    assert _temporaries(tmp_path) == []


def test_a_recent_temporary_may_be_another_run_writing_and_is_left_alone(tmp_path):
    page = tmp_path / "ALAS2.md"
    page.write_bytes(PAGE)
    other_run = tmp_path / f".ALAS2.md.abc123{TEMPORARY_SUFFIX}"
    other_run.write_bytes(b"half")
    _genelint(tmp_path, "check", "--offline", "--no-cache", "--fix", "ALAS2.md")
    assert page.read_bytes() == _fixed(PAGE)
    assert _temporaries(tmp_path) == [other_run]


def test_ctrl_c_during_a_many_page_fix_leaves_each_page_old_or_new(tmp_path, spawn):
    pages = [tmp_path / f"GENE{n:04d}.md" for n in range(400)]
    for page in pages:
        page.write_bytes(PAGE)
    new = _fixed(PAGE)
    process = spawn(  # its group is killed when the test ends, however it ends
        [
            sys.executable,
            "-c",
            RUN,
            "check",
            "--offline",
            "--no-cache",
            "--jobs",
            "1",
            "--fix",
            ".",
        ],
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 120
    while not any(
        page.read_bytes() != PAGE for page in pages
    ):  # the fix phase has written its first page
        assert process.poll() is None and time.monotonic() < deadline, (
            "the run ended before it fixed a page"
        )
        time.sleep(0.002)
    process.send_signal(signal.SIGINT)
    stdout, stderr = process.communicate(timeout=60)
    assert process.returncode == 130, stderr
    contents = [page.read_bytes() for page in pages]
    assert all(content in (PAGE, new) for content in contents)
    assert (
        contents.count(new) >= 1 and contents.count(PAGE) >= 1
    )  # stopped mid-way, not before or after
    assert _temporaries(tmp_path) == []
    # It says how many pages it wrote, not that nothing happened.
    written = contents.count(new)
    pages = "1 page was" if written == 1 else f"{written} pages were"
    assert stderr.decode().strip().splitlines()[-1] == (
        f"genelint: interrupted (Ctrl-C) while fixing: {pages} fixed and written whole, "
        "the others left as they were; nothing was reported"
    )
