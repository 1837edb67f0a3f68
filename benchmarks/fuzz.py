"""Fuzz genelint for N minutes: the parser, the HGVS parser, the offline check and the fixer.

    pip install -e '.[fuzz]'           # atheris (coverage-guided, libFuzzer); without it a
    python benchmarks/fuzz.py --minutes 35   # seeded random loop with the same mutator runs

Inputs start from every real page in the repository (examples, rule and parser fixtures) and
are damaged by the structure-aware mutator of tests/fuzzing.py (lines and table cells
swapped, cut, duplicated; bytes put into IDs, changes, DOIs and YAML), with atheris' own
byte mutations mixed in. Each input goes through tests/fuzzing.check_page. An input that
raises, or that takes more than --slow seconds, is minimised and saved under
tests/regressions/ (crash-<digest>.md / slow-<digest>.md), which the suite replays.
Prints the inputs tried, crashes and slow inputs, every 60 s and at the end.
"""

from __future__ import annotations

import argparse
import atexit
import hashlib
import random
import sys
import time
import traceback
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

import fuzzing  # noqa: E402

STATS = {"inputs": 0, "crashes": 0, "slow": 0, "saved": []}
MINIMISE_SECONDS = 120
SEEN: set[str] = set()  # a crash's place (exception type and last frame), so one bug is saved once


def _timed(raw: bytes) -> tuple[float, BaseException | None]:
    """CPU seconds (wall time on a shared machine counts the neighbours) and the error, if any."""
    start = time.process_time()
    try:
        fuzzing.check_page(raw)
        error = None
    except Exception as err:  # noqa: BLE001 - every exception is a finding of this run
        error = err
    return time.process_time() - start, error


def _where(err: BaseException) -> str:
    frames = traceback.extract_tb(err.__traceback__)
    last = frames[-1] if frames else None
    return f"{type(err).__name__}@{last.filename}:{last.lineno}" if last else type(err).__name__


def _save(kind: str, raw: bytes, note: str) -> Path:
    fuzzing.REGRESSIONS.mkdir(parents=True, exist_ok=True)
    path = fuzzing.REGRESSIONS / f"{kind}-{hashlib.sha256(raw).hexdigest()[:12]}.md"
    path.write_bytes(raw)
    STATS["saved"].append(f"{path.name}: {note}")
    print(f"fuzz: saved {path} ({note})", file=sys.stderr, flush=True)
    return path


def one_input(raw: bytes, slow: float) -> None:
    STATS["inputs"] += 1
    elapsed, error = _timed(raw)
    if error is not None:
        where = _where(error)
        if where in SEEN:
            return
        SEEN.add(where)
        STATS["crashes"] += 1
        small = fuzzing.minimise(raw, lambda candidate: _same_crash(candidate, where), _budget())
        _save("crash", small, f"{where}: {str(error)[:120]}")
    elif elapsed > slow and _timed(raw)[0] > slow:  # slow twice: not a moment of bad luck
        STATS["slow"] += 1
        small = fuzzing.minimise(raw, lambda candidate: _timed(candidate)[0] > slow, _budget())
        _save("slow", small, f"{elapsed:.2f} s")


def _budget() -> float:
    """When minimising one input stops (what is smallest by then is saved): libFuzzer ends a
    run whose one input takes longer than its -timeout."""
    return time.monotonic() + MINIMISE_SECONDS


def _same_crash(raw: bytes, where: str) -> bool:
    _, error = _timed(raw)
    return error is not None and _where(error) == where


def report() -> None:
    print(
        f"fuzz: {STATS['inputs']} inputs tried, {STATS['crashes']} crashes, {STATS['slow']} slow inputs",
        flush=True,
    )
    for line in STATS["saved"]:
        print(f"  {line}", flush=True)


def _progress(started: float, last: list[float]) -> None:
    now = time.monotonic()
    if now - last[0] >= 60:
        last[0] = now
        print(
            f"fuzz: {(now - started) / 60:.1f} min, {STATS['inputs']} inputs, {STATS['crashes']} crashes, "
            f"{STATS['slow']} slow",
            flush=True,
        )


def run_atheris(atheris, seeds: list[bytes], args) -> None:
    corpus = Path(args.corpus)
    corpus.mkdir(parents=True, exist_ok=True)
    for seed in seeds:
        (corpus / hashlib.sha256(seed).hexdigest()[:16]).write_bytes(seed)
    started, last = time.monotonic(), [time.monotonic()]

    def test_one_input(data: bytes) -> None:
        one_input(data, args.slow)
        _progress(started, last)

    def custom_mutator(data: bytes, max_size: int, seed: int) -> bytes:
        rng = random.Random(seed)
        if rng.random() < 0.7:
            mutated = fuzzing.mutate(data or rng.choice(seeds), rng)
        else:
            mutated = atheris.Mutate(data, max_size)
        return mutated[:max_size]

    atexit.register(report)
    fuzzing.check_page(
        seeds[0]
    )  # import every module a check uses, then instrument them for coverage
    atheris.instrument_all()
    atheris.Setup(
        [
            sys.argv[0],
            f"-max_total_time={int(args.minutes * 60)}",
            f"-timeout={MINIMISE_SECONDS * 3}",
            "-rss_limit_mb=4096",
            f"-max_len={args.max_len}",
            "-print_final_stats=1",
            f"-artifact_prefix={corpus}/",  # libFuzzer's own crash/timeout files, not in the checkout
            str(corpus),
        ],
        test_one_input,
        custom_mutator=custom_mutator,
    )
    atheris.Fuzz()


def run_random(seeds: list[bytes], args) -> None:
    rng = random.Random(args.seed)
    started, last = time.monotonic(), [time.monotonic()]
    deadline = started + args.minutes * 60
    while time.monotonic() < deadline:
        raw = fuzzing.mutate(rng.choice(seeds), rng)
        if rng.random() < 0.05:
            raw = bytes(rng.randrange(256) for _ in range(rng.randrange(200)))
        one_input(raw[: args.max_len], args.slow)
        _progress(started, last)
    report()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=5.0)
    parser.add_argument(
        "--slow",
        type=float,
        default=1.0,
        help="seconds per page above which an input is saved as slow",
    )
    parser.add_argument("--max-len", type=int, default=64 * 1024)
    parser.add_argument(
        "--seed", type=int, default=0, help="seed of the random loop (without atheris)"
    )
    parser.add_argument(
        "--corpus", default="/tmp/genelint-fuzz-corpus", help="atheris' working corpus folder"
    )
    parser.add_argument(
        "--no-atheris",
        action="store_true",
        help="use the seeded random loop even if atheris is installed",
    )
    args = parser.parse_args()
    seeds = fuzzing.seed_pages()
    fuzzing.offline_linter()  # build the linter (and unpack reference data) before timing anything
    try:
        import atheris
    except ImportError:
        atheris = None
    print(
        f"fuzz: {len(seeds)} seed pages, {'atheris' if atheris and not args.no_atheris else 'random loop'}, "
        f"{args.minutes} min",
        flush=True,
    )
    if atheris is not None and not args.no_atheris:
        run_atheris(atheris, seeds, args)
    else:
        run_random(seeds, args)


if __name__ == "__main__":
    main()
