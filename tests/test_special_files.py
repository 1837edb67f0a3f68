"""Special files and odd names: a run never blocks on them, never crashes, and says what they are.

Each CLI run is a real process with a time-out, so a regression that blocks (opening a FIFO
waits for a writer forever) fails the test instead of hanging the suite.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import stat
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from genelint.cli import main
from genelint.config import Settings, find_config
from genelint.engine import read_raw
from genelint.files import NotRegularFile, read_regular, select_files

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
TIMEOUT = 60  # far above a normal run; reached only when something blocks


def genelint(*args: str, cwd: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    script = Path(sys.executable).with_name("genelint")
    command = str(script) if script.exists() else shutil.which("genelint")
    return subprocess.run(
        [command, *args],
        capture_output=True,
        cwd=cwd,
        timeout=TIMEOUT,
        env={**os.environ, **(env or {})},
    )


@pytest.fixture
def tree(tmp_path):
    shutil.copy(EXAMPLES / "HBB.md", tmp_path / "HBB.md")
    return tmp_path


def problems(raw) -> list[str]:
    return [p.message for p in raw.problems]


def test_fifo_in_a_folder_is_gl001_and_the_run_ends(tree):
    os.mkfifo(tree / "pipe.md")
    run = genelint("check", "--offline", "--format", "json", ".", cwd=tree)
    assert run.returncode == 1, run.stderr
    report = json.loads(run.stdout)
    (finding,) = [f for f in report["findings"] if f["path"] == "pipe.md"]
    assert finding["code"] == "GL001"
    assert finding["message"] == "is a named pipe (FIFO), not a regular file"
    assert (finding["line"], finding["column"]) == (1, 1)


def test_fifo_and_socket_named_on_the_command_line(tree):
    os.mkfifo(tree / "pipe.md")
    with socket.socket(socket.AF_UNIX) as server:
        server.bind(str(tree / "sock.md"))
        run = genelint("check", "--offline", "pipe.md", "sock.md", "HBB.md", cwd=tree)
    out = run.stdout.decode()
    assert run.returncode == 1, run.stderr
    assert "pipe.md:1:1: GL001 [error] is a named pipe (FIFO), not a regular file" in out
    assert "sock.md:1:1: GL001 [error] is a socket, not a regular file" in out


def test_a_link_to_a_device_is_gl001(tree):
    os.symlink("/dev/zero", tree / "zero.md")  # reading it would never end
    run = genelint("check", "--offline", "zero.md", cwd=tree)
    assert run.returncode == 1
    assert (
        "zero.md:1:1: GL001 [error] is a character device, not a regular file"
        in run.stdout.decode()
    )


@pytest.mark.parametrize("fmt", ["json", "sarif", "github", "gitlab", "junit", "html"])
def test_every_format_and_the_fixer_pass_a_fifo_by(tree, fmt):
    """Reporters that read pages again (fingerprints, the HTML excerpts) and the fixer
    must not open the FIFO either."""
    os.mkfifo(tree / "pipe.md")
    run = genelint("check", "--offline", "--format", fmt, "--output", "report.out", ".", cwd=tree)
    assert run.returncode == 1, run.stderr
    assert b"pipe.md" in (tree / "report.out").read_bytes()


def test_fix_and_diff_pass_a_fifo_by(tree):
    os.mkfifo(tree / "pipe.md")
    (tree / "legacy.md").write_text(
        (EXAMPLES / "ALAS2.md").read_text(encoding="utf-8"), encoding="utf-8"
    )
    assert genelint("check", "--offline", "--diff", ".", cwd=tree).returncode == 1
    fixed = genelint("check", "--offline", "--fix", ".", cwd=tree)
    assert fixed.returncode == 1
    assert "p.Val122Ile" in (tree / "legacy.md").read_text(encoding="utf-8")
    assert stat.S_ISFIFO(os.lstat(tree / "pipe.md").st_mode)


@pytest.mark.parametrize("option", ["--config", "--baseline"])
def test_a_config_or_baseline_that_is_a_fifo_is_a_usage_error(tree, option):
    os.mkfifo(tree / "pipe")
    run = genelint("check", "--offline", option, "pipe", "HBB.md", cwd=tree)
    assert run.returncode == 2
    assert "pipe: cannot read" in run.stderr.decode()
    assert "a named pipe (FIFO), not a regular file" in run.stderr.decode()


def test_a_file_swapped_for_a_fifo_after_the_check_is_refused_without_blocking(
    tmp_path, monkeypatch
):
    """The kind is checked again on the opened descriptor: a page replaced by a FIFO between
    stat and open is opened without waiting (O_NONBLOCK) and refused."""
    pipe = tmp_path / "pipe.md"
    os.mkfifo(pipe)
    regular = os.stat(EXAMPLES / "HBB.md")
    real_stat = os.stat
    monkeypatch.setattr(
        os,
        "stat",
        lambda path, *a, **k: regular if Path(path) == pipe else real_stat(path, *a, **k),
    )
    with pytest.raises(NotRegularFile) as caught:
        read_regular(pipe)
    assert caught.value.kind == "a named pipe (FIFO)"


def test_regular_files_read_whole_or_up_to_a_limit(tmp_path):
    page = tmp_path / "page.md"
    page.write_bytes(b"0123456789")
    assert read_regular(page) == b"0123456789"
    assert read_regular(page, 4) == b"0123"


def _as_nobody():
    """Drop the effective user to nobody for a block (root reads whatever it likes)."""

    class Dropped:
        def __enter__(self):
            if os.geteuid() == 0:
                os.setegid(65534)
                os.seteuid(65534)

        def __exit__(self, *exc):
            if os.getuid() == 0:
                os.seteuid(0)
                os.setegid(0)

    return Dropped()


@pytest.mark.skipif(not hasattr(os, "seteuid"), reason="needs POSIX users to take away read rights")
def test_a_folder_that_cannot_be_listed_and_a_file_that_cannot_be_read():
    base = Path(
        tempfile.mkdtemp(prefix="genelint-rights-")
    )  # pytest's own folders are root's alone
    base.chmod(0o755)
    root = base / "pages"
    (root / "locked").mkdir(parents=True)
    shutil.copy(EXAMPLES / "HBB.md", root / "locked" / "HBB.md")
    shutil.copy(EXAMPLES / "HBB.md", root / "secret.md")
    shutil.copy(EXAMPLES / "HBB.md", root / "open.md")
    os.chmod(root / "locked", 0)
    os.chmod(root / "secret.md", 0)
    try:
        with _as_nobody():
            selection = select_files([str(root)], Settings())
            raws = {Path(path).name: read_raw(path, Settings()) for path in selection.files}
    finally:
        os.chmod(root / "locked", 0o755)
        shutil.rmtree(base)
    assert sorted(raws) == ["locked", "open.md", "secret.md"]
    assert problems(raws["locked"]) == ["cannot list folder: Permission denied"]
    assert problems(raws["secret.md"]) == ["cannot read file: Permission denied"]
    assert isinstance(raws["open.md"], bytes)


@pytest.mark.skipif(
    not hasattr(os, "seteuid") or os.geteuid() != 0,
    reason="needs root to drop to a user for whom a folder is closed (root enters any folder)",
)
def test_a_page_named_inside_a_folder_that_cannot_be_searched(capsys, monkeypatch):
    # Found by trying it as a user: `genelint check locked/HBB.md` said "no such file or
    # folder" (exit 2), and with it first, config discovery's is_dir() raised a traceback.
    base = Path(tempfile.mkdtemp(prefix="genelint-rights-"))
    base.chmod(0o755)
    (base / "genelint.toml").write_text('fail-on = "error"\n')
    (base / "locked").mkdir()
    shutil.copy(EXAMPLES / "HBB.md", base / "locked" / "HBB.md")
    shutil.copy(EXAMPLES / "ALAS2.md", base / "ALAS2.md")
    monkeypatch.chdir(base)
    main(["check", "--offline", "ALAS2.md"])  # as root first: nobody may not read Python's modules
    capsys.readouterr()
    os.chmod(base / "locked", 0o600)  # listed but not searched: its files cannot be reached
    try:
        with _as_nobody():
            found = find_config(base / "locked" / "HBB.md")
            code = main(["check", "--offline", "--no-cache", "locked/HBB.md", "ALAS2.md"])
    finally:
        os.chmod(base / "locked", 0o755)
        shutil.rmtree(base)
    out, err = capsys.readouterr()
    assert found == base / "genelint.toml"  # the folder above is still searched
    assert (code, err) == (1, "")  # 1: GL001 is an error (fail-on from the config above)
    assert "locked/HBB.md:1:1: GL001 [error] cannot read file: Permission denied" in out


def test_names_with_a_newline_or_bytes_that_are_not_utf8(tree):
    """Both pages are checked and reported (as duplicates of HBB.md: the corpus rules see
    them), the newline escaped in the text report, and no format crashes."""
    shutil.copy(tree / "HBB.md", tree / "new\nline.md")
    shutil.copy(tree / "HBB.md", os.fsencode(tree) + b"/bad\xff.md")
    text = genelint("check", "--offline", ".", cwd=tree)
    assert text.returncode == 1, text.stderr
    lines = text.stdout.decode("utf-8", "replace").splitlines()
    assert any(line.startswith("new\\x0aline.md:") and "GL903" in line for line in lines)
    assert any(line.startswith("bad") and "GL903" in line for line in lines)
    for fmt in ("json", "sarif", "github", "gitlab", "junit", "html"):
        run = genelint(
            "check", "--offline", "--format", fmt, "--output", f"report.{fmt}", ".", cwd=tree
        )
        assert run.returncode == 1, (fmt, run.stderr)
        assert b"Traceback" not in run.stderr
    again = genelint("check", "--offline", ".", cwd=tree)  # now answered from the result cache
    assert again.stdout == text.stdout


def test_a_file_that_grew_since_it_was_measured_is_read_to_its_end(tmp_path):
    from genelint.files import _read_to_end

    page = tmp_path / "growing.md"
    page.write_bytes(bytes(range(256)) * 1000)  # longer than the size measured (10) + a piece
    with open(page, "rb") as handle:
        assert _read_to_end(handle.fileno(), 11, None) == page.read_bytes()
    with open(page, "rb") as handle:
        assert _read_to_end(handle.fileno(), 11, 70_000) == page.read_bytes()[:70_000]
