"""Ctrl-C during the lookups: a real `genelint check` process, its services black-holed on
127.0.0.1 (connections accepted, never answered), gets SIGINT once it is waiting on them,
after the pages are checked or while they still are (the lookups start meanwhile).
It stops at once with exit 130, prints what was found so far, and leaves the cache whole.
Every child is started by the `spawn` fixture, which kills its process group when the test
ends: a run that never reaches the services, or ignores the signal, is not left running."""

import json
import shutil
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
HANG_GUARD = 20  # seconds: only so that a broken build fails instead of hanging the suite


@pytest.fixture
def black_hole(raw_server):
    """A server that accepts every connection and never answers; `accepted` is set at the first."""
    accepted = threading.Event()

    def hold(conn):
        accepted.set()
        time.sleep(60)

    url = raw_server(hold)
    return url, accepted


def write_pages_and_config(tmp_path, url, seed_cache):
    """The pages, and a config pointing every service at `url` and the caches at a folder that
    holds the reference data already (these tests are about the lookups, not about building
    GL405's name index)."""
    seed_cache(tmp_path / "cache")
    for name in ("ALAS2.md", "HBB.md"):
        shutil.copy(EXAMPLES / name, tmp_path / name)
    config = tmp_path / "genelint.toml"
    hosts = ("crossref", "doi", "eutils", "variation", "uniprot")
    config.write_text(
        "[services]\n"
        + "".join(f'{host} = "{url}/{host}"\n' for host in hosts)
        + f'cache-path = "{tmp_path / "cache"}"\ntimeout = 30\nhost-deadline = 60\n'
    )
    return config


def start_check(spawn, seed_cache, tmp_path, url, *args):
    config = write_pages_and_config(tmp_path, url, seed_cache)
    command = [
        sys.executable,
        "-c",
        "import sys; from genelint.cli import main; sys.exit(main())",
        "check",
        "--config",
        str(config),
        *args,
        str(tmp_path),
    ]
    return spawn(command, cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def interrupt(process, accepted):
    assert accepted.wait(HANG_GUARD), "the run never reached the services"
    time.sleep(0.2)  # every service thread is now blocked reading its socket
    sent = time.monotonic()
    process.send_signal(signal.SIGINT)
    out, err = process.communicate(timeout=HANG_GUARD)
    return out, err, time.monotonic() - sent


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_ctrl_c_during_lookups_reports_what_was_found_and_exits_130(
    tmp_path, black_hole, jobs, spawn, seed_cache
):
    url, accepted = black_hole
    process = start_check(spawn, seed_cache, tmp_path, url, "--jobs", jobs)
    out, err, seconds = interrupt(process, accepted)
    assert process.returncode == 130, err
    lines = out.splitlines()
    # The page's own findings, found before the lookups, are reported ...
    assert any(": GL202 [error] HGNC:398 is the withdrawn ALAS3" in line for line in lines)
    # ... and the lookups that had no answer yet are counted, not reported one by one.
    assert not [line for line in lines if "GL010" in line]
    assert lines[-1].endswith("Nothing could be verified: 16 lookups not verified.")
    assert err.strip().splitlines()[-1] == (
        "genelint: interrupted (Ctrl-C) during the lookups: the report shows what was found so far"
    )
    print(
        f"Ctrl-C to exit: {seconds:.2f} s"
    )  # a figure for -s; bench_outage.py measures it properly


def test_cache_is_whole_after_ctrl_c(tmp_path, black_hole, spawn, seed_cache):
    url, accepted = black_hole
    process = start_check(spawn, seed_cache, tmp_path, url)
    interrupt(process, accepted)
    cache = tmp_path / "cache" / "services-v2.sqlite"
    with sqlite3.connect(cache) as db:
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    info = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys; from genelint.cli import main; sys.exit(main())",
            "cache",
            "info",
        ],  # genelint.toml of the current folder
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=HANG_GUARD,
    )
    assert info.returncode == 0, info.stderr
    assert "entries: 0" in info.stdout  # nothing was answered, so nothing half-answered was stored
    assert not (tmp_path / "cache" / "services-down.json").exists()  # an interruption is no outage


def test_ctrl_c_before_anything_is_reported_says_so(tmp_path, spawn):
    # A FIFO named like a page: reading it blocks until the signal comes.
    fifo = tmp_path / "pages" / "stuck.md"
    fifo.parent.mkdir()
    import os

    os.mkfifo(fifo)
    command = [
        sys.executable,
        "-c",
        "import sys; from genelint.cli import main; sys.exit(main())",
        "check",
        "--offline",
        str(fifo),
    ]
    process = spawn(
        command, cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    time.sleep(1.5)
    if process.poll() is not None:
        pytest.skip(
            "the FIFO was not opened for reading (special files are refused before opening)"
        )
    process.send_signal(signal.SIGINT)
    out, err = process.communicate(timeout=HANG_GUARD)
    assert process.returncode == 130
    assert out == ""
    assert err.strip().splitlines()[-1] == "genelint: interrupted (Ctrl-C); nothing was reported"


def test_ctrl_c_is_an_unsuccessful_run_in_sarif(tmp_path, black_hole, spawn, seed_cache):
    url, accepted = black_hole
    process = start_check(spawn, seed_cache, tmp_path, url, "--format", "sarif")
    out, err, _ = interrupt(process, accepted)
    assert process.returncode == 130, err
    [invocation] = json.loads(out)["runs"][0]["invocations"]
    assert invocation["executionSuccessful"] is False
    assert [n["descriptor"]["id"] for n in invocation["toolExecutionNotifications"]] == [
        "interrupted"
    ]


STUCK = """
import sys, time
from pathlib import Path
from genelint.cli import main
from genelint.engine import Linter

check_document = Linter.check_document

def stuck_on_the_last_page(self, doc):
    # This page is never done (in whichever process checks it): Ctrl-C comes while the
    # pages are still checked, and the lookups of those checked before it are in flight.
    if doc.path.endswith("zz_stuck.md"):
        Path(sys.argv[1]).write_text("stuck")
        while True:
            time.sleep(0.05)
    return check_document(self, doc)

Linter.check_document = stuck_on_the_last_page
sys.exit(main(sys.argv[2:]))
"""


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_ctrl_c_while_pages_are_checked_and_lookups_asked(
    tmp_path, black_hole, jobs, spawn, seed_cache
):
    url, accepted = black_hole
    config = write_pages_and_config(tmp_path, url, seed_cache)
    shutil.copy(EXAMPLES / "HBB.md", tmp_path / "zz_stuck.md")
    marker = tmp_path / "stuck"
    command = [sys.executable, "-c", STUCK, str(marker)]
    args = ["check", "--config", str(config), "--no-cache", "--jobs", jobs, str(tmp_path)]
    process = spawn(
        command + args, cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    waited = 0.0
    while not marker.exists() and waited < HANG_GUARD:  # the last page is being checked
        time.sleep(0.05)
        waited += 0.05
    # ... and the services were asked before it: the pages checked so far listed lookups.
    out, err, seconds = interrupt(process, accepted)
    assert marker.exists()
    assert process.returncode == 130, err
    lines = out.splitlines()
    assert any(": GL202 [error] HGNC:398 is the withdrawn ALAS3" in line for line in lines)
    assert not any("zz_stuck.md" in line for line in lines)
    assert not [line for line in lines if "GL010" in line]
    assert lines[-1].startswith("Found ") and " of 2 files." in lines[-1]
    assert lines[-1].endswith("Nothing could be verified: 16 lookups not verified.")
    assert err.strip().splitlines()[-1] == (
        "genelint: interrupted (Ctrl-C) while checking the pages: the report shows what was "
        "found in the 2 checked so far (1 left unchecked; the rules across pages and "
        "unused-suppression did not run)"
    )
    print(f"Ctrl-C to exit: {seconds:.2f} s")
