"""The per-page phase in worker processes: the same results as in one process, in the order
of the files, and Ctrl-C stops a real run at any --jobs with exit 130 and no worker left."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from genelint.cache import PackedFacts
from genelint.compact import lookup_hashes
from genelint.config import settings_from_table
from genelint.engine import Linter
from genelint.registry import load_registry
from genelint.workers import MAX_CHUNK, SHARES, _Chunks, check_pages

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "rules" / "fixtures"


def write_pages(folder: Path, count: int) -> list[Path]:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        from make_corpus import write_corpus
    finally:
        sys.path.remove(str(ROOT / "benchmarks"))
    return write_corpus(folder, count, seed=3, problem_share=0.3)


def test_outcomes_from_workers_are_those_of_one_process():
    paths = sorted(str(p) for p in FIXTURES.rglob("*.md"))
    linter = Linter(settings_from_table({}), load_registry(), offline=True)
    alone = {o.position: o for o in check_pages(linter, paths, 1, None, "")}
    pooled = {o.position: o for o in check_pages(linter, paths, 2, None, "")}
    assert sorted(alone) == sorted(pooled) == list(range(len(paths)))
    here = 0
    for index, path in enumerate(paths):
        # a page checked in this process is kept as it is; from a worker comes its result with
        # its facts packed as the run keeps them, and no record: without a cache none is stored
        outcome = pooled[index]
        assert outcome.record is None and outcome.result is not None
        assert outcome.digest == alone[index].digest
        here += not isinstance(outcome.result.facts, PackedFacts)
        again = outcome.file_result(path)
        assert (again.findings, dict(again.facts), again.lookups) == (
            alone[index].result.findings,
            alone[index].result.facts,
            alone[index].result.lookups,
        )
    # --jobs 2 is this process and one worker, each checking a share of the pages
    assert 0 < here < len(paths)
    jobs_1 = linter.run(paths, jobs=1).findings
    jobs_2 = linter.run(paths, jobs=2).findings
    assert jobs_1 == jobs_2 and len(jobs_1) > 100


def test_forked_workers_of_a_run_that_only_counts_lookups_send_their_hashes():
    paths = sorted(str(p) for p in FIXTURES.rglob("*.md"))
    linter = Linter(settings_from_table({}), load_registry(), offline=True)
    alone = {o.position: o.result.lookups for o in check_pages(linter, paths, 1, None, "")}
    pooled = list(check_pages(linter, paths, 2, None, "", count_lookups=True))
    hashed = [outcome for outcome in pooled if outcome.lookup_hashes is not None]
    here = [outcome for outcome in pooled if outcome.lookup_hashes is None]
    assert hashed and here  # the worker's pages, and this process's
    for outcome in hashed:
        assert outcome.lookup_hashes == lookup_hashes(alone[outcome.position])
        assert outcome.result.lookups == []
    assert all(outcome.result.lookups == alone[outcome.position] for outcome in here)
    assert sum(map(len, alone.values())) > 100


def test_no_outcome_is_given_before_the_workers_exist():
    # The pages checked before the fork (to warm the workers) are given after it: what the
    # caller does with an outcome may start threads (streamed lookups), which a forked worker
    # must not inherit halfway through holding a lock.
    paths = sorted(str(p) for p in FIXTURES.rglob("*.md"))[:40]
    linter = Linter(settings_from_table({}), load_registry(), offline=True)
    events = []
    for _ in check_pages(linter, paths, 2, None, "", lambda: events.append("started")):
        events.append("outcome")
    assert events == ["started"] + ["outcome"] * len(paths)


def test_a_crashing_rule_in_a_worker_is_reported_with_its_page(tmp_path, monkeypatch):
    from genelint.rules.structure import EmptySection

    def crash(self, doc, ctx):
        raise RuntimeError("boom")

    monkeypatch.setattr(EmptySection, "check", crash)  # the pool forks: the workers have it too
    paths = sorted(str(p) for p in (FIXTURES / "structure").glob("*.md"))
    run = Linter(settings_from_table({}), load_registry(), offline=True).run(paths, jobs=2)
    assert len(run.internal_errors) == len(paths)
    assert all(
        "rule GL104 (empty-section) crashed" in error and "boom" in error
        for error in run.internal_errors
    )


def _start_check(spawn, tmp_path: Path, jobs: int) -> subprocess.Popen:
    """`genelint check --jobs JOBS` over 5,000 pages (seconds of work), in a session of its own,
    as a terminal's foreground job: Ctrl-C sends SIGINT to the whole group. `spawn` kills the
    group when the test ends, so a run or worker the test could not stop is not left running."""
    write_pages(tmp_path / "pages", 5000)
    environment = {**os.environ, "GENELINT_CACHE_DIR": str(tmp_path / "cache")}
    command = [sys.executable, "-m", "genelint.cli", "check", "--offline", "--no-cache"]
    return spawn(
        [*command, "--jobs", str(jobs), "pages"],
        cwd=tmp_path,
        env=environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


def _children(pid: int) -> list[int]:
    found = []
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children") as children:
                found += [int(child) for child in children.read().split()]
    except OSError:
        pass
    return found


@pytest.mark.skipif(
    not Path("/proc/self/task").exists(), reason="reads the process tree from /proc"
)
@pytest.mark.parametrize("jobs", [1, 2])
def test_ctrl_c_in_the_per_page_phase_exits_130_and_leaves_no_worker(tmp_path, jobs, spawn):
    process = _start_check(spawn, tmp_path, jobs)
    deadline = time.monotonic() + 60
    # --jobs N: this process checks pages with N - 1 workers
    while time.monotonic() < deadline and (
        jobs > 1 and len(_children(process.pid)) < jobs - 1 or jobs == 1
    ):
        if jobs == 1:
            break
        time.sleep(0.05)
    time.sleep(0.8)  # well inside the per-page phase (5000 pages take seconds)
    assert process.poll() is None, "the run ended before it could be interrupted"
    workers = _children(process.pid)
    assert len(workers) == jobs - 1
    os.killpg(process.pid, signal.SIGINT)
    _, err = process.communicate(timeout=30)  # a guard against a hang, not a speed measure
    assert process.returncode == 130, err.decode()
    assert b"Traceback" not in err
    for worker in workers:
        assert (
            not Path(f"/proc/{worker}").exists()
            or "Z" in Path(f"/proc/{worker}/stat").read_text().split()[2]
        )


def test_chunks_hand_out_every_position_once_and_fewer_toward_the_end():
    chunks = _Chunks(1000, jobs=2)
    handed = []
    while chunks.left:
        handed.append(chunks.take())
    positions = [index for chunk in handed for index in chunk]
    assert positions == list(range(1000))
    sizes = [len(chunk) for chunk in handed]
    assert sizes[0] == MAX_CHUNK and max(sizes) == MAX_CHUNK
    assert sizes == sorted(sizes, reverse=True) and sizes[-1] == 1
    # toward the end a chunk is at most 1/SHARES of each process's share of what is left
    left = 1000
    for size in sizes:
        assert size <= max(1, left // (2 * SHARES))
        left -= size


def test_chunks_a_lost_worker_had_are_handed_out_again_first():
    chunks = _Chunks(100, jobs=2)
    lost = [chunks.take(), chunks.take()]
    left = chunks.left
    chunks.give_back(lost)
    assert chunks.left == left + sum(map(len, lost))
    again = {chunks.take().start, chunks.take().start}
    assert again == {chunk.start for chunk in lost}
    assert chunks.take().start == lost[-1].stop  # then on from where it was


def test_a_worker_that_ends_unexpectedly_has_its_pages_checked_in_this_process(monkeypatch, capfd):
    from genelint.rules.structure import EmptySection

    main = os.getpid()
    check = EmptySection.check

    def killed_in_a_worker(self, doc, ctx):
        if os.getpid() != main:  # as the kernel's OOM killer would end it
            os._exit(3)
        return check(self, doc, ctx)

    paths = sorted(str(p) for p in FIXTURES.rglob("*.md"))
    linter = Linter(settings_from_table({}), load_registry(), offline=True)
    alone = linter.run(paths, jobs=1).findings
    monkeypatch.setattr(EmptySection, "check", killed_in_a_worker)  # the workers fork with it
    pooled = linter.run(paths, jobs=3)
    assert pooled.findings == alone and not pooled.internal_errors
    err = capfd.readouterr().err
    assert err.count("genelint: warning: a worker process ended unexpectedly (exit code 3)") == 2
    assert "checked in the main process" in err


def test_spawned_workers_where_there_is_no_fork(monkeypatch):
    # (Windows): each worker is a new interpreter that builds its own Linter
    paths = sorted(str(p) for p in FIXTURES.rglob("*.md"))[:80]
    linter = Linter(settings_from_table({}), load_registry(), offline=True)
    alone = {o.position: o.result.findings for o in check_pages(linter, paths, 1, None, "")}
    monkeypatch.delattr(os, "fork")
    spawned = {o.position: o.result.findings for o in check_pages(linter, paths, 2, None, "")}
    assert spawned == alone


@pytest.mark.skipif(
    not Path("/proc/self/task").exists(), reason="reads the process tree from /proc"
)
def test_the_workers_end_when_the_main_process_is_killed(tmp_path, spawn):
    # Killed (SIGKILL: no handler runs), the main process closes nothing itself: its pipes
    # close with it, and the worker, reading its next chunk or sending its results, ends.
    process = _start_check(spawn, tmp_path, 3)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and len(_children(process.pid)) < 2:
        time.sleep(0.05)
    time.sleep(0.5)  # inside the per-page phase
    workers = _children(process.pid)
    assert process.poll() is None and len(workers) == 2
    process.kill()
    process.wait()
    deadline = time.monotonic() + 30  # a guard against a worker left behind, not a speed measure
    while time.monotonic() < deadline and any(map(_running, workers)):
        time.sleep(0.05)
    assert not any(map(_running, workers))
    assert b"Traceback" not in process.stderr.read()


def _running(pid: int) -> bool:
    try:
        return "Z" not in Path(f"/proc/{pid}/stat").read_text().split()[2]
    except OSError:
        return False
